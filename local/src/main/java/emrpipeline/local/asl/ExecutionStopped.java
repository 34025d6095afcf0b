package emrpipeline.local.asl;

/**
 * StopExecution at a virtual instant: not an error a state can handle (no Catch runs, as in the service). It unwinds
 * every branch and the execution ends ABORTED. What a task had started by then (a cluster, a step) keeps running.
 */
final class ExecutionStopped extends RuntimeException {
    ExecutionStopped() {
        super("the execution was stopped", null, false, false);
    }
}
