package emrpipeline.bench.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Wall time of the README's first command, a full happy-path offline run, JVM start included: {@code local/run run
 * --fresh} in a scratch data folder (so every run has the sample data to process, a cluster to start and a manifest
 * to commit), N times (default 5), after one untimed call that builds the runner if needed. Prints each time and
 * the median. Usage: {@code benchmarks/run offline-run [N]}.
 */
public final class OfflineRunBenchmark {
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
            exec(List.of(script.toString(), "help"), root); // builds the runner when needed; not timed
            List<Double> seconds = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                long start = System.nanoTime();
                String out = exec(List.of(script.toString(), "run", "--fresh", "--data-dir", data.toString(), "--seed", String.valueOf(i)), root);
                double s = (System.nanoTime() - start) / 1e9;
                if (!out.contains("Final status: SUCCEEDED (last state Succeeded)") || !out.contains("committed 3 objects")) {
                    throw new IllegalStateException("run " + i + " was not a full happy path:\n" + out);
                }
                seconds.add(s);
                System.out.printf("run %d: %.2f s%n", i, s);
            }
            List<Double> sorted = seconds.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            System.out.printf("local/run run --fresh (full happy path, JVM start included), %d runs: median %.2f s, min %.2f s, max %.2f s (%d cores)%n",
                    runs, median, sorted.get(0), sorted.get(sorted.size() - 1), Runtime.getRuntime().availableProcessors());
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
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
