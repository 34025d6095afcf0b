package emrpipeline.ledger;

import static emrpipeline.ledger.LedgerFixture.begin;
import static emrpipeline.ledger.LedgerFixture.commit;
import static emrpipeline.ledger.LedgerFixture.finish;
import static emrpipeline.ledger.LedgerFixture.recordCluster;
import static emrpipeline.ledger.LedgerFixture.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.ledger.TestData.RawObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3Client;

/** The ledger against DynamoDB Local and S3Proxy, in-process: lease, records, transitions, commit. */
class RunLedgerTest extends LocalAwsTest {
    static final Duration LEASE = Duration.ofHours(7); // LocalAws.settings

    static String arn(String execution) {
        return TestData.arn(execution);
    }

    /** Runs {@code action}, which must throw {@code type}, and checks that nothing in DynamoDB or S3's index changed. */
    static <T extends Throwable> T refusedWithoutWrites(LedgerFixture f, Class<T> type, Executable action) {
        Set<Map<String, AttributeValue>> before = new HashSet<>(f.items());
        String indexEtag = TestData.indexEtag(aws.s3, f.bucket);
        T thrown = assertThrows(type, action);
        assertEquals(before, new HashSet<>(f.items()), "DynamoDB unchanged");
        assertEquals(indexEtag, TestData.indexEtag(aws.s3, f.bucket), "index unchanged");
        return thrown;
    }

    static LedgerRequest with(LedgerRequest r, Consumer<LedgerRequest> change) {
        change.accept(r);
        return r;
    }

    /** begin + recordCluster: an attempt in CLUSTER_RUNNING. */
    static void running(LedgerFixture f, String runId, String execution) {
        assertEquals("STARTED", f.call(begin(runId, execution)).status());
        f.call(recordCluster(runId, execution, clusterIdOf(execution)));
    }

    static String clusterIdOf(String execution) {
        return "j-" + execution.toUpperCase().replaceAll("[^A-Z0-9]", "");
    }

    // ------------------------------------------------------------------ begin and the lease

    @Test
    void beginTakesTheLeaseAndRecordsTheAttempt() {
        LedgerFixture f = new LedgerFixture(aws);
        LedgerRequest request = with(begin("2026-11-21-daily", "e1"), r -> r.setStartedAt("2026-11-21T05:59:58.5Z"));
        LedgerResult r = f.call(request);
        assertEquals(LedgerResult.begin("2026-11-21-daily", arn("e1"), RunStatus.STARTED, arn("e1"),
                "2026-11-21T13:00:00.000Z", null), r);

        Map<String, AttributeValue> record = f.attempt("2026-11-21-daily", "e1");
        assertEquals("STARTED", record.get("runStatus").s());
        assertEquals("RUN", record.get("recordType").s());
        assertEquals("schedule", record.get("trigger").s());
        assertEquals("e1", record.get("executionName").s());
        assertEquals("2026-11-21T05:59:58.500Z", record.get("startedAt").s());
        assertTrue(record.get("input").s().startsWith("{") && record.get("input").s().contains("\"trigger\":\"schedule\""));
        assertFalse(record.containsKey("ttl"), "run records are kept: only the lease expires");

        Map<String, AttributeValue> lease = f.lease();
        assertEquals(arn("e1"), lease.get("leaseOwner").s());
        assertEquals("2026-11-21-daily", lease.get("runId").s());
        assertEquals(String.valueOf(LedgerFixture.T0.plus(LEASE).getEpochSecond()), lease.get("ttl").n());
        assertEquals(2, f.items().size());
    }

    @Test
    void aRepeatedBeginAnswersTheSameAndWritesNothing() {
        LedgerFixture f = new LedgerFixture(aws);
        LedgerResult first = f.call(begin("r1", "e1"));
        Set<Map<String, AttributeValue>> items = new HashSet<>(f.items());
        f.clock.advance(Duration.ofSeconds(30));
        f.dynamo.reset();
        assertEquals(first, f.call(begin("r1", "e1")));
        assertEquals(0, f.dynamo.writes());
        assertEquals(items, new HashSet<>(f.items()));

        LedgerResult skipped = f.call(begin("r1", "e2"));
        items = new HashSet<>(f.items());
        f.dynamo.reset();
        assertEquals(skipped, f.call(begin("r1", "e2")));
        assertEquals(items, new HashSet<>(f.items()));
    }

