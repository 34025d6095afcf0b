package emrpipeline.ledger;

/**
 * The run's manifest is missing, unreadable, or fails verification (format version, SHA-256, run id, bucket, key order, keys outside the raw prefix). Nothing was written.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.ManifestInvalidException}. Keep the name stable.
 */
public class ManifestInvalidException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public ManifestInvalidException(String message) {
        super(message);
    }

    public ManifestInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
