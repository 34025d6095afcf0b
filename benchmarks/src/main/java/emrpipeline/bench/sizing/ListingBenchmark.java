package emrpipeline.bench.sizing;

import emrpipeline.sizing.SizingDefaults;
import emrpipeline.sizing.StorageSizingHandler;
import emrpipeline.sizing.StorageSizingRequest;
import emrpipeline.sizing.StorageSizingResult;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code benchmarks/run sizing-listing [partitions keysPerPartition delayMillis concurrency]}: sizes
 * partitions x keysPerPartition new objects (default 1,000 x 1,000) served from memory with a delay per
 * ListObjectsV2 call (default 50 ms), through the real handler, partitioned (LIST_CONCURRENCY 16) and sequential
 * (1) in the same JVM (the partitioned one three times, its median compared), and checks the targets: list calls <= ceil(N / 1000) + partitions, partitioned wall time
 * <= 1/8 of the sequential one, peak heap <= 512 MB. Runs itself in a child JVM with -Xmx512m, so finishing at
 * all proves the heap target; the peaks printed are measured inside it.
 */
public final class ListingBenchmark {
    static final String CHILD_FLAG = "--in-512m-heap";
    private static final long HEAP_TARGET = 512L << 20;

    private ListingBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        List<String> options = new ArrayList<>(List.of(args));
        if (!options.remove(CHILD_FLAG)) {
            System.exit(forkWithSmallHeap(ListingBenchmark.class, options));
        }
        int partitions = options.size() > 0 ? Integer.parseInt(options.get(0)) : 1000;
        int keysPerPartition = options.size() > 1 ? Integer.parseInt(options.get(1)) : 1000;
        long delay = options.size() > 2 ? Long.parseLong(options.get(2)) : 50;
        int concurrency = options.size() > 3 ? Integer.parseInt(options.get(3)) : 16;
        long n = (long) partitions * keysPerPartition;

        System.out.printf("sizing-listing: %,d objects (%,d partitions x %,d keys), %d ms per ListObjectsV2 call,"
                + " max heap %s, %d cores%n", n, partitions, keysPerPartition, delay,
                HeapWatch.mb(HeapWatch.maxHeapBytes()), Runtime.getRuntime().availableProcessors());

        // warm-up: JIT-compile the code paths on 200,000 objects, no delay
        size(new SyntheticBucketS3Client(200, 1000, 0, null), "warm-up-1", concurrency);
        size(new SyntheticBucketS3Client(200, 1000, 0, null), "warm-up-2", 1);

        // the partitioned sizing three times (the machine is shared: its median counts), the sequential once
        List<Measured> runs = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            runs.add(measure(partitions, keysPerPartition, delay, concurrency, "partitioned"));
        }
        Measured sequential = measure(partitions, keysPerPartition, delay, 1, "sequential");
        List<Measured> byWall = new ArrayList<>(runs);
        byWall.sort(java.util.Comparator.comparingLong(Measured::wallNanos));
        Measured partitioned = byWall.get(1);
        runs.add(sequential);

        System.out.printf("%-12s %12s %10s %12s %12s %16s %16s%n", "listing", "objects", "wall", "list calls",
                "partitions", "peak heap used", "peak after GC");
        for (Measured m : runs) {
            System.out.printf("%-12s %,12d %8.1f s %,12d %,12d %16s %16s%n", m.label, m.result.newObjectCount(),
                    m.wallNanos / 1e9, m.listCalls, m.result.partitions(), HeapWatch.mb(m.peakUsed),
                    HeapWatch.mb(m.peakAfterGc));
        }
        long callBound = (n + 999) / 1000 + partitions;
        double ratio = (double) partitioned.wallNanos / sequential.wallNanos;
        System.out.printf("manifest: %,d bytes written for %,d objects, ebsGib %d (%s)%n", partitioned.bytesPut,
                partitioned.result.newObjectCount(), partitioned.result.ebsGib(), partitioned.result.ebsGibFormula());
        boolean callsOk = partitioned.listCalls <= callBound;
        boolean wallOk = ratio <= 1.0 / 8;
        long peak = runs.stream().mapToLong(Measured::peakUsed).max().orElseThrow();
        boolean heapOk = peak <= HEAP_TARGET;
        System.out.printf("target list calls <= ceil(N/1000) + partitions = %,d: %,d (%s)%n", callBound,
                partitioned.listCalls, callsOk ? "met" : "MISSED");
        System.out.printf("target wall <= 1/8 of sequential: median partitioned %.1f s / %.1f s = 1/%.1f (%s)%n",
                partitioned.wallNanos / 1e9, sequential.wallNanos / 1e9, 1 / ratio, wallOk ? "met" : "MISSED");
        System.out.printf("target peak heap <= 512 MiB: largest peak %s, in a %s heap (%s)%n", HeapWatch.mb(peak),
                HeapWatch.mb(HeapWatch.maxHeapBytes()), heapOk ? "met" : "MISSED");
        System.out.printf("load average during the run: %.2f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (Measured m : runs) {
            if (m.result.newObjectCount() != n || !m.result.manifestSha256().equals(sequential.result.manifestSha256())) {
                throw new IllegalStateException("the listings disagree");
            }
        }
    }

    private record Measured(String label, StorageSizingResult result, long wallNanos, int listCalls, long peakUsed,
                            long peakAfterGc, long bytesPut) {
    }

    private static Measured measure(int partitions, int keysPerPartition, long delay, int concurrency, String label)
            throws Exception {
        SyntheticBucketS3Client s3 = new SyntheticBucketS3Client(partitions, keysPerPartition, delay, null);
        HeapWatch heap = new HeapWatch();
        long start = System.nanoTime();
        StorageSizingResult result = size(s3, label, concurrency);
        long wall = System.nanoTime() - start;
        heap.close();
        return new Measured(label, result, wall, s3.listCalls(), heap.peakUsedBytes(), heap.peakAfterGcBytes(),
                s3.bytesPut());
    }

    /** One sizing through the handler; its log lines (the runtime logger prints to stdout outside Lambda) muted. */
    static StorageSizingResult size(SyntheticBucketS3Client s3, String runId, int concurrency) {
        StorageSizingRequest request = new StorageSizingRequest();
        request.setRunId(runId);
        request.setListConcurrency(Integer.toString(concurrency));
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return new StorageSizingHandler(s3, defaults()).handleRequest(request, null);
        } finally {
            System.setOut(out);
        }
    }

    static SizingDefaults defaults() {
        return SizingDefaults.fromEnvironment(Map.of(
                "DATA_BUCKET", "benchmark-data", "RAW_PREFIX", SyntheticBucketS3Client.RAW_PREFIX,
                "PIPELINE_PREFIX", SyntheticBucketS3Client.PIPELINE_PREFIX, "CORE_NODE_COUNT", "10",
                "VOLUMES_PER_INSTANCE", "4", "EXPANSION_FACTOR", "3.0", "HEADROOM_GIB", "16", "MIN_GIB", "32",
                "MAX_GIB", "16384"));
    }

    /** Runs {@code main}'s benchmark again in a child JVM with a 512 MiB heap; returns its exit code. */
    static int forkWithSmallHeap(Class<?> benchmark, List<String> args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Xms64m", "-cp",
                System.getProperty("java.class.path"), BenchmarkChild.class.getName(), benchmark.getName(), CHILD_FLAG));
        command.addAll(args);
        System.out.println("running in a child JVM: java -Xmx512m ... " + benchmark.getSimpleName() + " " + CHILD_FLAG
                + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
