package emrpipeline.slack;

import java.time.Duration;

/**
 * Waits between delivery attempts. Production sleeps ({@link #THREAD}); the tests and the offline runner wait the
 * time out on a clock of their own instead, together with the time budget's clock (the handler's constructor takes
 * both), so that nothing offline sleeps for real.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());
}
