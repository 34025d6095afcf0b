package emrpipeline.ledger;

import static emrpipeline.ledger.LedgerTable.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The run ledger: one-run-at-a-time lease and per-attempt run records in DynamoDB, and the commit of a successful
 * run's manifest into the processed index in S3.
 *
 * <p>Every operation is idempotent: a repeated call answers from what the first one recorded and writes nothing.
 * Every write is conditional on the state it was decided from, so concurrent callers cannot both win. DynamoDB
 * requests per run are a small constant (begin 2, recordCluster 1, finish 2-3), whatever the number of objects.
 */
public final class RunLedger {
    private static final Logger LOG = LogManager.getLogger(RunLedger.class);

    /** Stored input is compact JSON of at most this many characters (then cut, with inputTruncated). */
    static final int MAX_INPUT_CHARS = 16 * 1024;
    static final int MAX_CAUSE_CHARS = 8 * 1024;
    static final int MAX_TEXT_CHARS = 1024;
    /** Rounds of read-decide-conditional-write before begin gives up with {@link LeaseContentionException}. */
    static final int MAX_LEASE_ROUNDS = 8;
    static final String NOTHING_NEW = "nothing new to process";

    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final LedgerSettings settings;
    private final Clock clock;
    private final ProcessedIndexStore index;
    private final ManifestReader manifests;
    private final CostEstimator costs;

