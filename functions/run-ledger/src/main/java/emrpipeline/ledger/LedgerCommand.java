package emrpipeline.ledger;

import java.time.Instant;
import java.util.Map;

/** A validated request: what {@link RunLedger} acts on. Built only by {@link LedgerRequestValidator}. */
public sealed interface LedgerCommand {

    String runId();

    /** Take the lease and record the attempt STARTED, or record it SKIPPED when a live run holds the lease. */
    record Begin(String runId, String executionArn, String executionName, Trigger trigger, Instant startedAt,
                 Map<String, Object> input) implements LedgerCommand {
    }

    /** The cluster is up: STARTED -> CLUSTER_RUNNING. {@code clusterRequestedAt} may be null. */
    record RecordCluster(String runId, String executionArn, String clusterId, Instant clusterRequestedAt)
            implements LedgerCommand {
    }

    /** Close the attempt. {@code manifest}, {@code cost} and the texts may be null. */
    record Finish(String runId, String executionArn, RunStatus status, S3Location manifest, String error,
                  String cause, String failedState, String reason, ClusterShape cost) implements LedgerCommand {
    }

    /** Operator: merge a SUCCEEDED run's manifest into the processed index (idempotent). */
    record Commit(String runId, S3Location manifest) implements LedgerCommand {
    }

    /** Operator: release the lease, only by its owner. */
    record Release(String runId, String executionArn) implements LedgerCommand {
    }
}
