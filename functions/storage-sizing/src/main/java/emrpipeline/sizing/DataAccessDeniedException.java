package emrpipeline.sizing;

/**
 * S3 refused a call ({@code AccessDenied}): the message names the operation, the bucket and key or prefix,
 * and the IAM permission the function's role needs for it.
 */
public class DataAccessDeniedException extends RuntimeException {
    public DataAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
