package emrpipeline.slack;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The moment by which the function must have its answer ready. */
final class Deadline {
    private final LongSupplier nanoTime;
    private final long endNanos;

    private Deadline(LongSupplier nanoTime, long endNanos) {
        this.nanoTime = nanoTime;
        this.endNanos = endNanos;
    }

    static Deadline after(Duration budget, LongSupplier nanoTime) {
        return new Deadline(nanoTime, nanoTime.getAsLong() + Math.max(0, budget.toNanos()));
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - nanoTime.getAsLong()));
    }
}
