package emrpipeline.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {
    static final String MANIFEST = "s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json";
    static final String OUTPUT = "s3://my-data/output/2026-11-21-daily/";

    @Test
    void takesExactlyWhatTheStateMachinePasses() {
        JobArguments a = JobArguments.parse("--manifest", MANIFEST, "--output", OUTPUT, "--run-id", "2026-11-21-daily",
                "--job-arguments", "{\"minQuantity\":2,\"mode\":\"full\"}");
        assertEquals(URI.create(MANIFEST), a.manifest());
        assertEquals(URI.create(OUTPUT), a.output());
        assertEquals("2026-11-21-daily", a.runId());
        assertEquals(2, a.jobArguments().path("minQuantity").asInt());
        assertEquals("{}", JobArguments.parse("--manifest", MANIFEST, "--output", OUTPUT, "--run-id", "2026-11-21-daily")
                .jobArguments().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no run id|--manifest " + MANIFEST + " --output " + OUTPUT + "|--run-id is required; usage: --manifest s3://BUCKET/KEY.json --output s3://BUCKET/PREFIX/RUN_ID/ --run-id RUN_ID [--job-arguments JSON_OBJECT]",
            "unknown option|--manifest " + MANIFEST + " --outptu " + OUTPUT + "|unknown argument '--outptu'; usage: --manifest s3://BUCKET/KEY.json --output s3://BUCKET/PREFIX/RUN_ID/ --run-id RUN_ID [--job-arguments JSON_OBJECT]",
            "given twice|--run-id a --run-id b|--run-id is given more than once",
            "value missing|--run-id|--run-id needs a value; usage: --manifest s3://BUCKET/KEY.json --output s3://BUCKET/PREFIX/RUN_ID/ --run-id RUN_ID [--job-arguments JSON_OBJECT]",
            "bad run id|--manifest " + MANIFEST + " --output s3://my-data/output/a/b/ --run-id a/b|--run-id 'a/b' is not a run id (1 to 80 letters, digits, '-' or '_')",
            "output of every run|--manifest " + MANIFEST + " --output s3://my-data/output/ --run-id 2026-11-21-daily|--output s3://my-data/output/ is not this run's own folder (it must end with /2026-11-21-daily/): the job replaces everything under it",
            "output of another run|--manifest " + MANIFEST + " --output s3://my-data/output/2026-11-20-daily/ --run-id 2026-11-21-daily|--output s3://my-data/output/2026-11-20-daily/ is not this run's own folder (it must end with /2026-11-21-daily/): the job replaces everything under it",
            "manifest without bucket|--manifest manifests/x.json --output " + OUTPUT + " --run-id 2026-11-21-daily|--manifest 'manifests/x.json' is not a URI like s3://bucket/key",
            "manifest folder|--manifest s3://my-data/emr-pipeline/manifests/ --output " + OUTPUT + " --run-id 2026-11-21-daily|--manifest s3://my-data/emr-pipeline/manifests/ names a folder, not the manifest object",
            "job arguments an array|--manifest " + MANIFEST + " --output " + OUTPUT + " --run-id 2026-11-21-daily --job-arguments [1]|--job-arguments must be a JSON object, got [1]",
    })
    void refusesWithOneLineNamingTheArgument(String name, String args, String message) {
        InvalidJobInputException e = assertThrows(InvalidJobInputException.class, () -> JobArguments.parse(args.split(" ")));
        assertEquals(message, e.getMessage());
        assertEquals(0, e.getStackTrace().length, "what spark-submit prints is the one line");
    }

    @Test
    void jobArgumentsThatAreNotJsonAreRefused() {
        InvalidJobInputException e = assertThrows(InvalidJobInputException.class, () -> JobArguments.parse("--manifest",
                MANIFEST, "--output", OUTPUT, "--run-id", "2026-11-21-daily", "--job-arguments", "{mode: full}"));
        assertEquals(true, e.getMessage().startsWith("--job-arguments is not JSON: "), e.getMessage());
    }

    @Test
    void mainRefusesBadArgumentsBeforeStartingSpark() {
        InvalidJobInputException e = assertThrows(InvalidJobInputException.class,
                () -> CsvToParquetJob.main(new String[] {"--manifest", MANIFEST}));
        assertEquals(true, e.getMessage().startsWith("--run-id is required"), e.getMessage());
    }
}
