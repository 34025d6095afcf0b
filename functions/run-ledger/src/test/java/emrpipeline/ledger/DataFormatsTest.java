package emrpipeline.ledger;

import static emrpipeline.ledger.GoldenFiles.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.ledger.TestData.RawObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The golden files of docs/data-formats/ (the data formats' specification, docs/data-formats.md, pins them): what the
 * pipeline prefix holds before and after the ledger's commit of run 2026-11-22-daily. The ledger reads the golden
 * manifest and index as specified, and its commit of that manifest onto the golden format-1 index writes exactly the
 * golden format-2 index and tombstone. The storage sizing, the Spark job and the offline runner test the same files
 * (each its DataFormatsTest), so a change of format in one module fails the others' tests.
 *
 * <p>gzip objects are compared decompressed, and a root's shard {@code bytes} with the size of the shard object
 * actually written: the compressed bytes depend on the compressor's version (docs/data-formats.md).
 */
class DataFormatsTest extends LocalAwsTest {
    /** The golden manifest's keys in its (UTF-8 byte) order: TAB before '!', U+FF61 before U+1F600. */
    static final List<String> MANIFEST_KEYS = List.of(
            "raw/day=2026-11-21/orders-late.csv",
            "raw/day=2026-11-22/a\t.csv",
            "raw/day=2026-11-22/a!.csv",
            "raw/day=2026-11-22/orders 100%.csv",
            "raw/day=2026-11-22/\u00e9.csv",
            "raw/day=2026-11-22/\uff61.csv",
            "raw/day=2026-11-22/\ud83d\ude00.csv");

    static Manifest goldenManifest() {
        return new ManifestReader("my-data", TestData.PREFIX).read(
                new S3Location("my-data", TestData.PREFIX + "manifests/2026-11-22-daily.json"),
                new ByteArrayInputStream(RepositoryFiles.bytes(MANIFEST)), "2026-11-22-daily");
    }

    static String gunzip(String golden) {
        return ProcessedIndexMergeTest.gunzip(RepositoryFiles.bytes(golden));
    }

    /** The (key, ETag) pairs of a manifest, in its order. */
    static List<RawObject> pairsOf(Manifest manifest) {
        KeyEtagPairs p = manifest.pairs();
        List<RawObject> pairs = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            pairs.add(new RawObject(new String(p.data(), p.keyOffset(i), p.keyLength(i), StandardCharsets.UTF_8),
                    new String(p.data(), p.etagOffset(i), p.etagLength(i), StandardCharsets.UTF_8), 0));
        }
        return pairs;
    }

    @Test
    void theGoldenManifestIsReadAndVerifiedAsSpecified() {
        Manifest manifest = goldenManifest();

        assertEquals(1, manifest.formatVersion());
        assertEquals("raw/", manifest.rawPrefix());
        assertEquals("2026-11-22T06:00:03Z", manifest.createdAt());
        assertEquals("full", manifest.listingMode());
        assertEquals(7, manifest.objectCount());
        assertEquals(184, manifest.totalBytes());
        assertEquals("a197d5f1a84db84b8333a71a17ccd22adc8733ce7f160663025a6f3b8926327f", manifest.sha256());
        assertEquals(MANIFEST_KEYS, pairsOf(manifest).stream().map(RawObject::key).toList());
    }

    /** The manifests the other tests of this module write (TestData) are, byte for byte, the sizing's. */
    @Test
    void theTestsManifestWriterWritesTheGoldenManifest() throws Exception {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RepositoryFiles.bytes(MANIFEST));
        List<RawObject> objects = new ArrayList<>();
        tree.get("objects").forEach(o -> objects.add(new RawObject(o.get("key").asText(), o.get("etag").asText(),
                o.get("size").asLong(), o.get("lastModified").asText())));

        String written = TestData.manifestJson("2026-11-22-daily", "my-data", "raw/", "2026-11-22T06:00:03Z", "full",
                objects, TestData.sha256(objects), objects.size(), objects.stream().mapToLong(RawObject::size).sum());

        assertEquals(new String(RepositoryFiles.bytes(MANIFEST), StandardCharsets.UTF_8), written);
    }

    @Test
    void theGoldenRootIsReadAsSpecifiedAndWrittenBackByteForByte() {
        byte[] golden = RepositoryFiles.bytes(ROOT);
        IndexRoot root = IndexRootFormat.read(new ByteArrayInputStream(golden), ROOT);

        assertEquals(1, root.generation());
        assertEquals(Instant.parse("2026-11-22T06:41:07Z"), root.updatedAt());
        assertEquals(12, root.entries());
        assertEquals(List.of("", "raw/day=2026-11-21/orders-0001.csv", "raw/day=2026-11-22/a\t.csv",
                "raw/day=2026-11-22/\u00e9.csv"), root.shards().stream().map(IndexRoot.Shard::firstKey).toList());
        assertEquals(List.of(3L, 3L, 3L, 3L), root.shards().stream().map(IndexRoot.Shard::entries).toList());
        assertEquals(List.of(new IndexRoot.Retired("00000000-5e11d0c94ab27f83-0001.tsv.gz",
                Instant.parse("2026-11-22T06:41:07Z"))), root.retired());
        assertEquals(List.of(new IndexRoot.ListingState("raw/", "day=2026-11-22/", List.of("day=2026-11-21/"),
                Instant.parse("2026-11-22T06:00:03Z"))), root.listings());
        assertEquals(new IndexRoot.MigratedFrom(TestData.PREFIX + IndexRoot.LEGACY_KEY,
                "\"4b1999a114059084775dc4b1a347f176\"", Instant.parse("2026-11-22T06:41:07Z"), false), root.migratedFrom());

        assertEquals(new String(golden, StandardCharsets.UTF_8),
                new String(IndexRootFormat.write(root), StandardCharsets.UTF_8));
    }

    /** Every shard the golden root names (and the one it retired) holds sorted lines of its key range, as many as it says. */
    @Test
    void theGoldenShardsHoldWhatTheRootSays() {
        IndexRoot root = IndexRootFormat.read(new ByteArrayInputStream(RepositoryFiles.bytes(ROOT)), ROOT);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < root.shards().size(); i++) {
            IndexRoot.Shard shard = root.shards().get(i);
            byte[] gz = RepositoryFiles.bytes(SHARDS + shard.name());
            byte[] lower = i == 0 ? null : shard.firstKey().getBytes(StandardCharsets.UTF_8);
            byte[] upper = i + 1 < root.shards().size()
                    ? root.shards().get(i + 1).firstKey().getBytes(StandardCharsets.UTF_8) : null;
            ProcessedIndexMerge.Outcome read = ProcessedIndexMerge.merge(new ByteArrayInputStream(gz), new KeyEtagPairs(),
                    0, 0, null, lower, upper);
            assertEquals(shard.entries(), read.pairsBefore(), shard.name());
            lines.addAll(List.of(ProcessedIndexMergeTest.gunzip(gz).split("\n")));
        }
        assertEquals(root.entries(), lines.size());
        // The TAB and '%' of two keys escaped; lines in the order of the decoded keys (TAB = %09 before '!').
        assertEquals("raw/day=2026-11-22/a%09.csv\t8b7c474f16f07e83176192bfff96e29e", lines.get(6));
        assertEquals("raw/day=2026-11-22/a!.csv\td1619ba73025ac86ba1df1f994dc56b3", lines.get(7));
        assertEquals("raw/day=2026-11-22/orders 100%25.csv\t5ecf68a89b23836373bfe690d27b27fc", lines.get(8));
        RepositoryFiles.require(SHARDS + root.retired().get(0).name()); // replaced, and kept until its grace has passed
    }

    /** The tests' own index writer (ProcessedIndexMergeTest.gzipIndex) writes the golden shard lines. */
    @Test
    void theTestsIndexWriterWritesTheGoldenLines() {
        List<RawObject> pairs = pairsOf(goldenManifest());
        assertEquals(gunzip(SHARDS + "00000001-a07c55e1d2b93f60-0001.tsv.gz") + gunzip(SHARDS + "00000001-a07c55e1d2b93f60-0002.tsv.gz"),
                ProcessedIndexMergeTest.gunzip(ProcessedIndexMergeTest.gzipIndex(pairs.subList(1, 7))));
    }

    @Test
    void theGoldenTombstoneIsTheOneThisLedgerWrites() {
        assertEquals(ProcessedIndexStore.LEGACY_TOMBSTONE, gunzip(TOMBSTONE));
    }

    /**
     * The commit of the golden manifest onto the golden format-1 index (the first commit of this version: it migrates)
     * writes the golden after-commit index: root, shards (the replaced one kept until its grace has passed) and the
     * tombstone in place of the format-1 object. Shard sizes of 6 (split into pieces of 3) make a handful of pairs
     * show every part of the format; the clock and the shard names' random part are fixed.
     */
    @Test
    void committingTheGoldenManifestOntoTheGoldenFormat1IndexWritesTheGoldenFormat2Index() {
        String bucket = aws.createBucket();
        aws.s3.putObject(p -> p.bucket(bucket).key(TestData.LEGACY_INDEX_KEY), RequestBody.fromBytes(RepositoryFiles.bytes(FORMAT_1_INDEX)));
        Manifest manifest = goldenManifest();
        // The migration draws the first tag, the merge the second; a round repeated after a lost response draws more.
        Iterator<String> tags = Stream.iterate(0, i -> i + 1).map(i -> i == 0 ? "5e11d0c94ab27f83"
                : i == 1 ? "a07c55e1d2b93f60" : String.format("%016x", i)).iterator();
        ProcessedIndexStore store = new ProcessedIndexStore(aws.s3, bucket, TestData.PREFIX,
                LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL, 3, Duration.ZERO, d -> { },
                Clock.fixed(Instant.parse("2026-11-22T06:41:07Z"), ZoneOffset.UTC), 6, 3, tags::next);

        store.commit(manifest.pairs(), ProcessedIndexStore.ListingUpdate.of(manifest));

        Map<String, Long> written = new TreeMap<>();
        for (S3Object o : aws.s3.listObjectsV2(b -> b.bucket(bucket).prefix(TestData.SHARDS)).contents()) {
            written.put(o.key().substring(TestData.SHARDS.length()), o.size());
        }
        String root = new String(aws.s3.getObjectAsBytes(g -> g.bucket(bucket).key(TestData.INDEX_KEY)).asByteArray(),
                StandardCharsets.UTF_8);
        assertEquals(withoutShardSizes(new String(RepositoryFiles.bytes(ROOT), StandardCharsets.UTF_8)), withoutShardSizes(root));
        IndexRoot read = IndexRootFormat.read(new ByteArrayInputStream(root.getBytes(StandardCharsets.UTF_8)), "written");
        for (IndexRoot.Shard shard : read.shards()) {
            assertEquals(written.get(shard.name()), shard.bytes(), "the root's bytes of " + shard.name());
        }
        List<String> goldenShards = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(RepositoryFiles.require(SHARDS))) {
            files.forEach(f -> goldenShards.add(f.getFileName().toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(goldenShards.stream().sorted().toList(), List.copyOf(written.keySet()));
        for (String name : written.keySet()) {
            assertEquals(gunzip(SHARDS + name), ProcessedIndexMergeTest.gunzip(
                    aws.s3.getObjectAsBytes(g -> g.bucket(bucket).key(TestData.SHARDS + name)).asByteArray()), name);
        }
        assertEquals(gunzip(TOMBSTONE), ProcessedIndexMergeTest.gunzip(
                aws.s3.getObjectAsBytes(g -> g.bucket(bucket).key(TestData.LEGACY_INDEX_KEY)).asByteArray()));
        assertTrue(store.containsAll(manifest.pairs()));
    }

    /** Before the commit the golden format-1 index holds none of the manifest's pairs; the history stays after it. */
    @Test
    void theFormat1IndexHoldsTheHistoryAndNotTheManifest() {
        String before = gunzip(FORMAT_1_INDEX);
        for (String key : MANIFEST_KEYS) {
            assertFalse(before.contains(ProcessedIndexMergeTest.escape(key) + "\t"), key);
        }
        ProcessedIndexMerge.Outcome read = ProcessedIndexMerge.merge(
                new ByteArrayInputStream(RepositoryFiles.bytes(FORMAT_1_INDEX)), goldenManifest().pairs(), null);
        assertEquals(5, read.pairsBefore());
        assertEquals(7, read.added());
        String after = String.join("", Stream.of("00000000-5e11d0c94ab27f83-0000.tsv.gz", "00000001-a07c55e1d2b93f60-0000.tsv.gz")
                .map(name -> gunzip(SHARDS + name)).toList());
        for (String line : before.split("\n")) {
            assertTrue(after.contains(line + "\n"), line);
        }
    }

    private static String withoutShardSizes(String root) {
        Matcher m = Pattern.compile("\"bytes\":\\d+").matcher(root);
        return m.replaceAll("\"bytes\":N");
    }
}
