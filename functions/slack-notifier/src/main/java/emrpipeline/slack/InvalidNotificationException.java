package emrpipeline.slack;

/**
 * The request cannot describe a notification (unknown {@code kind}, missing {@code runId}, a malformed
 * {@code executionArn}, {@code clusterId} or number). Thrown before anything is fetched or sent. The Lambda
 * Java runtime reports it as {@code errorType} {@code emrpipeline.slack.InvalidNotificationException}, the
 * error name a state machine {@code Catch} matches. This class name is part of the function's contract.
 * Its message names the field and the reason and never carries a webhook URL.
 */
public class InvalidNotificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidNotificationException(String message) {
        super(message);
    }
}
