package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample events of events/run-ledger/ (for {@code sam local invoke -e}), deserialized by the Lambda runtime's own
 * serializer and run through the handler, with the JSON the state machine sees asserted. They live outside the
 * function's folder, so this class runs only inside the repository (scripts/sam-build's scratch copy skips it).
 */
class RunLedgerEventsTest extends LocalAwsTest {
    static Path events() {
        return RepositoryFiles.require("events/run-ledger");
    }

    static final String BUCKET = "my-data";
    static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:emr-pipeline-StateMachine:2026-11-21-daily";
    static final Set<String> USED = new TreeSet<>();

    @BeforeAll
    static void createBucket() {
        aws.s3.createBucket(b -> b.bucket(BUCKET));
    }

    /** The environment template.yaml gives the function (with this machine's table name). */
    static LedgerSettings settings(String table) {
        Map<String, String> env = new HashMap<>();
        env.put("LEDGER_TABLE", table);
        env.put("DATA_BUCKET", BUCKET);
        env.put("PIPELINE_PREFIX", "emr-pipeline/");
        env.put("MAX_RUN_MINUTES", "360");
        env.put("LEASE_MARGIN_MINUTES", "30");
        env.put("PRICE_TABLE_JSON", "{\"m5.xlarge\":{\"ec2\":0.192,\"emr\":0.048},\"r5.2xlarge\":{\"ec2\":0.504,\"emr\":0.126}}");
        env.put("SPOT_PRICE_FACTOR", "0.4");
        env.put("EBS_GP3_USD_PER_GIB_MONTH", "0.08");
        return LedgerSettings.fromEnvironment(env);
    }

    final class Ledger {
        final TestData.MutableClock clock = new TestData.MutableClock(Instant.parse("2026-11-21T06:00:05Z"));
        final RunLedgerHandler handler = new RunLedgerHandler(aws.dynamo, aws.s3, settings(aws.createLedgerTable()), clock, d -> { });

        String invoke(String event) {
            return json(handler.handleRequest(load(event), null));
        }
    }

    static LedgerRequest load(String event) {
        USED.add(event);
        return EventLoader.loadEvent(events().resolve(event).toString(), LedgerRequest.class);
    }

