package emrpipeline.janitor;

/** The event is not one the janitor handles, or lacks a field it needs; nothing was read or changed. */
public class InvalidJanitorEventException extends RuntimeException {
    public InvalidJanitorEventException(String message) {
        super(message);
    }
}
