package emrpipeline.local.asl;

/**
 * The machine's own TimeoutSeconds ran out. Not an error a state can handle: it unwinds every
 * branch and the execution ends TIMED_OUT with {@code States.Timeout}.
 */
final class ExecutionTimeout extends RuntimeException {
    ExecutionTimeout() {
        super("States.Timeout: the execution ran longer than its TimeoutSeconds", null, false, false);
    }
}