    @Test
    void eightConcurrentBeginsMakeExactlyOneOwner() throws Exception {
        LedgerFixture f = new LedgerFixture(aws);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<LedgerResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            // Half reuse one run id (a manual re-run racing the schedule), half have their own.
            LedgerRequest request = begin(i % 2 == 0 ? "shared-run" : "run-" + i, "e" + i);
            results.add(pool.submit(() -> {
                go.await();
                return f.call(request);
            }));
        }
        go.countDown();
        List<LedgerResult> answers = new ArrayList<>();
        for (Future<LedgerResult> r : results) {
            answers.add(r.get());
        }
        pool.shutdown();
        List<LedgerResult> started = answers.stream().filter(a -> a.status().equals("STARTED")).toList();
        assertEquals(1, started.size(), "exactly one owner: " + answers);
        String owner = started.get(0).executionArn();
        assertEquals(owner, f.lease().get("leaseOwner").s());
        for (LedgerResult a : answers) {
            assertEquals(owner, a.leaseOwner(), "every answer names the one owner");
            if (!a.executionArn().equals(owner)) {
                assertEquals("SKIPPED", a.status());
                assertTrue(a.reason().startsWith("previous run still active"));
            }
        }
        assertEquals(threads + 1, f.items().size(), "one record per attempt, and the lease");
    }

    @Test
    void aSkippedAttemptDoesNotTouchTheLiveRunsRecordOrLease() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(begin("r1", "scheduled"));
        Map<String, AttributeValue> live = f.attempt("r1", "scheduled");
        Map<String, AttributeValue> lease = f.lease();
        f.clock.advance(Duration.ofMinutes(5));
        LedgerResult skipped = f.call(begin("r1", "manual")); // same run id, started by hand
        assertEquals("SKIPPED", skipped.status());
        assertEquals(arn("scheduled"), skipped.leaseOwner());
        assertEquals(live, f.attempt("r1", "scheduled"));
        assertEquals(lease, f.lease());
        Map<String, AttributeValue> record = f.attempt("r1", "manual");
        assertEquals("SKIPPED", record.get("runStatus").s());
        assertEquals(Boolean.FALSE, record.get("leaseReleased").bool());
        assertEquals(skipped.reason(), record.get("reason").s());
    }

    @Test
    void anExpiredLeaseIsTakenOverByTheNextRun() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(begin("crashed", "e1"));
        Map<String, AttributeValue> crashed = f.attempt("crashed", "e1");
        f.clock.advance(LEASE.minusSeconds(1));
        assertEquals("SKIPPED", f.call(begin("next", "e2")).status(), "one second before expiry the lease is live");
        f.clock.advance(Duration.ofSeconds(1));
        LedgerResult next = f.call(begin("next", "e3"));
        assertEquals("STARTED", next.status());
        assertTrue(next.reason().startsWith("took over the lease of " + arn("e1") + " (run crashed)"), next.reason());
        assertEquals(arn("e3"), f.lease().get("leaseOwner").s());
        assertEquals(arn("e1"), f.attempt("next", "e3").get("leaseTakenOverFrom").s());
        assertEquals(crashed, f.attempt("crashed", "e1"), "the crashed run's record is left as it was");
        // The crashed run cannot release what it no longer owns.
        refusedWithoutWrites(f, LeaseNotOwnedException.class, () -> f.call(release("crashed", "e1")));
    }

    @Test
    void inputIsStoredCompactlyAndBounded() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(with(begin("r1", "e1"), r -> r.setInput(Map.of("big", "x".repeat(40_000), "n", 1))));
        Map<String, AttributeValue> record = f.attempt("r1", "e1");
        assertEquals(RunLedger.MAX_INPUT_CHARS, record.get("input").s().length());
        assertTrue(record.get("inputTruncated").bool());
        assertTrue(Long.parseLong(record.get("inputBytes").n()) > 40_000);
    }

    // ------------------------------------------------------------------ release

    @Test
    void releaseIsForTheOwnerOnly() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(begin("r1", "e1"));
        LeaseNotOwnedException e = refusedWithoutWrites(f, LeaseNotOwnedException.class, () -> f.call(release("r1", "e2")));
        assertTrue(e.getMessage().contains("owned by " + arn("e1")));
        LedgerResult released = f.call(release("r1", "e1"));
        assertEquals(LedgerResult.released("r1", arn("e1"), true, null), released);
        assertNull(f.lease());
        assertEquals(released, f.call(release("r1", "e1")), "a repeated release answers the same");
        assertEquals("STARTED", f.call(begin("r2", "e2")).status(), "the next run starts");
    }

    // ------------------------------------------------------------------ recordCluster

    @Test
    void recordClusterMovesStartedToClusterRunningOnce() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(begin("r1", "e1"));
        f.clock.advance(Duration.ofMinutes(12));
        LedgerRequest request = with(recordCluster("r1", "e1", "j-ABC123"), r -> r.setClusterRequestedAt("2026-11-21T06:02:00Z"));
        LedgerResult r = f.call(request);
        assertEquals(LedgerResult.clusterRecorded("r1", arn("e1"), "j-ABC123"), r);
        Map<String, AttributeValue> record = f.attempt("r1", "e1");
        assertEquals("CLUSTER_RUNNING", record.get("runStatus").s());
        assertEquals("2026-11-21T06:02:00.000Z", record.get("clusterRequestedAt").s());
        assertEquals("2026-11-21T06:12:00.000Z", record.get("clusterReadyAt").s());

        Set<Map<String, AttributeValue>> items = new HashSet<>(f.items());
        f.clock.advance(Duration.ofMinutes(1));
        assertEquals(r, f.call(request), "a repeat answers the same");
        assertEquals(items, new HashSet<>(f.items()), "and changes nothing");

        IllegalRunTransitionException other = refusedWithoutWrites(f, IllegalRunTransitionException.class,
                () -> f.call(recordCluster("r1", "e1", "j-OTHER")));
        assertTrue(other.getMessage().contains("CLUSTER_RUNNING with cluster j-ABC123"));
        refusedWithoutWrites(f, RunNotFoundException.class, () -> f.call(recordCluster("r1", "nobody", "j-ABC123")));
    }

    // ------------------------------------------------------------------ every transition rule

    /** Puts an attempt of run {@code runId} in {@code state} and returns its execution name. */
    static String attemptIn(LedgerFixture f, String state, String runId) {
        String e = "e-" + runId;
        switch (state) {
            case "STARTED" -> f.call(begin(runId, e));
            case "CLUSTER_RUNNING" -> running(f, runId, e);
            case "SUCCEEDED" -> {
                running(f, runId, e);
                f.call(finish(runId, e, "SUCCEEDED"));
            }
            case "FAILED" -> {
                f.call(begin(runId, e));
                f.call(finish(runId, e, "FAILED"));
            }
            case "SKIPPED" -> {
                f.call(begin(runId, e));
                f.call(finish(runId, e, "SKIPPED"));
            }
            case "SKIPPED_AT_BEGIN" -> {
                f.call(begin("holder-" + runId, "holder-" + runId));
                assertEquals("SKIPPED", f.call(begin(runId, e)).status());
                f.call(release("holder-" + runId, "holder-" + runId));
            }
            default -> throw new IllegalArgumentException(state);
        }
        return e;
    }

    @Test
    void everyTransitionRule() {
        Set<String> legal = Set.of("STARTED->CLUSTER_RUNNING", "STARTED->FAILED", "STARTED->SKIPPED",
                "CLUSTER_RUNNING->SUCCEEDED", "CLUSTER_RUNNING->FAILED");
        String[] states = {"STARTED", "CLUSTER_RUNNING", "SUCCEEDED", "FAILED", "SKIPPED", "SKIPPED_AT_BEGIN"};
        String[] targets = {"CLUSTER_RUNNING", "SUCCEEDED", "FAILED", "SKIPPED"};
        LedgerFixture f = new LedgerFixture(aws);
        int n = 0;
        for (String state : states) {
            for (String target : targets) {
                String runId = "t" + (n++);
                String e = attemptIn(f, state, runId);
                String from = state.equals("SKIPPED_AT_BEGIN") ? "SKIPPED" : state;
                LedgerRequest request = target.equals("CLUSTER_RUNNING")
                        ? recordCluster(runId, e, clusterIdOf(e))
                        : finish(runId, e, target);
                String edge = from + "->" + target;
                if (legal.contains(edge)) {
                    assertEquals(target, f.call(request).status(), edge);
                    assertEquals(target, f.status(runId, e), edge);
                } else if (from.equals(target)) {
                    // A repeat of the finish that put it there: answered from the record, nothing written.
                    Set<Map<String, AttributeValue>> items = new HashSet<>(f.items());
                    assertEquals(target, f.call(request).status(), edge);
                    assertEquals(items, new HashSet<>(f.items()), edge);
                } else {
                    IllegalRunTransitionException ex = refusedWithoutWrites(f, IllegalRunTransitionException.class,
                            () -> f.call(request));
                    assertTrue(ex.getMessage().contains("the attempt is " + from), edge + ": " + ex.getMessage());
                }
                f.call(release(runId, e)); // leave the lease free for the next case (a no-op unless it is ours)
            }
        }
        refusedWithoutWrites(f, RunNotFoundException.class, () -> f.call(finish("never-begun", "e0", "FAILED")));
    }

    // ------------------------------------------------------------------ finish and commit

    @Test
    void finishSucceededCommitsTheManifestReleasesTheLeaseAndRepeatsIdentically() {
        LedgerFixture f = new LedgerFixture(aws);
        List<RawObject> objects = TestData.objects("day=2026-11-20", 25);
        String uri = TestData.putManifest(aws.s3, f.bucket, "r1", objects);
        running(f, "r1", "e1");
        f.clock.advance(Duration.ofMinutes(90));
        LedgerRequest request = with(finish("r1", "e1", "SUCCEEDED"), r -> r.setManifestUri(uri));
        LedgerResult done = f.call(request);
        assertEquals("SUCCEEDED", done.status());
        assertEquals(25L, done.committedObjects());
        assertEquals(Boolean.TRUE, done.leaseReleased());
        assertEquals(5400L, done.durationSeconds());
        assertEquals(1.5, done.clusterHours());
        assertEquals(uri, done.manifestUri());
        assertEquals(TestData.sha256(objects), done.manifestSha256());
        assertNull(f.lease());
        assertEquals(ProcessedIndexStoreTest.keys(objects), ProcessedIndexStoreTest.keys(TestData.readIndex(aws.s3, f.bucket)));

        String etag = TestData.indexEtag(aws.s3, f.bucket);
        Set<Map<String, AttributeValue>> items = new HashSet<>(f.items());
        f.clock.advance(Duration.ofMinutes(3));
        f.dynamo.reset();
        assertEquals(done, f.call(request), "the same finish returns the same result");
        assertEquals(0, f.dynamo.writes(), "and writes nothing");
        assertEquals(items, new HashSet<>(f.items()));
        assertEquals(etag, TestData.indexEtag(aws.s3, f.bucket));
    }

    @Test
    void afterAFailedRunItsObjectsAreNewAgainForTheNextSizing() {
        LedgerFixture f = new LedgerFixture(aws);
        List<RawObject> day1 = TestData.objects("day=1", 10);
        List<RawObject> day2 = TestData.objects("day=2", 10);
        running(f, "day1", "e1");
        f.call(with(finish("day1", "e1", "SUCCEEDED"), r -> r.setManifestUri(TestData.putManifest(aws.s3, f.bucket, "day1", day1))));

        String day2Manifest = TestData.putManifest(aws.s3, f.bucket, "day2", day2);
        running(f, "day2", "e2");
        LedgerResult failed = f.call(with(finish("day2", "e2", "FAILED"), r -> {
            r.setManifestUri(day2Manifest);
            r.setError("States.TaskFailed");
            r.setCause("the Spark step failed");
            r.setFailedState("RunJob");
        }));
        assertEquals(0L, failed.committedObjects());
        assertEquals(Boolean.TRUE, failed.leaseReleased());
        Map<String, AttributeValue> record = f.attempt("day2", "e2");
        assertEquals("States.TaskFailed", record.get("error").s());
        assertEquals("RunJob", record.get("failedState").s());
        assertEquals(Boolean.FALSE, record.get("manifestCommitted").bool());

        // The index holds day 1 only; by the README's definition (new = (key, ETag) not in the index) the next
        // sizing of a listing of both days sees exactly day 2 as new.
        List<RawObject> index = TestData.readIndex(aws.s3, f.bucket);
        List<RawObject> listing = new ArrayList<>(day1);
        listing.addAll(day2);
        assertEquals(ProcessedIndexStoreTest.keys(day2), ProcessedIndexStoreTest.keys(TestData.newObjects(listing, index)));

        // A manual re-run of day 2 (same run id, new execution) processes and commits them.
        running(f, "day2", "e3");
        f.call(with(finish("day2", "e3", "SUCCEEDED"), r -> r.setManifestUri(day2Manifest)));
        assertTrue(TestData.newObjects(listing, TestData.readIndex(aws.s3, f.bucket)).isEmpty());
        assertEquals("FAILED", f.status("day2", "e2"), "the failed attempt's record stays as it was");
    }

    @Test
    void aFailureAfterTheCommitIsRecordedAsFailedWithTheManifestCommitted() {
        LedgerFixture f = new LedgerFixture(aws);
        List<RawObject> objects = TestData.objects("x", 7);
        String uri = TestData.putManifest(aws.s3, f.bucket, "r1", objects);
        running(f, "r1", "e1");
        // finish SUCCEEDED commits to S3, then the DynamoDB transaction fails (throttled, timed out, crashed).
        f.dynamo.failWhen = op -> op.equals("transactWriteItems");
        assertThrows(DynamoDbException.class, () -> f.call(with(finish("r1", "e1", "SUCCEEDED"), r -> r.setManifestUri(uri))));
        f.dynamo.failWhen = op -> false;
        assertEquals("CLUSTER_RUNNING", f.status("r1", "e1"));
        assertEquals(7, TestData.readIndex(aws.s3, f.bucket).size(), "the commit reached the index");

        // The state machine's cleanup path then says FAILED.
        LedgerResult failed = f.call(with(finish("r1", "e1", "FAILED"), r -> r.setError("Lambda.ServiceException")));
        assertEquals("FAILED", failed.status());
        assertEquals(7L, failed.committedObjects());
        assertEquals(Boolean.TRUE, failed.leaseReleased());
        assertTrue(failed.reason().contains("had been committed"), failed.reason());
        Map<String, AttributeValue> record = f.attempt("r1", "e1");
        assertEquals(Boolean.TRUE, record.get("manifestCommitted").bool());
        assertEquals(uri, record.get("manifestUri").s());
        assertEquals(7, TestData.readIndex(aws.s3, f.bucket).size(), "the index is not rolled back");
    }

    @Test
    void aFailedCommitLeavesTheIndexAloneAndTheCleanupRecordsIt() {
        LedgerFixture f = new LedgerFixture(aws);
        String uri = TestData.putManifest(aws.s3, f.bucket, "r1", TestData.objects("x", 3));
        running(f, "r1", "e1");
        S3Client putsFail = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (op.equals("putObject")) {
                throw FaultyS3.status(503, "SlowDown");
            }
        });
        LedgerFixture failing = new LedgerFixture(f, putsFail);
        assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> failing.call(with(finish("r1", "e1", "SUCCEEDED"), r -> r.setManifestUri(uri))));
        assertNull(TestData.indexEtag(aws.s3, f.bucket));
        LedgerResult failed = f.call(finish("r1", "e1", "FAILED"));
        assertEquals(0L, failed.committedObjects());
        assertTrue(failed.reason().contains("did not reach the processed index"), failed.reason());
        assertEquals(Boolean.FALSE, f.attempt("r1", "e1").get("manifestCommitted").bool());
    }

    @Test
    void aBadManifestIsRejectedAndNothingIsWritten() {
        LedgerFixture f = new LedgerFixture(aws);
        running(f, "r1", "e1");
        List<RawObject> objects = TestData.objects("x", 3);
        String tampered = TestData.putManifestJson(aws.s3, f.bucket, "r1",
                TestData.manifestJson("r1", f.bucket, "raw/", objects, "0".repeat(64), 3, 3072));
        ManifestInvalidException e = refusedWithoutWrites(f, ManifestInvalidException.class,
                () -> f.call(with(finish("r1", "e1", "SUCCEEDED"), r -> r.setManifestUri(tampered))));
        assertTrue(e.getMessage().contains("sha256"));
        String otherRuns = TestData.putManifest(aws.s3, f.bucket, "r2", objects);
        refusedWithoutWrites(f, ManifestInvalidException.class,
                () -> f.call(with(finish("r1", "e1", "SUCCEEDED"), r -> r.setManifestUri(otherRuns))));
        refusedWithoutWrites(f, ManifestInvalidException.class,
                () -> f.call(with(finish("r1", "e1", "SUCCEEDED"),
                        r -> r.setManifestUri("s3://" + f.bucket + "/emr-pipeline/manifests/missing.json"))));
        assertEquals("CLUSTER_RUNNING", f.status("r1", "e1"));
        assertNotNull(f.lease());
    }

    @Test
    void badRequestsAreRejectedBeforeAnyRequestIsSent() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(begin("r1", "e1"));
        List<LedgerRequest> bad = List.of(
                with(begin("r1", "e2"), r -> r.setRunId(null)),
                with(begin("r1", "e2"), r -> r.setExecutionArn(null)),
                with(finish("r1", "e1", "DONE"), r -> { }),
                with(finish("r1", "e1", "SUCCEEDED"), r -> r.setManifestUri("s3://" + f.bucket + "/raw/manifests/r1.json")),
                with(finish("r1", "e1", "SUCCEEDED"), r -> r.setManifestUri("s3://another-bucket/emr-pipeline/manifests/r1.json")),
                commit("r1", "s3://" + f.bucket + "/emr-pipeline/index/processed.tsv.gz"),
                with(release("r1", "e1"), r -> r.setExecutionArn("e1")),
                with(begin("r1", "e2"), r -> r.setAction("start")));
        for (LedgerRequest request : bad) {
            f.dynamo.reset();
            refusedWithoutWrites(f, InvalidLedgerRequestException.class, () -> f.call(request));
            assertEquals(0, f.dynamo.total(), "no DynamoDB request at all");
        }
    }

    @Test
    void costAndClusterHours() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(begin("r1", "e1"));
        f.clock.advance(Duration.ofMinutes(15));
        f.call(with(recordCluster("r1", "e1", "j-C1"), r -> r.setClusterRequestedAt("2026-11-21T06:05:00Z")));
        f.clock.advance(Duration.ofHours(2)); // finish at 08:15: 2 h 10 min after the request
        CostInput cost = new CostInput();
        cost.setMasterInstanceType("m5.xlarge");
        cost.setCoreInstanceType("r5.2xlarge");
        cost.setCoreNodeCount("3");
        cost.setCoreMarket("SPOT");
        cost.setEbsGibPerVolume("128");
        cost.setVolumesPerInstance("2");
        LedgerResult r = f.call(with(finish("r1", "e1", "FAILED"), req -> req.setCost(cost)));
        assertEquals(2.1667, r.clusterHours());
        assertEquals(8100L, r.durationSeconds());
        double hours = 130 / 60.0;
        double expected = hours * (0.24 + 3 * (0.504 * 0.4 + 0.126) + 3 * 2 * 128 * 0.08 / 730);
        assertEquals(CostEstimator.round4(expected), r.estimatedCostUsd(), 0.0002);
        assertNull(r.costNote());
        assertEquals("SPOT", f.attempt("r1", "e1").get("costInput").m().get("coreMarket").s());

        f.call(begin("r2", "e2"));
        f.call(recordCluster("r2", "e2", "j-C2"));
        cost.setCoreInstanceType("x9.unknown");
        LedgerResult unknown = f.call(with(finish("r2", "e2", "FAILED"), req -> req.setCost(cost)));
        assertNull(unknown.estimatedCostUsd());
        assertEquals("no price for instance type x9.unknown in PRICE_TABLE_JSON", unknown.costNote());
    }

    @Test
    void finishingAfterTheLeaseWasTakenOverLeavesTheNewOwnersLease() {
        LedgerFixture f = new LedgerFixture(aws);
        running(f, "slow", "e1");
        f.clock.advance(LEASE.plusMinutes(1));
        f.call(begin("next", "e2"));
        LedgerResult slow = f.call(finish("slow", "e1", "FAILED"));
        assertEquals(Boolean.FALSE, slow.leaseReleased());
        assertEquals(arn("e2"), f.lease().get("leaseOwner").s());
    }

    @Test
    void twoRunsCommittingAtOnceBothLandInTheIndex() throws Exception {
        LedgerFixture f = new LedgerFixture(aws);
        List<RawObject> a = TestData.objects("a", 300);
        List<RawObject> b = TestData.objects("b", 300);
        String uriA = TestData.putManifest(aws.s3, f.bucket, "ra", a);
        String uriB = TestData.putManifest(aws.s3, f.bucket, "rb", b);
        running(f, "ra", "ea");
        f.clock.advance(LEASE.plusMinutes(1)); // ea overran its lease; eb takes it over: both are live now
        running(f, "rb", "eb");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<LedgerResult> fa = pool.submit(() -> {
            go.await();
            return f.call(with(finish("ra", "ea", "SUCCEEDED"), r -> r.setManifestUri(uriA)));
        });
        Future<LedgerResult> fb = pool.submit(() -> {
            go.await();
            return f.call(with(finish("rb", "eb", "SUCCEEDED"), r -> r.setManifestUri(uriB)));
        });
        go.countDown();
        assertEquals("SUCCEEDED", fa.get().status());
        assertEquals("SUCCEEDED", fb.get().status());
        pool.shutdown();
        List<RawObject> both = new ArrayList<>(a);
        both.addAll(b);
        assertEquals(ProcessedIndexStoreTest.keys(ProcessedIndexMergeTest.sortedUnique(both)),
                ProcessedIndexStoreTest.keys(TestData.readIndex(aws.s3, f.bucket)));
    }

    // ------------------------------------------------------------------ operator commit

    @Test
    void operatorCommitIsForSucceededRunsAndIdempotent() {
        LedgerFixture f = new LedgerFixture(aws);
        List<RawObject> objects = TestData.objects("op", 12);
        String uri = TestData.putManifest(aws.s3, f.bucket, "r1", objects);
        f.call(begin("r1", "e1"));
        f.call(finish("r1", "e1", "FAILED"));
        IllegalRunTransitionException e = refusedWithoutWrites(f, IllegalRunTransitionException.class, () -> f.call(commit("r1", uri)));
        assertTrue(e.getMessage().contains("no SUCCEEDED attempt"), e.getMessage());
        refusedWithoutWrites(f, IllegalRunTransitionException.class, () -> f.call(commit("unknown-run", uri)));

        running(f, "r1", "e2");
        f.call(with(finish("r1", "e2", "SUCCEEDED"), r -> r.setManifestUri(uri)));
        // The index is lost (deleted by mistake); the operator commits the manifest again.
        aws.s3.deleteObject(d -> d.bucket(f.bucket).key(TestData.INDEX_KEY));
        LedgerResult first = f.call(commit("r1", uri));
        assertEquals(LedgerResult.committed("r1", uri, TestData.sha256(objects), 12), first);
        String etag = TestData.indexEtag(aws.s3, f.bucket);
        assertEquals(first, f.call(commit("r1", uri)), "commit twice: same answer");
        assertEquals(etag, TestData.indexEtag(aws.s3, f.bucket), "and the index unchanged the second time");
        assertEquals(12, TestData.readIndex(aws.s3, f.bucket).size());
    }

    // ------------------------------------------------------------------ DynamoDB requests per run

    @Test
    void dynamoDbRequestsPerRunDoNotGrowWithTheObjects() {
        Map<String, Long> small = requestsForARun(10);
        Map<String, Long> large = requestsForARun(5_000);
        assertEquals(small, large);
        assertEquals(Map.of("getItem", 2L, "transactWriteItems", 2L, "updateItem", 2L), small);
    }

    /** DynamoDB requests of begin + recordCluster + finish SUCCEEDED (with commit), by operation. */
    static Map<String, Long> requestsForARun(int objects) {
        LedgerFixture f = new LedgerFixture(aws);
        String uri = TestData.putManifest(aws.s3, f.bucket, "r1", TestData.objects("n", objects));
        f.dynamo.reset();
        running(f, "r1", "e1");
        f.call(with(finish("r1", "e1", "SUCCEEDED"), r -> r.setManifestUri(uri)));
        Map<String, Long> counts = new java.util.TreeMap<>();
        f.dynamo.calls.forEach((op, n) -> counts.put(op, n.get()));
        return counts;
    }

    @Test
    void lastRunsByStatusAndByDateQueriesWork() {
        LedgerFixture f = new LedgerFixture(aws);
        AtomicInteger day = new AtomicInteger();
        for (String outcome : List.of("SUCCEEDED", "FAILED", "SUCCEEDED")) {
            String runId = "2026-11-2" + day.incrementAndGet();
            f.clock.set(Instant.parse(runId + "T06:00:00Z"));
            running(f, runId, "e" + day.get());
            f.call(finish(runId, "e" + day.get(), outcome));
        }
        // The README's queries: the last N runs, runs by status, runs of a date.
        List<Map<String, AttributeValue>> last2 = aws.dynamo.query(q -> q.tableName(f.table).indexName("byStartedAt")
                .keyConditionExpression("recordType = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromS("RUN")))
                .scanIndexForward(false).limit(2)).items();
        assertEquals(List.of("2026-11-23", "2026-11-22"), last2.stream().map(i -> i.get("runId").s()).toList());
        List<Map<String, AttributeValue>> failed = aws.dynamo.query(q -> q.tableName(f.table).indexName("byStatus")
                .keyConditionExpression("runStatus = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS("FAILED")))).items();
        assertEquals(List.of("2026-11-22"), failed.stream().map(i -> i.get("runId").s()).toList());
        List<Map<String, AttributeValue>> ofDate = aws.dynamo.query(q -> q.tableName(f.table).indexName("byStartedAt")
                .keyConditionExpression("recordType = :t AND begins_with(startedAt, :d)")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("RUN"), ":d", AttributeValue.fromS("2026-11-21")))).items();
        assertEquals(List.of("2026-11-21"), ofDate.stream().map(i -> i.get("runId").s()).toList());
        List<Map<String, AttributeValue>> byId = aws.dynamo.query(q -> q.tableName(f.table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("RUN#2026-11-22")))).items();
        assertEquals(1, byId.size());
        assertEquals(List.of("STARTED", "CLUSTER_RUNNING", "FAILED"), byId.get(0).get("statusHistory").l().stream()
                .map(v -> v.s().substring(v.s().indexOf(' ') + 1)).toList());
    }
}
