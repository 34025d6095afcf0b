package emrpipeline.local.lambda;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time a function waits out offline instead of sleeping: the Slack notifier's backoffs and Retry-After waits move
 * this clock (which the notifier's time budget reads), so a run against a Slack that answers 429 or 503 takes no
 * real time for its waits and the notifier still gives up when its budget is spent, as in Lambda. The execution's
 * virtual time does not move with it: the run's timeline shows the notification task as instantaneous.
 */
public final class WaitedOutTime {
    private final AtomicLong waitedNanos = new AtomicLong();

    /** Waits {@code duration} out: the clock moves, nothing sleeps. */
    public void waitOut(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a wait cannot be negative: " + duration);
        }
        waitedNanos.addAndGet(duration.toNanos());
    }

    /** The real monotonic clock plus everything waited out so far. */
    public long nanoTime() {
        return System.nanoTime() + waitedNanos.get();
    }

    /** Everything waited out so far. */
    public Duration total() {
        return Duration.ofNanos(waitedNanos.get());
    }
}
