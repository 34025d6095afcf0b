package emrpipeline.local.aws;

/**
 * An error the EMR API would answer, by its error code ({@code ValidationException}, {@code InvalidRequestException},
 * {@code ThrottlingException}). {@link EmrIntegration} reports it as Step Functions does for an optimized
 * integration, {@link LocalEmrClient} as the SDK would throw it.
 */
public final class EmrApiException extends RuntimeException {
    private final String errorCode;
    private final int statusCode;

    public EmrApiException(String errorCode, String message) {
        this(errorCode, 400, message);
    }

    public EmrApiException(String errorCode, int statusCode, String message) {
        super(message);
        this.errorCode = errorCode;
        this.statusCode = statusCode;
    }

    public String errorCode() {
        return errorCode;
    }

    public int statusCode() {
        return statusCode;
    }

    static EmrApiException validation(String message) {
        return new EmrApiException("ValidationException", message);
    }

    static EmrApiException invalidClusterId(String clusterId) {
        return new EmrApiException("InvalidRequestException", "Cluster id '" + clusterId + "' is not valid.");
    }
}
