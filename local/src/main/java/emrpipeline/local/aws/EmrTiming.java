package emrpipeline.local.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the in-memory EMR takes, in virtual time. Defaults are those of a small Spark cluster on EMR 7:
 * about 4 minutes to provision instances, 3 to bootstrap and install applications, 30 seconds for a step to leave
 * PENDING, a 12-minute Spark job, 2 minutes to terminate.
 *
 * @param starting      STARTING (instances provisioned) before BOOTSTRAPPING
 * @param bootstrapping BOOTSTRAPPING before the cluster is ready (WAITING)
 * @param stepPending   a step's PENDING before RUNNING
 * @param stepRunning   a step's RUNNING before COMPLETED or FAILED
 * @param terminating   TERMINATING before TERMINATED
 */
public record EmrTiming(Duration starting, Duration bootstrapping, Duration stepPending, Duration stepRunning,
                        Duration terminating) {

    public static final EmrTiming DEFAULT = new EmrTiming(Duration.ofMinutes(4), Duration.ofMinutes(3),
            Duration.ofSeconds(30), Duration.ofMinutes(12), Duration.ofMinutes(2));

    public EmrTiming {
        for (Duration d : new Duration[] {starting, bootstrapping, stepPending, stepRunning, terminating}) {
            Objects.requireNonNull(d, "durations are required");
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
    }

    public EmrTiming withStepRunning(Duration duration) {
        return new EmrTiming(starting, bootstrapping, stepPending, duration, terminating);
    }

    /** Time from RunJobFlow to WAITING. */
    public Duration startup() {
        return starting.plus(bootstrapping);
    }
}
