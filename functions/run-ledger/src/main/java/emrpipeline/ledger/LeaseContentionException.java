package emrpipeline.ledger;

/**
 * The lease changed under begin on every bounded attempt (concurrent begins and releases). Nothing was written; retrying is safe.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.LeaseContentionException}. Keep the name stable.
 */
public class LeaseContentionException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public LeaseContentionException(String message) {
        super(message);
    }

    public LeaseContentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
