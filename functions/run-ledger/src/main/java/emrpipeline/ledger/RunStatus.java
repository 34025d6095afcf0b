package emrpipeline.ledger;

import java.util.EnumSet;
import java.util.Set;

/**
 * A run attempt's status. It only moves forward:
 * {@code STARTED -> CLUSTER_RUNNING -> SUCCEEDED | FAILED} and {@code STARTED -> SKIPPED | FAILED}.
 * A begin that finds a live lease records its attempt as {@code SKIPPED} directly.
 */
public enum RunStatus {
    STARTED,
    CLUSTER_RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED;

    /** The statuses {@code finish} accepts. */
    static final Set<RunStatus> FINISH_STATUSES = EnumSet.of(SUCCEEDED, FAILED, SKIPPED);

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }

    /** Whether a run in this status may move to {@code next}. A status never moves to itself (repeats are answered, not applied). */
    public boolean canMoveTo(RunStatus next) {
        return switch (this) {
            case STARTED -> next == CLUSTER_RUNNING || next == FAILED || next == SKIPPED;
            case CLUSTER_RUNNING -> next == SUCCEEDED || next == FAILED;
            case SUCCEEDED, FAILED, SKIPPED -> false;
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