    static String json(LedgerResult result) {
        PojoSerializer<LedgerResult> serializer = JacksonFactory.getInstance().getSerializer(LedgerResult.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSuccessfulRun() {
        Ledger ledger = new Ledger();
        TestData.putManifest(aws.s3, BUCKET, "2026-11-21-daily", TestData.objects("day=2026-11-20", 3));
        assertEquals("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN + "\",\"status\":\"STARTED\",\"leaseOwner\":\""
                + ARN + "\",\"leaseExpiresAt\":\"2026-11-21T12:30:05.000Z\"}", ledger.invoke("begin.json"));
        String skipped = ledger.invoke("begin-while-running.json");
        assertTrue(skipped.contains("\"status\":\"SKIPPED\"") && skipped.contains("\"leaseOwner\":\"" + ARN + "\"")
                && skipped.contains("\"reason\":\"previous run still active"), skipped);

        ledger.clock.set(Instant.parse("2026-11-21T06:10:30Z"));
        assertEquals("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN
                + "\",\"status\":\"CLUSTER_RUNNING\",\"clusterId\":\"j-2AXXXXXXGAPLF\"}", ledger.invoke("record-cluster.json"));

        ledger.clock.set(Instant.parse("2026-11-21T08:00:30Z")); // 2 h after the cluster was requested
        String finished = ledger.invoke("finish-succeeded.json");
        double cost = CostEstimator.round4(2 * (0.24 + 2 * (0.504 * 0.4 + 0.126) + 2 * 64 * 0.08 / 730));
        assertEquals("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN + "\",\"status\":\"SUCCEEDED\","
                + "\"durationSeconds\":7230,\"clusterHours\":2.0,\"estimatedCostUsd\":" + cost + ",\"committedObjects\":3,"
                + "\"leaseReleased\":true,\"manifestUri\":\"s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json\","
                + "\"manifestSha256\":\"" + TestData.sha256(TestData.objects("day=2026-11-20", 3)) + "\"}", finished);
        ledger.clock.advance(Duration.ofMinutes(1));
        assertEquals(finished, ledger.invoke("finish-succeeded.json"), "a retried finish answers the same");

        assertEquals("{\"runId\":\"2026-11-21-daily\",\"committedObjects\":3,"
                + "\"manifestUri\":\"s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json\",\"manifestSha256\":\""
                + TestData.sha256(TestData.objects("day=2026-11-20", 3)) + "\"}", ledger.invoke("commit.json"));
        assertEquals("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN + "\",\"leaseReleased\":true}",
                ledger.invoke("release.json"));
    }

    @Test
    void theFailedRun() {
        Ledger ledger = new Ledger();
        ledger.invoke("begin.json");
        ledger.invoke("record-cluster.json");
        ledger.clock.set(Instant.parse("2026-11-21T07:00:30Z"));
        String failed = ledger.invoke("finish-failed.json");
        assertTrue(failed.startsWith("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN + "\",\"status\":\"FAILED\","
                + "\"durationSeconds\":3630,\"clusterHours\":1.0,\"estimatedCostUsd\":"), failed);
        assertTrue(failed.endsWith("\"committedObjects\":0,\"leaseReleased\":true}"), failed);
    }

    @Test
    void theRunWhoseClusterMayStillRunKeepsTheLeaseUntilTheJanitorClosesIt() {
        Ledger ledger = new Ledger();
        ledger.invoke("begin.json");
        ledger.invoke("record-cluster.json");
        String failed = ledger.invoke("finish-failed-keep-lease.json"); // keepLease as a JSON boolean
        assertTrue(failed.contains("\"status\":\"FAILED\""), failed);
        assertTrue(failed.endsWith("\"leaseReleased\":false}"), failed);
        assertEquals("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN + "\",\"status\":\"FAILED\","
                + "\"leaseReleased\":true,\"attemptClosed\":false}", ledger.invoke("close-timed-out.json"));
        assertEquals("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN + "\",\"status\":\"FAILED\","
                + "\"leaseReleased\":false,\"attemptClosed\":false}", ledger.invoke("close-timed-out.json"),
                "delivered twice: nothing changes");
    }

    @Test
    void theTimedOutRunClosedByTheJanitor() {
        Ledger ledger = new Ledger();
        ledger.invoke("begin.json");
        ledger.invoke("record-cluster.json");
        assertEquals("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN + "\",\"status\":\"TIMED_OUT\","
                + "\"reason\":\"the execution timed out; the run janitor terminated cluster j-2AXXXXXXGAPLF\","
                + "\"leaseReleased\":true,\"attemptClosed\":true}", ledger.invoke("close-timed-out.json"));
    }

    @Test
    void theRunWithNothingNew() {
        Ledger ledger = new Ledger();
        ledger.invoke("begin.json");
        assertEquals("{\"runId\":\"2026-11-21-daily\",\"executionArn\":\"" + ARN + "\",\"status\":\"SKIPPED\","
                + "\"reason\":\"nothing new under s3://my-data/raw/\",\"durationSeconds\":5,\"costNote\":\"no cluster was recorded for this run\","
                + "\"committedObjects\":0,\"leaseReleased\":true}", ledger.invoke("finish-skipped.json"));
    }

    @Test
    void invalidEventsAreRejectedWithTheirFieldNamed() {
        Map<String, String> expected = Map.of(
                "invalid-missing-run-id.json", "runId: is required",
                "invalid-missing-execution-arn.json", "executionArn: is required for recordCluster",
                "invalid-unknown-status.json", "status: unknown finish status \"DONE\"",
                "invalid-manifest-outside-prefix.json", "manifestUri: must be a .json object under s3://my-data/emr-pipeline/manifests/",
                "invalid-cost-node-count.json", "cost.coreNodeCount: must be an integer",
                "invalid-unknown-action.json", "action: unknown action \"start\"");
        Ledger ledger = new Ledger();
        expected.forEach((event, message) -> {
            // Loaded first: outside the repository the load skips the test, which inside assertThrows would fail it.
            LedgerRequest request = load(event);
            InvalidLedgerRequestException e = assertThrows(InvalidLedgerRequestException.class,
                    () -> ledger.handler.handleRequest(request, null), event);
            assertTrue(e.getMessage().startsWith(message), event + ": " + e.getMessage());
            assertEquals("emrpipeline.ledger.InvalidLedgerRequestException", e.getClass().getName(), "the errorType Step Functions matches");
        });
    }

    @AfterAll
    static void everyEventFileIsExercised() throws IOException {
        try (Stream<Path> files = Files.list(events())) {
            Set<String> all = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(all, USED, "every sample event has a test");
        }
    }
}
