package emrpipeline.ledger;

/**
 * The request is malformed (missing run id or execution ARN, unknown action or status, a bad timestamp, a manifest URI outside the pipeline prefix, ...). Thrown before anything is read or written; retrying the same request cannot succeed.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.InvalidLedgerRequestException}. Keep the name stable.
 */
public class InvalidLedgerRequestException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public InvalidLedgerRequestException(String message) {
        super(message);
    }

    public InvalidLedgerRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
