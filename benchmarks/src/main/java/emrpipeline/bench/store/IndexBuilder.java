package emrpipeline.bench.store;

import emrpipeline.bench.sizing.SyntheticBucketS3Client;
import emrpipeline.ledger.IndexRoot;
import emrpipeline.ledger.IndexRootFormat;
import emrpipeline.ledger.KeyEtagPairs;
import emrpipeline.ledger.ProcessedIndexStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Builds a processed index (format 2) the way the pipeline does: one commit per day through the run ledger's own
 * {@link ProcessedIndexStore}, each a day's worth of keys of a {@link SyntheticBucketS3Client.Layout}, with the
 * listing state of each commit (the day's partition; a full listing every 7 days). Kept in a directory and reused
 * by later runs with the same parameters (building 10 million keys takes a minute or two).
 */
public final class IndexBuilder {
    public static final String BUCKET = "benchmark-data";
    public static final Instant FIRST_RUN = Instant.parse("2026-08-14T06:40:00Z");

    private IndexBuilder() {
    }

    /**
     * The index of the first {@code commits * perCommit} keys of {@code layout}, committed {@code perCommit} at a
     * time (commit {@code c} on day {@code c}), in {@code directory}.
     *
     * @param partitionOf the partition path (relative to raw/) of a position's key, or null for a flat layout
     */
    public static ObjectStoreS3Client build(Path directory, SyntheticBucketS3Client.Layout layout, int commits,
                                            int perCommit, LongFunction<String> partitionOf) throws Exception {
        Path done = directory.resolve("BUILT");
        String expected = commits + " x " + perCommit + " " + layout.key(0) + " " + layout.key((long) commits * perCommit - 1);
        if (Files.exists(done) && Files.readString(done).equals(expected)) {
            return ObjectStoreS3Client.inDirectory(directory, SyntheticBucketS3Client.PIPELINE_PREFIX + "manifests/");
        }
        if (Files.exists(directory)) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        ObjectStoreS3Client store = ObjectStoreS3Client.inDirectory(directory, SyntheticBucketS3Client.PIPELINE_PREFIX + "manifests/");
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the ledger's log lines
        long started = System.nanoTime();
        try {
            for (int c = 0; c < commits; c++) {
                Instant at = FIRST_RUN.plus(Duration.ofDays(c));
                KeyEtagPairs pairs = new KeyEtagPairs();
                long from = (long) c * perCommit;
                for (long i = from; i < from + perCommit; i++) {
                    pairs.add(layout.key(i).getBytes(StandardCharsets.UTF_8), layout.etag(i).getBytes(StandardCharsets.UTF_8));
                }
                String partition = partitionOf == null ? null : partitionOf.apply(from);
                boolean full = c % 7 == 0 || c == commits - 2;
                new ProcessedIndexStore(store, BUCKET, SyntheticBucketS3Client.PIPELINE_PREFIX, 1, 3, Duration.ZERO,
                        d -> { }, Clock.fixed(at, ZoneOffset.UTC))
                        .commit(pairs, new ProcessedIndexStore.ListingUpdate(SyntheticBucketS3Client.RAW_PREFIX,
                                partition == null ? List.of() : List.of(partition), full ? at.minusSeconds(2400) : null));
                if ((c + 1) % 10 == 0) {
                    out.printf("  built %,d of %,d keys (%.0f s)%n", (c + 1L) * perCommit, (long) commits * perCommit,
                            (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            System.setOut(out);
        }
        Files.writeString(done, expected);
        return store;
    }

    /** The root in {@code store}. */
    public static IndexRoot root(ObjectStoreS3Client store) throws Exception {
        try (InputStream in = store.getObject(b -> b.bucket(BUCKET).key(SyntheticBucketS3Client.PIPELINE_PREFIX + IndexRoot.ROOT_KEY))) {
            return IndexRootFormat.read(in, "root");
        }
    }
}
