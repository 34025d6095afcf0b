package emrpipeline.bench.sizing;

import java.util.Arrays;

/** Entry point of the child JVM a sizing benchmark forks to run with a capped heap. */
public final class BenchmarkChild {
    private BenchmarkChild() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals(ListingBenchmark.class.getName())) {
            ListingBenchmark.run(rest);
        } else if (args[0].equals(IndexDiffBenchmark.class.getName())) {
            IndexDiffBenchmark.run(rest);
        } else if (args[0].equals(HistoryBenchmark.class.getName())) {
            HistoryBenchmark.run(rest);
        } else {
            throw new IllegalArgumentException(args[0]);
        }
        System.exit(0); // lister pools are daemon threads, but the SDK or logging may not be
    }
}
