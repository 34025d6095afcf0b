package emrpipeline.local;

import static emrpipeline.local.Scenarios.SAMPLE_KEYS;
import static emrpipeline.local.Scenarios.assertFailedWith;
import static emrpipeline.local.Scenarios.assertNothingLeftRunning;
import static emrpipeline.local.Scenarios.assertRecorded;
import static emrpipeline.local.Scenarios.assertToldOfFailure;
import static emrpipeline.local.Scenarios.indexedKeys;
import static emrpipeline.local.Scenarios.payloadOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.aws.EmrIntegration;
import emrpipeline.local.aws.LocalEmr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * Every failure path the issue names, on the real definition and functions, each with the full set of checks: no
 * cluster left un-terminated, no alarm left, the run recorded with the right status, the manifest committed only
 * on success, people told on failure, the execution's final status and error.
 */
class FaultScenariosTest extends PipelineScenarioTest {
    @Test
    void noSpotCapacityFailsTheClusterWhileStartingAndTheRunIsCleanedUp() {
        RunResult r = pipeline.run(day1().clusterFails(new LocalEmr.ClusterFailure("INSTANCE_FAILURE",
                "Instance fleet CORE could not be provisioned: insufficient spot and on-demand capacity")));

        assertFailedWith(r, "States.TaskFailed");
        JsonNode cause = Json.parse(r.execution().cause());
        assertEquals("TERMINATED_WITH_ERRORS", cause.at("/Cluster/Status/State").asText());
        assertEquals("INSTANCE_FAILURE", cause.at("/Cluster/Status/StateChangeReason/Code").asText());
        assertEquals(1, r.clusters().size());
        assertEquals(ClusterState.TERMINATED_WITH_ERRORS, r.clusters().get(0).last().state());
        assertEquals(Duration.ofMinutes(4), r.attemptsOf("CreateCluster").get(0).took(), "failed once provisioning gave up");
        assertEquals(List.of(), r.attemptsOf("CleanupTerminateCluster"), "no cluster id known, nothing to terminate");
        assertEquals(List.of(), r.alarmChanges(), "no alarm was ever created");
        var record = assertRecorded(r, "FAILED");
        assertEquals("CreateCluster", record.get("failedState").s());
        assertEquals("States.TaskFailed", record.get("error").s());
        assertEquals(List.of(), indexedKeys(pipeline), "nothing committed");
        // The run's failure (the state machine), and EMR's own event about the cluster (the run janitor).
        assertEquals(List.of("emr-pipeline cluster ended with errors", "emr-pipeline run failed"),
                r.alerts().stream().map(a -> a.subject()).sorted().toList());
        assertTrue(r.slackPosts().stream().anyMatch(p -> p.text().contains("failed: States.TaskFailed: cluster "
                + r.clusters().get(0).id() + " TERMINATED_WITH_ERRORS: INSTANCE_FAILURE: Instance fleet CORE could not be provisioned")),
                () -> "the cluster's StateChangeReason: " + r.slackPosts());
        assertNothingLeftRunning(r);
        assertEquals("free", lease());
    }

    @Test
    void createClusterRefusedOnItsFirstAttemptIsNotRetried() {
        RunResult r = pipeline.run(day1().fail("CreateCluster=States.TaskFailed:Spot capacity not available@1"));

        assertFailedWith(r, "States.TaskFailed");
        assertEquals("Spot capacity not available", r.execution().cause());
        assertEquals(1, r.attemptsOf("CreateCluster").size(), "createCluster is never retried");
        assertNotNull(r.attemptsOf("CreateCluster").get(0).injected());
        assertEquals(List.of(), r.clusters());
        assertRecorded(r, "FAILED");
        assertEquals(List.of(), indexedKeys(pipeline));
        assertToldOfFailure(r, "CreateCluster", "States.TaskFailed", true);
        assertNothingLeftRunning(r);
    }

