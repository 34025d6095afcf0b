package emrpipeline.slack;

import java.time.Duration;

/** Waits between delivery attempts; tests record the waits. */
@FunctionalInterface
interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());
}
