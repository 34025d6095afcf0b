package emrpipeline.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The run ledger's rules: the one-run-at-a-time lease, each attempt's status (it only moves forward,
 * {@link RunStatus}), and the commit of a successful run's manifest into the processed index in S3
 * ({@link ProcessedIndexStore}). What is stored where, and under which condition, is {@link LedgerStore}'s.
 *
 * <p>Every operation is idempotent: a repeated call answers from what the first one recorded and writes nothing.
 * Every write is conditional on the state it was decided from, so concurrent callers cannot both win; a write whose
 * condition failed is decided again from what the table holds now, a bounded number of times. DynamoDB requests per
 * run are a small constant (begin 2, recordCluster 1, finish 2-3), whatever the number of objects.
 */
public final class RunLedger {
    private static final Logger LOG = LogManager.getLogger(RunLedger.class);

    /** Stored input is compact JSON of at most this many characters (then cut, with inputTruncated). */
    static final int MAX_INPUT_CHARS = 16 * 1024;
    /** A failure's cause, as recorded. */
    static final int MAX_CAUSE_CHARS = 8 * 1024;
    /** An error name or a failed state's name, as recorded. */
    static final int MAX_TEXT_CHARS = 1024;
    /** A reason or the cleanup's account, as recorded and answered. */
    static final int MAX_REASON_CHARS = 2 * MAX_TEXT_CHARS;
    /** Rounds of read-decide-conditional-write before begin gives up with {@link LeaseContentionException}. */
    static final int MAX_LEASE_ROUNDS = 8;
    /**
     * Rounds of read-decide-conditional-write before finish gives up: the attempt or the lease changed under it every
     * time (a janitor's close, a concurrent finish). Few: each round may have read the manifest again.
     */
    static final int MAX_FINISH_ROUNDS = 3;
    static final String NOTHING_NEW = "nothing new to process";
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final LedgerStore table;
    private final S3Client s3;
    private final LedgerSettings settings;
    private final Clock clock;
    private final ProcessedIndexStore index;
    private final ManifestReader manifests;
    private final CostEstimator costs;

    public RunLedger(DynamoDbClient dynamo, S3Client s3, LedgerSettings settings, Clock clock,
                     ProcessedIndexStore.Sleeper sleeper) {
        this.table = new LedgerStore(dynamo, settings.tableName());
        this.s3 = s3;
        this.settings = settings;
        this.clock = clock;
        this.index = new ProcessedIndexStore(s3, settings.dataBucket(), settings.pipelinePrefix(),
                settings.indexGzipLevel(), settings.commitMaxAttempts(), settings.commitBackoffBase(), sleeper, clock);
        this.manifests = new ManifestReader(settings.dataBucket(), settings.pipelinePrefix());
        this.costs = new CostEstimator(settings.prices());
    }

