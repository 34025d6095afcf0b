package emrpipeline.local.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.aws.StepRun;
import emrpipeline.local.aws.StepRunner;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a step's spark-submit arguments become the child JVM's command, and what EMR would say of a failure. */
class SparkSubmitStepTest {
    static final Path ROOT = Path.of(System.getProperty("emrpipeline.root", "..")).toAbsolutePath().normalize();
    static final List<String> DEFINITION_ARGS = List.of("--deploy-mode", "cluster", "--class", "emrpipeline.job.CsvToParquetJob",
            "s3://data/emr-pipeline/jobs/emr-pipeline-job.jar", "--manifest", "s3://data/emr-pipeline/manifests/r1.json",
            "--output", "s3://data/output/r1/", "--run-id", "r1", "--job-arguments", "{\"deploy-mode\":\"x\"}");

    @Test
    void theDefinitionsArgumentsRunUnchangedButForWhereTheDriverRuns() {
        SparkSubmitStep step = new SparkSubmitStep(SparkRuntime.of(ROOT), null, URI.create("http://127.0.0.1:4567"), "ak", "sk",
                "us-east-1");

        List<String> command = step.command(DEFINITION_ARGS, Path.of("/tmp/w"));

        int submit = command.indexOf("org.apache.spark.deploy.SparkSubmit");
        assertTrue(command.subList(0, submit).containsAll(List.of("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-Xmx1g")), command.toString());
        List<String> arguments = command.subList(submit + 1, command.size());
        assertEquals(List.of("--master", "local[2]", "--deploy-mode", "client"), arguments.subList(0, 4));
        assertEquals(DEFINITION_ARGS.subList(2, DEFINITION_ARGS.size()),
                arguments.subList(arguments.size() - (DEFINITION_ARGS.size() - 2), arguments.size()),
                "everything after --deploy-mode cluster is passed as the definition built it");
        assertTrue(arguments.contains("spark.hadoop.fs.s3.impl=org.apache.hadoop.fs.s3a.S3AFileSystem"));
        assertTrue(arguments.contains("spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:4567"));
        assertTrue(arguments.contains("spark.ui.enabled=false"));
        assertEquals(false, arguments.contains("cluster"));
    }

    @Test
    void theApplicationIsTheFirstArgumentThatIsNotAnOptionOrItsValue() {
        assertEquals(4, SparkSubmitStep.primaryResource(DEFINITION_ARGS));
        assertEquals(2, SparkSubmitStep.primaryResource(List.of("--verbose", "--conf=a=b", "s3://b/job.py", "--x", "y")));
        assertEquals(-1, SparkSubmitStep.primaryResource(List.of("--class", "X")));
    }

    @Test
    void aPySparkEntryPointOrAnotherKindOfStepIsSimulated() {
        SparkSubmitStep step = new SparkSubmitStep(SparkRuntime.of(ROOT), null, URI.create("http://127.0.0.1:1"), "a", "s", "us-east-1");
        JsonNode py = Json.parse("{\"HadoopJarStep\":{\"Jar\":\"command-runner.jar\",\"Args\":[\"spark-submit\",\"--deploy-mode\","
                + "\"cluster\",\"s3://b/jobs/job.py\",\"--run-id\",\"r1\"]}}");
        StepRun run = step.run(new StepRunner.Request("j-1", "s-1", py, "s3://logs/"));
        assertEquals(false, run.ran());
        assertEquals("simulated: s3://b/jobs/job.py is not a JAR (PySpark does not run offline)", run.note());
        JsonNode other = Json.parse("{\"HadoopJarStep\":{\"Jar\":\"s3://b/my.jar\",\"Args\":[\"x\"]}}");
        assertEquals(false, step.run(new StepRunner.Request("j-1", "s-2", other, null)).ran());
    }

    @Test
    void aFailuresMessageIsTheLineTheApplicationFailedWith() {
        String stderr = """
                26/12/04 21:26:52 INFO SparkContext: Running Spark version 3.5.6
                Exception in thread "main" emrpipeline.job.InvalidJobInputException: manifest s3://b/m.json does not exist
                26/12/04 21:26:53 INFO ShutdownHookManager: Shutdown hook called
                """;
        assertEquals("Exception in thread \"main\" emrpipeline.job.InvalidJobInputException: manifest s3://b/m.json does not exist",
                SparkSubmitStep.failureMessage(stderr, 1));
        assertEquals("Step failed with exitCode 137", SparkSubmitStep.failureMessage("killed\n", 137));
    }
}
