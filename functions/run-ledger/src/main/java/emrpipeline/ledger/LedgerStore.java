package emrpipeline.ledger;

import static emrpipeline.ledger.LedgerTable.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The run ledger's DynamoDB table (item design: {@link LedgerTable}): its keys, every condition and update
 * expression, the transactions, and what a cancelled transaction's reasons mean ({@link TransactionCancellation}).
 * {@link RunLedger} decides what to record from what it read; every write here is conditional on that state, and
 * says which condition failed instead of throwing, so that the rules decide again. Errors that reading again cannot
 * cure (throttling, validation) are thrown as the SDK reports them.
 */
final class LedgerStore {
    /** Items of begin's transaction: the lease, then the attempt. */
    private static final int BEGIN_LEASE = 0;
    private static final int BEGIN_ATTEMPT = 1;
    /** Items of finish's transaction: the attempt, then the lease. */
    private static final int FINISH_ATTEMPT = 0;
    private static final int FINISH_LEASE = 1;
    private static final int TWO_ITEMS = 2;

    private final DynamoDbClient dynamo;
    private final String table;

    LedgerStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    // ------------------------------------------------------------------ reads (strongly consistent)

    /** The lease, or null when none is held. */
    LeaseItem lease() {
        return LeaseItem.of(dynamo.getItem(g -> g.tableName(table).key(leaseKey()).consistentRead(true)).item());
    }

    /** The attempt of {@code executionArn} at run {@code runId}, or null when begin never recorded it. */
    AttemptItem attempt(String runId, String executionArn) {
        return AttemptItem.of(dynamo.getItem(g -> g.tableName(table).key(attemptKey(runId, executionArn))
                .consistentRead(true)).item());
    }

