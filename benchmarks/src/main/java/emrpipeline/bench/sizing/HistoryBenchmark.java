package emrpipeline.bench.sizing;

import emrpipeline.bench.store.IndexBuilder;
import emrpipeline.bench.store.ObjectStoreS3Client;
import emrpipeline.ledger.IndexRoot;
import emrpipeline.sizing.StorageSizingHandler;
import emrpipeline.sizing.StorageSizingRequest;
import emrpipeline.sizing.StorageSizingResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code benchmarks/run sizing-history [days perDay delayMillis concurrency] [--full]} (defaults 100 100000 50 16): a
 * bucket whose history is {@code days} daily partitions of {@code perDay} objects (10,000,000), all committed to a
 * format-2 processed index built by the ledger's own commits (one a day, a full listing every 7 days, the last two
 * days ago), and one new partition of {@code perDay} objects today. Sizes today's run through the real handler (3
 * rounds, median), and, in the same JVM, the same run against a bucket that holds only today's objects and no index:
 * "listing the new objects alone". Targets: list calls and wall time of the run <= 2x those of listing the new
 * objects alone; heap <= 1 GiB (the child JVM has -Xmx1g). Also, once each: look-back 1 and 2, and with --full a full
 * reconciliation of the whole history. Index objects are served from local files through an S3Client stand-in; raw
 * listings are computed, with the delay per call.
 */
public final class HistoryBenchmark {
    public static final LocalDate FIRST_DAY = LocalDate.of(2026, 8, 14);

    private HistoryBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        List<String> options = new ArrayList<>(List.of(args));
        if (!options.remove(ListingBenchmark.CHILD_FLAG)) {
            System.exit(ListingBenchmark.forkWithHeap(HistoryBenchmark.class, options, "1g"));
        }
        boolean full = options.remove("--full");
        int days = options.size() > 0 ? Integer.parseInt(options.get(0)) : 100;
        int perDay = options.size() > 1 ? Integer.parseInt(options.get(1)) : 100_000;
        long delay = options.size() > 2 ? Long.parseLong(options.get(2)) : 50;
        int concurrency = options.size() > 3 ? Integer.parseInt(options.get(3)) : 16;
        long history = (long) days * perDay;

        SyntheticBucketS3Client.Layout layout = SyntheticBucketS3Client.daily(FIRST_DAY, days + 1, perDay);
        System.out.printf("sizing-history: %,d objects in %d daily partitions, %,d new today; %d ms per ListObjectsV2"
                        + " call, concurrency %d, max heap %s, %d cores, load average %.2f%n", history, days, perDay, delay,
                concurrency, HeapWatch.mb(HeapWatch.maxHeapBytes()), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path dir = Path.of("benchmarks/target/history-index-" + days + "x" + perDay).toAbsolutePath();
        long t0 = System.nanoTime();
        ObjectStoreS3Client index = IndexBuilder.build(dir, layout, days, perDay,
                i -> "day=" + FIRST_DAY.plusDays(i / perDay) + "/");
        IndexRoot root = IndexBuilder.root(index);
        long indexBytes = root.shards().stream().mapToLong(IndexRoot.Shard::bytes).sum();
        System.out.printf("index: %,d pairs in %d shards, %,d bytes (%s, %.0f s); watermark %s, last full listing %s%n",
                root.entries(), root.shards().size(), indexBytes,
                dir, (System.nanoTime() - t0) / 1e9, root.listing("raw/").watermark(),
                root.listing("raw/").lastFullListingAt());
        Clock today = Clock.fixed(IndexBuilder.FIRST_RUN.plus(Duration.ofDays(days)).minusSeconds(2400), ZoneOffset.UTC);

        // warm-up: the code paths on a small bucket, with and without an index
        SyntheticBucketS3Client.Layout todayOnly = SyntheticBucketS3Client.slice(layout, history, perDay);
        size(new SyntheticBucketS3Client(SyntheticBucketS3Client.slice(todayOnly, 0, 20_000), 0,
                ObjectStoreS3Client.inMemory("emr-pipeline/manifests/")), "warm-up-1", concurrency, today, r -> { });
        size(new SyntheticBucketS3Client(layout, 0, index), "warm-up-2", concurrency, today, r -> { });

        List<Measured> alone = new ArrayList<>();
        List<Measured> run = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            alone.add(measure("new alone", new SyntheticBucketS3Client(todayOnly, delay,
                    ObjectStoreS3Client.inMemory("emr-pipeline/manifests/")), concurrency, today, r -> { }, index));
            run.add(measure("history", new SyntheticBucketS3Client(layout, delay, index), concurrency, today, r -> { }, index));
        }
        List<Measured> context = new ArrayList<>();
        for (int lookBack : new int[] {1, 2}) {
            context.add(measure("look-back " + lookBack, new SyntheticBucketS3Client(layout, delay, index), concurrency,
                    today, r -> r.setLookBackPartitions(Integer.toString(lookBack)), index));
        }
        if (full) {
            context.add(measure("full", new SyntheticBucketS3Client(layout, delay, index), concurrency, today,
                    r -> r.setFullReconciliation("true"), index));
        }

