package emrpipeline.janitor;

import java.util.List;

/**
 * The function's output: what the janitor did, per run it looked at. {@code actions} is the same story in words,
 * one line each (what the offline runner's timeline shows). Fields that do not apply are null and left out of the
 * JSON by the runtime's serializer.
 */
public record JanitorReport(String event, List<RunCleanup> runs, List<String> actions) {

    /** One execution's cleanup. {@code told} is what people were told: FAILED, TIMED_OUT, ABORTED, CLEANED_UP, CLUSTER_FAILED or null. */
    public record RunCleanup(String executionArn, String runId, String executionStatus, List<String> clustersTerminated,
                             List<String> alarmsDeleted, String ledgerStatus, Boolean attemptClosed,
                             Boolean leaseReleased, String told) {
    }
}