    public RunLedger(DynamoDbClient dynamo, S3Client s3, LedgerSettings settings, Clock clock,
                     ProcessedIndexStore.Sleeper sleeper) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.settings = settings;
        this.clock = clock;
        this.index = new ProcessedIndexStore(s3, settings.dataBucket(), settings.pipelinePrefix(),
                settings.indexGzipLevel(), settings.commitMaxAttempts(), settings.commitBackoffBase(), sleeper, clock);
        this.manifests = new ManifestReader(settings.dataBucket(), settings.pipelinePrefix());
        this.costs = new CostEstimator(settings.prices());
    }

    public LedgerResult handle(LedgerCommand command) {
        if (command instanceof LedgerCommand.Begin b) {
            return begin(b);
        } else if (command instanceof LedgerCommand.RecordCluster r) {
            return recordCluster(r);
        } else if (command instanceof LedgerCommand.Finish f) {
            return finish(f);
        } else if (command instanceof LedgerCommand.Commit c) {
            return commit(c);
        } else if (command instanceof LedgerCommand.Release r) {
            return release(r);
        } else if (command instanceof LedgerCommand.Close c) {
            return close(c);
        } else if (command instanceof LedgerCommand.ValidateInput v) {
            return validateInput(v);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    // ------------------------------------------------------------------ begin

    /**
     * Takes the lease and records the attempt STARTED (one transaction: both or neither), or records the attempt
     * SKIPPED when another execution holds a live lease. An expired lease is taken over. A repeated begin of the
     * same execution returns what the first one recorded.
     */
    public LedgerResult begin(LedgerCommand.Begin b) {
        for (int round = 1; round <= MAX_LEASE_ROUNDS; round++) {
            Instant now = clock.instant();
            Map<String, AttributeValue> lease = getLease();
            String condition;
            Map<String, AttributeValue> values = new HashMap<>();
            String takenOverFrom = null;
            String reason = null;
            if (lease == null) {
                condition = "attribute_not_exists(" + PK + ")";
            } else {
                String owner = string(lease, LEASE_OWNER);
                Long storedExpiry = longOrNull(lease, LEASE_EXPIRES_AT_MILLIS);
                long expiresAt = storedExpiry == null ? 0 : storedExpiry; // a hand-made lease without expiry counts as expired
                if (b.executionArn().equals(owner)) {
                    Map<String, AttributeValue> recorded = getAttempt(b.runId(), b.executionArn());
                    if (recorded != null) {
                        return beginAnswer(recorded);
                    }
                    // The lease is ours but the record is gone (deleted by hand): record the attempt again.
                    condition = LEASE_OWNER + " = :owner";
                    values.put(":owner", s(owner));
                } else if (expiresAt > now.toEpochMilli()) {
                    return recordSkipped(b, lease, now);
                } else {
                    condition = storedExpiry == null
                            ? LEASE_OWNER + " = :owner AND attribute_not_exists(" + LEASE_EXPIRES_AT_MILLIS + ")"
                            : LEASE_OWNER + " = :owner AND " + LEASE_EXPIRES_AT_MILLIS + " = :expiresAt";
                    values.put(":owner", s(owner));
                    if (storedExpiry != null) {
                        values.put(":expiresAt", n(expiresAt));
                    }
                    takenOverFrom = owner;
                    reason = "took over the lease of " + owner + " (run " + string(lease, RUN_ID) + "), which expired at "
                            + string(lease, LEASE_EXPIRES_AT);
                }
            }
            Instant expiresAt = now.plus(settings.leaseDuration());
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
            if (reason != null) {
                record.put(BEGIN_REASON, s(reason));
                record.put(LEASE_TAKEN_OVER_FROM, s(takenOverFrom));
            }
            Put.Builder leasePut = Put.builder().tableName(settings.tableName()).item(leaseItem)
                    .conditionExpression(condition);
            if (!values.isEmpty()) {
                leasePut.expressionAttributeValues(values);
            }
            try {
                dynamo.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().put(leasePut.build()).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(settings.tableName()).item(record)
                                .conditionExpression("attribute_not_exists(" + PK + ")").build()).build()));
                LOG.info("begin " + b.runId() + " " + b.executionArn() + ": STARTED, lease until " + timestamp(expiresAt)
                        + (reason == null ? "" : "; " + reason));
                return LedgerResult.begin(b.runId(), b.executionArn(), RunStatus.STARTED, b.executionArn(),
                        timestamp(expiresAt), reason);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                    Map<String, AttributeValue> recorded = getAttempt(b.runId(), b.executionArn());
                    if (recorded != null) {
                        return beginAnswer(recorded);
                    }
                }
                if (!isRetryableCancellation(reasons)) {
                    throw e;
                }
                LOG.info("begin " + b.runId() + ": the lease changed while taking it (" + codes(reasons) + "), round "
                        + round);
            }
        }
        throw new LeaseContentionException("begin " + b.runId() + " " + b.executionArn() + ": the lease changed under "
                + MAX_LEASE_ROUNDS + " rounds of conditional writes; nothing was written");
    }

    private LedgerResult recordSkipped(LedgerCommand.Begin b, Map<String, AttributeValue> lease, Instant now) {
        String holder = string(lease, LEASE_OWNER);
        String holderExpiry = string(lease, LEASE_EXPIRES_AT);
        String reason = "previous run still active: the lease is held by " + holder + " (run " + string(lease, RUN_ID)
                + ") until " + holderExpiry;
        Map<String, AttributeValue> record = newAttempt(b, RunStatus.SKIPPED, now);
        record.put(BEGIN_STATUS, s(RunStatus.SKIPPED.name()));
        record.put(BEGIN_REASON, s(reason));
        record.put(LEASE_OWNER, s(holder));
        record.put(LEASE_EXPIRES_AT, s(holderExpiry));
        // The attempt is closed at once: the state machine does not call finish for it.
        record.put(FINISHED_AT, s(timestamp(now)));
        record.put(DURATION_SECONDS, n(secondsBetween(b.startedAt(), now)));
        record.put(REASON, s(reason));
        record.put(LEASE_RELEASED, bool(false));
        record.put(COMMITTED_OBJECTS, n(0));
        try {
            dynamo.putItem(p -> p.tableName(settings.tableName()).item(record)
                    .conditionExpression("attribute_not_exists(" + PK + ")"));
            LOG.info("begin " + b.runId() + " " + b.executionArn() + ": SKIPPED, " + reason);
            return LedgerResult.begin(b.runId(), b.executionArn(), RunStatus.SKIPPED, holder, holderExpiry, reason);
        } catch (ConditionalCheckFailedException e) {
            return beginAnswer(getAttempt(b.runId(), b.executionArn()));
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
        if (input.length() > MAX_INPUT_CHARS) {
            input = input.substring(0, MAX_INPUT_CHARS);
            item.put(INPUT_TRUNCATED, bool(true));
        }
        item.put(INPUT, s(input));
        return item;
    }

    private static LedgerResult beginAnswer(Map<String, AttributeValue> record) {
        return LedgerResult.begin(string(record, RUN_ID), string(record, EXECUTION_ARN),
                RunStatus.valueOf(string(record, BEGIN_STATUS)), string(record, LEASE_OWNER),
                string(record, LEASE_EXPIRES_AT), string(record, BEGIN_REASON));
    }

    // ------------------------------------------------------------------ recordCluster

    /** STARTED -> CLUSTER_RUNNING with the cluster id; repeating it with the same cluster id answers the same. */
    public LedgerResult recordCluster(LedgerCommand.RecordCluster r) {
        Instant now = clock.instant();
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
            dynamo.updateItem(u -> u.tableName(settings.tableName()).key(attemptKey(r.runId(), r.executionArn()))
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_exists(" + PK + ") AND #status = :started")
                    .expressionAttributeNames(Map.of("#status", RUN_STATUS))
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            LOG.info("recordCluster " + r.runId() + " " + r.executionArn() + ": CLUSTER_RUNNING " + r.clusterId());
            return LedgerResult.clusterRecorded(r.runId(), r.executionArn(), r.clusterId());
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() && !e.item().isEmpty() ? e.item()
                    : getAttempt(r.runId(), r.executionArn());
            if (old == null) {
                throw notFound("recordCluster", r.runId(), r.executionArn());
            }
            RunStatus status = RunStatus.valueOf(string(old, RUN_STATUS));
            if (status == RunStatus.CLUSTER_RUNNING && r.clusterId().equals(string(old, CLUSTER_ID))) {
                return LedgerResult.clusterRecorded(r.runId(), r.executionArn(), r.clusterId());
            }
            throw new IllegalRunTransitionException("recordCluster " + r.runId() + " " + r.executionArn() + ": the attempt is "
                    + status + (status == RunStatus.CLUSTER_RUNNING ? " with cluster " + string(old, CLUSTER_ID) : "")
                    + "; CLUSTER_RUNNING " + r.clusterId() + " may only follow STARTED");
        }
    }

    // ------------------------------------------------------------------ finish

    /**
     * Closes the attempt: SUCCEEDED (commit the manifest first), FAILED or SKIPPED; durations, cluster-hours, an
     * estimated cost; the lease released in the same transaction when this execution owns it. A repeated finish
     * with the same status answers from the record and writes nothing.
     *
     * <p>A FAILED finish after a SUCCEEDED finish that committed the manifest but could not record it (the cleanup
     * path after a partial failure) records FAILED with manifestCommitted=true: the index keeps the pairs (the Spark
     * step had succeeded; removing them would process the data twice and could race other writers).
     */
    public LedgerResult finish(LedgerCommand.Finish f) {
        for (int round = 1; ; round++) {
            Map<String, AttributeValue> record = getAttempt(f.runId(), f.executionArn());
            if (record == null) {
                throw notFound("finish", f.runId(), f.executionArn());
            }
            RunStatus current = RunStatus.valueOf(string(record, RUN_STATUS));
            if (current == f.status()) {
                return finishAnswer(record); // a repeated finish: the first one's answer, nothing written
            }
            if (!current.canMoveTo(f.status())) {
                throw new IllegalRunTransitionException("finish " + f.runId() + " " + f.executionArn() + ": the attempt is "
                        + current + "; " + f.status() + " may only follow " + RunStatus.predecessorsOf(f.status()));
            }
            Instant now = clock.instant();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            String manifestUri = null;
            String manifestSha = null;
            long committedObjects = 0;
            Boolean manifestCommitted = null;
            String reason = f.reason();

            if (f.status() == RunStatus.SUCCEEDED && f.manifest() != null) {
                Manifest manifest = loadManifest(f.manifest(), f.runId());
                markCommitStarted(f, record, now);
                ProcessedIndexStore.CommitOutcome outcome = index.commit(manifest.pairs(),
                        ProcessedIndexStore.ListingUpdate.of(manifest));
                LOG.info("finish " + f.runId() + ": committed " + manifest.objectCount() + " objects of " + f.manifest()
                        + " (" + outcome.added() + " new to the index, " + outcome.pairsAfter() + " pairs in all)");
                manifestUri = f.manifest().uri();
                manifestSha = manifest.sha256();
                committedObjects = manifest.objectCount();
                manifestCommitted = true;
            } else if (f.status().isFailure()) {
                String attempted = string(record, COMMIT_MANIFEST_URI);
                if (attempted != null) {
                    manifestUri = attempted;
                    String note;
                    try {
                        Manifest manifest = loadManifest(S3Location.parseOrNull(attempted), f.runId());
                        manifestCommitted = index.containsAll(manifest.pairs());
                        manifestSha = manifest.sha256();
                        committedObjects = manifestCommitted ? manifest.objectCount() : 0;
                        note = manifestCommitted
                                ? "the manifest had been committed to the processed index before the failure; its objects count as processed"
                                : "a commit of the manifest was attempted before the failure and did not reach the processed index; its objects are new again";
                    } catch (LedgerException | SdkException | UncheckedIOException e) {
                        // Recording the failure matters more than this check: never fail the failure path for it.
                        note = "a commit of the manifest was attempted before the failure; whether it reached the processed index could not be checked: "
                                + e.getMessage();
                    }
                    reason = reason == null ? note : truncate(reason, MAX_TEXT_CHARS) + "; " + note;
                } else if (f.manifest() != null) {
                    manifestUri = f.manifest().uri();
                    manifestCommitted = false;
                }
            } else if (f.status() == RunStatus.SKIPPED && reason == null) {
                reason = NOTHING_NEW;
            }

            long durationSeconds = secondsBetween(Instant.parse(string(record, STARTED_AT)), now);
            Double clusterHours = clusterHours(record, now);
            CostEstimator.CostEstimate cost = costs.estimate(f.cost(), clusterHours);

            // Every attribute through a #name placeholder: several (error, status, ...) are DynamoDB reserved words.
            StringJoiner set = new StringJoiner(", ", "SET ", "");
            Map<String, String> names = new HashMap<>();
            names.put("#status", RUN_STATUS);
            set.add("#status = :status");
            values.put(":status", s(f.status().name()));
            values.put(":current", s(current.name()));
            set.add("#" + STATUS_HISTORY + " = list_append(#" + STATUS_HISTORY + ", :history)");
            names.put("#" + STATUS_HISTORY, STATUS_HISTORY);
            values.put(":history", AttributeValue.fromL(List.of(s(timestamp(now) + " " + f.status().name()))));
            set.add("#" + LEASE_RELEASED + " = :released");
            names.put("#" + LEASE_RELEASED, LEASE_RELEASED);
            assign(set, names, values, FINISHED_AT, s(timestamp(now)));
            assign(set, names, values, UPDATED_AT, s(timestamp(now)));
            assign(set, names, values, DURATION_SECONDS, n(durationSeconds));
            assign(set, names, values, COMMITTED_OBJECTS, n(committedObjects));
            assign(set, names, values, CLUSTER_HOURS, clusterHours == null ? null : n(clusterHours));
            assign(set, names, values, ESTIMATED_COST_USD, cost.estimatedCostUsd() == null ? null : n(cost.estimatedCostUsd()));
            assign(set, names, values, COST_NOTE, cost.note() == null ? null : s(cost.note()));
            assign(set, names, values, COST_INPUT, f.cost() == null ? null : costInput(f.cost()));
            assign(set, names, values, MANIFEST_URI, manifestUri == null ? null : s(manifestUri));
            assign(set, names, values, MANIFEST_SHA256, manifestSha == null ? null : s(manifestSha));
            assign(set, names, values, MANIFEST_COMMITTED, manifestCommitted == null ? null : bool(manifestCommitted));
            assign(set, names, values, ERROR, f.error() == null ? null : s(truncate(f.error(), MAX_TEXT_CHARS)));
            assign(set, names, values, CAUSE, f.cause() == null ? null : s(truncate(f.cause(), MAX_CAUSE_CHARS)));
            assign(set, names, values, FAILED_STATE, f.failedState() == null ? null : s(truncate(f.failedState(), MAX_TEXT_CHARS)));
            assign(set, names, values, REASON, reason == null ? null : s(truncate(reason, 2 * MAX_TEXT_CHARS)));
            assign(set, names, values, CLEANUP, f.cleanup() == null ? null : s(truncate(f.cleanup(), 2 * MAX_TEXT_CHARS)));

            Update.Builder update = Update.builder().tableName(settings.tableName())
                    .key(attemptKey(f.runId(), f.executionArn()))
                    .conditionExpression("#status = :current")
                    .expressionAttributeNames(names);
            boolean released = false;
            if (!f.keepLease()) {
                try {
                    // Optimistic: release the lease in the same transaction, if this execution still owns it.
                    Map<String, AttributeValue> withReleased = new LinkedHashMap<>(values);
                    withReleased.put(":released", bool(true));
                    dynamo.transactWriteItems(t -> t.transactItems(
                            TransactWriteItem.builder().update(update.updateExpression(set.toString())
                                    .expressionAttributeValues(withReleased).build()).build(),
                            TransactWriteItem.builder().delete(Delete.builder().tableName(settings.tableName()).key(leaseKey())
                                    .conditionExpression(LEASE_OWNER + " = :owner")
                                    .expressionAttributeValues(Map.of(":owner", s(f.executionArn()))).build()).build()));
                    released = true;
                } catch (TransactionCanceledException e) {
                    List<CancellationReason> reasons = e.cancellationReasons();
                    if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                        if (round < 3) {
                            continue; // the record changed since it was read: decide again from what it is now
                        }
                        throw new IllegalRunTransitionException("finish " + f.runId() + " " + f.executionArn()
                                + ": the attempt kept changing under finish; nothing was written");
                    }
                    if (!(reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1).code()))) {
                        if (isRetryableCancellation(reasons) && round < 3) {
                            continue;
                        }
                        throw e;
                    }
                    // The lease is not ours (released, expired and taken over, or never taken): the record alone.
                }
            }
            if (!released) {
                // keepLease (a cluster of the run may still be running: the janitor releases the lease once it is
                // terminating or gone), or a lease that is not ours.
                Map<String, AttributeValue> withoutRelease = new LinkedHashMap<>(values);
                withoutRelease.put(":released", bool(false));
                try {
                    dynamo.updateItem(u -> u.tableName(settings.tableName()).key(attemptKey(f.runId(), f.executionArn()))
                            .updateExpression(set.toString()).conditionExpression("#status = :current")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(withoutRelease));
                } catch (ConditionalCheckFailedException changed) {
                    if (round < 3) {
                        continue;
                    }
                    throw new IllegalRunTransitionException("finish " + f.runId() + " " + f.executionArn()
                            + ": the attempt kept changing under finish; nothing was written");
                }
            }
            LOG.info("finish " + f.runId() + " " + f.executionArn() + ": " + current + " -> " + f.status() + " after "
                    + durationSeconds + " s, lease released: " + released + (f.keepLease() ? " (kept: a cluster may still be running)" : ""));
            return LedgerResult.finished(f.runId(), f.executionArn(), f.status(), durationSeconds, clusterHours,
                    cost.estimatedCostUsd(), cost.note(), committedObjects, released, manifestUri, manifestSha,
                    reason == null ? null : truncate(reason, 2 * MAX_TEXT_CHARS));
        }
    }

    /** Records, before the S3 commit, that this attempt is committing which manifest (a retry skips the write). */
    private void markCommitStarted(LedgerCommand.Finish f, Map<String, AttributeValue> record, Instant now) {
        if (f.manifest().uri().equals(string(record, COMMIT_MANIFEST_URI))) {
            return;
        }
        try {
            dynamo.updateItem(u -> u.tableName(settings.tableName()).key(attemptKey(f.runId(), f.executionArn()))
                    .updateExpression("SET " + COMMIT_MANIFEST_URI + " = :uri, " + COMMIT_STARTED_AT + " = :now")
                    .conditionExpression("#status = :running")
                    .expressionAttributeNames(Map.of("#status", RUN_STATUS))
                    .expressionAttributeValues(Map.of(":uri", s(f.manifest().uri()), ":now", s(timestamp(now)),
                            ":running", s(RunStatus.CLUSTER_RUNNING.name()))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalRunTransitionException("finish " + f.runId() + " " + f.executionArn()
                    + ": the attempt left CLUSTER_RUNNING while finishing; nothing was committed");
        }
    }

    private static LedgerResult finishAnswer(Map<String, AttributeValue> record) {
        return LedgerResult.finished(string(record, RUN_ID), string(record, EXECUTION_ARN),
                RunStatus.valueOf(string(record, RUN_STATUS)), longOrNull(record, DURATION_SECONDS),
                doubleOrNull(record, CLUSTER_HOURS), doubleOrNull(record, ESTIMATED_COST_USD), string(record, COST_NOTE),
                longOrNull(record, COMMITTED_OBJECTS), boolOrNull(record, LEASE_RELEASED), string(record, MANIFEST_URI),
                string(record, MANIFEST_SHA256), string(record, REASON));
    }

    private static Double clusterHours(Map<String, AttributeValue> record, Instant now) {
        String from = string(record, CLUSTER_REQUESTED_AT);
        if (from == null) {
            from = string(record, CLUSTER_READY_AT);
        }
        if (from == null) {
            return null;
        }
        long millis = Math.max(0, Duration.between(Instant.parse(from), now).toMillis());
        return CostEstimator.round4(millis / 3_600_000.0);
    }

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

    // ------------------------------------------------------------------ commit (operator)

    /**
     * Merges the manifest of a SUCCEEDED attempt of the run into the processed index (repairs an index that lost it,
     * or completes a commit by hand). Refused unless an attempt of the run is SUCCEEDED with that very manifest:
     * a failed run commits nothing. Idempotent: a second commit leaves the index unchanged.
     */
    public LedgerResult commit(LedgerCommand.Commit c) {
        List<Map<String, AttributeValue>> attempts = attemptsOf(c.runId());
        boolean succeeded = attempts.stream().anyMatch(a -> RunStatus.SUCCEEDED.name().equals(string(a, RUN_STATUS))
                && c.manifest().uri().equals(string(a, MANIFEST_URI)));
        if (!succeeded) {
            StringJoiner seen = new StringJoiner(", ", "[", "]");
            attempts.forEach(a -> seen.add(string(a, EXECUTION_ARN) + ": " + string(a, RUN_STATUS)
                    + (string(a, MANIFEST_URI) == null ? "" : " " + string(a, MANIFEST_URI))));
            throw new IllegalRunTransitionException("commit " + c.runId() + ": no SUCCEEDED attempt of this run has manifest "
                    + c.manifest() + " (attempts: " + seen + "); only a successful run's manifest is committed");
        }
        Manifest manifest = loadManifest(c.manifest(), c.runId());
        ProcessedIndexStore.CommitOutcome outcome = index.commit(manifest.pairs(), ProcessedIndexStore.ListingUpdate.of(manifest));
        LOG.info("commit " + c.runId() + ": " + c.manifest() + " -> " + (outcome.written()
                ? "+" + outcome.added() + " pairs, " + outcome.pairsAfter() + " in all"
                : "already in the index, nothing written"));
        return LedgerResult.committed(c.runId(), c.manifest().uri(), manifest.sha256(), manifest.objectCount());
    }

    // ------------------------------------------------------------------ release (operator)

    /**
     * Releases the lease, only when {@code executionArn} owns it (expired or not). {@code leaseReleased: true} means
     * the execution holds no lease afterwards, whether this call deleted it or it was gone already, so a repeated
     * release answers the same. A lease owned by another execution is a {@link LeaseNotOwnedException}.
     */
    public LedgerResult release(LedgerCommand.Release r) {
        try {
            dynamo.deleteItem(d -> d.tableName(settings.tableName()).key(leaseKey())
                    .conditionExpression("attribute_not_exists(" + PK + ") OR " + LEASE_OWNER + " = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(r.executionArn())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            LOG.info("release " + r.runId() + " " + r.executionArn() + ": the execution holds no lease");
            return LedgerResult.released(r.runId(), r.executionArn(), true, null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> lease = e.hasItem() && !e.item().isEmpty() ? e.item() : getLease();
            String owner = lease == null ? null : string(lease, LEASE_OWNER);
            throw new LeaseNotOwnedException("release " + r.runId() + " " + r.executionArn() + ": the lease is owned by "
                    + owner + (lease == null ? "" : " (run " + string(lease, RUN_ID) + ", expires "
                    + string(lease, LEASE_EXPIRES_AT) + ")") + "; only its owner releases it, and the next run takes it over once it expires");
        }
    }

    // ------------------------------------------------------------------ validate (before BeginRun)

    /**
     * The part of the execution input's check that reads: a run id that was run before (a re-run) must have its
     * manifest, because a re-run processes exactly its run's manifest again. Nothing is written.
     */
    public LedgerResult validateInput(LedgerCommand.ValidateInput v) {
        List<Map<String, AttributeValue>> attempts = attemptsOf(v.runId());
        if (!attempts.isEmpty()) {
            String key = settings.manifestsPrefix() + v.runId() + ".json";
            boolean exists;
            try {
                s3.headObject(h -> h.bucket(settings.dataBucket()).key(key));
                exists = true;
            } catch (NoSuchKeyException e) {
                exists = false;
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                exists = false;
            }
            if (!exists) {
                throw ExecutionInputValidator.invalid("runId", "run " + v.runId() + " was started before (" + attempts.size()
                        + " attempt" + (attempts.size() == 1 ? "" : "s") + ") and has no manifest (s3://" + settings.dataBucket()
                        + "/" + key + "): a re-run processes its run's manifest again; start a new run id for new data");
            }
        }
        LOG.info("validate " + v.runId() + " " + v.executionArn() + ": the execution input is valid"
                + (attempts.isEmpty() ? "" : " (a re-run of " + attempts.size() + " attempts, manifest present)"));
        return new LedgerResult(v.runId(), v.executionArn(), "VALID", null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    // ------------------------------------------------------------------ close (run janitor)

    /**
     * Closes the attempt with the execution's own end (FAILED, TIMED_OUT, ABORTED) only if it is not terminal yet,
     * then releases the lease only if this execution holds it. Both writes are conditional, so a second delivery of
     * the same event, or a call after the state machine's own finish, changes nothing and says so
     * ({@code attemptClosed} / {@code leaseReleased} false): the caller tells people only when something changed.
     * An attempt that was never recorded (an input refused before BeginRun) is not an error: nothing to close.
     */
    public LedgerResult close(LedgerCommand.Close c) {
        Map<String, AttributeValue> record = getAttempt(c.runId(), c.executionArn());
        boolean closed = false;
        RunStatus status = record == null ? null : RunStatus.valueOf(string(record, RUN_STATUS));
        if (status != null && !status.isTerminal()) {
            try {
                finish(new LedgerCommand.Finish(c.runId(), c.executionArn(), c.status(), null, c.error(), c.cause(),
                        null, c.reason(), null, null, true));
                closed = true;
            } catch (IllegalRunTransitionException raced) {
                LOG.info("close " + c.runId() + " " + c.executionArn() + ": the attempt was closed meanwhile: " + raced.getMessage());
            }
            status = RunStatus.valueOf(string(getAttempt(c.runId(), c.executionArn()), RUN_STATUS));
        }
        boolean released = releaseIfOwner(c.runId(), c.executionArn(), record != null);
        LOG.info("close " + c.runId() + " " + c.executionArn() + ": " + (record == null ? "no attempt recorded"
                : (closed ? "closed " + status : "already " + status)) + ", lease " + (released ? "released" : "not held by it"));
        return LedgerResult.closed(c.runId(), c.executionArn(), status, closed, released,
                closed ? c.reason() : null);
    }

    /** Deletes the lease if {@code executionArn} holds it; false (nothing written) otherwise. */
    private boolean releaseIfOwner(String runId, String executionArn, boolean attemptExists) {
        Delete delete = Delete.builder().tableName(settings.tableName()).key(leaseKey())
                .conditionExpression(LEASE_OWNER + " = :owner")
                .expressionAttributeValues(Map.of(":owner", s(executionArn))).build();
        try {
            if (attemptExists) {
                dynamo.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().delete(delete).build(),
                        TransactWriteItem.builder().update(Update.builder().tableName(settings.tableName())
                                .key(attemptKey(runId, executionArn))
                                .updateExpression("SET #released = :true, " + UPDATED_AT + " = :now")
                                .expressionAttributeNames(Map.of("#released", LEASE_RELEASED))
                                .expressionAttributeValues(Map.of(":true", bool(true), ":now", s(timestamp(clock.instant()))))
                                .build()).build()));
            } else {
                dynamo.deleteItem(d -> d.tableName(delete.tableName()).key(delete.key())
                        .conditionExpression(delete.conditionExpression())
                        .expressionAttributeValues(delete.expressionAttributeValues()));
            }
            return true;
        } catch (TransactionCanceledException | ConditionalCheckFailedException notOwner) {
            return false;
        }
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, AttributeValue> getLease() {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(settings.tableName()).key(leaseKey())
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private Map<String, AttributeValue> getAttempt(String runId, String executionArn) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(settings.tableName())
                .key(attemptKey(runId, executionArn)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private List<Map<String, AttributeValue>> attemptsOf(String runId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = dynamo.query(q -> q.tableName(settings.tableName()).consistentRead(true)
                    .keyConditionExpression(PK + " = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(RUN_KEY_PREFIX + runId)))
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }

    /** Reads and verifies a manifest; absent or unreadable is a {@link ManifestInvalidException}. */
    private Manifest loadManifest(S3Location location, String runId) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(g -> g.bucket(location.bucket()).key(location.key()))) {
            return manifests.read(location, in, runId);
        } catch (NoSuchKeyException e) {
            throw ManifestReader.invalid(location, "does not exist", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 403 || e.statusCode() == 404) {
                throw ManifestReader.invalid(location, "cannot be read (HTTP " + e.statusCode()
                        + ": absent, or the function may not read it)", e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRetryableCancellation(List<CancellationReason> reasons) {
        for (CancellationReason reason : reasons) {
            String code = reason.code();
            if (code != null && !"None".equals(code) && !"ConditionalCheckFailed".equals(code)
                    && !"TransactionConflict".equals(code)) {
                return false;
            }
        }
        return true;
    }

    private static String codes(List<CancellationReason> reasons) {
        StringJoiner j = new StringJoiner(",");
        reasons.forEach(r -> j.add(String.valueOf(r.code())));
        return j.toString();
    }

    private static RunNotFoundException notFound(String action, String runId, String executionArn) {
        return new RunNotFoundException(action + " " + runId + " " + executionArn
                + ": no record of this attempt (begin was not called for this run id and execution)");
    }

    static long secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).getSeconds());
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
