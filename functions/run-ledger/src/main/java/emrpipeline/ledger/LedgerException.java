package emrpipeline.ledger;

/** Base of the run ledger's own errors; each subclass is a distinct, stable error name for the state machine. */
public abstract class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected LedgerException(String message) {
        super(message);
    }

    protected LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