    @Test
    void aFailingStepDeletesTheAlarmsTerminatesTheClusterAndCommitsNothing() {
        RunResult r = pipeline.run(day1().stepFails(new LocalEmr.StepFailure("Unknown Error.",
                "Step failed with exitCode 1; see the step's stderr")));

        assertFailedWith(r, "States.TaskFailed");
        JsonNode cause = Json.parse(r.execution().cause());
        assertEquals("FAILED", cause.at("/Step/Status/State").asText());
        assertEquals("Step failed with exitCode 1; see the step's stderr", cause.at("/Step/Status/FailureDetails/Message").asText());
        assertEquals(List.of(), r.attemptsOf("TerminateCluster"), "the success path is left at RunJob");
        assertEquals(1, r.attemptsOf("CleanupDeleteAlarms").size());
        assertEquals(4, payloadOf(r, "CleanupDeleteAlarms").path("deleted").size());
        assertEquals(1, r.attemptsOf("CleanupTerminateCluster").size());
        assertEquals(ClusterState.TERMINATED, r.clusters().get(0).last().state());
        Map<String, AttributeValue> record = assertRecorded(r, "FAILED");
        assertEquals("RunJob", record.get("failedState").s());
        assertEquals(r.clusters().get(0).id(), record.get("clusterId").s());
        assertEquals("0", record.get("committedObjects").n());
        assertTrue(record.containsKey("estimatedCostUsd"), "a failed run that ran a cluster is priced too: " + record.keySet());
        assertEquals(List.of(), indexedKeys(pipeline), "the manifest is not committed");
        assertToldOfFailure(r, "RunJob", "States.TaskFailed", true);
        // The notifier gets the whole cause and shows the step's own reason first, not the JSON document it is
        assertEquals(r.execution().cause(), r.attemptsOf("NotifyFailed").get(0).parameters().at("/Payload/cause").asText());
        String preview = r.slackPosts().get(r.slackPosts().size() - 1).text();
        assertTrue(preview.contains("failed: States.TaskFailed: step emr-pipeline day-1: Unknown Error.: Step failed with exitCode 1"), preview);
        assertTrue(r.alerts().get(0).message().contains("\"FailureDetails\""), "the SNS alert keeps the whole cause");
        assertNothingLeftRunning(r);
        assertEquals("free", lease(), "the lease is released");
    }

    @Test
    void emrThrottlingOnTerminationIsRetriedAndTheRunSucceeds() {
        RunResult r = pipeline.run(day1().fail("TerminateCluster=" + EmrIntegration.API_ERROR + ":Rate exceeded (Service:"
                + " AmazonElasticMapReduce; Status Code: 400; Error Code: ThrottlingException; Request ID: 1; Proxy: null)@1"));

        assertTrue(r.succeeded(), () -> r.execution().error() + " " + r.execution().cause());
        List<PipelineTasks.Attempt> attempts = r.attemptsOf("TerminateCluster");
        assertEquals(2, attempts.size());
        assertTrue(attempts.get(0).failed() && attempts.get(0).injected() != null);
        Duration backoff = Duration.between(attempts.get(0).start(), attempts.get(1).start());
        assertTrue(backoff.compareTo(Duration.ofSeconds(15)) <= 0, "full jitter within the 15 s interval: " + backoff);
        assertEquals(ClusterState.TERMINATED, r.clusters().get(0).last().state());
        assertRecorded(r, "SUCCEEDED");
        assertEquals(SAMPLE_KEYS, indexedKeys(pipeline));
        assertEquals(List.of(), r.alerts());
        assertNothingLeftRunning(r);
    }

    @Test
    void emrThrottlingOnEveryTerminationAttemptStillCleansUpThroughTheFailurePath() {
        RunResult r = pipeline.run(day1().fail("TerminateCluster=" + EmrIntegration.API_ERROR + ":Rate exceeded"));

        assertFailedWith(r, EmrIntegration.API_ERROR);
        assertEquals(3, r.attemptsOf("TerminateCluster").size(), "the first attempt and 2 retries");
        assertEquals(List.of(), r.attemptsOf("CleanupTerminateCluster"), "no second try: the janitor terminates it");
        assertEquals(ClusterState.TERMINATED, r.clusters().get(0).last().state());
        var record = assertRecorded(r, "FAILED");
        assertTrue(record.get("cleanup").s().contains("TerminateCluster FAILED"), record::toString);
        assertTrue(r.janitorActions().stream().anyMatch(a -> a.startsWith("terminated cluster ")), r.janitorActions()::toString);
        assertEquals(List.of(), indexedKeys(pipeline), "the job ran, but the run is not committed: its data is processed again");
        // Told once of the failure (naming the cleanup that could not terminate), then of what the janitor cleaned.
        assertEquals(List.of("emr-pipeline run failed", "emr-pipeline: cleaned up after run"),
                r.alerts().stream().map(a -> a.subject()).toList());
        assertTrue(r.alerts().get(0).message().contains("TerminateCluster FAILED"), r.alerts().get(0).message());
        assertNothingLeftRunning(r);
        assertEquals("free", lease(), "the janitor released the lease after terminating");
    }

    @Test
    void aLambdaServiceExceptionOnTheFirstAttemptIsRetried() {
        RunResult r = pipeline.run(day1().fail("SizeStorage=Lambda.ServiceException@1"));

        assertTrue(r.succeeded(), () -> r.execution().error() + " " + r.execution().cause());
        List<PipelineTasks.Attempt> attempts = r.attemptsOf("SizeStorage");
        assertEquals(2, attempts.size());
        assertEquals("Lambda.ServiceException", attempts.get(0).failure().error());
        assertEquals(null, attempts.get(0).lambda(), "the injected failure replaced the invocation");
        assertNotNull(attempts.get(1).lambda());
        assertTrue(Duration.between(attempts.get(0).start(), attempts.get(1).start()).compareTo(Duration.ofSeconds(2)) <= 0);
        assertRecorded(r, "SUCCEEDED");
        assertEquals(SAMPLE_KEYS, indexedKeys(pipeline));
        assertNothingLeftRunning(r);
    }

