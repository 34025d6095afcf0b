package emrpipeline.local.asl;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time of an execution. Nothing in the interpreter sleeps: Wait states, retry intervals and
 * the virtual duration of tasks (an EMR cluster taking minutes to start) move this clock instead.
 * Parallel branches and Map iterations run on {@link #fork() forks} that start at the same
 * instant; the parent then {@link #advanceTo advances} to the latest fork.
 */
public final class VirtualClock {
    private Instant now;

    public VirtualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public Instant now() {
        return now;
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + duration);
        }
        now = now.plus(duration);
    }

    /** Moves to {@code instant} if it is later than now; an earlier instant changes nothing. */
    public void advanceTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    /** An independent clock starting at this clock's current instant. */
    public VirtualClock fork() {
        return new VirtualClock(now);
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now + "]";
    }
}
