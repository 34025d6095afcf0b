package emrpipeline.local;

import static emrpipeline.local.Scenarios.assertNothingLeftRunning;
import static emrpipeline.local.Scenarios.assertRecorded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.aws.LocalEmr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the definition's Catch cannot see, on the real definition, functions and template rules: the run janitor gets
 * the EventBridge events in-process at their virtual time. Each scenario checks the whole promise: no cluster left
 * running, no alarm left, the ledger attempt terminal with the right status, the lease free, people told once
 * (one SNS alert and one Slack message about the run's end).
 */
class JanitorScenariosTest extends PipelineScenarioTest {
    private static JsonNode summary(RunResult r) {
        return RunSummary.of(r, pipeline);
    }

    /** The whole promise, from the --summary document. */
    private static JsonNode assertCleanEnd(RunResult r, String executionStatus, String ledgerStatus) {
        JsonNode s = summary(r);
        assertEquals(executionStatus, s.at("/execution/status").asText(), s::toString);
        assertNothingLeftRunning(r);
        for (JsonNode c : s.path("clusters")) {
            assertTrue(List.of("TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS").contains(c.path("state").asText()), s::toString);
        }
        assertEquals(0, s.path("alarmsLeft").size(), s::toString);
        assertTrue(s.path("leaseHolder").isNull(), s::toString);
        assertRecorded(r, ledgerStatus);
        return s;
    }

    private static long slackOfKind(JsonNode summary, String kind) {
        long n = 0;
        for (JsonNode post : summary.path("slack")) {
            if (post.path("kind").asText().equals(kind)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void stoppedDuringTheStepTheJanitorTerminatesClosesAbortedReleasesAndTellsOnce() {
        RunResult r = pipeline.run(day1().stopAfter(Duration.ofMinutes(10)));

        assertEquals("ABORTED", r.execution().status().name());
        JsonNode s = assertCleanEnd(r, "ABORTED", "ABORTED");
        assertEquals(List.of("emr-pipeline run stopped"), Json.MAPPER.convertValue(s.path("snsAlerts"), List.class));
        assertEquals(1, slackOfKind(s, "ABORTED"));
        assertTrue(r.janitorActions().stream().anyMatch(a -> a.startsWith("terminated cluster ")), r.janitorActions()::toString);
        assertEquals(1, r.events().size(), "one execution event, delivered to the janitor");
        assertEquals("RunJanitorFunction", r.events().get(0).function());
    }

    @Test
    void stoppedDuringClusterCreationTheClusterIsFoundByItsTags() {
        RunResult r = pipeline.run(day1().stopAfter(Duration.ofMinutes(3)));

        assertEquals("ABORTED", r.execution().status().name());
        Map<String, AttributeValue> record = assertRecorded(r, "ABORTED");
        assertNull(record.get("clusterId"), "RecordCluster never ran: the ledger did not know the cluster");
        JsonNode s = assertCleanEnd(r, "ABORTED", "ABORTED");
        assertEquals(1, s.path("clusters").size());
        assertEquals(1, s.path("snsAlerts").size());
        assertEquals(1, slackOfKind(s, "ABORTED"));
    }

    @Test
    void anExecutionThatTimesOutIsClosedTimedOut() {
        RunResult r = pipeline.run(day1().executionTimeout(Duration.ofMinutes(15)));

        assertEquals("TIMED_OUT", r.execution().status().name());
        JsonNode s = assertCleanEnd(r, "TIMED_OUT", "TIMED_OUT");
        assertEquals(List.of("emr-pipeline run timed out"), Json.MAPPER.convertValue(s.path("snsAlerts"), List.class));
        assertEquals(1, slackOfKind(s, "TIMED_OUT"));
        assertTrue(r.slackPosts().stream().anyMatch(p -> p.text().contains("timed out: States.Timeout")),
                () -> r.slackPosts().toString());
    }

    @Test
    void statesRuntimeAfterTheClusterExistsSkipsCatchAndTheJanitorCleansUp() {
        RunResult r = pipeline.run(day1().fail("CreateAlarms=States.Runtime:An error occurred while executing the state 'CreateAlarms'"));

        assertEquals("FAILED", r.execution().status().name());
        assertEquals("States.Runtime", r.execution().error());
        assertTrue(r.attemptsOf("RecordFailure").isEmpty(), "Catch did not see it");
        JsonNode s = assertCleanEnd(r, "FAILED", "FAILED");
        assertEquals(List.of("emr-pipeline run failed"), Json.MAPPER.convertValue(s.path("snsAlerts"), List.class));
        assertEquals(1, slackOfKind(s, "FAILED"));
        assertEquals("States.Runtime", assertRecorded(r, "FAILED").get("error").s());
    }

    @Test
    void whenTerminateFailsInTheCleanupTheLeaseWaitsForTheJanitor() {
        RunResult r = pipeline.run(day1().stepFails(new LocalEmr.StepFailure("Unknown Error.", "exit code 1"))
                .fail("CleanupTerminateCluster=EMR.AmazonElasticMapReduceException:Rate exceeded"));

        Map<String, AttributeValue> record = assertRecorded(r, "FAILED");
        assertTrue(record.get("cleanup").s().contains("CleanupTerminateCluster FAILED"), record::toString);
        // The definition kept the lease while the cluster might run; the janitor released it after terminating.
        assertTrue(r.attemptsOf("RecordFailure").get(0).parameters().at("/Payload").toString().contains("\"keepLease\":true"),
                () -> r.attemptsOf("RecordFailure").get(0).parameters().toString());
        String alert = r.alerts().get(0).message();
        assertTrue(alert.contains("CleanupTerminateCluster FAILED") && alert.contains("may still be running"), alert);
        JsonNode s = assertCleanEnd(r, "FAILED", "FAILED");
        assertEquals(List.of("emr-pipeline run failed", "emr-pipeline: cleaned up after run"),
                Json.MAPPER.convertValue(s.path("snsAlerts"), List.class), "the failure once, then what the janitor cleaned");
        assertEquals(1, slackOfKind(s, "FAILED"));
        assertEquals(1, slackOfKind(s, "CLEANED_UP"));
        assertTrue(r.janitorActions().stream().anyMatch(a -> a.startsWith("released the lease")), r.janitorActions()::toString);
    }

    @Test
    void afterACleanFailureTheJanitorFindsNothingAndStaysQuiet() {
        RunResult r = pipeline.run(day1().stepFails(new LocalEmr.StepFailure("Unknown Error.", "exit code 1")));

        JsonNode s = assertCleanEnd(r, "FAILED", "FAILED");
        assertEquals(1, s.path("snsAlerts").size(), "the state machine's alert only");
        assertEquals(1, slackOfKind(s, "FAILED"));
        assertEquals(1, r.events().size());
        assertTrue(r.janitorActions().get(r.janitorActions().size() - 1).contains("nobody told again"), r.janitorActions()::toString);
    }

    @Test
    void theEventDeliveredTwiceActsOnce() {
        RunResult r = pipeline.run(day1().stopAfter(Duration.ofMinutes(10)));
        int alerts = pipeline.sns().published().size();
        int posts = pipeline.slack().posts().size();
        JsonNode event = EventRules.executionStatusChange("again", LocalPipeline.ACCOUNT_ID, LocalPipeline.REGION,
                r.context().executionArn(), r.context().stateMachineArn(), "day-1", "ABORTED", r.start(),
                r.execution().stopTime(), "{}");

        List<RunResult.EventDelivery> again = pipeline.deliver(event, r.execution().stopTime().plusSeconds(30));

        assertEquals(1, again.size());
        assertNull(again.get(0).error());
        assertTrue(again.get(0).actions().get(again.get(0).actions().size() - 1).contains("nobody told again"), again.toString());
        assertEquals(alerts, pipeline.sns().published().size(), "no second alert");
        assertEquals(posts, pipeline.slack().posts().size(), "no second Slack message");
        assertCleanEnd(r, "ABORTED", "ABORTED");
    }

    @Test
    void aClusterThatEndsWithErrorsIsReportedWithEmrsReason() {
        RunResult r = pipeline.run(day1().clusterFails(new LocalEmr.ClusterFailure("INSTANCE_FAILURE",
                "Instance fleet CORE could not be provisioned: insufficient spot capacity")));

        assertEquals(2, r.events().size(), "the cluster's event, then the execution's");
        assertEquals("EMR Cluster State Change", r.events().get(0).detailType());
        JsonNode s = assertCleanEnd(r, "FAILED", "FAILED");
        assertEquals(List.of("emr-pipeline cluster ended with errors", "emr-pipeline run failed"),
                Json.MAPPER.convertValue(s.path("snsAlerts"), List.class).stream().sorted().toList());
        assertEquals(1, slackOfKind(s, "CLUSTER_FAILED"));
        assertTrue(r.slackPosts().stream().anyMatch(p -> p.text().contains("INSTANCE_FAILURE: Instance fleet CORE")),
                () -> r.slackPosts().toString());
    }

    @Test
    void slackDownHangingOrFlakyNeverFailsTheRunNorTheJanitor() {
        RunResult rateLimited = pipeline.run(day1().slackDown(429).stopAfter(Duration.ofMinutes(10)));
        assertCleanEnd(rateLimited, "ABORTED", "ABORTED");
        assertTrue(rateLimited.slackPosts().stream().allMatch(p -> p.status() == 429));
        pipeline.reset();
        RunResult flaky = pipeline.run(day1().slackFlaky(1));
        assertTrue(flaky.succeeded());
        assertEquals(503, flaky.slackPosts().get(0).status());
        assertTrue(flaky.slackPosts().stream().skip(1).allMatch(p -> p.status() == 200), () -> flaky.slackPosts().toString());
    }
}
