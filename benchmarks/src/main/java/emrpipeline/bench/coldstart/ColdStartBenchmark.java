package emrpipeline.bench.coldstart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code benchmarks/run cold-start [LogicalId ...] [--runs N] [--baseline BUILD_DIR]}: the cold start of each function next to python3 +
 * boto3 making the same calls, medians of N interleaved runs (default 11), and the zipped artifact size; and the
 * same start split as SnapStart splits it: "snap init" (the init phase with the beforeCheckpoint priming, which
 * SnapStart runs when a version is published) and "after restore" (afterRestore hooks and the first invocation,
 * what a restored environment still spends; the snapshot restore itself is not measurable here).
 * With {@code --baseline} (another checkout's {@code .aws-sam/build}) the artifacts there run as one more side of every
 * run, for a before/after comparison within one run. Needs the artifacts of {@code scripts/sam-build}.
 */
public final class ColdStartBenchmark {
    private static final Map<String, Callable<? extends ColdStart.Subject>> SUBJECTS = new LinkedHashMap<>();

    static {
        SUBJECTS.put("StorageSizingFunction", StorageSizingColdStart::new);
        SUBJECTS.put("RunLedgerFunction", RunLedgerColdStart::new);
        SUBJECTS.put("AlarmLifecycleFunction", AlarmLifecycleColdStart::new);
        SUBJECTS.put("SlackNotifierFunction", SlackNotifierColdStart::new);
    }

    private ColdStartBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        int runs = 11;
        java.nio.file.Path baseline = null;
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--baseline")) {
                baseline = java.nio.file.Path.of(args[++i]).toAbsolutePath();
            } else if (SUBJECTS.containsKey(args[i])) {
                names.add(args[i]);
            } else {
                throw new IllegalArgumentException("unknown function " + args[i] + "; known: " + SUBJECTS.keySet());
            }
        }
        if (names.isEmpty()) {
            names.addAll(SUBJECTS.keySet());
        }
        System.out.printf("%-26s %10s %12s %8s %10s %15s %17s%n", "function", "java ms", "python ms", "ratio", "zipped",
                "snap init ms", "after restore ms");
        for (String name : names) {
            ColdStart.Subject subject = SUBJECTS.get(name).call();
            try {
                ColdStart.Measurements m = ColdStart.measure(subject, runs, baseline);
                System.out.printf("%-26s %10.0f %12.0f %8.2f %7.2f MB %15.0f %17.0f%n", name, m.javaMedian(), m.pythonMedian(),
                        m.javaMedian() / m.pythonMedian(), m.zippedBytes() / 1e6, m.snapStartInitMedian(), m.afterRestoreMedian());
                System.out.println("  java runs ms:          " + rounded(m.javaMillis()));
                System.out.println("  python runs ms:        " + rounded(m.pythonMillis()));
                System.out.println("  snap init runs ms:     " + rounded(m.snapStartInitMillis()));
                System.out.println("  after restore runs ms: " + rounded(m.afterRestoreMillis()));
                if (baseline != null) {
                    System.out.printf("  baseline (%s): median %.0f ms, ratio to python %.2f, this artifact / baseline %.2f, zipped %.2f MB%n",
                            baseline, m.baselineMedian(), m.baselineMedian() / m.pythonMedian(), m.javaMedian() / m.baselineMedian(),
                            m.baselineZippedBytes() / 1e6);
                    System.out.println("  baseline runs ms:      " + rounded(m.baselineMillis()));
                    System.out.printf("  CPU time to the first response, medians: this artifact %.0f ms, baseline %.0f ms%n",
                            ColdStart.median(m.javaCpuMillis()), ColdStart.median(m.baselineCpuMillis()));
                }
                System.out.println("  a response:     " + abbreviate(m.sampleResponse()));
            } finally {
                if (subject instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 240 ? text : text.substring(0, 240) + "...";
    }
}
