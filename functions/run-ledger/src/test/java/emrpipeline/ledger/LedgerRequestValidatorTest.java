package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerRequestValidatorTest {
    static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");
    static final LedgerSettings SETTINGS = LedgerSettings.of("t", "my-data", "emr-pipeline/", Duration.ofHours(7), TestData.PRICES);
    final LedgerRequestValidator validator = new LedgerRequestValidator(SETTINGS, new TestData.MutableClock(NOW));

    static LedgerRequest request(String action, Consumer<LedgerRequest> fill) {
        LedgerRequest r = new LedgerRequest();
        r.setAction(action);
        r.setRunId("2026-11-21-daily");
        r.setExecutionArn(TestData.arn("e1"));
        fill.accept(r);
        return r;
    }

    String rejected(LedgerRequest r) {
        return assertThrows(InvalidLedgerRequestException.class, () -> validator.validate(r)).getMessage();
    }

    @Test
    void beginDefaults() {
        LedgerCommand.Begin b = (LedgerCommand.Begin) validator.validate(request("begin", r -> { }));
        assertEquals("e1", b.executionName());
        assertEquals(Trigger.MANUAL, b.trigger());
        assertEquals(NOW, b.startedAt());
        assertEquals(Map.of(), b.input());
    }

    @Test
    void beginReadsEverything() {
        LedgerCommand.Begin b = (LedgerCommand.Begin) validator.validate(request("begin", r -> {
            r.setExecutionName("daily-2026-11-21");
            r.setTrigger("schedule");
            r.setStartedAt("2026-11-21T06:00:00.123Z");
            r.setInput(Map.of("a", 1));
        }));
        assertEquals(Trigger.SCHEDULE, b.trigger());
        assertEquals(Instant.parse("2026-11-21T06:00:00.123Z"), b.startedAt());
        assertEquals("daily-2026-11-21", b.executionName());
        assertEquals(Map.of("a", 1), b.input());
        LedgerCommand.Begin offset = (LedgerCommand.Begin) validator.validate(request("begin",
                r -> r.setStartedAt("2026-11-21T07:00:00+01:00")));
        assertEquals(Instant.parse("2026-11-21T06:00:00Z"), offset.startedAt());
    }

    @Test
    void missingOrUnknownActionIsRejected() {
        assertEquals("action: is required: begin, recordCluster, finish, close, validate, commit or release",
                rejected(request(null, r -> { })));
        assertEquals("action: unknown action \"start\": expected begin, recordCluster, finish, close, validate, commit or"
                + " release", rejected(request("start", r -> { })));
        assertEquals("action: unknown action \"Begin\": expected begin, recordCluster, finish, close, validate, commit or"
                + " release", rejected(request("Begin", r -> { })), "action names are exact");
        assertTrue(assertThrows(InvalidLedgerRequestException.class, () -> validator.validate(null)).getMessage().startsWith("request:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"begin", "recordCluster", "finish", "commit", "release"})
    void missingRunIdIsRejectedForEveryAction(String action) {
        assertTrue(rejected(request(action, r -> r.setRunId(null))).startsWith("runId: is required"));
        assertTrue(rejected(request(action, r -> r.setRunId("a/b"))).startsWith("runId: must be"));
        assertTrue(rejected(request(action, r -> r.setRunId("x".repeat(129)))).startsWith("runId: must be"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"begin", "recordCluster", "finish", "release"})
    void missingOrMalformedExecutionArnIsRejected(String action) {
        assertTrue(rejected(request(action, r -> r.setExecutionArn(null))).startsWith("executionArn: is required"));
        assertTrue(rejected(request(action, r -> r.setExecutionArn("e1"))).startsWith("executionArn: must be"));
        assertTrue(rejected(request(action, r -> r.setExecutionArn("arn:aws:lambda:us-east-1:123456789012:function:f")))
                .startsWith("executionArn: must be"));
    }

    @Test
    void commitNeedsNoExecutionArnButAManifest() {
        LedgerCommand.Commit c = (LedgerCommand.Commit) validator.validate(request("commit", r -> {
            r.setExecutionArn(null);
            r.setManifestUri("s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json");
        }));
        assertEquals(new S3Location("my-data", "emr-pipeline/manifests/2026-11-21-daily.json"), c.manifest());
        assertTrue(rejected(request("commit", r -> r.setManifestUri(null))).startsWith("manifestUri: is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "s3://other-bucket/emr-pipeline/manifests/r.json",
        "s3://my-data/raw/manifests/r.json",
        "s3://my-data/emr-pipeline/index/processed.tsv.gz",
        "s3://my-data/emr-pipeline/manifests/",
        "s3://my-data/emr-pipeline/manifests/r.txt",
        "s3://my-data/emr-pipeline/manifests/../index/x.json",
        "https://my-data.s3.amazonaws.com/emr-pipeline/manifests/r.json",
        "my-data/emr-pipeline/manifests/r.json"})
    void manifestUriOutsideThePipelinePrefixIsRejected(String uri) {
        assertTrue(rejected(request("commit", r -> r.setManifestUri(uri))).startsWith("manifestUri: must be"), uri);
        assertTrue(rejected(request("finish", r -> {
            r.setStatus("SUCCEEDED");
            r.setManifestUri(uri);
        })).startsWith("manifestUri: must be"), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DONE", "succeeded", "STARTED", "CLUSTER_RUNNING"})
    void unknownFinishStatusIsRejected(String status) {
        assertTrue(rejected(request("finish", r -> r.setStatus(status))).startsWith("status: unknown finish status"));
    }

    @Test
    void finishNeedsAStatusAndSkippedTakesNoManifest() {
        assertTrue(rejected(request("finish", r -> { })).startsWith("status: is required"));
        assertTrue(rejected(request("finish", r -> {
            r.setStatus("SKIPPED");
            r.setManifestUri("s3://my-data/emr-pipeline/manifests/r.json");
        })).startsWith("manifestUri: is not allowed with status SKIPPED"));
    }

    @Test
    void finishCostNumbersAreParsedAndBadOnesNamed() {
        CostInput cost = new CostInput();
        cost.setMasterInstanceType("m5.xlarge");
        cost.setCoreInstanceType("r5.2xlarge");
        cost.setCoreNodeCount("4");
        cost.setCoreMarket("spot");
        cost.setEbsGibPerVolume("64.0");
        cost.setVolumesPerInstance("2");
        LedgerCommand.Finish f = (LedgerCommand.Finish) validator.validate(request("finish", r -> {
            r.setStatus("SUCCEEDED");
            r.setCost(cost);
        }));
        assertEquals(new ClusterShape("m5.xlarge", "r5.2xlarge", 4, true, 64, 2), f.cost());

        cost.setCoreNodeCount("four");
        assertTrue(rejected(request("finish", r -> {
            r.setStatus("FAILED");
            r.setCost(cost);
        })).startsWith("cost.coreNodeCount: must be an integer"));
        cost.setCoreNodeCount("-1");
        assertTrue(rejected(request("finish", r -> {
            r.setStatus("FAILED");
            r.setCost(cost);
        })).startsWith("cost.coreNodeCount: must be between 0 and"));
        cost.setCoreNodeCount("2.5");
        assertTrue(rejected(request("finish", r -> {
            r.setStatus("FAILED");
            r.setCost(cost);
        })).startsWith("cost.coreNodeCount: must be an integer"));
        cost.setCoreNodeCount("2");
        cost.setCoreMarket("RESERVED");
        assertTrue(rejected(request("finish", r -> {
            r.setStatus("FAILED");
            r.setCost(cost);
        })).startsWith("cost.coreMarket: must be SPOT or ON_DEMAND"));
        cost.setCoreMarket(null);
        cost.setMasterInstanceType("m5 xlarge");
        assertTrue(rejected(request("finish", r -> {
            r.setStatus("FAILED");
            r.setCost(cost);
        })).startsWith("cost.masterInstanceType: must be an EC2 instance type"));
    }

    @Test
    void badTimestampsAndTriggerAndClusterIdAreRejected() {
        assertTrue(rejected(request("begin", r -> r.setStartedAt("yesterday"))).startsWith("startedAt: must be an ISO-8601 instant"));
        assertTrue(rejected(request("begin", r -> r.setTrigger("cron"))).startsWith("trigger: must be"));
        assertTrue(rejected(request("recordCluster", r -> { })).startsWith("clusterId: is required"));
        assertTrue(rejected(request("recordCluster", r -> r.setClusterId("cluster-1"))).startsWith("clusterId: must be an EMR cluster id"));
        assertTrue(rejected(request("recordCluster", r -> {
            r.setClusterId("j-ABC");
            r.setClusterRequestedAt("06:00");
        })).startsWith("clusterRequestedAt: must be an ISO-8601 instant"));
        LedgerCommand.RecordCluster rc = (LedgerCommand.RecordCluster) validator.validate(request("recordCluster",
                r -> r.setClusterId("j-2AXXXXXXGAPLF")));
        assertNull(rc.clusterRequestedAt());
    }

    @Test
    void releaseIsValid() {
        assertInstanceOf(LedgerCommand.Release.class, validator.validate(request("release", r -> { })));
    }
}
