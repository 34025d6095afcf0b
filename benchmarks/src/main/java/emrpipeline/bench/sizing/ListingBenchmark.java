package emrpipeline.bench.sizing;

import emrpipeline.bench.store.IndexBuilder;
import emrpipeline.bench.store.ObjectStoreS3Client;
import emrpipeline.sizing.SizingDefaults;
import emrpipeline.sizing.StorageSizingHandler;
import emrpipeline.sizing.StorageSizingRequest;
import emrpipeline.sizing.StorageSizingResult;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code benchmarks/run sizing-listing [objects delayMillis concurrency]} (defaults 1000000 50 16): a flat prefix (no
 * partitions) of N objects served from memory with a delay per ListObjectsV2 call, sized through the real handler in
 * parallel ({@code listConcurrency} 16, three times, the median counts) and sequentially ({@code listConcurrency} 1)
 * in the same JVM, for three cases: counters ({@code raw/file-000000000.parquet}, ...) never seen before (the
 * listing cuts the key space while it lists), random hexadecimal names never seen before, and counters already in
 * the processed index (a daily reconciliation of a flat prefix: the index's shard boundaries cut the key space
 * first; nothing is new). Targets: parallel >= 8x faster than sequential; list calls <= 1.1 x N/1000 + ranges; peak
 * heap <= 512 MiB (the child JVM has -Xmx512m). CPU is the process's (the in-memory pages' generation included).
 */
public final class ListingBenchmark {
    static final String CHILD_FLAG = "--in-child-jvm";

