package emrpipeline.janitor;

/**
 * A pipeline function the janitor invoked answered with an error (its errorType and errorMessage are in the
 * message). The janitor fails so that EventBridge retries it (every step is idempotent).
 */
public class PipelineFunctionException extends RuntimeException {
    private final String errorType;

    public PipelineFunctionException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    /** The function's errorType (the exception's class name, as the Lambda Java runtime reports it); may be null. */
    public String errorType() {
        return errorType;
    }
}
