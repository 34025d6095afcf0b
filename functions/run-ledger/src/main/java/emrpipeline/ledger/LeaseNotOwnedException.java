package emrpipeline.ledger;

/**
 * release was asked by an execution that does not own the lease (a live lease of another run is never released by someone else). Nothing was written.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.LeaseNotOwnedException}. Keep the name stable.
 */
public class LeaseNotOwnedException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public LeaseNotOwnedException(String message) {
        super(message);
    }

    public LeaseNotOwnedException(String message, Throwable cause) {
        super(message, cause);
    }
}