    @Test
    void aSizingKnobTheSizingFunctionRefusesIsRefusedBeforeBeginRunWithItsMessage() {
        RunResult r = pipeline.run(day1().input(Scenarios.json("{'sizing':{'coreNodeCount':0}}")));

        assertEquals("FAILED", r.execution().status().name());
        assertEquals("emrpipeline.InvalidExecutionInput", r.execution().error());
        assertTrue(r.execution().cause().startsWith("coreNodeCount"), r.execution().cause());
        assertEquals(1, r.attemptsOf("ValidateSizing").size(), "the sizing function's own validator, not retried");
        assertEquals(List.of(), r.attemptsOf("BeginRun"), "nothing started");
        assertEquals(List.of(), r.attemptsOf("SizeStorage"));
        assertEquals(List.of(), r.ledgerRecordsOfThisRun());
        assertEquals("free", lease());
        assertEquals(List.of(), r.alerts());
        assertEquals(List.of(), r.slackPosts());
    }

    @Test
    void slackDownNeverFailsTheRun() {
        RunResult r = pipeline.run(day1().slackDown(503));

        assertTrue(r.succeeded(), () -> r.execution().error() + " " + r.execution().cause());
        int attempts = 0;
        for (String state : List.of("NotifyStarted", "NotifyClusterReady", "NotifySucceeded")) {
            JsonNode answer = payloadOf(r, state);
            assertEquals(false, answer.path("notified").asBoolean(), state + " " + answer);
            assertEquals(503, answer.path("httpStatus").asInt(), state + " " + answer);
            attempts += answer.path("attempts").asInt();
        }
        assertEquals(attempts, r.slackPosts().size(), "every attempt the notifier reports reached Slack, and no other");
        assertTrue(r.slackPosts().stream().allMatch(p -> p.status() == 503), r.slackPosts()::toString);
        assertRecorded(r, "SUCCEEDED");
        assertEquals(SAMPLE_KEYS, indexedKeys(pipeline));
        assertNothingLeftRunning(r);
    }

    @Test
    void slackDownDuringAFailureStillAlertsThroughSns() {
        RunResult r = pipeline.run(day1().slackDown(503).stepFails(new LocalEmr.StepFailure("Unknown Error.", "exit 1")));

        assertFailedWith(r, "States.TaskFailed");
        assertToldOfFailure(r, "RunJob", "States.TaskFailed", false);
        assertRecorded(r, "FAILED");
        assertNothingLeftRunning(r);
    }

    @Test
    void aLeaseHeldByALiveRunSkipsThisRunWithoutTouchingAnything() {
        RunResult r = pipeline.run(day1().leaseHeldBy("day-0-long-run"));

        assertTrue(r.succeeded());
        assertEquals("PreviousRunStillActive", DataScenariosTest.lastState(r));
        assertEquals("SKIPPED", payloadOf(r, "BeginRun").path("status").asText());
        Map<String, AttributeValue> record = assertRecorded(r, "SKIPPED");
        assertTrue(record.get("reason").s().contains("day-0-long-run"), record.toString());
        assertEquals(List.of(), r.attemptsOf("SizeStorage"), "no sizing, no manifest");
        assertEquals(List.of(), r.clusters());
        assertEquals(1, r.slackPosts().size());
        assertTrue(r.slackPosts().get(0).text().contains("day-0-long-run"), r.slackPosts().get(0).text());
        assertEquals(List.of(), r.alerts());
        assertEquals(List.of(), indexedKeys(pipeline));
        assertTrue(lease().contains("day-0-long-run"), "the live run keeps its lease: " + lease());
        assertNothingLeftRunning(r);
    }

    @Test
    void aStepRunningPastItsTimeLimitTimesOutAndIsCleanedUp() {
        RunResult r = pipeline.run(day1().input(Scenarios.json("{'jobTimeoutSeconds':600}"))
                .emrTiming(emrpipeline.local.aws.EmrTiming.DEFAULT.withStepRunning(Duration.ofMinutes(30))));

        assertFailedWith(r, "States.Timeout");
        assertTrue(r.attemptsOf("RunJob").get(0).timedOut());
        assertTrue(r.execution().history().types().contains("TaskTimedOut"));
        assertEquals(ClusterState.TERMINATED, r.clusters().get(0).last().state(), "terminating cancels the step");
        assertRecorded(r, "FAILED");
        assertEquals(List.of(), indexedKeys(pipeline));
        assertToldOfFailure(r, "RunJob", "States.Timeout", true);
        assertNothingLeftRunning(r);
    }

    private static String lease() {
        return pipeline.ledgerItems().stream().filter(i -> "LEASE".equals(i.get("pk").s())).findFirst()
                .map(i -> i.get("leaseOwner").s()).orElse("free");
    }
}
