package emrpipeline.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The run ledger table's item design (documented in the README, created by template.yaml's {@code RunLedgerTable}).
 * <pre>
 * item            pk                 sk                    GSI byStartedAt          GSI byStatus
 * lease (one)     LEASE              LEASE                 -                        -
 * run attempt     RUN#&lt;runId&gt;     EXEC#&lt;executionArn&gt;  recordType=RUN, startedAt  runStatus, startedAt
 * </pre>
 * One item per execution attempt, so a manual re-run that reuses a run id, or a begin that is SKIPPED while another
 * execution runs the same run id, never overwrites another attempt's record. No item ever lists objects: those live
 * in S3 (manifests, processed index).
 */
final class LedgerTable {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String LEASE_KEY = "LEASE";
    static final String RUN_KEY_PREFIX = "RUN#";
    static final String ATTEMPT_KEY_PREFIX = "EXEC#";
    static final String RECORD_TYPE_RUN = "RUN";
    static final String RECORD_TYPE_LEASE = "LEASE";
    static final String INDEX_BY_STARTED_AT = "byStartedAt";
    static final String INDEX_BY_STATUS = "byStatus";

    // Lease attributes.
    static final String LEASE_OWNER = "leaseOwner";
    static final String LEASE_EXPIRES_AT = "leaseExpiresAt";
    static final String LEASE_EXPIRES_AT_MILLIS = "leaseExpiresAtMillis";
    static final String ACQUIRED_AT = "acquiredAt";
    /** The table's TTL attribute (epoch seconds); only the lease has it, so run records are kept. */
    static final String TTL = "ttl";

    // Run attempt attributes (the lease also has runId and executionName).
    static final String RECORD_TYPE = "recordType";
    static final String RUN_ID = "runId";
    static final String EXECUTION_ARN = "executionArn";
    static final String EXECUTION_NAME = "executionName";
    static final String TRIGGER = "trigger";
    static final String RUN_STATUS = "runStatus";
    static final String STARTED_AT = "startedAt";
    static final String RECORDED_AT = "recordedAt";
    static final String UPDATED_AT = "updatedAt";
    static final String STATUS_HISTORY = "statusHistory";
    static final String INPUT = "input";
    static final String INPUT_BYTES = "inputBytes";
    static final String INPUT_TRUNCATED = "inputTruncated";
    static final String BEGIN_STATUS = "beginStatus";
    static final String BEGIN_REASON = "beginReason";
    static final String LEASE_TAKEN_OVER_FROM = "leaseTakenOverFrom";
    static final String CLUSTER_ID = "clusterId";
    static final String CLUSTER_REQUESTED_AT = "clusterRequestedAt";
    static final String CLUSTER_READY_AT = "clusterReadyAt";
    static final String FINISHED_AT = "finishedAt";
    static final String DURATION_SECONDS = "durationSeconds";
    static final String CLUSTER_HOURS = "clusterHours";
    static final String ESTIMATED_COST_USD = "estimatedCostUsd";
    static final String COST_NOTE = "costNote";
    static final String COST_INPUT = "costInput";
    static final String ERROR = "error";
    static final String CAUSE = "cause";
    static final String FAILED_STATE = "failedState";
    static final String REASON = "reason";
    static final String MANIFEST_URI = "manifestUri";
    static final String MANIFEST_SHA256 = "manifestSha256";
    static final String COMMITTED_OBJECTS = "committedObjects";
    static final String MANIFEST_COMMITTED = "manifestCommitted";
    static final String COMMIT_MANIFEST_URI = "commitManifestUri";
    static final String COMMIT_STARTED_AT = "commitStartedAt";
    static final String LEASE_RELEASED = "leaseReleased";
    static final String CLEANUP = "cleanup";
    static final String CLOSED_BY = "closedBy";

    /** Fixed-width UTC timestamps, so that string order is time order in the GSIs' sort keys. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LedgerTable() {
    }

    static Map<String, AttributeValue> leaseKey() {
        return Map.of(PK, s(LEASE_KEY), SK, s(LEASE_KEY));
    }

    static Map<String, AttributeValue> attemptKey(String runId, String executionArn) {
        return Map.of(PK, s(RUN_KEY_PREFIX + runId), SK, s(ATTEMPT_KEY_PREFIX + executionArn));
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(double value) {
        return AttributeValue.fromN(BigDecimal.valueOf(value).toPlainString());
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static Long longOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : new BigDecimal(v.n()).longValueExact();
    }

    static Double doubleOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Double.valueOf(v.n());
    }

    static Boolean boolOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.bool();
    }
}
