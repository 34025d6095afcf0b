package emrpipeline.sizing;

/**
 * The sizing request (or an environment default it falls back to) is invalid. Thrown before any S3 call,
 * so nothing has been read or written. The message starts with the offending field's name.
 */
public class InvalidSizingRequestException extends RuntimeException {
    private final String field;

    public InvalidSizingRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The request field at fault, e.g. {@code coreNodeCount}. */
    public String field() {
        return field;
    }
}
