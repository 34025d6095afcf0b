package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/**
 * What one task attempt did: succeeded with the task's raw output (before ResultSelector), or
 * failed with an error name and cause; either way after a virtual duration. A duration longer than
 * the state's TimeoutSeconds turns the attempt into {@code States.Timeout}. For a {@code .sync}
 * integration, {@link #submitted()} is the answer of the call that started the work (the history's
 * {@code TaskSubmitted} output); null when the call itself failed or the task is not {@code .sync}.
 */
public sealed interface TaskOutcome {

    Duration duration();

    JsonNode submitted();

    /** The same outcome, reported after a call that was submitted and answered {@code submitted}. */
    TaskOutcome afterSubmission(JsonNode submitted);

    record Success(JsonNode output, Duration duration, JsonNode submitted) implements TaskOutcome {
        public Success {
            Objects.requireNonNull(output, "output");
            requireNonNegative(duration);
        }

        @Override
        public TaskOutcome afterSubmission(JsonNode answer) {
            return new Success(output, duration, answer);
        }
    }

    record Failure(String error, String cause, Duration duration, JsonNode submitted) implements TaskOutcome {
        public Failure {
            Objects.requireNonNull(error, "error");
            requireNonNegative(duration);
        }

        @Override
        public TaskOutcome afterSubmission(JsonNode answer) {
            return new Failure(error, cause, duration, answer);
        }
    }

    static Success success(JsonNode output) {
        return new Success(output, Duration.ZERO, null);
    }

    static Success success(JsonNode output, Duration duration) {
        return new Success(output, duration, null);
    }

    static Failure failure(String error, String cause) {
        return new Failure(error, cause, Duration.ZERO, null);
    }

    static Failure failure(String error, String cause, Duration duration) {
        return new Failure(error, cause, duration, null);
    }

    private static void requireNonNegative(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive: " + duration);
        }
    }
}
