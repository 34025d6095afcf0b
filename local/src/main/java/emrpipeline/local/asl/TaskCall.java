package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One attempt of a Task state.
 *
 * @param stateName      the Task state's name
 * @param resource       the Resource ARN as written in the definition
 *                       ({@code arn:aws:states:::elasticmapreduce:createCluster.sync})
 * @param parameters     the effective input after InputPath and Parameters
 * @param attempt        1 for the first attempt, 2 for the first retry, ...
 * @param startTime      the virtual instant the attempt starts
 * @param timeoutSeconds the state's TimeoutSeconds (or resolved TimeoutSecondsPath); null: none
 * @param deadline       the instant the attempt times out; null when there is no timeout
 * @param clock          the virtual clock of the branch running the task (read it, do not move it;
 *                       it keeps moving after the call, so use startTime to know when it was made)
 * @param context        the context object ({@code $$}) of this attempt
 */
public record TaskCall(String stateName, String resource, JsonNode parameters, int attempt, Instant startTime,
                       Long timeoutSeconds,
                       Instant deadline, VirtualClock clock, JsonNode context) {

    /** {@code $$.State.RetryCount}: 0 on the first attempt. */
    public int retryCount() {
        return attempt - 1;
    }
}
