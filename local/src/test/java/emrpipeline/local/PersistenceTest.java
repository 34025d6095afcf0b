package emrpipeline.local;

import static emrpipeline.local.Scenarios.DAY_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder keeps the bucket (S3Proxy over files) and the ledger (DynamoDB Local in a file, the command line's
 * default: FirstUseTest) between runs; {@code ledgerOnDisk = false} keeps the ledger in memory.
 */
class PersistenceTest {

    @Test
    void theBucketAndTheLedgerSurviveARestart(@TempDir Path data) {
        LocalPipeline.Settings settings = new LocalPipeline.Settings(Project.ROOT, data, true, Map.of(), Map.of(), 4L);
        try (LocalPipeline first = LocalPipeline.start(settings)) {
            assertTrue(first.seededSampleData());
            assertTrue(first.run(new RunRequest().executionName("day-1").startTime(DAY_1)).succeeded());
        }
        assertTrue(Files.isRegularFile(data.resolve("dynamodb/ledger.db")));
        assertTrue(Files.isDirectory(data.resolve("s3/emr-pipeline-local-data/emr-pipeline/manifests")));

        try (LocalPipeline second = LocalPipeline.start(settings)) {
            assertFalse(second.seededSampleData(), "the bucket was kept: no new sample upload");
            assertEquals(1, second.ledgerItems().size(), "day-1's record survived");
            RunResult r = second.run(new RunRequest().executionName("day-2").startTime(DAY_1.plus(Duration.ofDays(1))));
            assertTrue(r.succeeded());
            assertEquals("NothingNew", DataScenariosTest.lastState(r));
            assertEquals(2, second.ledgerItems().size());
            assertEquals(Scenarios.SAMPLE_KEYS, Scenarios.indexedKeys(second));
        }
    }

    @Test
    void withoutTheFlagTheLedgerStartsEmptyButTheDataStays(@TempDir Path data) {
        LocalPipeline.Settings settings = new LocalPipeline.Settings(Project.ROOT, data, false, Map.of(), Map.of(), 5L);
        try (LocalPipeline first = LocalPipeline.start(settings)) {
            assertTrue(first.run(new RunRequest().executionName("day-1").startTime(DAY_1)).succeeded());
        }
        try (LocalPipeline second = LocalPipeline.start(settings)) {
            assertEquals(0, second.ledgerItems().size());
            assertEquals(Scenarios.SAMPLE_KEYS, Scenarios.indexedKeys(second), "the processed index is in S3");
        }
    }
}
