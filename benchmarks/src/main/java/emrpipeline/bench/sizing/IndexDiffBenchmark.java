package emrpipeline.bench.sizing;

import emrpipeline.sizing.ProcessedIndex;
import emrpipeline.sizing.StorageSizingResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * {@code benchmarks/run sizing-index-diff [partitions indexedPerPartition newPerPartition]}: a format-1 processed
 * index (one object) holds partitions x indexedPerPartition keys (default 1,000 x 1,000), the listing has
 * newPerPartition more per partition (default 10: 10,000 new). Measures the CPU time (ThreadMXBean, one thread) of reading the gzip index
 * into fingerprints and of looking up every listed (key, ETag) pair, three times; then a whole sizing through the
 * handler against the in-memory bucket (no list delay) for context. Target: the diff costs <= 3 s of CPU. Runs in
 * a child JVM with -Xmx512m like sizing-listing.
 */
public final class IndexDiffBenchmark {
    private IndexDiffBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        List<String> options = new ArrayList<>(List.of(args));
        if (!options.remove(ListingBenchmark.CHILD_FLAG)) {
            System.exit(ListingBenchmark.forkWithHeap(IndexDiffBenchmark.class, options, "512m"));
        }
        int partitions = options.size() > 0 ? Integer.parseInt(options.get(0)) : 1000;
        int indexed = options.size() > 1 ? Integer.parseInt(options.get(1)) : 1000;
        int fresh = options.size() > 2 ? Integer.parseInt(options.get(2)) : 10;
        int perPartition = indexed + fresh;

        SyntheticBucketS3Client.Layout layout = SyntheticBucketS3Client.daily(java.time.LocalDate.of(2024, 1, 1),
                partitions, perPartition);
        byte[] index = indexBytes(layout, partitions, perPartition, indexed);
        System.out.printf("sizing-index-diff: index of %,d entries (%,d bytes gzip), listing of %,d objects of which"
                + " %,d new; max heap %s%n", (long) partitions * indexed, index.length,
                (long) partitions * perPartition, (long) partitions * fresh, HeapWatch.mb(HeapWatch.maxHeapBytes()));

        String[] keys = new String[partitions * perPartition];
        String[] etags = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = layout.key(i);
            etags[i] = layout.etag(i);
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%-6s %16s %16s %16s %12s %14s%n", "round", "read index CPU", "lookups CPU", "diff CPU",
                "new found", "index heap");
        double best = Double.MAX_VALUE;
        for (int round = 1; round <= 3; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            ProcessedIndex processed = ProcessedIndex.read(new ByteArrayInputStream(index), "benchmark index");
            long t1 = threads.getCurrentThreadCpuTime();
            ProcessedIndex.Matcher matcher = processed.matcher();
            int found = 0;
            for (int i = 0; i < keys.length; i++) {
                if (!matcher.contains(keys[i], etags[i])) {
                    found++;
                }
            }
            long t2 = threads.getCurrentThreadCpuTime();
            if (found != partitions * fresh) {
                throw new IllegalStateException("expected " + partitions * fresh + " new, found " + found);
            }
            double total = (t2 - t0) / 1e9;
            best = Math.min(best, total);
            System.out.printf("%-6d %14.2f s %14.2f s %14.2f s %,12d %14s%n", round, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    total, found, HeapWatch.mb(processed.footprintBytes()));
        }
        keys = null;
        etags = null;

        // the whole sizing, for context: lists 1.01M objects (no delay), keeps the new, writes their manifest
        emrpipeline.bench.store.ObjectStoreS3Client store =
                emrpipeline.bench.store.ObjectStoreS3Client.inMemory("emr-pipeline/manifests/");
        store.putObject(b -> b.bucket("benchmark-data").key("emr-pipeline/index/processed.tsv.gz"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(index));
        SyntheticBucketS3Client s3 = new SyntheticBucketS3Client(layout, 0, store);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        HeapWatch heap = new HeapWatch();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        StorageSizingResult result = ListingBenchmark.size(s3, "diff-run", 16);
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        heap.close();
        System.out.printf("whole sizing (16 threads, no list delay): %,d listed, %,d new, %,d already processed,"
                + " %.2f s wall, %.2f s process CPU (incl. generating the in-memory pages), peak heap %s used,"
                + " %s after GC%n", result.listedObjects(), result.newObjectCount(), result.alreadyProcessedObjects(),
                wall / 1e9, cpu / 1e9, HeapWatch.mb(heap.peakUsedBytes()), HeapWatch.mb(heap.peakAfterGcBytes()));
        System.out.printf("target diff <= 3 s CPU: best round %.2f s (%s)%n", best, best <= 3 ? "met" : "MISSED");
        if (result.newObjectCount() != (long) partitions * fresh) {
            throw new IllegalStateException("whole sizing found " + result.newObjectCount() + " new");
        }
    }

    /** A format-1 processed index: sorted `key TAB etag LF` lines, gzip, of the first {@code indexed} keys of each partition. */
    static byte[] indexBytes(SyntheticBucketS3Client.Layout layout, int partitions, int perPartition, int indexed)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 24);
        try (OutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            StringBuilder lines = new StringBuilder(1 << 16);
            for (int p = 0; p < partitions; p++) {
                for (int k = 0; k < indexed; k++) {
                    long i = (long) p * perPartition + k;
                    lines.append(layout.key(i)).append('\t').append(layout.etag(i)).append('\n');
                }
                gz.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                lines.setLength(0);
            }
        }
        return bytes.toByteArray();
    }
}
