package emrpipeline.bench.coldstart;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of one function as Lambda's Java runtime starts it: a fresh JVM running the Lambda runtime
 * interface client (the same {@code AWSLambda} entry point and serializer as the managed runtime) on the
 * artifact {@code scripts/sam-build} assembled, against a loopback Runtime API, timed from process start to
 * the handler's first response. Next to it, python3 + boto3 making the same AWS calls, runs interleaved.
 */
final class ColdStart {

    /**
     * What is started: the function (artifact, handler, environment, the event of run {@code n}) and the same
     * AWS calls made by python3 + boto3 (a script that exits 0 when done, with the environment of run n).
     */
    interface Subject {
        String logicalId();

        String handler();

        String event(int run);

        Map<String, String> functionEnvironment();

        String pythonScript();

        Map<String, String> pythonEnvironment(int run);

        /** Restores the stand-ins before each side of a run, so that every run does the same work. */
        default void beforeEachInvocation() throws Exception {
        }
    }

    /**
     * Milliseconds of each run, in run order: the cold start (process start to the first response), python's, and
     * the two halves of the same start with SnapStart's runtime hooks: the init phase up to the snapshot point
     * (restore/next; it includes the beforeCheckpoint priming, and SnapStart runs it when a version is published) and
     * what follows a restore (afterRestore hooks and the first invocation). The restore of the snapshot itself cannot
     * be measured here: there is no snapshot.
     */
    record Measurements(List<Double> javaMillis, List<Double> pythonMillis, long zippedBytes, String sampleResponse,
                        List<Double> snapStartInitMillis, List<Double> afterRestoreMillis, List<Double> baselineMillis,
                        long baselineZippedBytes, List<Double> javaCpuMillis, List<Double> baselineCpuMillis) {
        double baselineMedian() {
            return median(baselineMillis);
        }

        double javaMedian() {
            return median(javaMillis);
        }

        double pythonMedian() {
            return median(pythonMillis);
        }

        double snapStartInitMedian() {
            return median(snapStartInitMillis);
        }

        double afterRestoreMedian() {
            return median(afterRestoreMillis);
        }
    }

    /**
     * JVM flags of Lambda's managed Java runtimes for a function without its own JAVA_TOOL_OPTIONS: tiered
     * compilation stopped at C1 and the serial collector.
     */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * What the managed runtime adds so that {@code org.crac} reaches the runtime interface client's own CRaC context
     * (com.amazonaws.services.lambda.crac), which runs the hooks around restore/next when
     * AWS_LAMBDA_INITIALIZATION_TYPE is snap-start. Seen on the managed Java runtime's command line; not documented.
     */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private ColdStart() {
    }

