package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The sizing against a real S3 API (S3Proxy in-process): listing, index, manifests, idempotency. */
class StorageSizerS3ProxyTest extends S3ProxyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T06:00:03.456Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    /** A fresh bucket per test: tests share the server, never data. */
    private static String newBucket() {
        String bucket = "sizing-test-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        return bucket;
    }

    private static StorageSizingHandler handler(String bucket, software.amazon.awssdk.services.s3.S3Client client) {
        return new StorageSizingHandler(client, defaults(bucket), CLOCK);
    }

    static SizingDefaults defaults(String bucket) {
        return SizingDefaults.fromEnvironment(Map.of(
                "DATA_BUCKET", bucket, "RAW_PREFIX", "raw/", "PIPELINE_PREFIX", "emr-pipeline/",
                "CORE_NODE_COUNT", "2", "VOLUMES_PER_INSTANCE", "1", "EXPANSION_FACTOR", "3.0", "HEADROOM_GIB", "16",
                "MIN_GIB", "32", "MAX_GIB", "1024", "LIST_CONCURRENCY", "4"));
    }

    private static StorageSizingResult size(String bucket, String runId) {
        return handler(bucket, s3.client()).handleRequest(SizingRequestValidatorTest.request(runId), null);
    }

    private static StorageSizingResult size(String bucket, StorageSizingRequest request) {
        return handler(bucket, s3.client()).handleRequest(request, null);
    }

    /** Uploads keys on a few threads (S3Proxy answers each PUT in a few ms). */
    static void putAll(String bucket, List<String> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String key : keys) {
                done.add(pool.submit(() -> s3.put(bucket, key, "content of " + key)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String md5Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode manifest(String bucket, String runId) throws Exception {
        return JSON.readTree(s3.get(bucket, "emr-pipeline/manifests/" + runId + ".json"));
    }

    @Test
    void paginatesBeyond1000KeysAndParallelListingFindsWhatSequentialListingFinds() throws Exception {
        String bucket = newBucket();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            keys.add(String.format("raw/p=0/k-%05d.csv", i));
        }
        for (int i = 0; i < 1200; i++) {
            keys.add(String.format("raw/p=1/k-%05d.csv", i));
        }
        for (int i = 0; i < 5; i++) {
            keys.add(String.format("raw/p=2/k-%05d.csv", i));
        }
        keys.add("raw/top-level.csv");
        putAll(bucket, keys);
        long bytes = keys.stream().mapToLong(k -> ("content of " + k).length()).sum();

        StorageSizingRequest sequential = SizingRequestValidatorTest.request("sequential");
        sequential.setListConcurrency("1");
        StorageSizingResult one = size(bucket, sequential);
        StorageSizingRequest parallel = SizingRequestValidatorTest.request("parallel");
        parallel.setListConcurrency("4");
        StorageSizingResult many = size(bucket, parallel);

        for (StorageSizingResult r : List.of(one, many)) {
            assertEquals(keys.size(), r.newObjectCount());
            assertEquals(bytes, r.newBytes());
            assertEquals(keys.size(), r.listedObjects());
            assertFalse(r.reusedManifest());
            assertEquals("full", r.listingMode());
            assertEquals(0, r.indexFormatVersion());
        }
        assertEquals(one.manifestSha256(), many.manifestSha256(), "same objects, same hash");
        // sequential: 3 existence checks (manifest, index root, format-1 index) + ceil(2207 / 1000) pages
        assertEquals(1, one.listedRanges());
        assertListCalls(3 + 3, one);
        // parallel: ranges cut while listing; each costs at most one page beyond its keys
        assertTrue(many.listedRanges() > 1, "ranges: " + many.listedRanges());
        assertTrue(many.listCalls() - 3 <= Math.ceil(keys.size() / 1000.0) + many.listedRanges() + 1);

        JsonNode manifest = manifest(bucket, "parallel");
        assertEquals(keys.size(), manifest.get("objects").size());
        assertEquals("full", manifest.get("listing").get("mode").asText());
        List<String> listedKeys = new ArrayList<>();
        manifest.get("objects").forEach(o -> listedKeys.add(o.get("key").asText()));
        List<String> expected = new ArrayList<>(keys);
        expected.sort(KeyOrder::compare);
        assertEquals(expected, listedKeys);
    }

    @Test
    void manifestFollowsTheDocumentedFormat() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/day=2026-11-20/b.csv", "raw/day=2026-11-20/a.csv", "raw/ünï code/😀 x.csv"));
        StorageSizingResult r = size(bucket, "2026-11-21-daily");

        assertEquals("s3://" + bucket + "/emr-pipeline/manifests/2026-11-21-daily.json", r.manifestUri());
        JsonNode m = manifest(bucket, "2026-11-21-daily");
        assertEquals(1, m.get("formatVersion").asInt());
        assertEquals("2026-11-21-daily", m.get("runId").asText());
        assertEquals(bucket, m.get("bucket").asText());
        assertEquals("raw/", m.get("rawPrefix").asText());
        assertEquals("2026-11-21T06:00:03Z", m.get("createdAt").asText());
        assertEquals(3, m.get("objectCount").asLong());
        assertEquals(r.newBytes(), m.get("totalBytes").asLong());
        assertEquals(r.manifestSha256(), m.get("sha256").asText());
        List<ListedObject> objects = new ArrayList<>();
        for (JsonNode o : m.get("objects")) {
            String key = o.get("key").asText();
            assertEquals(md5Hex("content of " + key), o.get("etag").asText(), "ETag without quotes");
            HeadObjectResponse head = s3.client().headObject(h -> h.bucket(bucket).key(key));
            assertEquals(head.contentLength(), o.get("size").asLong());
            assertEquals(head.lastModified(), Instant.parse(o.get("lastModified").asText()));
            objects.add(new ListedObject(key, o.get("etag").asText(), o.get("size").asLong(), 0));
        }
        assertEquals("raw/day=2026-11-20/a.csv", objects.get(0).key());
        assertEquals(ManifestTest.documentedSha256(objects), r.manifestSha256());
        assertEquals("application/json",
                s3.client().headObject(h -> h.bucket(bucket).key("emr-pipeline/manifests/2026-11-21-daily.json"))
                        .contentType());
    }

    @Test
    void skipsFolderMarkersAndThePipelinesOwnObjectsInsideTheRawPrefix() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/day=1/a.csv", "raw/day=2/b.csv", "raw/_pipeline/notes.txt",
                "raw/_pipeline/deeper/x.csv"));
        s3.put(bucket, "raw/", new byte[0]);
        s3.put(bucket, "raw/day=1/", new byte[0]);
        s3.put(bucket, "raw/day=2_$folder$", new byte[0]);
        s3.put(bucket, "raw/empty.csv", new byte[0]);
        for (String concurrency : List.of("1", "2")) {
            StorageSizingRequest request = SizingRequestValidatorTest.request("skips-" + concurrency);
            request.setPipelinePrefix("raw/_pipeline/");
            request.setListConcurrency(concurrency);
            StorageSizingResult r = size(bucket, request);
            assertEquals(3, r.newObjectCount(), "a.csv, b.csv and the zero-byte file that is not a folder");
            assertEquals(3L, r.listedObjects());
            assertEquals(3L, r.skippedFolderMarkers());
            JsonNode m = JSON.readTree(s3.get(bucket, "raw/_pipeline/manifests/skips-" + concurrency + ".json"));
            List<String> listedKeys = new ArrayList<>();
            m.get("objects").forEach(o -> listedKeys.add(o.get("key").asText()));
            assertEquals(List.of("raw/day=1/a.csv", "raw/day=2/b.csv", "raw/empty.csv"), listedKeys);
        }
        // the second sizing did not pick up the first one's manifest: it lies under the pipeline prefix
    }

    @Test
    void onlyPairsMissingFromTheProcessedIndexAreNew() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/a.csv", "raw/b.csv", "raw/c.csv", "raw/d%.csv"));
        s3.put(bucket, "raw/b.csv", "b was rewritten after it was processed");
        s3.put(bucket, "emr-pipeline/index/processed.tsv.gz", ProcessedIndexTest.indexBytes(List.of(
                new String[] {"raw/a.csv", md5Hex("content of raw/a.csv")},
                new String[] {"raw/b.csv", md5Hex("content of raw/b.csv")},
                new String[] {"raw/d%.csv", md5Hex("content of raw/d%.csv")},
                new String[] {"raw/deleted-since.csv", "0123"})));
        StorageSizingResult r = size(bucket, "incremental");
        assertEquals(2, r.newObjectCount());
        assertEquals(4L, r.listedObjects());
        assertEquals(2L, r.alreadyProcessedObjects());
        assertEquals(4L, r.processedIndexEntries());
        assertEquals(1, r.indexFormatVersion());
        List<String> listedKeys = new ArrayList<>();
        manifest(bucket, "incremental").get("objects").forEach(o -> listedKeys.add(o.get("key").asText()));
        assertEquals(List.of("raw/b.csv", "raw/c.csv"), listedKeys);
    }

    /**
     * An index in format 2 whose watermark is day=2026-11-21/: the run lists from that partition on and reads only
     * the shards that can hold those keys; what an older partition holds is neither listed nor read. (A shard that
     * ended at "raw/day=2026-11-21/" would be read too: keys such as "raw/day=2026-11-21-x" sort between.)
     */
    @Test
    void aFormat2IndexWithAWatermarkListsAndReadsOnlyWhatCanBeNew() throws Exception {
        String bucket = newBucket();
        List<String> old = List.of("raw/day=2026-11-19/a.csv", "raw/day=2026-11-20/a.csv", "raw/day=2026-11-20/b.csv");
        List<String> recent = List.of("raw/day=2026-11-21/a.csv", "raw/day=2026-11-21/b.csv");
        List<String> fresh = List.of("raw/day=2026-11-21/c.csv", "raw/day=2026-11-22/a.csv");
        List<String> all = new ArrayList<>(old);
        all.addAll(recent);
        all.addAll(fresh);
        putAll(bucket, all);
        s3.put(bucket, "raw/day=2026-11-19/late.csv", "content of a late file");
        List<String[]> shard0 = new ArrayList<>();
        for (String k : old) {
            shard0.add(new String[] {k, md5Hex("content of " + k)});
        }
        List<String[]> shard1 = new ArrayList<>();
        for (String k : recent) {
            shard1.add(new String[] {k, md5Hex("content of " + k)});
        }
        s3.put(bucket, "emr-pipeline/index/v2/shards/00000001-aa-0000.tsv.gz", ProcessedIndexTest.indexBytes(shard0));
        s3.put(bucket, "emr-pipeline/index/v2/shards/00000002-bb-0000.tsv.gz", ProcessedIndexTest.indexBytes(shard1));
        s3.put(bucket, "emr-pipeline/index/v2/root.json", ("{'formatVersion':2,'generation':2,'updatedAt':'2026-11-21T06:40:00Z',"
                + "'entries':5,'shards':[{'firstKey':'','name':'00000001-aa-0000.tsv.gz','entries':3,'bytes':1},"
                + "{'firstKey':'raw/day=2026-11-21','name':'00000002-bb-0000.tsv.gz','entries':2,'bytes':1}],'retired':[],"
                + "'listings':[{'rawPrefix':'raw/','watermark':'day=2026-11-21/','previousPartitions':['day=2026-11-19/',"
                + "'day=2026-11-20/'],'lastFullListingAt':'2026-11-19T06:00:00Z'}]}").replace('\'', '"'));

        StorageSizingResult r = size(bucket, "incremental-v2");
        assertEquals("incremental", r.listingMode());
        assertEquals("raw/day=2026-11-21", r.listingStartAfter());
        assertEquals(2, r.indexFormatVersion());
        assertEquals(1, r.indexShardsRead(), "the shard of the older partitions is not read");
        assertEquals(2L, r.indexEntriesRead());
        assertEquals(5L, r.processedIndexEntries());
        assertEquals(4L, r.listedObjects(), "day=2026-11-21/ and after");
        assertEquals(2, r.newObjectCount());
        assertNull(r.missedByIncrementalListing());
        JsonNode m = manifest(bucket, "incremental-v2");
        assertEquals("incremental", m.get("listing").get("mode").asText());
        assertEquals("raw/day=2026-11-21", m.get("listing").get("startAfter").asText());

        StorageSizingRequest full = SizingRequestValidatorTest.request("full-v2");
        full.setFullReconciliation("true");
        StorageSizingResult reconciled = size(bucket, full);
        assertEquals("full", reconciled.listingMode());
        assertEquals(2, reconciled.indexShardsRead());
        assertEquals(3, reconciled.newObjectCount(), "the two fresh ones and the late file");
        assertEquals(1L, reconciled.missedByIncrementalListing(), "the late file lies before the watermark");

        StorageSizingRequest lookBack = SizingRequestValidatorTest.request("look-back-v2");
        lookBack.setLookBackPartitions("2");
        StorageSizingResult back = size(bucket, lookBack);
        assertEquals("raw/day=2026-11-19", back.listingStartAfter());
        assertEquals(3, back.newObjectCount());
    }

    @Test
    void aFormat1TombstoneWithoutARootStopsTheSizing() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/a.csv"));
        s3.put(bucket, "emr-pipeline/index/processed.tsv.gz", ProcessedIndexTest.gzip(
                "emr-pipeline processed index moved to format 2 (index/v2/root.json under the same pipeline prefix);"
                        + " this object is kept only to stop older pipeline versions\n"));
        CorruptPipelineObjectException e = assertThrows(CorruptPipelineObjectException.class, () -> size(bucket, "run-1"));
        assertTrue(e.getMessage().contains("moved to format 2"), e.getMessage());
    }

    @Test
    void aShardTheRootNamesButThatIsMissingStopsTheSizing() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/a.csv"));
        s3.put(bucket, "emr-pipeline/index/v2/root.json", ("{'formatVersion':2,'generation':1,'updatedAt':'2026-11-21T06:40:00Z',"
                + "'entries':1,'shards':[{'firstKey':'','name':'gone.tsv.gz','entries':1,'bytes':1}],'retired':[],'listings':[]}")
                .replace('\'', '"'));
        CorruptPipelineObjectException e = assertThrows(CorruptPipelineObjectException.class, () -> size(bucket, "run-1"));
        assertTrue(e.getMessage().contains("gone.tsv.gz"), e.getMessage());
        assertThrows(NoSuchKeyException.class,
                () -> s3.client().headObject(h -> h.bucket(bucket).key("emr-pipeline/manifests/run-1.json")));
    }

    @Test
    void aSecondCallForTheRunIdReturnsTheManifestAndWritesNothing() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/a.csv", "raw/b.csv"));
        StorageSizingResult first = size(bucket, "retried-run");
        HeadObjectResponse written = s3.client().headObject(h -> h.bucket(bucket).key("emr-pipeline/manifests/retried-run.json"));

        putAll(bucket, List.of("raw/c-arrived-later.csv"));
        S3ProxyServer.Recording recording = new S3ProxyServer.Recording(s3.client());
        StorageSizingResult second = handler(bucket, recording.client)
                .handleRequest(SizingRequestValidatorTest.request("retried-run"), null);

        assertFalse(first.reusedManifest());
        assertTrue(second.reusedManifest());
        assertEquals(List.of("listObjectsV2", "getObject"), recording.calls, "one existence check, one read");
        assertEquals(first.manifestUri(), second.manifestUri());
        assertEquals(first.manifestSha256(), second.manifestSha256());
        assertEquals(first.manifestCreatedAt(), second.manifestCreatedAt());
        assertEquals(2, second.newObjectCount());
        assertEquals(first.newBytes(), second.newBytes());
        assertEquals(first.ebsGib(), second.ebsGib());
        assertNull(second.listedObjects(), "nothing was listed");
        HeadObjectResponse after = s3.client().headObject(h -> h.bucket(bucket).key("emr-pipeline/manifests/retried-run.json"));
        assertEquals(written.eTag(), after.eTag());
        assertEquals(written.lastModified(), after.lastModified());
    }

    @Test
    void aConcurrentCallThatWritesFirstWinsAndItsManifestIsReturned() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/a.csv", "raw/b.csv"));
        Manifest winner = Manifest.of("raced", bucket, "raw/", Instant.parse("2026-11-21T05:59:59Z"), null,
                new ArrayList<>(List.of(new ListedObject("raw/a.csv", md5Hex("content of raw/a.csv"), 18, 0))));
        S3ProxyServer.Recording racing = new S3ProxyServer.Recording(s3.client(), call -> {
            if (call.equals("putObject")) { // the other call's PUT lands between our check and our PUT
                s3.put(bucket, "emr-pipeline/manifests/raced.json", ManifestTest.bytes(winner));
            }
        });
        StorageSizingResult r = handler(bucket, racing.client)
                .handleRequest(SizingRequestValidatorTest.request("raced"), null);
        assertTrue(r.reusedManifest());
        assertEquals(winner.sha256(), r.manifestSha256());
        assertEquals(1, r.newObjectCount());
        assertEquals("2026-11-21T05:59:59Z", r.manifestCreatedAt());
        assertEquals(winner.sha256(), manifest(bucket, "raced").get("sha256").asText(), "ours did not overwrite it");
    }

    @Test
    void nothingNewWritesNoManifestAndSizesAtMinGib() throws Exception {
        String bucket = newBucket();
        StorageSizingResult empty = size(bucket, "empty-prefix");
        assertEquals(0, empty.newObjectCount());
        assertNull(empty.manifestUri());
        assertNull(empty.manifestSha256());
        assertEquals(32, empty.ebsGib());

        putAll(bucket, List.of("raw/a.csv"));
        s3.put(bucket, "emr-pipeline/index/processed.tsv.gz", ProcessedIndexTest.indexBytes(
                List.<String[]>of(new String[] {"raw/a.csv", md5Hex("content of raw/a.csv")})));
        S3ProxyServer.Recording recording = new S3ProxyServer.Recording(s3.client());
        StorageSizingResult processed = handler(bucket, recording.client)
                .handleRequest(SizingRequestValidatorTest.request("all-processed"), null);
        assertEquals(0, processed.newObjectCount());
        assertEquals(1L, processed.alreadyProcessedObjects());
        assertNull(processed.manifestUri());
        assertEquals(32, processed.ebsGib());
        assertEquals(0, recording.count("putObject"));
        assertThrows(NoSuchKeyException.class,
                () -> s3.client().headObject(h -> h.bucket(bucket).key("emr-pipeline/manifests/all-processed.json")));
    }

    @Test
    void theWholeBucketCanBeTheRawPrefix() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("a.csv", "data/b.csv", "emr-pipeline/index/other.txt"));
        StorageSizingRequest request = SizingRequestValidatorTest.request("whole-bucket");
        request.setRawPrefix("");
        StorageSizingResult r = size(bucket, request);
        assertEquals(2, r.newObjectCount(), "the pipeline prefix is not raw data");
        StorageSizingResult again = size(bucket, request);
        assertTrue(again.reusedManifest());
    }

    @Test
    void aMissingBucketIsDataBucketNotFound() {
        DataBucketNotFoundException e = assertThrows(DataBucketNotFoundException.class,
                () -> size("no-such-bucket-here", "run-1"));
        assertTrue(e.getMessage().contains("'no-such-bucket-here'"), e.getMessage());
    }

    @Test
    void aCorruptIndexStopsTheSizingBeforeAnythingIsWritten() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/a.csv"));
        s3.put(bucket, "emr-pipeline/index/processed.tsv.gz", "raw/a.csv\tetag\n");
        CorruptPipelineObjectException e = assertThrows(CorruptPipelineObjectException.class,
                () -> size(bucket, "run-1"));
        assertTrue(e.getMessage().contains("s3://" + bucket + "/emr-pipeline/index/processed.tsv.gz"), e.getMessage());
        assertThrows(NoSuchKeyException.class,
                () -> s3.client().headObject(h -> h.bucket(bucket).key("emr-pipeline/manifests/run-1.json")));
    }

    @Test
    void aManifestOfTheRunIdForAnotherPrefixIsAConflict() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/a.csv", "other/b.csv"));
        size(bucket, "run-1");
        StorageSizingRequest other = SizingRequestValidatorTest.request("run-1");
        other.setRawPrefix("other/");
        S3ProxyServer.Recording recording = new S3ProxyServer.Recording(s3.client());
        ManifestConflictException e = assertThrows(ManifestConflictException.class,
                () -> handler(bucket, recording.client).handleRequest(other, null));
        assertTrue(e.getMessage().contains("raw prefix 'raw/'"), e.getMessage());
        assertEquals(0, recording.count("putObject"));
    }

    /** validateOnly "true" checks the request and touches nothing; "false" sizes; any other value is refused. */
    @Test
    void validateOnlyChecksTheRequestWithoutAnS3Call() throws Exception {
        String bucket = newBucket();
        putAll(bucket, List.of("raw/p=1/a.csv"));
        S3ProxyServer.Recording recording = new S3ProxyServer.Recording(s3.client());
        StorageSizingRequest check = SizingRequestValidatorTest.request("run-1");
        check.setValidateOnly("true");

        StorageSizingResult validated = handler(bucket, recording.client).handleRequest(check, null);

        assertEquals(List.of(), recording.calls, "nothing listed, read or written");
        assertEquals(0, validated.newObjectCount());
        assertNull(validated.manifestUri());

        check.setValidateOnly("yes");
        InvalidSizingRequestException refused = assertThrows(InvalidSizingRequestException.class,
                () -> handler(bucket, recording.client).handleRequest(check, null));
        assertTrue(refused.getMessage().contains("validateOnly") && refused.getMessage().contains("must be true or false"),
                refused.getMessage());
        assertEquals(List.of(), recording.calls);

        check.setValidateOnly("false");
        assertEquals(1, handler(bucket, recording.client).handleRequest(check, null).newObjectCount());
    }

    private static void assertListCalls(int expected, StorageSizingResult result) {
        assertEquals(expected, result.listCalls(), "ListObjectsV2 calls");
    }

    /**
     * A manifest PUT that lands but whose answer is lost on the wire: the conditional PUT is tried again, refused
     * (412), and the manifest found is this very one, so it counts as written; it costs one existence check more.
     */
    @Test
    void aManifestPutThatLandedButFailedOnTheWireIsFoundAndCountsAsWritten() throws Exception {
        List<String> keys = List.of("raw/p=1/a.csv", "raw/p=2/b.csv");
        String clean = newBucket();
        putAll(clean, keys);
        String lost = newBucket();
        putAll(lost, keys);
        AtomicInteger puts = new AtomicInteger();
        software.amazon.awssdk.services.s3.S3Client answerLostOnce = (software.amazon.awssdk.services.s3.S3Client)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {software.amazon.awssdk.services.s3.S3Client.class}, (proxy, method, args) -> {
                            boolean firstPut = method.getName().equals("putObject") && puts.incrementAndGet() == 1;
                            Object answer;
                            try {
                                answer = method.invoke(s3.client(), args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (firstPut) {
                                throw software.amazon.awssdk.core.exception.SdkClientException.create(
                                        "Error writing request body to server");
                            }
                            return answer;
                        });

        StorageSizingResult expected = size(clean, "run-1");
        StorageSizingResult result = handler(lost, answerLostOnce).handleRequest(SizingRequestValidatorTest.request("run-1"), null);

        assertEquals(2, puts.get(), "the PUT was tried again");
        assertFalse(result.reusedManifest(), "the manifest found is this call's own");
        assertEquals(expected.manifestSha256(), result.manifestSha256());
        assertEquals(expected.newObjectCount(), result.newObjectCount());
        assertEquals(expected.listCalls() + 1, result.listCalls(), "one existence check after the 412");
    }
}