    /** Carries out {@code command}: an exhaustive switch over its {@link LedgerAction} (each action's record). */
    public LedgerResult handle(LedgerCommand command) {
        return switch (command.action()) {
            case BEGIN -> begin((LedgerCommand.Begin) command);
            case RECORD_CLUSTER -> recordCluster((LedgerCommand.RecordCluster) command);
            case FINISH -> finish((LedgerCommand.Finish) command);
            case CLOSE -> close((LedgerCommand.Close) command);
            case VALIDATE -> validateInput((LedgerCommand.ValidateInput) command);
            case COMMIT -> commit((LedgerCommand.Commit) command);
            case RELEASE -> release((LedgerCommand.Release) command);
        };
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
            LeaseItem lease = table.lease();
            LedgerStore.TakeOver takeOver = null;
            if (lease != null) {
                if (b.executionArn().equals(lease.owner())) {
                    AttemptItem recorded = table.attempt(b.runId(), b.executionArn());
                    if (recorded != null) {
                        return beginAnswer(recorded);
                    }
                    // The lease is ours but the record is gone (deleted by hand): record the attempt again.
                } else if (lease.isLiveAt(now.toEpochMilli())) {
                    return recordSkipped(b, lease, now);
                } else {
                    // A hand-made lease without an expiry counts as expired.
                    takeOver = new LedgerStore.TakeOver(lease.owner(), "took over the lease of " + lease.owner()
                            + " (run " + lease.runId() + "), which expired at " + lease.expiresAt());
                }
            }
            Instant expiresAt = now.plus(settings.leaseDuration());
            switch (table.takeLeaseAndRecordStarted(b, lease, now, expiresAt, takeOver)) {
                case WRITTEN -> {
                    String reason = takeOver == null ? null : takeOver.reason();
                    LOG.info("begin " + b.runId() + " " + b.executionArn() + ": STARTED, lease until "
                            + LedgerTable.timestamp(expiresAt) + (reason == null ? "" : "; " + reason));
                    return LedgerResult.begin(b.runId(), b.executionArn(), RunStatus.STARTED, b.executionArn(),
                            LedgerTable.timestamp(expiresAt), reason);
                }
                case ATTEMPT_RECORDED -> {
                    AttemptItem recorded = table.attempt(b.runId(), b.executionArn());
                    if (recorded != null) {
                        return beginAnswer(recorded);
                    }
                    LOG.info("begin " + b.runId() + ": the attempt's record changed while taking the lease, round " + round);
                }
                case LEASE_CHANGED -> LOG.info("begin " + b.runId() + ": the lease changed while taking it, round " + round);
            }
        }
        throw new LeaseContentionException("begin " + b.runId() + " " + b.executionArn() + ": the lease changed under "
                + MAX_LEASE_ROUNDS + " rounds of conditional writes; nothing was written");
    }

    private LedgerResult recordSkipped(LedgerCommand.Begin b, LeaseItem holder, Instant now) {
        String reason = "previous run still active: the lease is held by " + holder.owner() + " (run " + holder.runId()
                + ") until " + holder.expiresAt();
        if (!table.recordSkipped(b, holder, now, secondsBetween(b.startedAt(), now), reason)) {
            return beginAnswer(table.attempt(b.runId(), b.executionArn()));
        }
        LOG.info("begin " + b.runId() + " " + b.executionArn() + ": SKIPPED, " + reason);
        return LedgerResult.begin(b.runId(), b.executionArn(), RunStatus.SKIPPED, holder.owner(), holder.expiresAt(), reason);
    }

    private static LedgerResult beginAnswer(AttemptItem recorded) {
        return LedgerResult.begin(recorded.runId(), recorded.executionArn(), recorded.beginStatus(), recorded.leaseOwner(),
                recorded.leaseExpiresAt(), recorded.beginReason());
    }

    // ------------------------------------------------------------------ recordCluster

    /** STARTED -> CLUSTER_RUNNING with the cluster id; repeating it with the same cluster id answers the same. */
    public LedgerResult recordCluster(LedgerCommand.RecordCluster r) {
        LedgerStore.ConditionalUpdate update = table.recordClusterRunning(r, clock.instant());
        if (update.written()) {
            LOG.info("recordCluster " + r.runId() + " " + r.executionArn() + ": CLUSTER_RUNNING " + r.clusterId());
            return LedgerResult.clusterRecorded(r.runId(), r.executionArn(), r.clusterId());
        }
        AttemptItem current = update.current();
        if (current == null) {
            throw notFound("recordCluster", r.runId(), r.executionArn());
        }
        RunStatus status = current.status();
        if (status == RunStatus.CLUSTER_RUNNING && r.clusterId().equals(current.clusterId())) {
            return LedgerResult.clusterRecorded(r.runId(), r.executionArn(), r.clusterId());
        }
        throw new IllegalRunTransitionException("recordCluster " + r.runId() + " " + r.executionArn() + ": the attempt is "
                + status + (status == RunStatus.CLUSTER_RUNNING ? " with cluster " + current.clusterId() : "")
                + "; CLUSTER_RUNNING " + r.clusterId() + " may only follow STARTED");
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
            AttemptItem record = table.attempt(f.runId(), f.executionArn());
            if (record == null) {
                throw notFound("finish", f.runId(), f.executionArn());
            }
            RunStatus current = record.status();
            if (current == f.status()) {
                return finishAnswer(record); // a repeated finish: the first one's answer, nothing written
            }
            if (!current.canMoveTo(f.status())) {
                throw new IllegalRunTransitionException("finish " + f.runId() + " " + f.executionArn() + ": the attempt is "
                        + current + "; " + f.status() + " may only follow " + RunStatus.predecessorsOf(f.status()));
            }
            Instant now = clock.instant();
            ManifestOutcome manifest = manifestOutcome(f, record, now);
            long durationSeconds = secondsBetween(record.startedAt(), now);
            Double clusterHours = clusterHours(record, now);
            CostEstimator.CostEstimate cost = costs.estimate(f.cost(), clusterHours);
            String reason = manifest.reason() == null ? null : truncate(manifest.reason(), MAX_REASON_CHARS);
            LedgerStore.FinishedAttempt finished = new LedgerStore.FinishedAttempt(f.status(), current, now,
                    durationSeconds, manifest.committedObjects(), clusterHours, cost.estimatedCostUsd(), cost.note(),
                    f.cost(), manifest.uri(), manifest.sha256(), manifest.committed(),
                    f.error() == null ? null : truncate(f.error(), MAX_TEXT_CHARS),
                    f.cause() == null ? null : truncate(f.cause(), MAX_CAUSE_CHARS),
                    f.failedState() == null ? null : truncate(f.failedState(), MAX_TEXT_CHARS),
                    reason, f.cleanup() == null ? null : truncate(f.cleanup(), MAX_REASON_CHARS));

            LedgerStore.FinishWrite written = table.finish(f.runId(), f.executionArn(), finished, !f.keepLease());
            if (written == LedgerStore.FinishWrite.ATTEMPT_CHANGED || written == LedgerStore.FinishWrite.CONTENDED) {
                if (round < MAX_FINISH_ROUNDS) {
                    continue; // the record or the lease changed since it was read: decide again from what it is now
                }
                String what = "finish " + f.runId() + " " + f.executionArn() + ": the attempt kept changing under "
                        + MAX_FINISH_ROUNDS + " rounds of finish; nothing was written";
                throw written == LedgerStore.FinishWrite.ATTEMPT_CHANGED ? new IllegalRunTransitionException(what)
                        : new LeaseContentionException(what);
            }
            boolean released = written == LedgerStore.FinishWrite.LEASE_RELEASED;
            LOG.info("finish " + f.runId() + " " + f.executionArn() + ": " + current + " -> " + f.status() + " after "
                    + durationSeconds + " s, lease released: " + released
                    + (f.keepLease() ? " (kept: a cluster may still be running)" : ""));
            return LedgerResult.finished(f.runId(), f.executionArn(), f.status(), durationSeconds, clusterHours,
                    cost.estimatedCostUsd(), cost.note(), manifest.committedObjects(), released, manifest.uri(),
                    manifest.sha256(), reason);
        }
    }

    /**
     * What finish records about the run's manifest.
     *
     * @param committed null when finish says nothing about it (no manifest)
     * @param reason    the finish's reason, with what was found about an attempted commit
     */
    private record ManifestOutcome(String uri, String sha256, long committedObjects, Boolean committed, String reason) {
    }

    /**
     * SUCCEEDED with a manifest: commit it to the processed index (after recording that this attempt commits it).
     * A failure after such an attempted commit: whether it reached the index (its objects are then processed, or new
     * again). SKIPPED without a reason: nothing new.
     */
    private ManifestOutcome manifestOutcome(LedgerCommand.Finish f, AttemptItem record, Instant now) {
        String reason = f.reason();
        if (f.status() == RunStatus.SUCCEEDED && f.manifest() != null) {
            Manifest manifest = loadManifest(f.manifest(), f.runId());
            if (!f.manifest().uri().equals(record.commitManifestUri())
                    && !table.markCommitStarted(f.runId(), f.executionArn(), f.manifest().uri(), now)) {
                throw new IllegalRunTransitionException("finish " + f.runId() + " " + f.executionArn()
                        + ": the attempt left CLUSTER_RUNNING while finishing; nothing was committed");
            }
            ProcessedIndexStore.CommitOutcome outcome = index.commit(manifest.pairs(),
                    ProcessedIndexStore.ListingUpdate.of(manifest));
            LOG.info("finish " + f.runId() + ": committed " + manifest.objectCount() + " objects of " + f.manifest()
                    + " (" + outcome.added() + " new to the index, " + outcome.pairsAfter() + " pairs in all)");
            return new ManifestOutcome(f.manifest().uri(), manifest.sha256(), manifest.objectCount(), true, reason);
        }
        if (f.status().isFailure()) {
            String attempted = record.commitManifestUri();
            if (attempted != null) {
                String note;
                String sha = null;
                long committedObjects = 0;
                Boolean committed = null;
                try {
                    Manifest manifest = loadManifest(S3Location.parseOrNull(attempted), f.runId());
                    committed = index.containsAll(manifest.pairs());
                    sha = manifest.sha256();
                    committedObjects = committed ? manifest.objectCount() : 0;
                    note = committed
                            ? "the manifest had been committed to the processed index before the failure; its objects count as processed"
                            : "a commit of the manifest was attempted before the failure and did not reach the processed index; its objects are new again";
                } catch (LedgerException | SdkException | UncheckedIOException e) {
                    // Recording the failure matters more than this check: never fail the failure path for it.
                    note = "a commit of the manifest was attempted before the failure; whether it reached the processed index could not be checked: "
                            + e.getMessage();
                }
                return new ManifestOutcome(attempted, sha, committedObjects, committed,
                        reason == null ? note : truncate(reason, MAX_TEXT_CHARS) + "; " + note);
            }
            if (f.manifest() != null) {
                return new ManifestOutcome(f.manifest().uri(), null, 0, false, reason);
            }
        } else if (f.status() == RunStatus.SKIPPED && reason == null) {
            reason = NOTHING_NEW;
        }
        return new ManifestOutcome(null, null, 0, null, reason);
    }

    private static LedgerResult finishAnswer(AttemptItem record) {
        return LedgerResult.finished(record.runId(), record.executionArn(), record.status(), record.durationSeconds(),
                record.clusterHours(), record.estimatedCostUsd(), record.costNote(), record.committedObjects(),
                record.leaseReleased(), record.manifestUri(), record.manifestSha256(), record.reason());
    }

    private static Double clusterHours(AttemptItem record, Instant now) {
        Instant from = record.clusterSince();
        if (from == null) {
            return null;
        }
        long millis = Math.max(0, Duration.between(from, now).toMillis());
        return CostEstimator.round4(millis / MILLIS_PER_HOUR);
    }

    // ------------------------------------------------------------------ commit (operator)

    /**
     * Merges the manifest of a SUCCEEDED attempt of the run into the processed index (repairs an index that lost it,
     * or completes a commit by hand). Refused unless an attempt of the run is SUCCEEDED with that very manifest:
     * a failed run commits nothing. Idempotent: a second commit leaves the index unchanged.
     */
    public LedgerResult commit(LedgerCommand.Commit c) {
        List<AttemptItem> attempts = table.attempts(c.runId());
        boolean succeeded = attempts.stream().anyMatch(a -> a.status() == RunStatus.SUCCEEDED
                && c.manifest().uri().equals(a.manifestUri()));
        if (!succeeded) {
            StringJoiner seen = new StringJoiner(", ", "[", "]");
            attempts.forEach(a -> seen.add(a.executionArn() + ": " + a.status()
                    + (a.manifestUri() == null ? "" : " " + a.manifestUri())));
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
        LedgerStore.LeaseRelease release = table.release(r.executionArn());
        if (release.released()) {
            LOG.info("release " + r.runId() + " " + r.executionArn() + ": the execution holds no lease");
            return LedgerResult.released(r.runId(), r.executionArn(), true, null);
        }
        LeaseItem lease = release.holder();
        throw new LeaseNotOwnedException("release " + r.runId() + " " + r.executionArn() + ": the lease is owned by "
                + (lease == null ? null : lease.owner()) + (lease == null ? "" : " (run " + lease.runId() + ", expires "
                + lease.expiresAt() + ")") + "; only its owner releases it, and the next run takes it over once it expires");
    }

    // ------------------------------------------------------------------ validate (before BeginRun)

    /**
     * The part of the execution input's check that reads: a run id that was run before (a re-run) must have its
     * manifest, because a re-run processes exactly its run's manifest again. Nothing is written.
     */
    public LedgerResult validateInput(LedgerCommand.ValidateInput v) {
        List<AttemptItem> attempts = table.attempts(v.runId());
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
        AttemptItem record = table.attempt(c.runId(), c.executionArn());
        boolean closed = false;
        RunStatus status = record == null ? null : record.status();
        if (status != null && !status.isTerminal()) {
            try {
                finish(new LedgerCommand.Finish(c.runId(), c.executionArn(), c.status(), null, c.error(), c.cause(),
                        null, c.reason(), null, null, true));
                closed = true;
            } catch (IllegalRunTransitionException raced) {
                LOG.info("close " + c.runId() + " " + c.executionArn() + ": the attempt was closed meanwhile: " + raced.getMessage());
            }
            status = table.attempt(c.runId(), c.executionArn()).status();
        }
        boolean released = table.releaseIfOwner(c.runId(), c.executionArn(), record != null, clock.instant());
        LOG.info("close " + c.runId() + " " + c.executionArn() + ": " + (record == null ? "no attempt recorded"
                : (closed ? "closed " + status : "already " + status)) + ", lease " + (released ? "released" : "not held by it"));
        return LedgerResult.closed(c.runId(), c.executionArn(), status, closed, released,
                closed ? c.reason() : null);
    }

    // ------------------------------------------------------------------ helpers

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
