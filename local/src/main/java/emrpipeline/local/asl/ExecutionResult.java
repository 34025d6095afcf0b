package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * How an execution ended.
 *
 * @param status    SUCCEEDED, FAILED, TIMED_OUT (the machine's own TimeoutSeconds) or ABORTED (stopped)
 * @param output    the output when SUCCEEDED, else null
 * @param error     the error name when FAILED or TIMED_OUT ({@code States.Timeout}), else null
 * @param cause     the cause when there is one, else null
 * @param history   the GetExecutionHistory-shaped events
 * @param startTime the virtual start
 * @param stopTime  the virtual stop
 */
public record ExecutionResult(Status status, JsonNode output, String error, String cause, ExecutionHistory history,
                              Instant startTime, Instant stopTime) {

    public enum Status { SUCCEEDED, FAILED, TIMED_OUT, ABORTED }

    /** Virtual time the execution took. */
    public Duration duration() {
        return Duration.between(startTime, stopTime);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
