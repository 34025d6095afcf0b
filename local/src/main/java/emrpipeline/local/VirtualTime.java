package emrpipeline.local;

import emrpipeline.local.asl.VirtualClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The time the functions and the stand-ins see: the running execution's virtual clock during a run (a function
 * called at 06:12 virtual time reads 06:12, however fast the run goes), a fixed instant when set, the real clock
 * otherwise (the {@code invoke} command).
 */
final class VirtualTime implements Supplier<Instant> {
    private volatile Supplier<Instant> source = Instant::now;

    void follow(VirtualClock clock) {
        source = clock::now;
    }

    void fixed(Instant instant) {
        source = () -> instant;
    }

    void real() {
        source = Instant::now;
    }

    @Override
    public Instant get() {
        return source.get();
    }

    /** A {@link Clock} over this time, for the functions' constructors. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the virtual clock is UTC");
            }

            @Override
            public Instant instant() {
                return get();
            }
        };
    }
}
