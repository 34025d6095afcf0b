package emrpipeline.ledger;

/**
 * The processed index in S3 cannot be read as the documented format (not gzip, a line without TAB, lines out of order). Nothing was written; a person must look at it.
 *
 * <p>The Lambda Java runtime reports {@code getClass().getName()} as the {@code errorType}, so a Step Functions
 * {@code Catch}/{@code Retry} matches {@code emrpipeline.ledger.ProcessedIndexInvalidException}. Keep the name stable.
 */
public class ProcessedIndexInvalidException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public ProcessedIndexInvalidException(String message) {
        super(message);
    }

    public ProcessedIndexInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
