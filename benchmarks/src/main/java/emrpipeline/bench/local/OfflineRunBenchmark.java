package emrpipeline.bench.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Wall time of the README's first command, a full happy-path offline run, JVM start included: {@code local/run run
 * --fresh} in a scratch data folder (so every run has the sample data to process, a cluster to start, the Spark job
 * to run and a manifest to commit), N times (default 5), interleaved with the same run with {@code --no-spark} (the
 * step simulated), after one untimed call that builds the runner and the job if needed. Prints each time, the
 * Spark job's own wall time (the step's RUNNING time) and the medians. Usage: {@code benchmarks/run offline-run [N]}.
 */
public final class OfflineRunBenchmark {
    private static final Pattern SPARK_STEP = Pattern.compile("Spark step \\S+: COMPLETED after ([0-9.]+)s of real time");

    private OfflineRunBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Path.of("").toAbsolutePath();
        Path script = root.resolve("local/run");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("run from the repository root: " + script + " not found");
        }
        Path data = Files.createTempDirectory("offline-run-bench");
        try {
            exec(List.of(script.toString(), "help"), root); // builds the runner and the job when needed; not timed
            List<Double> spark = new ArrayList<>();
            List<Double> job = new ArrayList<>();
            List<Double> simulated = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                long start = System.nanoTime();
                String out = exec(List.of(script.toString(), "run", "--fresh", "--data-dir", data.toString(), "--seed", String.valueOf(i)), root);
                double s = (System.nanoTime() - start) / 1e9;
                Matcher step = SPARK_STEP.matcher(out);
                if (!out.contains("Final status: SUCCEEDED (last state Succeeded)") || !out.contains("committed 3 objects")
                        || !out.contains("Parquet: 2 files, 12 rows") || !step.find()) {
                    throw new IllegalStateException("run " + i + " was not a full happy path with the Spark job:\n" + out);
                }
                spark.add(s);
                job.add(Double.parseDouble(step.group(1)));
                start = System.nanoTime();
                out = exec(List.of(script.toString(), "run", "--fresh", "--no-spark", "--data-dir", data.toString(), "--seed", String.valueOf(i)), root);
                double n = (System.nanoTime() - start) / 1e9;
                if (!out.contains("Final status: SUCCEEDED (last state Succeeded)") || !out.contains("committed 3 objects")) {
                    throw new IllegalStateException("run " + i + " (--no-spark) was not a full happy path:\n" + out);
                }
                simulated.add(n);
                System.out.printf("run %d: %.2f s with the Spark job (the job %.1f s), %.2f s with --no-spark%n", i, s, job.get(i - 1), n);
            }
            System.out.printf("local/run run --fresh (full happy path, JVM start included), %d runs each (%d cores):%n",
                    runs, Runtime.getRuntime().availableProcessors());
            System.out.printf("  with the Spark job: median %.2f s, min %.2f s, max %.2f s; the job alone: median %.1f s%n",
                    median(spark), min(spark), max(spark), median(job));
            System.out.printf("  --no-spark:         median %.2f s, min %.2f s, max %.2f s%n", median(simulated), min(simulated), max(simulated));
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String exec(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 300 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
