package emrpipeline.slack;

/**
 * The function's output. {@code httpStatus} is {@code null} (absent from the JSON) when no HTTP exchange
 * completed; {@code reason} says what happened in words ({@code "delivered"}, {@code "not configured"},
 * {@code "slack rejected: no_service"}, {@code "timed out after 3 attempts"}, ...) and never carries a
 * webhook URL.
 */
public record NotificationResult(boolean notified, int attempts, Integer httpStatus, String reason) {

    static NotificationResult notConfigured() {
        return new NotificationResult(false, 0, null, "not configured");
    }
}
