package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.ledger.TestData.RawObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ProcessedIndexStoreTest extends LocalAwsTest {
    static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T06:30:00Z"),
            java.time.ZoneOffset.UTC);

    static ProcessedIndexStore store(S3Client s3, String bucket, int maxAttempts) {
        return store(s3, bucket, maxAttempts, CLOCK);
    }

    static ProcessedIndexStore store(S3Client s3, String bucket, int maxAttempts, java.time.Clock clock) {
        return store(s3, bucket, maxAttempts, clock, new Waits());
    }

    static ProcessedIndexStore store(S3Client s3, String bucket, int maxAttempts, java.time.Clock clock, Waits waits) {
        return new ProcessedIndexStore(s3, bucket, TestData.PREFIX, 1, maxAttempts, BACKOFF_BASE, waits, clock);
    }

    static final Duration BACKOFF_BASE = Duration.ofMillis(2);

    /** The store's sleeper in tests: records each backoff instead of waiting it out. */
    static final class Waits implements ProcessedIndexStore.Sleeper {
        final List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    static ProcessedIndexStore.CommitOutcome commit(ProcessedIndexStore store, List<RawObject> sorted) {
        return store.commit(ProcessedIndexMergeTest.pairs(sorted), null);
    }

    static List<RawObject> sorted(List<RawObject> objects) {
        return ProcessedIndexMergeTest.sortedUnique(objects);
    }

    @Test
    void firstCommitCreatesTheIndexAndASecondChangesNothing() {
        String bucket = aws.createBucket();
        ProcessedIndexStore store = store(aws.s3, bucket, 3);
        List<RawObject> objects = TestData.objects("d1", 50);
        ProcessedIndexStore.CommitOutcome first = store.commit(ProcessedIndexMergeTest.pairs(objects), null);
        assertTrue(first.written(), first.toString());
        assertEquals(1, first.attempts());
        assertEquals(50, first.pairsAfter());
        String etag = TestData.indexEtag(aws.s3, bucket);
        assertEquals(objects, stripSizes(TestData.readIndex(aws.s3, bucket), objects));

        ProcessedIndexStore.CommitOutcome second = store.commit(ProcessedIndexMergeTest.pairs(objects), null);
        assertFalse(second.written());
        assertEquals(0, second.added());
        assertEquals(etag, TestData.indexEtag(aws.s3, bucket), "the index is unchanged by the second commit");
        assertTrue(store.containsAll(ProcessedIndexMergeTest.pairs(objects)));
        assertFalse(store.containsAll(ProcessedIndexMergeTest.pairs(TestData.objects("d2", 1))));
    }

    /** The index holds (key, etag) only: compare on those. */
    static List<RawObject> stripSizes(List<RawObject> index, List<RawObject> like) {
        List<RawObject> out = new ArrayList<>();
        for (RawObject o : index) {
            out.add(new RawObject(o.key(), o.etag(), like.isEmpty() ? 0 : like.get(0).size()));
        }
        return out;
    }

    @Test
    void aWriterThatCommitsBetweenOurReadAndOurWriteIsNotLost() {
        String bucket = aws.createBucket();
        List<RawObject> a = TestData.objects("a", 20);
        List<RawObject> b = TestData.objects("b", 20);
        ProcessedIndexStore other = store(aws.s3, bucket, 3);
        store(aws.s3, bucket, 3).commit(ProcessedIndexMergeTest.pairs(TestData.objects("base", 5)), null);
        AtomicBoolean interfered = new AtomicBoolean();
        S3Client racing = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (op.equals("putObject") && interfered.compareAndSet(false, true)) {
                other.commit(ProcessedIndexMergeTest.pairs(b), null); // lands after our GET, before our PUT
            }
        });
        ProcessedIndexStore.CommitOutcome outcome = store(racing, bucket, 3).commit(ProcessedIndexMergeTest.pairs(a), null);
        assertEquals(2, outcome.attempts(), "the first root PUT got 412 and the commit merged again: " + outcome);
        List<RawObject> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(TestData.objects("base", 5));
        assertTrue(keys(sorted(all)).equals(keys(TestData.readIndex(aws.s3, bucket))), "both writers' pairs are in the index");
    }

    @Test
    void concurrentCommitsAllLand() throws Exception {
        String bucket = aws.createBucket();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ProcessedIndexStore.CommitOutcome>> results = new ArrayList<>();
        List<RawObject> expected = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<RawObject> mine = new ArrayList<>(TestData.objects("w" + w, 200));
            mine.addAll(TestData.objects("shared", 10)); // overlapping pairs are indexed once
            expected.addAll(mine);
            List<RawObject> sortedMine = sorted(mine);
            results.add(pool.submit(() -> {
                go.await();
                return store(aws.s3, bucket, 50).commit(ProcessedIndexMergeTest.pairs(sortedMine), null);
            }));
        }
        go.countDown();
        int conflicts = 0;
        for (Future<ProcessedIndexStore.CommitOutcome> f : results) {
            conflicts += f.get().attempts() - 1;
        }
        pool.shutdown();
        List<String> want = keys(sorted(expected));
        List<String> got = keys(TestData.readIndex(aws.s3, bucket));
        assertEquals(want.size(), got.size(), "pairs in the index");
        assertTrue(want.equals(got), "every writer's pairs are in the index, in order");
        System.out.println("concurrent commits: " + conflicts + " conflicts retried");
    }

    @Test
    void conflict409IsRetriedToo() {
        String bucket = aws.createBucket();
        AtomicInteger puts = new AtomicInteger();
        S3Client flaky = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (isRootPut(op, request) && puts.incrementAndGet() == 1) {
                throw FaultyS3.status(409, "ConditionalRequestConflict");
            }
        });
        ProcessedIndexStore.CommitOutcome outcome = store(flaky, bucket, 3).commit(ProcessedIndexMergeTest.pairs(TestData.objects("c", 3)), null);
        assertEquals(2, outcome.attempts(), outcome.toString());
        assertEquals(3, TestData.readIndex(aws.s3, bucket).size());
    }

    @Test
    void persistentConflictsEndInADistinctErrorAndWriteNothing() {
        String bucket = aws.createBucket();
        store(aws.s3, bucket, 3).commit(ProcessedIndexMergeTest.pairs(TestData.objects("base", 2)), null);
        String etag = TestData.indexEtag(aws.s3, bucket);
        AtomicInteger puts = new AtomicInteger();
        S3Client alwaysConflicting = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (isRootPut(op, request)) {
                puts.incrementAndGet();
                throw FaultyS3.status(412, "PreconditionFailed");
            }
        });
        Waits waits = new Waits();
        IndexCommitConflictException e = assertThrows(IndexCommitConflictException.class,
                () -> store(alwaysConflicting, bucket, 4, CLOCK, waits).commit(ProcessedIndexMergeTest.pairs(TestData.objects("x", 2)), null));
        assertTrue(e.getMessage().contains("4 conditional writes"));
        assertEquals(4, puts.get());
        assertEquals(3, waits.waits.size(), "a backoff between attempts: " + waits.waits);
        for (int i = 0; i < waits.waits.size(); i++) {
            Duration cap = BACKOFF_BASE.multipliedBy(1L << i);
            assertTrue(!waits.waits.get(i).isNegative() && waits.waits.get(i).compareTo(cap) <= 0,
                    "wait " + (i + 1) + " is full jitter up to " + cap + ": " + waits.waits);
        }
        assertEquals(etag, TestData.indexEtag(aws.s3, bucket));
    }

    @Test
    void otherS3ErrorsAreNotRetried() {
        String bucket = aws.createBucket();
        AtomicInteger puts = new AtomicInteger();
        S3Client denied = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (op.equals("putObject")) {
                puts.incrementAndGet();
                throw FaultyS3.status(403, "AccessDenied");
            }
        });
        S3Exception e = assertThrows(S3Exception.class, () -> store(denied, bucket, 4).commit(ProcessedIndexMergeTest.pairs(TestData.objects("x", 2)), null));
        assertEquals(403, e.statusCode());
        assertEquals(1, puts.get());
    }

    @Test
    void aMissingIndexSeenAs403WithoutListPermissionIsTreatedAsAbsent() {
        String bucket = aws.createBucket();
        S3Client noListPermission = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (op.equals("getObject") && TestData.indexEtag(aws.s3, bucket) == null) {
                throw FaultyS3.status(403, "AccessDenied");
            }
        });
        ProcessedIndexStore.CommitOutcome outcome = store(noListPermission, bucket, 3).commit(ProcessedIndexMergeTest.pairs(TestData.objects("p", 4)), null);
        assertEquals(4, outcome.pairsAfter());
        assertEquals(4, TestData.readIndex(aws.s3, bucket).size());

        S3Client denied = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (op.equals("getObject")) {
                throw FaultyS3.status(403, "AccessDenied");
            }
        });
        assertEquals(403, assertThrows(S3Exception.class,
                () -> store(denied, bucket, 2).commit(ProcessedIndexMergeTest.pairs(TestData.objects("q", 1)), null)).statusCode());
    }

    @Test
    void aBrokenIndexIsReportedAndLeftAlone() {
        String bucket = aws.createBucket();
        aws.s3.putObject(PutObjectRequest.builder().bucket(bucket).key(TestData.LEGACY_INDEX_KEY).build(),
                RequestBody.fromBytes(ProcessedIndexMergeTest.gzip("raw/b\te\nraw/a\te\n")));
        String legacyEtag = aws.s3.headObject(h -> h.bucket(bucket).key(TestData.LEGACY_INDEX_KEY)).eTag();
        assertThrows(ProcessedIndexInvalidException.class,
                () -> store(aws.s3, bucket, 2).commit(ProcessedIndexMergeTest.pairs(TestData.objects("x", 1)), null));
        assertNull(TestData.indexEtag(aws.s3, bucket), "no root written");
        assertEquals(legacyEtag, aws.s3.headObject(h -> h.bucket(bucket).key(TestData.LEGACY_INDEX_KEY)).eTag());
    }

    @Test
    void noIndexMeansNothingIsContained() {
        String bucket = aws.createBucket();
        assertFalse(store(aws.s3, bucket, 1).containsAll(ProcessedIndexMergeTest.pairs(TestData.objects("x", 1))));
        assertTrue(store(aws.s3, bucket, 1).containsAll(ProcessedIndexMergeTest.pairs(List.of())));
        assertNull(TestData.indexEtag(aws.s3, bucket));
        assertNotEquals(0, TestData.objects("x", 1).size());
    }

    /** A PUT of the index's root: the write that makes a commit happen. */
    static boolean isRootPut(String op, software.amazon.awssdk.core.SdkRequest request) {
        return op.equals("putObject") && ((PutObjectRequest) request).key().equals(TestData.INDEX_KEY);
    }

    static List<String> keys(List<RawObject> objects) {
        return objects.stream().map(o -> o.key() + "\t" + o.etag()).toList();
    }

    /** A client whose first root PUT reaches S3 (or not) and then fails on the wire, as a closed connection does. */
    static S3Client putFailsOnTheWireOnce(S3Client delegate, boolean firstPutLands) {
        AtomicBoolean failed = new AtomicBoolean();
        java.lang.reflect.InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof java.util.function.Consumer) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length > 0 && args[0] instanceof PutObjectRequest put
                    && put.key().equals(TestData.INDEX_KEY) && failed.compareAndSet(false, true)) {
                if (firstPutLands) {
                    try {
                        method.invoke(delegate, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
                throw software.amazon.awssdk.core.exception.SdkClientException.create("Error writing request body to server");
            }
            try {
                return method.invoke(delegate, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (S3Client) java.lang.reflect.Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, handler);
    }

    @Test
    void aRootPutThatLandedButFailedOnTheWireIsFoundByTheNextRoundNotWrittenTwice() {
        ProcessedIndexStore.CommitOutcome outcome = commitWhileTheRootPutFailsOnTheWire(true);
        assertFalse(outcome.written(), "found on reading again: " + outcome);
    }

    @Test
    void aRootPutThatFailedOnTheWireBeforeLandingIsWrittenByTheNextRound() {
        ProcessedIndexStore.CommitOutcome outcome = commitWhileTheRootPutFailsOnTheWire(false);
        assertTrue(outcome.written(), "written by the second round: " + outcome);
    }

    /** Commits 20 pairs while the first root PUT fails on the wire, after landing or not; the second round decides. */
    private static ProcessedIndexStore.CommitOutcome commitWhileTheRootPutFailsOnTheWire(boolean landed) {
        String bucket = aws.createBucket();
        List<RawObject> objects = TestData.objects("wire", 20);
        ProcessedIndexStore.CommitOutcome outcome = store(putFailsOnTheWireOnce(aws.s3, landed), bucket, 3)
                .commit(ProcessedIndexMergeTest.pairs(objects), null);
        assertEquals(2, outcome.attempts(), "read again after the failure: " + outcome);
        assertEquals(20, outcome.pairsAfter());
        assertTrue(store(aws.s3, bucket, 1).containsAll(ProcessedIndexMergeTest.pairs(objects)));
        return outcome;
    }

    // ------------------------------------------------------------------ format 2: shards, listing state, migration

    /** A store with small shards (split above 100 pairs, into pieces of about 50). */
    static ProcessedIndexStore smallShards(S3Client s3, String bucket, java.time.Clock clock) {
        return new ProcessedIndexStore(s3, bucket, TestData.PREFIX, 1, 5, BACKOFF_BASE, new Waits(), clock, 100, 50);
    }

    /** Days of 40 objects each: raw/day=2026-11-DD/part-NNNNN.csv. */
    static List<RawObject> days(int from, int to) {
        List<RawObject> objects = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            objects.addAll(TestData.objects("day=2026-11-" + d, 40));
        }
        return sorted(objects);
    }

    static List<String> shardNames(IndexRoot root) {
        return root.shards().stream().map(IndexRoot.Shard::name).toList();
    }

    @Test
    void aCommitReadsAndRewritesOnlyTheShardsItsKeysFallIn() {
        String bucket = aws.createBucket();
        ProcessedIndexStore store = smallShards(aws.s3, bucket, CLOCK);
        List<RawObject> history = days(10, 19); // 400 pairs: split into shards of about 50
        ProcessedIndexStore.CommitOutcome first = store.commit(ProcessedIndexMergeTest.pairs(history), null);
        IndexRoot before = TestData.readRoot(aws.s3, bucket);
        assertEquals(400, before.entries());
        assertEquals(8, before.shards().size(), before.shards().toString());
        assertEquals(1, first.attempts(), first.toString());
        assertEquals(8, first.shardsWritten());
        assertEquals("", before.shards().get(0).firstKey());
        assertEquals(keys(history), keys(TestData.readIndex(aws.s3, bucket)));

        // a new day sorts after every shard's first key: only the last shard is read and rewritten
        List<RawObject> today = days(20, 20);
        ProcessedIndexStore.CommitOutcome daily = store.commit(ProcessedIndexMergeTest.pairs(today), null);
        IndexRoot after = TestData.readRoot(aws.s3, bucket);
        assertEquals(1, daily.attempts(), daily.toString());
        assertEquals(1, daily.shardsRead());
        assertEquals(1, daily.shardsWritten(), "50 + 40 pairs stay one shard");
        assertEquals(440, after.entries());
        assertEquals(shardNames(before).subList(0, 7), shardNames(after).subList(0, 7), "the other shards are untouched");
        assertEquals(List.of(new IndexRoot.Retired(before.shards().get(7).name(), CLOCK.instant())), after.retired());
        IndexRoot.Shard lastBefore = before.shards().get(7);
        assertTrue(daily.compressedBytesRead() < 3 * lastBefore.bytes() + 4096,
                "read: the root and one shard, not the index: " + daily);

        // a rewritten object of an old day touches its shard too, and a grown shard splits
        List<RawObject> mixed = new ArrayList<>(days(21, 22));
        mixed.add(new RawObject(history.get(5).key(), "rewritten"));
        ProcessedIndexStore.CommitOutcome both = store.commit(ProcessedIndexMergeTest.pairs(sorted(mixed)), null);
        assertEquals(1, both.attempts(), both.toString());
        assertEquals(2, both.shardsRead());
        IndexRoot split = TestData.readRoot(aws.s3, bucket);
        assertEquals(521, split.entries());
        assertEquals(11, split.shards().size(), "the last shard (90 + 80 pairs > 100) was split into 4 of about 50");
        List<RawObject> all = new ArrayList<>(history);
        all.addAll(today);
        all.addAll(mixed);
        assertEquals(keys(sorted(all)), keys(TestData.readIndex(aws.s3, bucket)));
        assertTrue(store.containsAll(ProcessedIndexMergeTest.pairs(sorted(all))));
        assertFalse(store.containsAll(ProcessedIndexMergeTest.pairs(days(23, 23))));
    }

    @Test
    void writersTouchingDifferentShardsBothLand() throws Exception {
        String bucket = aws.createBucket();
        smallShards(aws.s3, bucket, CLOCK).commit(ProcessedIndexMergeTest.pairs(days(10, 14)), null);
        List<RawObject> early = sorted(List.of(new RawObject("raw/day=2026-11-10/late.csv", "e1")));
        List<RawObject> late = days(15, 15);
        AtomicBoolean interfered = new AtomicBoolean();
        S3Client racing = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (isRootPut(op, request) && interfered.compareAndSet(false, true)) {
                smallShards(aws.s3, bucket, CLOCK).commit(ProcessedIndexMergeTest.pairs(early), null);
            }
        });
        ProcessedIndexStore.CommitOutcome outcome = smallShards(racing, bucket, CLOCK).commit(ProcessedIndexMergeTest.pairs(late), null);
        assertEquals(2, outcome.attempts(), "the root changed under the first round: " + outcome);
        List<RawObject> all = new ArrayList<>(days(10, 15));
        all.addAll(early);
        assertEquals(keys(sorted(all)), keys(TestData.readIndex(aws.s3, bucket)), "neither writer's pairs are lost");
    }

    @Test
    void theRootKeepsTheWatermarkThePartitionsBelowItAndTheLastFullListing() {
        String bucket = aws.createBucket();
        ProcessedIndexStore store = smallShards(aws.s3, bucket, CLOCK);
        Instant full = Instant.parse("2026-11-20T06:00:03Z");
        store.commit(ProcessedIndexMergeTest.pairs(days(10, 12)), new ProcessedIndexStore.ListingUpdate("raw/",
                List.of("day=2026-11-10/", "day=2026-11-11/", "day=2026-11-12/"), full));
        IndexRoot.ListingState state = TestData.readRoot(aws.s3, bucket).listing("raw/");
        assertEquals("day=2026-11-12/", state.watermark());
        assertEquals(List.of("day=2026-11-10/", "day=2026-11-11/"), state.previousPartitions());
        assertEquals(full, state.lastFullListingAt());

        // an incremental commit with an older late partition: the watermark stays, the last full listing too
        store.commit(ProcessedIndexMergeTest.pairs(days(13, 13)), new ProcessedIndexStore.ListingUpdate("raw/",
                List.of("day=2026-11-13/", "day=2026-11-01/"), null));
        state = TestData.readRoot(aws.s3, bucket).listing("raw/");
        assertEquals("day=2026-11-13/", state.watermark());
        assertEquals(List.of("day=2026-11-01/", "day=2026-11-10/", "day=2026-11-11/", "day=2026-11-12/"), state.previousPartitions());
        assertEquals(full, state.lastFullListingAt());

        // at most 31 partitions are remembered below the watermark
        List<String> many = new ArrayList<>();
        for (int d = 1; d <= 40; d++) {
            many.add(String.format("day=2026-12-%02d/", d));
        }
        store.commit(ProcessedIndexMergeTest.pairs(days(14, 14)), new ProcessedIndexStore.ListingUpdate("raw/", many, null));
        state = TestData.readRoot(aws.s3, bucket).listing("raw/");
        assertEquals("day=2026-12-40/", state.watermark());
        assertEquals(31, state.previousPartitions().size());
        assertEquals("day=2026-12-09/", state.previousPartitions().get(0));

        // the same commit again changes nothing, not even the root
        String etag = TestData.indexEtag(aws.s3, bucket);
        assertFalse(store.commit(ProcessedIndexMergeTest.pairs(days(14, 14)), new ProcessedIndexStore.ListingUpdate("raw/", many, null)).written());
        assertEquals(etag, TestData.indexEtag(aws.s3, bucket));
    }

    @Test
    void theListingStateComesFromTheManifestsKeysAndListingMode() {
        KeyEtagPairs pairs = ProcessedIndexMergeTest.pairs(sorted(List.of(new RawObject("raw/day=1/hour=05/a.csv", "e"),
                new RawObject("raw/day=1/b.csv", "e"), new RawObject("raw/flat.csv", "e"), new RawObject("raw/2026/x.csv", "e"))));
        Manifest manifest = new Manifest(new S3Location("b", "m.json"), 1, "r", "b", "raw/", "2026-11-21T06:00:03Z", 4, 4,
                "sha", "full", pairs);
        ProcessedIndexStore.ListingUpdate update = ProcessedIndexStore.ListingUpdate.of(manifest);
        assertEquals(List.of("day=1/", "day=1/hour=05/"), List.copyOf(update.partitions()));
        assertEquals(Instant.parse("2026-11-21T06:00:03Z"), update.fullListingAt());
        assertNull(ProcessedIndexStore.ListingUpdate.of(new Manifest(manifest.location(), 1, "r", "b", "raw/",
                "2026-11-21T06:00:03Z", 4, 4, "sha", "incremental", pairs)).fullListingAt());
        assertEquals("a=1/", PartitionPath.of("raw/a=1/x", "raw/"));
        assertNull(PartitionPath.of("raw/a=1", "raw/"), "a file name is no partition");
        assertNull(PartitionPath.of("raw/=1/x", "raw/"), "a partition has a name");
        assertEquals("k=v/", PartitionPath.of("raw/k=v/plain/k2=v2/x", "raw/"), "only the leading key=value folders");
    }

    /** A format-1 index of 230 pairs, as the ledger wrote it before format 2. */
    static String putLegacyIndex(String bucket, List<RawObject> objects) {
        aws.s3.putObject(PutObjectRequest.builder().bucket(bucket).key(TestData.LEGACY_INDEX_KEY).build(),
                RequestBody.fromBytes(ProcessedIndexMergeTest.gzipIndex(objects)));
        return aws.s3.headObject(h -> h.bucket(bucket).key(TestData.LEGACY_INDEX_KEY)).eTag();
    }

    @Test
    void aFormat1IndexIsMigratedByTheFirstCommitAndReplacedByATombstone() {
        String bucket = aws.createBucket();
        List<RawObject> legacy = days(1, 5).subList(0, 190);
        String legacyEtag = putLegacyIndex(bucket, legacy);
        ProcessedIndexStore store = smallShards(aws.s3, bucket, CLOCK);
        assertTrue(store.containsAll(ProcessedIndexMergeTest.pairs(legacy)), "read as it is before the migration");

        store.commit(ProcessedIndexMergeTest.pairs(days(6, 6)), null);
        IndexRoot root = TestData.readRoot(aws.s3, bucket);
        assertEquals(230, root.entries());
        List<RawObject> all = new ArrayList<>(legacy);
        all.addAll(days(6, 6));
        assertEquals(keys(sorted(all)), keys(TestData.readIndex(aws.s3, bucket)));
        assertEquals(TestData.LEGACY_INDEX_KEY, root.migratedFrom().key());
        assertEquals(legacyEtag, root.migratedFrom().etag());
        assertEquals(CLOCK.instant(), root.migratedFrom().migratedAt());
        String tombstone = ProcessedIndexMergeTest.gunzip(aws.s3.getObjectAsBytes(g -> g.bucket(bucket).key(TestData.LEGACY_INDEX_KEY)).asByteArray());
        assertTrue(tombstone.startsWith("emr-pipeline processed index moved to format 2") && !tombstone.contains("\t"), tombstone);
        assertThrows(ProcessedIndexInvalidException.class, () -> ProcessedIndexMerge.merge(
                new java.io.ByteArrayInputStream(ProcessedIndexStore.gzip(tombstone)), new KeyEtagPairs(), null),
                "a format-1 reader stops at the tombstone");

        // the next commit records that the tombstone is in place
        store.commit(ProcessedIndexMergeTest.pairs(days(7, 7)), null);
        assertTrue(TestData.readRoot(aws.s3, bucket).migratedFrom().retired());
    }

    @Test
    void anInterruptedMigrationLeavesTheFormat1IndexAndIsDoneAgainByTheRetry() {
        String bucket = aws.createBucket();
        List<RawObject> legacy = days(1, 4);
        String legacyEtag = putLegacyIndex(bucket, legacy);
        TestData.MutableClock clock = new TestData.MutableClock(CLOCK.instant());
        S3Client dies = FaultyS3.wrap(aws.s3, (op, request) -> {
            if (isRootPut(op, request)) {
                throw new IllegalStateException("the Lambda timed out here");
            }
        });
        assertThrows(IllegalStateException.class, () -> smallShards(dies, bucket, clock).commit(ProcessedIndexMergeTest.pairs(days(5, 5)), null));
        assertNull(TestData.readRoot(aws.s3, bucket), "nothing counts before the root exists");
        assertEquals(legacyEtag, aws.s3.headObject(h -> h.bucket(bucket).key(TestData.LEGACY_INDEX_KEY)).eTag());
        int orphans = aws.s3.listObjectsV2(l -> l.bucket(bucket).prefix(TestData.SHARDS)).keyCount();
        assertTrue(orphans > 0, "shards of the interrupted attempt are left behind");

        clock.advance(Duration.ofMinutes(5));
        smallShards(aws.s3, bucket, clock).commit(ProcessedIndexMergeTest.pairs(days(5, 5)), null);
        assertEquals(legacyEtag, TestData.readRoot(aws.s3, bucket).migratedFrom().etag(), "migrated by the retry");
        List<RawObject> all = new ArrayList<>(legacy);
        all.addAll(days(5, 5));
        assertEquals(keys(sorted(all)), keys(TestData.readIndex(aws.s3, bucket)));

        // shards no root names are removed an hour after they were written (the clock stands for S3's here)
        clock.set(Instant.now().plus(Duration.ofHours(2)));
        smallShards(aws.s3, bucket, clock).commit(ProcessedIndexMergeTest.pairs(days(6, 6)), null);
        IndexRoot root = TestData.readRoot(aws.s3, bucket);
        java.util.Set<String> named = new java.util.HashSet<>(shardNames(root));
        root.retired().forEach(r -> named.add(r.name()));
        List<String> stored = aws.s3.listObjectsV2(l -> l.bucket(bucket).prefix(TestData.SHARDS)).contents().stream()
                .map(o -> o.key().substring(TestData.SHARDS.length())).toList();
        assertEquals(new java.util.TreeSet<>(named), new java.util.TreeSet<>(stored), "only shards a root names are kept");
    }

    @Test
    void aTombstoneWithoutARootIsReportedAndNothingIsWritten() {
        String bucket = aws.createBucket();
        aws.s3.putObject(PutObjectRequest.builder().bucket(bucket).key(TestData.LEGACY_INDEX_KEY).build(),
                RequestBody.fromBytes(ProcessedIndexStore.gzip(ProcessedIndexStore.LEGACY_TOMBSTONE)));
        ProcessedIndexInvalidException e = assertThrows(ProcessedIndexInvalidException.class,
                () -> store(aws.s3, bucket, 2).commit(ProcessedIndexMergeTest.pairs(days(1, 1)), null));
        assertTrue(e.getMessage().contains("restore the root"), e.getMessage());
        assertNull(TestData.readRoot(aws.s3, bucket));
        assertEquals(0, aws.s3.listObjectsV2(l -> l.bucket(bucket).prefix(TestData.SHARDS)).keyCount());
    }

    @Test
    void aShardThatDisagreesWithTheRootIsReportedAndNothingIsWritten() {
        String bucket = aws.createBucket();
        ProcessedIndexStore store = smallShards(aws.s3, bucket, CLOCK);
        store.commit(ProcessedIndexMergeTest.pairs(days(1, 1)), null);
        IndexRoot root = TestData.readRoot(aws.s3, bucket);
        aws.s3.putObject(PutObjectRequest.builder().bucket(bucket).key(TestData.SHARDS + root.shards().get(0).name()).build(),
                RequestBody.fromBytes(ProcessedIndexMergeTest.gzipIndex(days(1, 1).subList(0, 39))));
        String etag = TestData.indexEtag(aws.s3, bucket);
        ProcessedIndexInvalidException e = assertThrows(ProcessedIndexInvalidException.class,
                () -> store.commit(ProcessedIndexMergeTest.pairs(days(2, 2)), null));
        assertTrue(e.getMessage().contains("holds 39 pairs, the root says 40"), e.getMessage());
        assertEquals(etag, TestData.indexEtag(aws.s3, bucket));
    }
}
