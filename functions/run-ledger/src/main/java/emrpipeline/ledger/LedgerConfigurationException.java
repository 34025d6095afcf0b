package emrpipeline.ledger;

/**
 * The function's environment (LEDGER_TABLE, DATA_BUCKET, PIPELINE_PREFIX, lease duration) is missing or invalid: a deployment error, raised when the function starts.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.LedgerConfigurationException}. Keep the name stable.
 */
public class LedgerConfigurationException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public LedgerConfigurationException(String message) {
        super(message);
    }

    public LedgerConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
