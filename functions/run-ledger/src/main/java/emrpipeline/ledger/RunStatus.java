package emrpipeline.ledger;

import java.util.EnumSet;
import java.util.Set;

/**
 * A run attempt's status. It only moves forward:
 * {@code STARTED -> CLUSTER_RUNNING -> SUCCEEDED | FAILED} and {@code STARTED -> SKIPPED | FAILED}.
 * A begin that finds a live lease records its attempt as {@code SKIPPED} directly. {@code TIMED_OUT} and
 * {@code ABORTED} are the execution's own end when the state machine could not record it (its TimeoutSeconds,
 * StopExecution): the run janitor closes a STARTED or CLUSTER_RUNNING attempt with them.
 */
public enum RunStatus {
    STARTED,
    CLUSTER_RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED,
    TIMED_OUT,
    ABORTED;

    /** The statuses {@code finish} accepts. */
    static final Set<RunStatus> FINISH_STATUSES = EnumSet.of(SUCCEEDED, FAILED, SKIPPED);

    /** The statuses {@code close} accepts: how an execution ends without the state machine's own finish. */
    static final Set<RunStatus> CLOSE_STATUSES = EnumSet.of(FAILED, TIMED_OUT, ABORTED);

    public boolean isTerminal() {
        return this != STARTED && this != CLUSTER_RUNNING;
    }

    /** An end that processed nothing for good: the manifest is not committed by it. */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT || this == ABORTED;
    }

    /** Whether a run in this status may move to {@code next}. A status never moves to itself (repeats are answered, not applied). */
    public boolean canMoveTo(RunStatus next) {
        return switch (this) {
            case STARTED -> next == CLUSTER_RUNNING || next.isFailure() || next == SKIPPED;
            case CLUSTER_RUNNING -> next == SUCCEEDED || next.isFailure();
            case SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, ABORTED -> false;
        };
    }

    /** The statuses from which {@code next} may be reached. */
    public static Set<RunStatus> predecessorsOf(RunStatus next) {
        Set<RunStatus> from = EnumSet.noneOf(RunStatus.class);
        for (RunStatus s : values()) {
            if (s.canMoveTo(next)) {
                from.add(s);
            }
        }
        return from;
    }
}
