package emrpipeline.local.asl;

/**
 * Does the work of Task states. The interpreter resolves InputPath and Parameters, calls
 * {@link #invoke} once per attempt, and enforces TimeoutSeconds against the virtual duration the
 * outcome reports. An invoker should not sleep nor move {@link TaskCall#clock()}; it reports how
 * long the work took ({@link TaskOutcome#duration()}). A RuntimeException it throws is reported
 * as a task failure named after the exception's class, as the Lambda runtime names errors.
 */
@FunctionalInterface
public interface TaskInvoker {
    TaskOutcome invoke(TaskCall call);
}
