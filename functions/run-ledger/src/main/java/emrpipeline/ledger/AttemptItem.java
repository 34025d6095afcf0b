package emrpipeline.ledger;

import static emrpipeline.ledger.LedgerTable.*;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One execution attempt's record as stored ({@link LedgerTable}), read through typed accessors. */
final class AttemptItem {
    private final Map<String, AttributeValue> item;

    private AttemptItem(Map<String, AttributeValue> item) {
        this.item = item;
    }

    /** The attempt of {@code item}, or null when there is none. */
    static AttemptItem of(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? null : new AttemptItem(item);
    }

    String runId() {
        return string(item, RUN_ID);
    }

    String executionArn() {
        return string(item, EXECUTION_ARN);
    }

    RunStatus status() {
        return RunStatus.valueOf(string(item, RUN_STATUS));
    }

    /** What begin answered: STARTED or SKIPPED. */
    RunStatus beginStatus() {
        return RunStatus.valueOf(string(item, BEGIN_STATUS));
    }

    String beginReason() {
        return string(item, BEGIN_REASON);
    }

    /** The lease's owner when begin recorded the attempt (this execution when STARTED, the holder when SKIPPED). */
    String leaseOwner() {
        return string(item, LEASE_OWNER);
    }

    String leaseExpiresAt() {
        return string(item, LEASE_EXPIRES_AT);
    }

    Instant startedAt() {
        return Instant.parse(string(item, STARTED_AT));
    }

    String clusterId() {
        return string(item, CLUSTER_ID);
    }

    /** When the cluster was requested, else when it was ready; null when no cluster was recorded. */
    Instant clusterSince() {
        String from = string(item, CLUSTER_REQUESTED_AT);
        if (from == null) {
            from = string(item, CLUSTER_READY_AT);
        }
        return from == null ? null : Instant.parse(from);
    }

    /** The manifest a SUCCEEDED finish started to commit (recorded before the commit); null otherwise. */
    String commitManifestUri() {
        return string(item, COMMIT_MANIFEST_URI);
    }

    String manifestUri() {
        return string(item, MANIFEST_URI);
    }

    String manifestSha256() {
        return string(item, MANIFEST_SHA256);
    }

    Long durationSeconds() {
        return longOrNull(item, DURATION_SECONDS);
    }

    Double clusterHours() {
        return doubleOrNull(item, CLUSTER_HOURS);
    }

    Double estimatedCostUsd() {
        return doubleOrNull(item, ESTIMATED_COST_USD);
    }

    String costNote() {
        return string(item, COST_NOTE);
    }

    Long committedObjects() {
        return longOrNull(item, COMMITTED_OBJECTS);
    }

    Boolean leaseReleased() {
        return boolOrNull(item, LEASE_RELEASED);
    }

    String reason() {
        return string(item, REASON);
    }
}
