package emrpipeline.ledger;

import java.time.Instant;
import java.util.Map;

/** A validated request: what {@link RunLedger} acts on. Built only by {@link LedgerRequestValidator}. */
public sealed interface LedgerCommand {

    String runId();

    /** The action this command carries out ({@link RunLedger#handle} dispatches on it). */
    LedgerAction action();

    /** Take the lease and record the attempt STARTED, or record it SKIPPED when a live run holds the lease. */
    record Begin(String runId, String executionArn, String executionName, Trigger trigger, Instant startedAt,
                 Map<String, Object> input) implements LedgerCommand {
        @Override
        public LedgerAction action() {
            return LedgerAction.BEGIN;
        }
    }

    /** The cluster is up: STARTED -> CLUSTER_RUNNING. {@code clusterRequestedAt} may be null. */
    record RecordCluster(String runId, String executionArn, String clusterId, Instant clusterRequestedAt)
            implements LedgerCommand {
        @Override
        public LedgerAction action() {
            return LedgerAction.RECORD_CLUSTER;
        }
    }

    /**
     * Close the attempt. {@code manifest}, {@code cost} and the texts may be null. {@code cleanup} says how the
     * state machine's cleanup went; {@code keepLease} keeps the lease held (a cluster of the run may still be
     * running: the run janitor releases it once the cluster is terminating or gone).
     */
    record Finish(String runId, String executionArn, RunStatus status, S3Location manifest, String error,
                  String cause, String failedState, String reason, ClusterShape cost, String cleanup,
                  boolean keepLease) implements LedgerCommand {
        @Override
        public LedgerAction action() {
            return LedgerAction.FINISH;
        }
    }

    /**
     * The run janitor, after the execution ended without the state machine's own finish (or after its cleanup):
     * close the attempt with {@code status} only if it is not terminal yet, and release the lease only if this
     * execution holds it. Conditional both, so a second delivery changes nothing.
     */
    record Close(String runId, String executionArn, RunStatus status, String error, String cause, String reason)
            implements LedgerCommand {
        @Override
        public LedgerAction action() {
            return LedgerAction.CLOSE;
        }
    }

    /** Operator: merge a SUCCEEDED run's manifest into the processed index (idempotent). */
    record Commit(String runId, S3Location manifest) implements LedgerCommand {
        @Override
        public LedgerAction action() {
            return LedgerAction.COMMIT;
        }
    }

    /**
     * Before BeginRun: the whole execution input against the limits every later use has; a re-run of a run id needs
     * its manifest. Reads, writes nothing. {@code runId} is the one the execution will use.
     */
    record ValidateInput(String runId, String executionArn) implements LedgerCommand {
        @Override
        public LedgerAction action() {
            return LedgerAction.VALIDATE;
        }
    }

    /** Operator: release the lease, only by its owner. */
    record Release(String runId, String executionArn) implements LedgerCommand {
        @Override
        public LedgerAction action() {
            return LedgerAction.RELEASE;
        }
    }
}
