package emrpipeline.ledger;

/**
 * Other writers kept changing the processed index while this commit retried (HTTP 412/409 on every bounded attempt). Nothing of this commit was written; retrying later is safe.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.IndexCommitConflictException}. Keep the name stable.
 */
public class IndexCommitConflictException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public IndexCommitConflictException(String message) {
        super(message);
    }

    public IndexCommitConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