    static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
    }

    /**
     * @param baseline a build folder of other artifacts of the same functions (another checkout's .aws-sam/build), run
     *                 as a fourth side of every run, plain cold start; {@code null} for none
     */
    static Measurements measure(Subject function, int runs, Path baseline) throws Exception {
        Path root = projectRoot();
        Path artifact = root.resolve(".aws-sam/build").resolve(function.logicalId());
        Path zip = root.resolve(".aws-sam/build").resolve(function.logicalId() + ".zip");
        if (!Files.isDirectory(artifact) || !Files.exists(zip)) {
            throw new IllegalStateException("no artifact for " + function.logicalId() + ": run scripts/sam-build " + function.logicalId() + " first");
        }
        List<Double> javaMillis = new ArrayList<>();
        List<Double> pythonMillis = new ArrayList<>();
        List<Double> snapStartInitMillis = new ArrayList<>();
        List<Double> afterRestoreMillis = new ArrayList<>();
        List<Double> baselineMillis = new ArrayList<>();
        // CPU time of the function's process up to its first response: what a cold start costs, whatever else the
        // (shared) machine is doing at the time.
        List<Double> javaCpuMillis = new ArrayList<>();
        List<Double> baselineCpuMillis = new ArrayList<>();
        long[] cpu = new long[1];
        Path baselineArtifact = baseline == null ? null : baseline.resolve(function.logicalId());
        if (baselineArtifact != null && !Files.isDirectory(baselineArtifact)) {
            throw new IllegalStateException("no baseline artifact " + baselineArtifact);
        }
        String sample = null;
        for (int run = 0; run < runs; run++) {
            // Interleaved so that a noisy moment of the machine hits every side alike.
            function.beforeEachInvocation();
            long[] startedAt = new long[1];
            RuntimeApiServer.Answer answer = runJava(artifact, function, function.event(run), startedAt, false, null, cpu);
            javaMillis.add((answer.receivedAtNanos() - startedAt[0]) / 1e6);
            javaCpuMillis.add(cpu[0] / 1e6);
            sample = answer.body();
            function.beforeEachInvocation();
            long[] restoreAt = new long[1];
            RuntimeApiServer.Answer restored = runJava(artifact, function, function.event(run), startedAt, true, restoreAt, cpu);
            snapStartInitMillis.add((restoreAt[0] - startedAt[0]) / 1e6);
            afterRestoreMillis.add((restored.receivedAtNanos() - restoreAt[0]) / 1e6);
            if (baselineArtifact != null) {
                function.beforeEachInvocation();
                RuntimeApiServer.Answer other = runJava(baselineArtifact, function, function.event(run), startedAt, false, null, cpu);
                baselineMillis.add((other.receivedAtNanos() - startedAt[0]) / 1e6);
                baselineCpuMillis.add(cpu[0] / 1e6);
            }
            function.beforeEachInvocation();
            pythonMillis.add(runPython(function.pythonScript(), function.pythonEnvironment(run)));
        }
        long baselineZip = baselineArtifact == null ? 0 : Files.size(baseline.resolve(function.logicalId() + ".zip"));
        return new Measurements(javaMillis, pythonMillis, Files.size(zip), sample, snapStartInitMillis, afterRestoreMillis,
                baselineMillis, baselineZip, javaCpuMillis, baselineCpuMillis);
    }

    /**
     * Starts the runtime on the artifact; {@code startedAt[0]} receives the process start time. With {@code snapStart}
     * the runtime runs as a SnapStart version's init does (hooks and restore/next), and {@code restoreAt[0]} receives
     * the time it reached the snapshot point.
     */
    private static RuntimeApiServer.Answer runJava(Path artifact, Subject function, String event, long[] startedAt,
                                                   boolean snapStart, long[] restoreAt, long[] cpuNanos) throws Exception {
        try (RuntimeApiServer runtimeApi = new RuntimeApiServer(event)) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(LAMBDA_JVM_FLAGS);
            command.add(CRAC_COMPAT);
            command.add("-cp");
            command.add(String.join(File.pathSeparator, artifact.toString(), artifact.resolve("lib").resolve("*").toString(),
                    runtimeInterfaceClientClassPath()));
            command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
            command.add(function.handler());
            // The SnapStart side keeps the function's output: it must show that the priming hook ran.
            Path output = snapStart ? Files.createTempFile("cold-start-snapstart", ".log") : null;
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
            Map<String, String> environment = builder.environment();
            environment.putAll(lambdaEnvironment(function.logicalId()));
            environment.putAll(function.functionEnvironment());
            environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
            if (snapStart) {
                environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            }
            startedAt[0] = System.nanoTime();
            Process process = builder.start();
            try {
                RuntimeApiServer.Answer answer = runtimeApi.awaitAnswer(60);
                cpuNanos[0] = process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
                if (answer.error()) {
                    throw new IllegalStateException(function.logicalId() + " failed its cold-start invocation"
                            + (snapStart ? " (SnapStart)" : "") + ": " + answer.errorType() + " " + answer.body());
                }
                if (snapStart) {
                    if (runtimeApi.restoreNextAtNanos() == 0) {
                        throw new IllegalStateException(function.logicalId() + ": the runtime did not reach restore/next");
                    }
                    restoreAt[0] = runtimeApi.restoreNextAtNanos();
                }
                return answer;
            } finally {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                if (output != null) {
                    String log = Files.readString(output);
                    Files.delete(output);
                    if (!log.contains("SnapStart priming: sample event") || log.contains("priming skipped") || log.contains("not deserialized")) {
                        throw new IllegalStateException(function.logicalId() + ": the beforeCheckpoint priming did not run:\n" + log);
                    }
                }
            }
        }
    }

    private static double runPython(String script, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("the python3 + boto3 equivalent failed: " + output);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** The variables Lambda sets for every function (the runtime interface client reads some of them). */
    private static Map<String, String> lambdaEnvironment(String logicalId) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "cold-start");
        environment.put("AWS_SECRET_ACCESS_KEY", "cold-start");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", logicalId);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + logicalId);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "cold-start");
        environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        environment.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        environment.put("_HANDLER", "unused");
        return environment;
    }

    /** The runtime interface client and its own dependencies, from the benchmarks' class path. */
    private static String runtimeInterfaceClientClassPath() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-runtime-interface-client") || name.startsWith("aws-lambda-java-serialization")) {
                jars.add(entry);
            }
        }
        if (jars.size() < 2) {
            throw new IllegalStateException("the runtime interface client is not on the class path: " + jars);
        }
        return String.join(File.pathSeparator, jars);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
