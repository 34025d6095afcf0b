package emrpipeline.local;

import static emrpipeline.local.Scenarios.DAY_1;
import static emrpipeline.local.Scenarios.assertNothingLeftRunning;
import static emrpipeline.local.Scenarios.assertRecorded;
import static emrpipeline.local.Scenarios.indexedKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskOutcome;
import emrpipeline.local.aws.LocalEmr;
import emrpipeline.local.aws.StepRun;
import emrpipeline.local.spark.SparkRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The pipeline offline with the Spark step run for real: the job jar that jobs/ built, deployed to the local bucket,
 * run by spark-submit in Spark local mode in a child JVM, reading through S3A what the real sizing function put in
 * the manifest, and writing Parquet that parquet-java reads back. Needs jobs/target (mvn verify builds it first).
 */
class SparkStepTest extends PipelineScenarioTest {
    /** Hides the common fixture's start: this class's pipeline runs the Spark step for real. */
    @BeforeAll
    static void start() {
        pipeline = LocalPipeline.start(LocalPipeline.Settings.inMemory(Project.ROOT).withSpark(SparkRuntime.of(Project.ROOT)));
    }

    @Test
    void theStepRunsTheJobForRealAndItsParquetHoldsTheSampleOrders() throws Exception {
        RunResult r = pipeline.run(day1());

        assertTrue(r.succeeded(), () -> r.execution().error() + " " + r.execution().cause());
        assertRecorded(r, "SUCCEEDED");
        assertNothingLeftRunning(r);
        LocalEmr.Step step = r.clusters().get(0).steps().get(0);
        StepRun ran = step.run();
        assertTrue(ran.ran(), ran.note());
        assertEquals(ran.took(), Duration.between(step.startedAt(), step.endedAt()),
                "the step's RUNNING time in virtual time is the job's real wall time");
        assertArrayEquals(Files.readAllBytes(Project.ROOT.resolve(SparkRuntime.JAR)),
                bytes("emr-pipeline-local-data", "emr-pipeline/jobs/emr-pipeline-job.jar"), "the built jar was deployed and run");

        StepRun.JobOutput output = ran.output();
        assertEquals("s3://emr-pipeline-local-data/output/day-1/", output.folder());
        JsonNode summary = Json.parse(output.runJson());
        assertEquals(3, summary.path("inputObjects").asInt());
        assertEquals(12, summary.path("rowsRead").asInt());
        assertEquals(12, summary.path("rowsWritten").asInt());
        assertEquals(0, summary.path("rowsRejected").asInt());
        assertEquals("s3://emr-pipeline-local-data/emr-pipeline/manifests/day-1.json", summary.path("manifest").asText());
        assertEquals(List.of("output/day-1/order_date=2026-11-20/", "output/day-1/order_date=2026-11-21/"),
                output.parquetFiles().stream().map(f -> f.key().substring(0, f.key().lastIndexOf('/') + 1)).toList());

        Set<Long> orderIds = new TreeSet<>();
        long rows = 0;
        for (StepRun.ParquetFile file : output.parquetFiles()) {
            List<Group> groups = ParquetRows.read(bytes("emr-pipeline-local-data", file.key()));
            assertEquals(file.rows(), groups.size(), "the footer's count is the file's rows");
            rows += groups.size();
            for (Group g : groups) {
                orderIds.add(g.getLong("order_id", 0));
                assertEquals("day-1", g.getString("run_id", 0));
                assertTrue(g.getString("source_file", 0).startsWith("s3://emr-pipeline-local-data/raw/day=2026-11-2"));
            }
        }
        assertEquals(12, rows);
        assertEquals(sampleOrderIds(), orderIds, "exactly the sample files' orders, each once");
    }

    @Test
    void aFailingJobFailsTheStepWithItsErrorAsEmrReportsItAndCommitsNothing() throws Exception {
        pipeline.addRawObject("day=2026-11-22/orders-0001.csv",
                "order_id,customer_id,ordered_at,sku,quantity,unit_price_eur\n1,C-1,2026-11-22T08:00:00Z,SKU-1,1,1.00\n"
                        .getBytes(StandardCharsets.UTF_8));

        RunResult r = pipeline.run(new RunRequest().executionName("day-3").startTime(DAY_1));

        assertEquals("FAILED", r.execution().status().toString());
        assertRecorded(r, "FAILED");
        assertNothingLeftRunning(r);
        assertEquals(List.of(), indexedKeys(pipeline), "the manifest is not committed: its objects stay new");
        LocalEmr.Step step = r.clusters().get(0).steps().get(0);
        assertEquals(StepState.FAILED, step.last().state());
        TaskOutcome.Failure failure = (TaskOutcome.Failure) r.attemptsOf("RunJob").get(0).outcome();
        assertEquals("States.TaskFailed", failure.error());
        JsonNode details = Json.parse(failure.cause()).path("Step").path("Status").path("FailureDetails");
        assertEquals("Unknown Error.", details.path("Reason").asText());
        assertTrue(details.path("Message").asText().startsWith("Exception in thread \"main\" "), details.toString());
        assertTrue(details.path("Message").asText().contains("CSV header does not conform to the schema"), details.toString());
        String logFile = "emr-logs/" + r.clusters().get(0).id() + "/steps/" + step.id() + "/stderr.gz";
        assertEquals("s3://emr-pipeline-local-logs/" + logFile, details.path("LogFile").asText());
        String stderr = gunzip(bytes("emr-pipeline-local-logs", logFile));
        assertTrue(stderr.contains("CSV header does not conform to the schema"), "the log EMR points at holds the error");
        assertTrue(Stream.of("_run.json").noneMatch(k -> exists("emr-pipeline-local-data", "output/day-3/" + k)),
                "a failed run writes no _run.json");
    }

    private static Set<Long> sampleOrderIds() throws IOException {
        Set<Long> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Project.ROOT.resolve("local/sample-data"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank())
                        .forEach(l -> ids.add(Long.parseLong(l.substring(0, l.indexOf(',')))));
            }
        }
        return ids;
    }

    private static byte[] bytes(String bucket, String key) {
        return pipeline.s3().client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private static boolean exists(String bucket, String key) {
        try {
            pipeline.s3().client().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static String gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
