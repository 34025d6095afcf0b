package emrpipeline.ledger;

/**
 * No record of this run attempt (run id + execution ARN): begin was never called for it. Nothing was written.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.RunNotFoundException}. Keep the name stable.
 */
public class RunNotFoundException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public RunNotFoundException(String message) {
        super(message);
    }

    public RunNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