    /** Every attempt of run {@code runId}. */
    List<AttemptItem> attempts(String runId) {
        List<AttemptItem> attempts = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression(PK + " = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(RUN_KEY_PREFIX + runId)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> attempts.add(AttemptItem.of(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return attempts;
    }

    // ------------------------------------------------------------------ begin

    /** How begin's conditional transaction ended. */
    enum BeginWrite {
        /** The lease is taken and the attempt recorded STARTED. */
        WRITTEN,
        /** The attempt was recorded already (a repeated begin that raced the first): nothing written. */
        ATTEMPT_RECORDED,
        /** The lease is no longer what it was read as: nothing written; read and decide again. */
        LEASE_CHANGED
    }

    /**
     * One transaction: the lease for {@code b}'s execution until {@code expiresAt}, on condition that it is still
     * {@code current} as read (none; the caller's own: still its owner's; another's, expired: exactly as read), and
     * the attempt recorded STARTED, on condition that it is not recorded yet. {@code takeOver} says whose expired
     * lease is taken over, and why (null when none).
     *
     * @throws TransactionCanceledException when DynamoDB cancelled it for another reason than a changed state
     */
    BeginWrite takeLeaseAndRecordStarted(LedgerCommand.Begin b, LeaseItem current, Instant now, Instant expiresAt,
                                         TakeOver takeOver) {
        String condition;
        Map<String, AttributeValue> values = new HashMap<>();
        if (current == null) {
            condition = "attribute_not_exists(" + PK + ")";
        } else {
            values.put(":owner", s(current.owner()));
            if (b.executionArn().equals(current.owner())) {
                condition = LEASE_OWNER + " = :owner";
            } else if (current.expiresAtMillis() == null) {
                condition = LEASE_OWNER + " = :owner AND attribute_not_exists(" + LEASE_EXPIRES_AT_MILLIS + ")";
            } else {
                condition = LEASE_OWNER + " = :owner AND " + LEASE_EXPIRES_AT_MILLIS + " = :expiresAt";
                values.put(":expiresAt", n(current.expiresAtMillis()));
            }
        }
        Map<String, AttributeValue> leaseItem = new HashMap<>(leaseKey());
        leaseItem.put(RECORD_TYPE, s(RECORD_TYPE_LEASE));
        leaseItem.put(LEASE_OWNER, s(b.executionArn()));
        leaseItem.put(RUN_ID, s(b.runId()));
        leaseItem.put(EXECUTION_NAME, s(b.executionName()));
        leaseItem.put(ACQUIRED_AT, s(timestamp(now)));
        leaseItem.put(LEASE_EXPIRES_AT, s(timestamp(expiresAt)));
        leaseItem.put(LEASE_EXPIRES_AT_MILLIS, n(expiresAt.toEpochMilli()));
        leaseItem.put(TTL, n(expiresAt.getEpochSecond()));

        Map<String, AttributeValue> record = newAttempt(b, RunStatus.STARTED, now);
        record.put(BEGIN_STATUS, s(RunStatus.STARTED.name()));
        record.put(LEASE_OWNER, s(b.executionArn()));
        record.put(LEASE_EXPIRES_AT, s(timestamp(expiresAt)));
        if (takeOver != null) {
            record.put(BEGIN_REASON, s(takeOver.reason()));
            record.put(LEASE_TAKEN_OVER_FROM, s(takeOver.from()));
        }
        Put.Builder leasePut = Put.builder().tableName(table).item(leaseItem).conditionExpression(condition);
        if (!values.isEmpty()) {
            leasePut.expressionAttributeValues(values);
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(leasePut.build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(record)
                            .conditionExpression("attribute_not_exists(" + PK + ")").build()).build()));
            return BeginWrite.WRITTEN;
        } catch (TransactionCanceledException e) {
            TransactionCancellation why = TransactionCancellation.of(e);
            if (why.conditionFailed(BEGIN_ATTEMPT, TWO_ITEMS)) {
                return BeginWrite.ATTEMPT_RECORDED;
            }
            if (why.isContention()) {
                return BeginWrite.LEASE_CHANGED;
            }
            throw e;
        }
    }

    /** Whose expired lease begin takes over, and the reason it records. */
    record TakeOver(String from, String reason) {
    }

    /**
     * Records the attempt SKIPPED (and closed at once: the state machine does not call finish for it) because
     * {@code holder} holds a live lease; nothing else is written. False when the attempt was recorded already.
     */
    boolean recordSkipped(LedgerCommand.Begin b, LeaseItem holder, Instant now, long durationSeconds, String reason) {
        Map<String, AttributeValue> record = newAttempt(b, RunStatus.SKIPPED, now);
        record.put(BEGIN_STATUS, s(RunStatus.SKIPPED.name()));
        record.put(BEGIN_REASON, s(reason));
        record.put(LEASE_OWNER, s(holder.owner()));
        record.put(LEASE_EXPIRES_AT, s(holder.expiresAt()));
        record.put(FINISHED_AT, s(timestamp(now)));
        record.put(DURATION_SECONDS, n(durationSeconds));
        record.put(REASON, s(reason));
        record.put(LEASE_RELEASED, bool(false));
        record.put(COMMITTED_OBJECTS, n(0));
        try {
            dynamo.putItem(p -> p.tableName(table).item(record).conditionExpression("attribute_not_exists(" + PK + ")"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Map<String, AttributeValue> newAttempt(LedgerCommand.Begin b, RunStatus status, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(attemptKey(b.runId(), b.executionArn()));
        item.put(RECORD_TYPE, s(RECORD_TYPE_RUN));
        item.put(RUN_ID, s(b.runId()));
        item.put(EXECUTION_ARN, s(b.executionArn()));
        item.put(EXECUTION_NAME, s(b.executionName()));
        item.put(TRIGGER, s(b.trigger().wireName()));
        item.put(RUN_STATUS, s(status.name()));
        item.put(STARTED_AT, s(timestamp(b.startedAt())));
        item.put(RECORDED_AT, s(timestamp(now)));
        item.put(UPDATED_AT, s(timestamp(now)));
        item.put(STATUS_HISTORY, AttributeValue.fromL(List.of(s(timestamp(now) + " " + status.name()))));
        String input = CompactJson.write(b.input());
        item.put(INPUT_BYTES, n(input.getBytes(StandardCharsets.UTF_8).length));
        if (input.length() > RunLedger.MAX_INPUT_CHARS) {
            input = input.substring(0, RunLedger.MAX_INPUT_CHARS);
            item.put(INPUT_TRUNCATED, bool(true));
        }
        item.put(INPUT, s(input));
        return item;
    }

    // ------------------------------------------------------------------ recordCluster

    /**
     * How a conditional update ended: {@code written}, or refused because the attempt is {@code current} (null: not
     * recorded at all).
     */
    record ConditionalUpdate(boolean written, AttemptItem current) {
    }

    /** STARTED -> CLUSTER_RUNNING with the cluster id, on condition that the attempt is STARTED. */
    ConditionalUpdate recordClusterRunning(LedgerCommand.RecordCluster r, Instant now) {
        StringBuilder set = new StringBuilder("SET #status = :running, " + CLUSTER_ID + " = :cluster, " + CLUSTER_READY_AT
                + " = :now, " + UPDATED_AT + " = :now, " + STATUS_HISTORY + " = list_append(" + STATUS_HISTORY + ", :history)");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":running", s(RunStatus.CLUSTER_RUNNING.name()));
        values.put(":started", s(RunStatus.STARTED.name()));
        values.put(":cluster", s(r.clusterId()));
        values.put(":now", s(timestamp(now)));
        values.put(":history", AttributeValue.fromL(List.of(s(timestamp(now) + " " + RunStatus.CLUSTER_RUNNING.name()))));
        if (r.clusterRequestedAt() != null) {
            set.append(", ").append(CLUSTER_REQUESTED_AT).append(" = :requested");
            values.put(":requested", s(timestamp(r.clusterRequestedAt())));
        }
        try {
            dynamo.updateItem(u -> u.tableName(table).key(attemptKey(r.runId(), r.executionArn()))
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_exists(" + PK + ") AND #status = :started")
                    .expressionAttributeNames(Map.of("#status", RUN_STATUS))
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new ConditionalUpdate(true, null);
        } catch (ConditionalCheckFailedException e) {
            AttemptItem old = e.hasItem() && !e.item().isEmpty() ? AttemptItem.of(e.item())
                    : attempt(r.runId(), r.executionArn());
            return new ConditionalUpdate(false, old);
        }
    }

    // ------------------------------------------------------------------ finish

    /**
     * Records, before a SUCCEEDED finish commits its manifest, which manifest this attempt is committing, on condition
     * that it is CLUSTER_RUNNING. False when it is not (any more).
     */
    boolean markCommitStarted(String runId, String executionArn, String manifestUri, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(attemptKey(runId, executionArn))
                    .updateExpression("SET " + COMMIT_MANIFEST_URI + " = :uri, " + COMMIT_STARTED_AT + " = :now")
                    .conditionExpression("#status = :running")
                    .expressionAttributeNames(Map.of("#status", RUN_STATUS))
                    .expressionAttributeValues(Map.of(":uri", s(manifestUri), ":now", s(timestamp(now)),
                            ":running", s(RunStatus.CLUSTER_RUNNING.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** What finish records on the attempt; nullable fields are left as they are when null. */
    record FinishedAttempt(RunStatus status, RunStatus from, Instant finishedAt, long durationSeconds,
                           long committedObjects, Double clusterHours, Double estimatedCostUsd, String costNote,
                           ClusterShape costInput, String manifestUri, String manifestSha256, Boolean manifestCommitted,
                           String error, String cause, String failedState, String reason, String cleanup) {
    }

    /** How finish's conditional write ended. */
    enum FinishWrite {
        /** Recorded, and the lease released in the same transaction. */
        LEASE_RELEASED,
        /** Recorded; the lease kept (asked to, or not this execution's). */
        LEASE_KEPT,
        /** The attempt's status is no longer the one finish decided from: nothing written; read and decide again. */
        ATTEMPT_CHANGED,
        /** Another transaction was writing the same items: nothing written; read and decide again. */
        CONTENDED
    }

    /**
     * Records {@code f} on the attempt, on condition that it is still {@code f.from()}, and, when
     * {@code releaseLease}, deletes the lease in the same transaction on condition that this execution owns it (a
     * lease that is not its own is left alone, and the attempt recorded without it).
     */
    FinishWrite finish(String runId, String executionArn, FinishedAttempt f, boolean releaseLease) {
        // Every attribute through a #name placeholder: several (error, status, ...) are DynamoDB reserved words.
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#status", RUN_STATUS);
        set.add("#status = :status");
        values.put(":status", s(f.status().name()));
        values.put(":current", s(f.from().name()));
        set.add("#" + STATUS_HISTORY + " = list_append(#" + STATUS_HISTORY + ", :history)");
        names.put("#" + STATUS_HISTORY, STATUS_HISTORY);
        values.put(":history", AttributeValue.fromL(List.of(s(timestamp(f.finishedAt()) + " " + f.status().name()))));
        set.add("#" + LEASE_RELEASED + " = :released");
        names.put("#" + LEASE_RELEASED, LEASE_RELEASED);
        assign(set, names, values, FINISHED_AT, s(timestamp(f.finishedAt())));
        assign(set, names, values, UPDATED_AT, s(timestamp(f.finishedAt())));
        assign(set, names, values, DURATION_SECONDS, n(f.durationSeconds()));
        assign(set, names, values, COMMITTED_OBJECTS, n(f.committedObjects()));
        assign(set, names, values, CLUSTER_HOURS, f.clusterHours() == null ? null : n(f.clusterHours()));
        assign(set, names, values, ESTIMATED_COST_USD, f.estimatedCostUsd() == null ? null : n(f.estimatedCostUsd()));
        assign(set, names, values, COST_NOTE, f.costNote() == null ? null : s(f.costNote()));
        assign(set, names, values, COST_INPUT, f.costInput() == null ? null : costInput(f.costInput()));
        assign(set, names, values, MANIFEST_URI, f.manifestUri() == null ? null : s(f.manifestUri()));
        assign(set, names, values, MANIFEST_SHA256, f.manifestSha256() == null ? null : s(f.manifestSha256()));
        assign(set, names, values, MANIFEST_COMMITTED, f.manifestCommitted() == null ? null : bool(f.manifestCommitted()));
        assign(set, names, values, ERROR, f.error() == null ? null : s(f.error()));
        assign(set, names, values, CAUSE, f.cause() == null ? null : s(f.cause()));
        assign(set, names, values, FAILED_STATE, f.failedState() == null ? null : s(f.failedState()));
        assign(set, names, values, REASON, f.reason() == null ? null : s(f.reason()));
        assign(set, names, values, CLEANUP, f.cleanup() == null ? null : s(f.cleanup()));
        String update = set.toString();
        String condition = "#status = :current";

        if (releaseLease) {
            Map<String, AttributeValue> withReleased = new LinkedHashMap<>(values);
            withReleased.put(":released", bool(true));
            try {
                // Optimistic: release the lease in the same transaction, if this execution still owns it.
                dynamo.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().update(Update.builder().tableName(table)
                                .key(attemptKey(runId, executionArn)).updateExpression(update)
                                .conditionExpression(condition).expressionAttributeNames(names)
                                .expressionAttributeValues(withReleased).build()).build(),
                        TransactWriteItem.builder().delete(ownLease(executionArn)).build()));
                return FinishWrite.LEASE_RELEASED;
            } catch (TransactionCanceledException e) {
                TransactionCancellation why = TransactionCancellation.of(e);
                if (why.conditionFailed(FINISH_ATTEMPT, TWO_ITEMS)) {
                    return FinishWrite.ATTEMPT_CHANGED;
                }
                if (!why.conditionFailed(FINISH_LEASE, TWO_ITEMS)) {
                    if (why.isContention()) {
                        return FinishWrite.CONTENDED;
                    }
                    throw e;
                }
                // The lease is not this execution's (released, expired and taken over, or never taken): the record alone.
            }
        }
        Map<String, AttributeValue> withoutRelease = new LinkedHashMap<>(values);
        withoutRelease.put(":released", bool(false));
        try {
            dynamo.updateItem(u -> u.tableName(table).key(attemptKey(runId, executionArn))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(withoutRelease));
            return FinishWrite.LEASE_KEPT;
        } catch (ConditionalCheckFailedException changed) {
            return FinishWrite.ATTEMPT_CHANGED;
        }
    }

    /** The cost input as recorded: the cluster's shape the estimate used. */
    private static AttributeValue costInput(ClusterShape c) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        if (c.masterInstanceType() != null) {
            m.put("masterInstanceType", s(c.masterInstanceType()));
        }
        if (c.coreInstanceType() != null) {
            m.put("coreInstanceType", s(c.coreInstanceType()));
        }
        if (c.coreNodeCount() != null) {
            m.put("coreNodeCount", n(c.coreNodeCount()));
        }
        m.put("coreMarket", s(c.coreSpot() ? "SPOT" : "ON_DEMAND"));
        if (c.ebsGibPerVolume() != null) {
            m.put("ebsGibPerVolume", n(c.ebsGibPerVolume()));
        }
        if (c.volumesPerInstance() != null) {
            m.put("volumesPerInstance", n(c.volumesPerInstance()));
        }
        return AttributeValue.fromM(m);
    }

    /** Adds {@code #attribute = :attribute} to the SET clause, unless the value is null. */
    private static void assign(StringJoiner set, Map<String, String> names, Map<String, AttributeValue> values,
                               String attribute, AttributeValue value) {
        if (value != null) {
            set.add("#" + attribute + " = :" + attribute);
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, value);
        }
    }

    // ------------------------------------------------------------------ release

    /** How release ended: {@code released} (the execution holds no lease now), or the lease another execution holds. */
    record LeaseRelease(boolean released, LeaseItem holder) {
    }

    /** Deletes the lease, on condition that it is {@code executionArn}'s or gone already. */
    LeaseRelease release(String executionArn) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(leaseKey())
                    .conditionExpression("attribute_not_exists(" + PK + ") OR " + LEASE_OWNER + " = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(executionArn)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new LeaseRelease(true, null);
        } catch (ConditionalCheckFailedException e) {
            return new LeaseRelease(false, e.hasItem() && !e.item().isEmpty() ? LeaseItem.of(e.item()) : lease());
        }
    }

    /**
     * Deletes the lease if {@code executionArn} holds it, and then (when the attempt exists) records on the attempt
     * that its lease was released, in the same transaction. False, and nothing written, when it does not hold it.
     */
    boolean releaseIfOwner(String runId, String executionArn, boolean attemptExists, Instant now) {
        Delete delete = ownLease(executionArn);
        try {
            if (attemptExists) {
                dynamo.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().delete(delete).build(),
                        TransactWriteItem.builder().update(Update.builder().tableName(table)
                                .key(attemptKey(runId, executionArn))
                                .updateExpression("SET #released = :true, " + UPDATED_AT + " = :now")
                                .expressionAttributeNames(Map.of("#released", LEASE_RELEASED))
                                .expressionAttributeValues(Map.of(":true", bool(true), ":now", s(timestamp(now))))
                                .build()).build()));
            } else {
                dynamo.deleteItem(d -> d.tableName(table).key(delete.key())
                        .conditionExpression(delete.conditionExpression())
                        .expressionAttributeValues(delete.expressionAttributeValues()));
            }
            return true;
        } catch (TransactionCanceledException | ConditionalCheckFailedException notOwner) {
            return false;
        }
    }

    /** The lease's deletion, on condition that {@code executionArn} owns it. */
    private Delete ownLease(String executionArn) {
        return Delete.builder().tableName(table).key(leaseKey())
                .conditionExpression(LEASE_OWNER + " = :owner")
                .expressionAttributeValues(Map.of(":owner", s(executionArn))).build();
    }
}
