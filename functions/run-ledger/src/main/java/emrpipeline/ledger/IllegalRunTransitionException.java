package emrpipeline.ledger;

/**
 * The run's current status does not allow the operation (status only moves forward: STARTED -> CLUSTER_RUNNING -> SUCCEEDED | FAILED; STARTED -> SKIPPED | FAILED; commit needs a SUCCEEDED attempt). Nothing was written.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.IllegalRunTransitionException}. Keep the name stable.
 */
public class IllegalRunTransitionException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public IllegalRunTransitionException(String message) {
        super(message);
    }

    public IllegalRunTransitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
