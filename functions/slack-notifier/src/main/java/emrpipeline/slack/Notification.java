package emrpipeline.slack;

import java.math.BigDecimal;

/**
 * A validated notification: what {@link NotificationValidator} makes of a {@link NotificationRequest}.
 * Every field but {@code kind} and {@code runId} may be {@code null} (not known to the caller); strings are
 * never blank and figures are never negative.
 */
public record Notification(
        NotificationKind kind,
        String runId,
        ExecutionArn executionArn,
        String executionName,
        Long newObjectCount,
        Long newBytes,
        Long ebsGib,
        Long coreNodeCount,
        String clusterId,
        BigDecimal durationSeconds,
        BigDecimal clusterHours,
        BigDecimal estimatedCostUsd,
        String manifestUri,
        String error,
        String cause,
        String reason,
        String cleanup) {

    /** The execution's name: the one given, or the one in the ARN; {@code null} when neither is known. */
    public String displayExecutionName() {
        if (executionName != null) {
            return executionName;
        }
        return executionArn == null ? null : executionArn.name();
    }
}
