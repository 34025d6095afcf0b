package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/**
 * What one task attempt did: succeeded with the task's raw output (before ResultSelector), or
 * failed with an error name and cause; either way after a virtual duration. A duration longer than
 * the state's TimeoutSeconds turns the attempt into {@code States.Timeout}.
 */
public sealed interface TaskOutcome {

    Duration duration();

    record Success(JsonNode output, Duration duration) implements TaskOutcome {
        public Success {
            Objects.requireNonNull(output, "output");
            requireNonNegative(duration);
        }
    }

    record Failure(String error, String cause, Duration duration) implements TaskOutcome {
        public Failure {
            Objects.requireNonNull(error, "error");
            requireNonNegative(duration);
        }
    }

    static Success success(JsonNode output) {
        return new Success(output, Duration.ZERO);
    }

    static Success success(JsonNode output, Duration duration) {
        return new Success(output, duration);
    }

    static Failure failure(String error, String cause) {
        return new Failure(error, cause, Duration.ZERO);
    }

    static Failure failure(String error, String cause, Duration duration) {
        return new Failure(error, cause, duration);
    }

    private static void requireNonNegative(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive: " + duration);
        }
    }
}
