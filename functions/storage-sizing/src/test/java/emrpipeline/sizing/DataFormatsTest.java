package emrpipeline.sizing;

import static emrpipeline.sizing.GoldenFiles.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The golden files of docs/data-formats/ (pinned by the specification, docs/data-formats.md): what the pipeline prefix
 * holds before and after the run ledger's commit of run 2026-11-22-daily. This function writes the golden manifest
 * byte for byte and reads the golden index (format 1, format 2, the tombstone) as specified; the run ledger, the
 * Spark job and the offline runner test the same files, so a change of format in one module fails the others' tests.
 */
class DataFormatsTest extends S3ProxyTest {
    /**
     * The raw objects of the scenario whose (key, ETag) the golden files hold: each ETag is the MD5 of the content
     * (a single-part upload). The first four are the format-1 index's history (a fifth, uploaded in parts, has been
     * deleted since); the last seven are new, the golden manifest.
     */
    static final Map<String, String> RAW = new LinkedHashMap<>();

    static {
        RAW.put("raw/day=2026-11-20/orders-0001.csv", "order_id,amount\n2001,10.00\n2002,20.00\n");
        RAW.put("raw/day=2026-11-20/orders-0002.csv", "order_id,amount\n2003,30.00\n");
        RAW.put("raw/day=2026-11-21/orders-0001.csv", "order_id,amount\n2101,40.00\n");
        RAW.put("raw/day=2026-11-21/orders-late.csv", "order_id,amount\n2101,5.00\n");
        RAW.put("raw/day=2026-11-22/a\t.csv", "order_id,amount\n2201,1.25\n");
        RAW.put("raw/day=2026-11-22/a!.csv", "order_id,amount\n2202,2.50\n");
        RAW.put("raw/day=2026-11-22/orders 100%.csv", "order_id,amount\n2203,100.00\n");
        RAW.put("raw/day=2026-11-22/\u00e9.csv", "order_id,amount\n2204,3.75\n");
        RAW.put("raw/day=2026-11-22/\uff61.csv", "order_id,amount\n2205,4.00\n");
        RAW.put("raw/day=2026-11-22/\ud83d\ude00.csv", "order_id,amount\n2206,6.66\n");
    }

