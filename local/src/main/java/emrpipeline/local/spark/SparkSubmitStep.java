package emrpipeline.local.spark;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.aws.LocalEmr;
import emrpipeline.local.aws.StepRun;
import emrpipeline.local.aws.StepRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs a {@code command-runner.jar spark-submit ...} step for real: Spark in local mode in a child JVM, the way
 * spark-submit starts a driver ({@code org.apache.spark.deploy.SparkSubmit} on Spark's class path, with the Java
 * options Spark's launcher adds), so the runner's own JVM flags and heap do not constrain Spark and a crash stays in
 * the child. The step's arguments are the definition's, unchanged but for where the driver runs: {@code --deploy-mode
 * cluster} (YARN) becomes {@code --master local[N] --deploy-mode client}. The application jar is fetched from the
 * entry point's s3:// URI, as on EMR.
 *
 * <p>The one binding that differs from EMR: {@code s3://} is Hadoop's S3A over the runner's local S3 (S3Proxy)
 * instead of EMRFS, so the job reads the manifest and raw objects and writes its output through the S3 API,
 * with real ETags. A PySpark entry point is simulated (there is no PySpark here).
 *
 * <p>As EMR does, the step's stdout and stderr go to {@code <LogUri><cluster id>/steps/<step id>/stdout.gz} and
 * {@code stderr.gz}; a failed step's FailureDetails name stderr.gz, with the line the job failed with as the message
 * (the reason is "Unknown Error.", what EMR answers when it does not recognise the cause).
 */
public final class SparkSubmitStep implements StepRunner {
    /** spark-submit options that take no value; every other {@code --option} takes one. */
    private static final Set<String> FLAGS = Set.of("--verbose", "-v", "--supervise", "--version", "--help", "-h");
    private static final String UNKNOWN_ERROR = "Unknown Error.";

    private final SparkRuntime runtime;
    private final S3Client s3;
    private final URI s3Endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;

    public SparkSubmitStep(SparkRuntime runtime, S3Client s3, URI s3Endpoint, String accessKey, String secretKey, String region) {
        this.runtime = runtime;
        this.s3 = s3;
        this.s3Endpoint = s3Endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    @Override
    public StepRun run(Request request) {
        JsonNode jarStep = request.stepConfig().path("HadoopJarStep");
        List<String> args = new ArrayList<>();
        jarStep.path("Args").forEach(a -> args.add(a.asText()));
        if (!"command-runner.jar".equals(jarStep.path("Jar").asText()) || args.isEmpty() || !args.get(0).equals("spark-submit")) {
            return StepRun.simulated("simulated: not a command-runner.jar spark-submit step");
        }
        List<String> submit = args.subList(1, args.size());
        int primary = primaryResource(submit);
        if (primary < 0) {
            return StepRun.simulated("simulated: spark-submit names no application");
        }
        if (!submit.get(primary).endsWith(".jar")) {
            return StepRun.simulated("simulated: " + submit.get(primary) + " is not a JAR (PySpark does not run offline)");
        }
        Path work;
        try {
            work = Files.createTempDirectory("emr-pipeline-step-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return runChild(request, submit, primary, work);
        } finally {
            deleteQuietly(work);
        }
    }

    private StepRun runChild(Request request, List<String> submit, int primary, Path work) {
        List<String> command = command(submit, work);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve("stdout").toFile())
                .redirectError(work.resolve("stderr").toFile())
                .directory(work.toFile());
        Map<String, String> env = builder.environment();
        // The child's Spark is configured by its arguments alone, not by a Spark or Hadoop installed on this machine.
        for (String variable : List.of("SPARK_HOME", "SPARK_CONF_DIR", "HADOOP_CONF_DIR", "YARN_CONF_DIR", "SPARK_SUBMIT_OPTS")) {
            env.remove(variable);
        }
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Spark step's JVM: " + e.getMessage(), e);
        }
        Thread killer = new Thread(() -> destroy(process));
        Runtime.getRuntime().addShutdownHook(killer);
        boolean finished;
        try {
            finished = process.waitFor(runtime.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        } finally {
            if (process.isAlive()) {
                destroy(process);
            }
            Runtime.getRuntime().removeShutdownHook(killer);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String stdout = read(work.resolve("stdout"));
        String stderr = read(work.resolve("stderr"));
        String logFolder = request.logUri() == null ? null
                : request.logUri() + (request.logUri().endsWith("/") ? "" : "/") + request.clusterId() + "/steps/" + request.stepId() + "/";
        if (logFolder != null) {
            putGzipped(logFolder + "stdout.gz", stdout);
            putGzipped(logFolder + "stderr.gz", stderr);
        }
        String stderrLog = logFolder == null ? null : logFolder + "stderr.gz";
        String how = "Spark local[" + runtime.cores() + "] in a child JVM" + (stderrLog == null ? "" : "; log " + stderrLog);
        if (!finished) {
            return new StepRun(took, new LocalEmr.StepFailure(UNKNOWN_ERROR, "The step ran longer than the offline runner's"
                    + " limit of " + runtime.timeLimit().toMinutes() + " min and was killed"), stderrLog, null, how);
        }
        if (process.exitValue() != 0) {
            return new StepRun(took, new LocalEmr.StepFailure(UNKNOWN_ERROR, failureMessage(stderr, process.exitValue())),
                    stderrLog, null, how);
        }
        return new StepRun(took, null, null, output(submit, primary), how);
    }

    /** The child JVM's command line for spark-submit's arguments {@code submit} (without "spark-submit"). */
    List<String> command(List<String> submit, Path work) {
        int primary = primaryResource(submit);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + runtime.driverMemory());
        command.addAll(runtime.javaOptions().stream().filter(o -> !o.isEmpty()).toList());
        command.add("-Djava.io.tmpdir=" + work);
        command.addAll(runtime.javaModuleOptions());
        command.add("-cp");
        command.add(runtime.classPath());
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.addAll(List.of("--master", "local[" + runtime.cores() + "]", "--deploy-mode", "client"));
        for (String conf : List.of(
                "spark.ui.enabled=false",
                "spark.driver.host=127.0.0.1",
                "spark.driver.bindAddress=127.0.0.1",
                "spark.sql.shuffle.partitions=" + (2 * runtime.cores()),
                "spark.local.dir=" + work,
                // s3:// is S3A over the local S3 stand-in (EMRFS on EMR).
                "spark.hadoop.fs.s3.impl=org.apache.hadoop.fs.s3a.S3AFileSystem",
                "spark.hadoop.fs.s3a.endpoint=" + s3Endpoint,
                "spark.hadoop.fs.s3a.endpoint.region=" + region,
                "spark.hadoop.fs.s3a.path.style.access=true",
                "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
                "spark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "spark.hadoop.fs.s3a.access.key=" + accessKey,
                "spark.hadoop.fs.s3a.secret.key=" + secretKey,
                "spark.hadoop.fs.s3a.buffer.dir=" + work)) {
            command.add("--conf");
            command.add(conf);
        }
        for (int i = 0; i < submit.size(); i++) {
            String arg = submit.get(i);
            if (i < primary && (arg.equals("--deploy-mode") || arg.equals("--master"))) {
                i++; // where the driver runs: replaced above
                continue;
            }
            command.add(arg);
        }
        return command;
    }

    /** The index of the application (JAR or script) among spark-submit's arguments, or -1. */
    static int primaryResource(List<String> submit) {
        for (int i = 0; i < submit.size(); i++) {
            String arg = submit.get(i);
            if (!arg.startsWith("-")) {
                return i;
            }
            if (!FLAGS.contains(arg) && !arg.contains("=")) {
                i++;
            }
        }
        return -1;
    }

    /** What EMR would show as the message: the line the application failed with, else the exit code. */
    static String failureMessage(String stderr, int exitCode) {
        String[] lines = stderr.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("Exception in thread \"main\" ")) {
                return lines[i];
            }
        }
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].contains(" ERROR ")) {
                return lines[i];
            }
        }
        return "Step failed with exitCode " + exitCode;
    }

    /** The job's output folder ({@code --output}): {@code _run.json} and the Parquet files with their row counts. */
    private StepRun.JobOutput output(List<String> submit, int primary) {
        String folder = null;
        for (int i = primary + 1; i + 1 < submit.size(); i++) {
            if (submit.get(i).equals("--output")) {
                folder = submit.get(i + 1);
            }
        }
        if (folder == null || !folder.startsWith("s3://")) {
            return null;
        }
        URI uri = URI.create(folder);
        String bucket = uri.getAuthority();
        String prefix = uri.getPath().substring(1);
        String runJson = null;
        try {
            runJson = s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + "_run.json")).asUtf8String();
        } catch (NoSuchKeyException e) {
            // a job other than the pipeline's own may write none
        }
        List<StepRun.ParquetFile> files = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            String relative = object.key().substring(prefix.length());
            if (object.key().endsWith(".parquet") && !relative.startsWith("_") && !relative.contains("/_")) {
                try {
                    files.add(new StepRun.ParquetFile(object.key(), object.size(),
                            ParquetFooters.rows(s3, bucket, object.key(), object.size())));
                } catch (IOException e) {
                    files.add(new StepRun.ParquetFile(object.key(), object.size(), -1));
                }
            }
        }
        return new StepRun.JobOutput(folder, runJson, files);
    }

    private void putGzipped(String uri, String text) {
        URI target = URI.create(uri);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.putObject(b -> b.bucket(target.getAuthority()).key(target.getPath().substring(1)),
                RequestBody.fromBytes(bytes.toByteArray()));
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
