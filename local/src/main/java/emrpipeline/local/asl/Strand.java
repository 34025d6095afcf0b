package emrpipeline.local.asl;

/**
 * One line of execution: the top level, a Parallel branch or a Map iteration. It has its own
 * virtual clock (forks start when the Parallel or Map starts) and remembers its last history
 * event, which the next event names as {@code previousEventId}.
 */
final class Strand {
    final VirtualClock clock;
    ExecutionHistory.Event last;

    Strand(VirtualClock clock, ExecutionHistory.Event last) {
        this.clock = clock;
        this.last = last;
    }
}
