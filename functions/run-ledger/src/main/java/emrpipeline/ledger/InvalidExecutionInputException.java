package emrpipeline.ledger;

/**
 * The execution input is refused before anything starts: the message names the field and why. The state machine
 * catches it by this name and fails with {@code emrpipeline.InvalidExecutionInput}, the message as cause.
 */
public class InvalidExecutionInputException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public InvalidExecutionInputException(String message) {
        super(message);
    }
}