    private ListingBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        List<String> options = new ArrayList<>(List.of(args));
        if (!options.remove(CHILD_FLAG)) {
            System.exit(forkWithHeap(ListingBenchmark.class, options, "512m"));
        }
        long n = options.size() > 0 ? Long.parseLong(options.get(0)) : 1_000_000;
        long delay = options.size() > 1 ? Long.parseLong(options.get(1)) : 50;
        int concurrency = options.size() > 2 ? Integer.parseInt(options.get(2)) : 16;
        System.out.printf("sizing-listing: flat prefix of %,d objects, %d ms per ListObjectsV2 call, concurrency %d vs 1;"
                + " max heap %s, %d cores, load average %.2f%n", n, delay, concurrency,
                HeapWatch.mb(HeapWatch.maxHeapBytes()), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // warm-up: JIT-compile the code paths on 200,000 objects, no delay
        size(bucket(SyntheticBucketS3Client.flatCounters(200_000), 0, null), "warm-up-1", concurrency);
        size(bucket(SyntheticBucketS3Client.flatHex(200_000), 0, null), "warm-up-2", 1);

        SyntheticBucketS3Client.Layout counters = SyntheticBucketS3Client.flatCounters(n);
        int chunk = (int) Math.min(100_000, n);
        ObjectStoreS3Client index = IndexBuilder.build(Path.of("benchmarks/target/flat-index-" + n).toAbsolutePath(),
                counters, (int) (n / chunk), chunk, null);

        List<Case> cases = List.of(
                new Case("counters, first run", counters, null, n),
                new Case("random hex, first run", SyntheticBucketS3Client.flatHex(n), null, n),
                new Case("counters, indexed", counters, index, 0));
        System.out.printf("%-24s %-11s %10s %10s %10s %12s %8s %16s %16s%n", "case", "listing", "new", "wall", "CPU",
                "list calls", "ranges", "peak heap used", "peak after GC");
        boolean allMet = true;
        for (Case c : cases) {
            List<Measured> parallel = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                parallel.add(measure(c, delay, concurrency, "parallel"));
            }
            Measured sequential = measure(c, delay, 1, "sequential");
            parallel.sort(Comparator.comparingLong(Measured::wallNanos));
            for (Measured m : parallel) {
                print(c, m);
            }
            print(c, sequential);
            Measured median = parallel.get(1);
            double speedUp = (double) sequential.wallNanos / median.wallNanos;
            double callBound = 1.1 * n / 1000.0 + median.result.listedRanges() + 3; // + existence checks
            long peak = Math.max(sequential.peakUsed, parallel.stream().mapToLong(Measured::peakUsed).max().orElseThrow());
            boolean met = speedUp >= 8 && median.listCalls <= callBound && peak <= 512L << 20;
            allMet &= met;
            System.out.printf("  %s: %.1f s sequential / %.2f s parallel (median) = %.1fx (target >= 8x); list calls %,d <="
                            + " 1.1 x N/1000 + %d ranges + 3 existence checks = %,.0f; peak heap %s (%s)%n", c.name,
                    sequential.wallNanos / 1e9, median.wallNanos / 1e9, speedUp, median.listCalls,
                    median.result.listedRanges(), callBound, HeapWatch.mb(peak), met ? "met" : "MISSED");
        }
        System.out.printf("targets %s; load average at the end: %.2f on %d cores%n", allMet ? "met" : "MISSED",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    private record Case(String name, SyntheticBucketS3Client.Layout layout, ObjectStoreS3Client index, long expectedNew) {
    }

    private record Measured(String label, StorageSizingResult result, long wallNanos, int listCalls, long peakUsed,
                            long peakAfterGc, long cpuNanos) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static void print(Case c, Measured m) {
        System.out.printf("%-24s %-11s %,10d %8.2f s %8.2f s %,12d %8d %16s %16s%n", c.name, m.label,
                m.result.newObjectCount(), m.wallNanos / 1e9, m.cpuNanos / 1e9, m.listCalls, m.result.listedRanges(),
                HeapWatch.mb(m.peakUsed), HeapWatch.mb(m.peakAfterGc));
    }

    private static SyntheticBucketS3Client bucket(SyntheticBucketS3Client.Layout layout, long delay, ObjectStoreS3Client index) {
        return new SyntheticBucketS3Client(layout, delay, index != null ? index : ObjectStoreS3Client.inMemory("emr-pipeline/manifests/"));
    }

    private static int runs;

    private static Measured measure(Case c, long delay, int concurrency, String label) {
        SyntheticBucketS3Client s3 = bucket(c.layout, delay, c.index);
        HeapWatch heap = new HeapWatch();
        long cpu0 = OS.getProcessCpuTime();
        long start = System.nanoTime();
        StorageSizingResult result = size(s3, "run-" + (++runs), concurrency);
        long wall = System.nanoTime() - start;
        long cpu = OS.getProcessCpuTime() - cpu0;
        try {
            heap.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (result.newObjectCount() != c.expectedNew) {
            throw new IllegalStateException(c.name + ": " + result.newObjectCount() + " new, expected " + c.expectedNew);
        }
        return new Measured(label, result, wall, s3.listCalls(), heap.peakUsedBytes(), heap.peakAfterGcBytes(), cpu);
    }

    /** One sizing through the handler; its log lines (the runtime logger prints to stdout outside Lambda) muted. */
    static StorageSizingResult size(SyntheticBucketS3Client s3, String runId, int concurrency) {
        StorageSizingRequest request = new StorageSizingRequest();
        request.setRunId(runId);
        request.setListConcurrency(Integer.toString(concurrency));
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return new StorageSizingHandler(s3, defaults(), Clock.systemUTC()).handleRequest(request, null);
        } finally {
            System.setOut(out);
        }
    }

    static SizingDefaults defaults() {
        return SizingDefaults.fromEnvironment(Map.of(
                "DATA_BUCKET", IndexBuilder.BUCKET, "RAW_PREFIX", SyntheticBucketS3Client.RAW_PREFIX,
                "PIPELINE_PREFIX", SyntheticBucketS3Client.PIPELINE_PREFIX, "CORE_NODE_COUNT", "10",
                "VOLUMES_PER_INSTANCE", "4", "EXPANSION_FACTOR", "3.0", "HEADROOM_GIB", "16", "MIN_GIB", "32",
                "MAX_GIB", "16384"));
    }

    /** Runs {@code benchmark} again in a child JVM with the given maximum heap; returns its exit code. */
    static int forkWithHeap(Class<?> benchmark, List<String> args, String heap) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms64m", "-cp",
                System.getProperty("java.class.path"), BenchmarkChild.class.getName(), benchmark.getName(), CHILD_FLAG));
        command.addAll(args);
        System.out.println("running in a child JVM: java -Xmx" + heap + " ... " + benchmark.getSimpleName() + " " + CHILD_FLAG
                + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
