package emrpipeline.local.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spark on this machine, as the job module built it: {@code jobs/target/emr-pipeline-job.jar} (the jar to deploy) and
 * {@code jobs/target/spark-classpath.txt} (Spark 3.5.6 for Scala 2.12, the Hadoop client and the S3A binding, from
 * the local Maven repository), and how a child JVM runs it.
 *
 * @param jar          the job's jar
 * @param classPath    Spark's class path (the jar is not on it: spark-submit loads it, as on EMR)
 * @param cores        local mode's threads ({@code --master local[N]})
 * @param driverMemory the child JVM's heap (spark.driver.memory), e.g. {@code 1g}
 * @param timeLimit    a job still running after this is killed and the step fails
 * @param javaOptions  JVM options of the child, before Spark's own (from {@code EMR_PIPELINE_SPARK_JAVA_OPTIONS}
 *                     when set, else {@link #DEFAULT_JAVA_OPTIONS})
 */
public record SparkRuntime(Path jar, String classPath, int cores, String driverMemory, Duration timeLimit,
                           List<String> javaOptions) {
    public static final String JAR = "jobs/target/emr-pipeline-job.jar";
    public static final String CLASS_PATH = "jobs/target/spark-classpath.txt";
    /**
     * The client compiler only and the serial collector: a short local job spends much of its time compiling and
     * collecting on threads that compete for this machine's cores; these cut the sample run's job time by about 40%
     * (docs/spark-job.md, "Performance"). For a long local job, set EMR_PIPELINE_SPARK_JAVA_OPTIONS=" " to get the
     * JVM's defaults back.
     */
    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The runtime the job module built under {@code projectRoot}; a clear error when it has not been built. */
    public static SparkRuntime of(Path projectRoot) {
        Path jar = projectRoot.resolve(JAR);
        Path classPathFile = projectRoot.resolve(CLASS_PATH);
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(classPathFile)) {
            throw new IllegalArgumentException("the Spark job is not built (" + JAR + " and " + CLASS_PATH
                    + " missing): local/run builds it, or mvn -B -pl jobs -am package; --no-spark simulates the step");
        }
        try {
            String classPath = Files.readString(classPathFile).trim();
            String options = System.getenv("EMR_PIPELINE_SPARK_JAVA_OPTIONS");
            return new SparkRuntime(jar, classPath, 2, "1g", Duration.ofHours(1), options == null
                    ? DEFAULT_JAVA_OPTIONS : List.of(options.trim().split("\\s+")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM options Spark's launcher adds on Java 17 ({@code org.apache.spark.launcher.JavaModuleOptions}), read
     * from the spark-launcher jar of the class path so they are always that Spark's own.
     */
    public List<String> javaModuleOptions() {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("spark-launcher_")) {
                try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(entry).toUri().toURL()}, null)) {
                    Method options = loader.loadClass("org.apache.spark.launcher.JavaModuleOptions")
                            .getMethod("defaultModuleOptions");
                    return new ArrayList<>(Arrays.asList(((String) options.invoke(null)).split(" ")));
                } catch (ReflectiveOperationException | IOException e) {
                    throw new IllegalStateException("cannot read Spark's Java options from " + entry + ": " + e, e);
                }
            }
        }
        throw new IllegalStateException("no spark-launcher jar in " + CLASS_PATH);
    }
}
