package emrpipeline.ledger;

/**
 * The function's output. One type for every action; fields that do not apply to an action are null and the
 * Lambda runtime's serializer leaves them out of the JSON, so each action's answer carries exactly its own fields:
 * <ul>
 *   <li>begin: runId, executionArn, status (STARTED|SKIPPED), leaseOwner, leaseExpiresAt, reason</li>
 *   <li>recordCluster: runId, executionArn, status (CLUSTER_RUNNING), clusterId</li>
 *   <li>finish: runId, executionArn, status, durationSeconds, clusterHours, estimatedCostUsd, costNote,
 *       committedObjects, leaseReleased, manifestUri, manifestSha256, reason</li>
 *   <li>commit: runId, manifestUri, manifestSha256, committedObjects</li>
 *   <li>release: runId, executionArn, leaseReleased, leaseOwner, reason</li>
 *   <li>close: runId, executionArn, status (after the call; null when begin never recorded the attempt),
 *       attemptClosed (this call closed it), leaseReleased (this call released it), reason</li>
 * </ul>
 */
public record LedgerResult(
        String runId,
        String executionArn,
        String status,
        String leaseOwner,
        String leaseExpiresAt,
        String reason,
        String clusterId,
        Long durationSeconds,
        Double clusterHours,
        Double estimatedCostUsd,
        String costNote,
        Long committedObjects,
        Boolean leaseReleased,
        String manifestUri,
        String manifestSha256,
        Boolean attemptClosed) {

    static LedgerResult begin(String runId, String executionArn, RunStatus status, String leaseOwner,
                              String leaseExpiresAt, String reason) {
        return new LedgerResult(runId, executionArn, status.name(), leaseOwner, leaseExpiresAt, reason,
                null, null, null, null, null, null, null, null, null, null);
    }

    static LedgerResult clusterRecorded(String runId, String executionArn, String clusterId) {
        return new LedgerResult(runId, executionArn, RunStatus.CLUSTER_RUNNING.name(), null, null, null,
                clusterId, null, null, null, null, null, null, null, null, null);
    }

    static LedgerResult finished(String runId, String executionArn, RunStatus status, Long durationSeconds,
                                 Double clusterHours, Double estimatedCostUsd, String costNote,
                                 Long committedObjects, Boolean leaseReleased, String manifestUri,
                                 String manifestSha256, String reason) {
        return new LedgerResult(runId, executionArn, status.name(), null, null, reason, null, durationSeconds,
                clusterHours, estimatedCostUsd, costNote, committedObjects, leaseReleased, manifestUri,
                manifestSha256, null);
    }

    static LedgerResult committed(String runId, String manifestUri, String manifestSha256, long committedObjects) {
        return new LedgerResult(runId, null, null, null, null, null, null, null, null, null, null,
                committedObjects, null, manifestUri, manifestSha256, null);
    }

    static LedgerResult released(String runId, String executionArn, boolean released, String reason) {
        return new LedgerResult(runId, executionArn, null, null, null, reason, null, null, null, null, null, null,
                released, null, null, null);
    }

    static LedgerResult closed(String runId, String executionArn, RunStatus status, boolean attemptClosed,
                               boolean leaseReleased, String reason) {
        return new LedgerResult(runId, executionArn, status == null ? null : status.name(), null, null, reason, null,
                null, null, null, null, null, leaseReleased, null, null, attemptClosed);
    }
}
