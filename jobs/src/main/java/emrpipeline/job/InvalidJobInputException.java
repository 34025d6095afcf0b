package emrpipeline.job;

/**
 * A bad argument or a bad manifest: the job refuses to start and writes nothing. The message is one line naming
 * the argument or the manifest and the reason; the exception carries no stack trace, so what spark-submit prints
 * (and EMR shows as the step's failure) is that one line: {@code Exception in thread "main"
 * emrpipeline.job.InvalidJobInputException: <message>}.
 */
public final class InvalidJobInputException extends RuntimeException {
    public InvalidJobInputException(String message) {
        super(message, null, false, false);
    }

    public InvalidJobInputException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