        System.out.printf("%-12s %8s %10s %10s %12s %8s %7s %10s %12s %14s %14s%n", "run", "mode", "listed", "new",
                "list calls", "ranges", "shards", "idx read", "wall", "peak heap", "after GC");
        List<Measured> all = new ArrayList<>(alone);
        all.addAll(run);
        all.addAll(context);
        for (Measured m : all) {
            System.out.printf("%-12s %8s %,10d %,10d %,12d %8d %7d %,10d %10.2f s %14s %14s%n", m.label, m.result.listingMode(),
                    m.result.listedObjects(), m.result.newObjectCount(), m.listCalls, m.result.listedRanges(),
                    m.result.indexShardsRead(), m.indexBytesRead, m.wallNanos / 1e9, HeapWatch.mb(m.peakUsed),
                    HeapWatch.mb(m.peakAfterGc));
        }
        Measured a = median(alone);
        Measured h = median(run);
        double calls = (double) h.listCalls / a.listCalls;
        double wall = (double) h.wallNanos / a.wallNanos;
        long peak = all.stream().filter(m -> !m.label.equals("full")).mapToLong(Measured::peakUsed).max().orElseThrow();
        System.out.printf("target list calls <= 2x listing the new objects alone: %,d / %,d = %.2fx (%s)%n",
                h.listCalls, a.listCalls, calls, calls <= 2 ? "met" : "MISSED");
        System.out.printf("target wall <= 2x: median %.2f s / %.2f s = %.2fx (%s)%n", h.wallNanos / 1e9,
                a.wallNanos / 1e9, wall, wall <= 2 ? "met" : "MISSED");
        System.out.printf("target heap <= 1 GiB: largest peak %s in a %s heap (%s)%n", HeapWatch.mb(peak),
                HeapWatch.mb(HeapWatch.maxHeapBytes()), peak <= 1L << 30 ? "met" : "MISSED");
        System.out.printf("index bytes read by the run: %,d of %,d in the index's shards (%.2f%%)%n", h.indexBytesRead,
                indexBytes, 100.0 * h.indexBytesRead / indexBytes);
        System.out.printf("load average at the end: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        for (Measured m : all) {
            long expected = m.label.equals("new alone") || m.label.startsWith("history") || m.label.startsWith("look-back")
                    ? perDay : m.label.equals("full") ? perDay : -1;
            if (m.result.newObjectCount() != expected) {
                throw new IllegalStateException(m.label + " found " + m.result.newObjectCount() + " new");
            }
        }
    }

    private record Measured(String label, StorageSizingResult result, long wallNanos, int listCalls, long peakUsed,
                            long peakAfterGc, long indexBytesRead) {
    }

    private static Measured median(List<Measured> runs) {
        List<Measured> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(Measured::wallNanos));
        return sorted.get(sorted.size() / 2);
    }

    private static int runs;

    private static Measured measure(String label, SyntheticBucketS3Client s3, int concurrency, Clock clock,
                                    Consumer<StorageSizingRequest> knobs, ObjectStoreS3Client index) throws Exception {
        index.resetCounters();
        HeapWatch heap = new HeapWatch();
        long start = System.nanoTime();
        StorageSizingResult result = size(s3, label.replace(' ', '-') + "-" + (++runs), concurrency, clock, knobs);
        long wall = System.nanoTime() - start;
        heap.close();
        long read = s3.pipeline() == index ? index.bytesRead.get() : 0;
        return new Measured(label, result, wall, s3.listCalls(), heap.peakUsedBytes(), heap.peakAfterGcBytes(), read);
    }

    static StorageSizingResult size(SyntheticBucketS3Client s3, String runId, int concurrency, Clock clock,
                                    Consumer<StorageSizingRequest> knobs) {
        StorageSizingRequest request = new StorageSizingRequest();
        request.setRunId(runId);
        request.setListConcurrency(Integer.toString(concurrency));
        knobs.accept(request);
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return new StorageSizingHandler(s3, ListingBenchmark.defaults(), clock).handleRequest(request, null);
        } finally {
            System.setOut(out);
        }
    }
}
