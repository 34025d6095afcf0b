package emrpipeline.ledger;

import static emrpipeline.ledger.LedgerTable.*;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One execution attempt's record as stored ({@link LedgerTable}): what the rules read of it.
 *
 * @param beginStatus       what begin answered: STARTED or SKIPPED
 * @param leaseOwner        the lease's owner when begin recorded the attempt (this execution when STARTED, the
 *                          holder when SKIPPED)
 * @param clusterSince      when the cluster was requested, else when it was ready; null when none was recorded
 * @param commitManifestUri the manifest a SUCCEEDED finish started to commit (recorded before the commit), or null
 */
record AttemptItem(String runId, String executionArn, RunStatus status, RunStatus beginStatus, String beginReason,
                   String leaseOwner, String leaseExpiresAt, Instant startedAt, String clusterId, Instant clusterSince,
                   String commitManifestUri, String manifestUri, String manifestSha256, Long durationSeconds,
                   Double clusterHours, Double estimatedCostUsd, String costNote, Long committedObjects,
                   Boolean leaseReleased, String reason) {

    /** The attempt of {@code item}, or null when there is none. */
    static AttemptItem of(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return null;
        }
        String clusterSince = string(item, CLUSTER_REQUESTED_AT) != null ? string(item, CLUSTER_REQUESTED_AT)
                : string(item, CLUSTER_READY_AT);
        return new AttemptItem(string(item, RUN_ID), string(item, EXECUTION_ARN), RunStatus.valueOf(string(item, RUN_STATUS)),
                string(item, BEGIN_STATUS) == null ? null : RunStatus.valueOf(string(item, BEGIN_STATUS)),
                string(item, BEGIN_REASON), string(item, LEASE_OWNER), string(item, LEASE_EXPIRES_AT),
                instant(string(item, STARTED_AT)), string(item, CLUSTER_ID), instant(clusterSince),
                string(item, COMMIT_MANIFEST_URI),
                string(item, MANIFEST_URI), string(item, MANIFEST_SHA256), longOrNull(item, DURATION_SECONDS),
                doubleOrNull(item, CLUSTER_HOURS), doubleOrNull(item, ESTIMATED_COST_USD), string(item, COST_NOTE),
                longOrNull(item, COMMITTED_OBJECTS), boolOrNull(item, LEASE_RELEASED), string(item, REASON));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
