package emrpipeline.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Entry point of benchmarks/run: one named benchmark per run, its numbers printed for docs/performance.md and docs/scaling.md. */
public final class Benchmarks {

    /** A runnable benchmark; it prints its own results. */
    @FunctionalInterface
    interface Benchmark {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new TreeMap<>();

    static {
        BENCHMARKS.put("sizing-listing", emrpipeline.bench.sizing.ListingBenchmark::run);
        BENCHMARKS.put("sizing-index-diff", emrpipeline.bench.sizing.IndexDiffBenchmark::run);
        BENCHMARKS.put("sizing-history", emrpipeline.bench.sizing.HistoryBenchmark::run);
        BENCHMARKS.put("sizing-list-parse", emrpipeline.bench.sizing.ListParseBenchmark::run);
        BENCHMARKS.put("cold-start", emrpipeline.bench.coldstart.ColdStartBenchmark::run);
        BENCHMARKS.put("slack-notify", emrpipeline.bench.slack.NotifyBenchmark::run);
        BENCHMARKS.put("ledger-commit", emrpipeline.bench.ledger.LedgerCommitBenchmark::run);
        BENCHMARKS.put("offline-run", emrpipeline.bench.local.OfflineRunBenchmark::run);
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
            System.err.println("usage: benchmarks/run NAME [ARGS...]; names: " + String.join(", ", BENCHMARKS.keySet()));
            System.exit(args.length == 0 ? 0 : 2);
        }
        BENCHMARKS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
        System.exit(0); // the emulators and pools a benchmark started may leave threads behind
    }
}