    static JsonNode goldenManifest() {
        try {
            return new ObjectMapper().readTree(RepositoryFiles.bytes(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden manifest's objects, as the listing found them. */
    static List<ListedObject> goldenObjects() {
        List<ListedObject> objects = new ArrayList<>();
        goldenManifest().get("objects").forEach(o -> objects.add(new ListedObject(o.get("key").asText(),
                o.get("etag").asText(), o.get("size").asLong(), Instant.parse(o.get("lastModified").asText()).toEpochMilli())));
        return objects;
    }

    static byte[] bytes(Manifest manifest) {
        try (var in = manifest.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theManifestOfTheGoldenObjectsIsTheGoldenManifestByteForByte() {
        List<ListedObject> listed = goldenObjects();
        Collections.shuffle(listed, new Random(7)); // as a parallel listing hands them over

        Manifest manifest = Manifest.of("2026-11-22-daily", "my-data", "raw/", Instant.parse("2026-11-22T06:00:03Z"),
                new Manifest.Listed("full", null), listed);

        assertEquals(new String(RepositoryFiles.bytes(MANIFEST), StandardCharsets.UTF_8),
                new String(bytes(manifest), StandardCharsets.UTF_8));
        assertEquals(RepositoryFiles.bytes(MANIFEST).length, manifest.contentLength());
    }

    @Test
    void theGoldenManifestIsReadBackAsSpecified() {
        ManifestSummary summary = ManifestReader.readSummary(new ByteArrayInputStream(RepositoryFiles.bytes(MANIFEST)), MANIFEST);

        assertEquals(new ManifestSummary(1, "2026-11-22-daily", "my-data", "raw/", "2026-11-22T06:00:03Z", 7, 184,
                "a197d5f1a84db84b8333a71a17ccd22adc8733ce7f160663025a6f3b8926327f"), summary);
        assertEquals(summary, Manifest.of("2026-11-22-daily", "my-data", "raw/", Instant.parse("2026-11-22T06:00:03Z"),
                new Manifest.Listed("full", null), goldenObjects()).summary());
    }

    @Test
    void theGoldenRootIsReadAsSpecified() {
        IndexRoot root = IndexRootReader.read(new ByteArrayInputStream(RepositoryFiles.bytes(ROOT)), ROOT);

        assertEquals(1, root.generation());
        assertEquals(12, root.entries());
        assertEquals(List.of(
                new IndexRoot.Shard("", "00000000-5e11d0c94ab27f83-0000.tsv.gz", 3),
                new IndexRoot.Shard("raw/day=2026-11-21/orders-0001.csv", "00000001-a07c55e1d2b93f60-0000.tsv.gz", 3),
                new IndexRoot.Shard("raw/day=2026-11-22/a\t.csv", "00000001-a07c55e1d2b93f60-0001.tsv.gz", 3),
                new IndexRoot.Shard("raw/day=2026-11-22/\u00e9.csv", "00000001-a07c55e1d2b93f60-0002.tsv.gz", 3)),
                root.shards());
        assertEquals(new IndexRoot.ListingState("raw/", "day=2026-11-22/", List.of("day=2026-11-21/"),
                Instant.parse("2026-11-22T06:00:03Z")), root.listing("raw/"));
        // The next incremental listing starts after raw/day=2026-11-22: the shards from the one holding it on.
        assertEquals(List.of(1, 2, 3), root.shardsFor("raw/", new KeyRange("raw/day=2026-11-22", null)));
        assertEquals(List.of(0, 1, 2, 3), root.shardsFor("raw/", KeyRange.ALL));
    }

    /** The golden format-2 index holds the history and the committed manifest; the format-1 one only the history. */
    @Test
    void theGoldenIndexesHoldWhatTheyShould() throws Exception {
        IndexRoot root = IndexRootReader.read(new ByteArrayInputStream(RepositoryFiles.bytes(ROOT)), ROOT);
        List<ProcessedIndex.ShardSource> sources = new ArrayList<>();
        for (IndexRoot.Shard shard : root.shards()) {
            sources.add(new ProcessedIndex.ShardSource(shard.name(), shard.entries(),
                    () -> new ByteArrayInputStream(RepositoryFiles.bytes(SHARDS + shard.name()))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ProcessedIndex after;
        try {
            after = ProcessedIndex.fromShards(sources, pool);
        } finally {
            pool.shutdown();
        }
        ProcessedIndex before = ProcessedIndex.read(new ByteArrayInputStream(RepositoryFiles.bytes(FORMAT_1_INDEX)), FORMAT_1_INDEX);

        assertEquals(12, after.size());
        assertEquals(5, before.size());
        for (ListedObject o : goldenObjects()) {
            assertTrue(after.matcher().contains(o.key(), o.etag()), o.key());
            assertFalse(before.matcher().contains(o.key(), o.etag()), o.key());
        }
        for (String key : List.of("raw/day=2026-11-20/orders-0001.csv", "raw/day=2026-11-20/orders-0002.csv",
                "raw/day=2026-11-21/orders-0001.csv")) {
            String etag = md5(RAW.get(key));
            assertTrue(before.matcher().contains(key, etag), key);
            assertTrue(after.matcher().contains(key, etag), key);
        }
        assertTrue(after.matcher().contains("raw/day=2026-11-21/orders-0002.csv", "c7a7d5e1a2b34f6e8d9c0b1a2f3e4d5c-2"));
    }

    @Test
    void theGoldenTombstoneStopsTheSizing() {
        // Read first: outside the repository the read skips the test, which inside assertThrows would fail it.
        byte[] tombstone = RepositoryFiles.bytes(TOMBSTONE);
        CorruptPipelineObjectException e = assertThrows(CorruptPipelineObjectException.class,
                () -> ProcessedIndex.read(new ByteArrayInputStream(tombstone), TOMBSTONE));
        assertTrue(e.getMessage().contains("moved to format 2"), e.getMessage());
    }

    /** The tests' own index writer (ProcessedIndexTest.indexBytes) writes what the golden shards hold. */
    @Test
    void theTestsIndexWriterWritesTheGoldenLines() {
        List<String[]> pairs = new ArrayList<>();
        goldenObjects().subList(1, 7).forEach(o -> pairs.add(new String[] {o.key(), o.etag()}));
        assertEquals(gunzip(RepositoryFiles.bytes(SHARDS + "00000001-a07c55e1d2b93f60-0001.tsv.gz"))
                        + gunzip(RepositoryFiles.bytes(SHARDS + "00000001-a07c55e1d2b93f60-0002.tsv.gz")),
                gunzip(ProcessedIndexTest.indexBytes(pairs)));
    }

    /**
     * The whole function on the scenario's raw objects in S3: with the golden format-1 index, the new objects it finds
     * are the golden manifest's; with the golden format-2 index (after the ledger's commit), nothing is new.
     */
    @Test
    void theSizingOfTheScenarioFindsTheGoldenManifestsObjectsAndThenNothing() throws Exception {
        String before = newBucketWithRawObjects("golden-before");
        upload(before, "before-commit/index/processed.tsv.gz");
        StorageSizingResult first = size(before);
        List<String> found = new ArrayList<>();
        new ObjectMapper().readTree(s3.get(before, "emr-pipeline/manifests/2026-11-22-daily.json")).get("objects")
                .forEach(o -> found.add(o.get("key").asText() + " " + o.get("etag").asText() + " " + o.get("size").asLong()));
        List<String> golden = new ArrayList<>();
        goldenObjects().forEach(o -> golden.add(o.key() + " " + o.etag() + " " + o.size()));
        assertEquals(golden, found);
        assertEquals(goldenManifest().get("sha256").asText(), first.manifestSha256());
        assertEquals("full", first.listingMode(), "format 1 keeps no watermark");

        String after = newBucketWithRawObjects("golden-after");
        Path afterCommit = RepositoryFiles.require(AFTER_COMMIT);
        try (Stream<Path> files = Files.walk(afterCommit)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                upload(after, "after-commit/" + afterCommit.relativize(file).toString().replace('\\', '/'));
            }
        }
        StorageSizingResult second = size(after);
        assertEquals(0, second.newObjectCount());
        assertEquals("incremental", second.listingMode());
        assertEquals(2, second.indexFormatVersion());
    }

    private static String newBucketWithRawObjects(String name) {
        s3.createBucket(name);
        RAW.forEach((key, content) -> s3.put(name, key, content));
        return name;
    }

    /** Uploads the golden file {@code relative} (to docs/data-formats/<state>/) under the pipeline prefix. */
    private static void upload(String bucket, String relative) {
        String key = "emr-pipeline/" + relative.substring(relative.indexOf('/') + 1);
        s3.put(bucket, key, RepositoryFiles.bytes(GOLDEN + relative));
    }

    private static StorageSizingResult size(String bucket) {
        return new StorageSizingHandler(s3.client(), StorageSizerS3ProxyTest.defaults(bucket),
                Clock.fixed(Instant.parse("2026-11-22T06:00:03Z"), ZoneOffset.UTC))
                .handleRequest(SizingRequestValidatorTest.request("2026-11-22-daily"), null);
    }

    static String md5(String content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    static String gunzip(byte[] gz) {
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
