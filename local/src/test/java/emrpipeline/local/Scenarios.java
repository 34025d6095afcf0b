package emrpipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Assertions shared by the scenario tests: what every run must leave behind. */
final class Scenarios {
    static final Instant DAY_1 = Instant.parse("2026-11-22T06:00:00Z");
    static final List<String> SAMPLE_KEYS = List.of("raw/day=2026-11-20/orders-0001.csv", "raw/day=2026-11-20/orders-0002.csv",
            "raw/day=2026-11-21/orders-0001.csv");

    private Scenarios() {
    }

    /** No cluster of the run left un-terminated, no alarm left anywhere. */
    static void assertNothingLeftRunning(RunResult r) {
        assertEquals(List.of(), r.clustersLeftRunning().stream().map(c -> c.id()).toList(), "clusters not terminated");
        assertEquals(List.of(), r.alarmsLeft(), "alarms left");
    }

    /** The run's ledger record (one per execution) and its status. */
    static Map<String, AttributeValue> assertRecorded(RunResult r, String status) {
        List<Map<String, AttributeValue>> records = r.ledgerRecordsOfThisRun();
        assertEquals(1, records.size(), () -> "ledger records of the run: " + records);
        Map<String, AttributeValue> record = records.get(0);
        assertEquals(status, record.get("runStatus").s(), () -> "ledger record " + record);
        return record;
    }

    /** The keys of the processed index. */
    static List<String> indexedKeys(LocalPipeline pipeline) {
        return pipeline.processedIndex().stream().map(line -> line.substring(0, line.indexOf('\t'))).toList();
    }

    /** The response payload of a state's last successful Lambda task attempt. */
    static JsonNode payloadOf(RunResult r, String state) {
        List<PipelineTasks.Attempt> attempts = r.attemptsOf(state);
        assertFalse(attempts.isEmpty(), () -> state + " was not called");
        PipelineTasks.Attempt last = attempts.get(attempts.size() - 1);
        assertFalse(last.failed(), () -> state + " failed: " + last.outcome());
        return ((TaskOutcome.Success) last.outcome()).output().path("Payload");
    }

    /**
     * People were told: one SNS alert to the alert topic naming the failed state and error, and the Slack notifier
     * called with kind FAILED and the same error (delivered unless Slack is down).
     */
    static void assertToldOfFailure(RunResult r, String failedState, String error, boolean slackUp) {
        assertEquals(1, r.alerts().size(), () -> "SNS alerts " + r.alerts());
        String alert = r.alerts().get(0).message();
        assertTrue(alert.contains("failed in state " + failedState) && alert.contains(error), alert);
        assertEquals("emr-pipeline run failed", r.alerts().get(0).subject());
        PipelineTasks.Attempt notify = r.attemptsOf("NotifyFailed").get(0);
        assertEquals("FAILED", notify.parameters().at("/Payload/kind").asText());
        assertEquals(error, notify.parameters().at("/Payload/error").asText());
        JsonNode answer = payloadOf(r, "NotifyFailed");
        assertEquals(slackUp, answer.path("notified").asBoolean(), answer::toString);
        assertTrue(r.slackPosts().stream().anyMatch(p -> p.text().contains("failed")), () -> "Slack posts " + r.slackPosts());
    }

    /** The execution failed with exactly this error, as the Fail state reports it. */
    static void assertFailedWith(RunResult r, String error) {
        assertEquals("FAILED", r.execution().status().toString(), () -> "output " + r.execution().output());
        assertEquals(error, r.execution().error());
        assertNotNull(r.execution().cause());
        List<String> types = r.execution().history().types();
        assertEquals(List.of("FailStateEntered", "ExecutionFailed"), types.subList(types.size() - 2, types.size()));
    }

    static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }
}
