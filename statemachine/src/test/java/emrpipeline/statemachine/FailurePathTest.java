package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whatever fails after the lease is taken, the cluster is terminated, the alarms are deleted, the run is
 * recorded FAILED, people are told, and the execution fails with the original error.
 */
class FailurePathTest {
    private static final String BEGIN = "BeginRun";
    private static final String CLEANUP = "DescribeFailure";
    private static final String SLACK = "${SlackNotifierFunctionArn}";

    private final PipelineDefinition definition = PipelineDefinition.load(ProjectFiles.DEFINITION);
    private final Set<String> cleanup = Graph.reachableFrom(definition, CLEANUP);

    private boolean isNotification(String state) {
        return SLACK.equals(definition.request(state).path("FunctionName").asText());
    }

    @Test
    void everyTaskAfterBeginRunCatchesEverythingIntoTheCleanup() {
        List<String> uncovered = new ArrayList<>();
        for (String state : Graph.normalFlowFrom(definition, BEGIN)) {
            if (!definition.type(state).equals("Task") || cleanup.contains(state) || isNotification(state)) {
                continue;
            }
            JsonNode catchAll = catchAll(state);
            if (catchAll == null || !Graph.reachableFrom(definition, catchAll.path("Next").asText()).contains(CLEANUP)) {
                uncovered.add(state);
            } else {
                assertEquals("$.error", catchAll.path("ResultPath").asText(), state + " keeps the error for the cleanup");
            }
        }
        assertEquals(List.of(), uncovered, "tasks whose failure would skip the cleanup");
    }

    @Test
    void onlyTaskParallelAndMapStatesCanFailAfterBeginRun() {
        // Pass and Choice states have no Catch: they may only read paths that earlier results guarantee,
        // which the offline runner's tests exercise on every path. Nothing else may sit on the flow.
        for (String state : Graph.normalFlowFrom(definition, BEGIN)) {
            String type = definition.type(state);
            assertTrue(Set.of("Task", "Pass", "Choice", "Succeed", "Fail").contains(type), state + " is a " + type);
        }
    }

    @Test
    void aFailingNotificationNeverFailsTheRun() {
        for (String state : definition.states().keySet()) {
            if (!isNotification(state)) {
                continue;
            }
            JsonNode catchAll = catchAll(state);
            assertTrue(catchAll != null, state + " catches every error");
            assertEquals(definition.state(state).path("Next").asText(), catchAll.path("Next").asText(),
                    state + " goes on to the same state whether Slack answered or not");
        }
    }

    @Test
    void everyCleanupStepToleratesFailureAndTheCleanupAlwaysEndsInTheFailState() {
        for (String state : cleanup) {
            if (definition.type(state).equals("Task")) {
                JsonNode catchAll = catchAll(state);
                assertTrue(catchAll != null, state + " must catch everything so the rest of the cleanup runs");
                assertFalse(catchAll.path("ResultPath").asText().equals("$.error") || catchAll.path("ResultPath").asText().equals("$.failure"),
                        state + " must not overwrite the original error");
            }
        }
        for (List<String> path : Graph.pathsToEnd(definition, CLEANUP)) {
            String end = path.get(path.size() - 1);
            assertEquals("Fail", definition.type(end), "cleanup path " + path + " ends in a Fail state");
            JsonNode fail = definition.state(end);
            assertEquals("$.failure.error.Error", fail.path("ErrorPath").asText(), "fails with the original error");
            assertEquals("$.failure.error.Cause", fail.path("CausePath").asText(), "fails with the original cause");
            assertTrue(path.contains("RecordFailure"), path + " records the run FAILED (and releases the lease)");
            assertTrue(path.contains("PublishFailureAlert"), path + " publishes to SNS");
            assertTrue(path.contains("NotifyFailed"), path + " tells Slack");
        }
    }

    @Test
    void theCleanupTerminatesTheClusterAndDeletesItsAlarmsWheneverAClusterIdExists() {
        JsonNode createCluster = definition.state("CreateCluster");
        assertEquals("$.cluster", createCluster.path("ResultPath").asText(), "the cluster id lands in $.cluster");
        JsonNode check = definition.state("ClusterExists?").path("Choices").get(0);
        assertEquals("$.cluster.ClusterId", check.path("Variable").asText());
        assertTrue(check.path("IsPresent").asBoolean());

        List<List<String>> withCluster = Graph.pathsToEnd(definition, check.path("Next").asText());
        for (List<String> path : withCluster) {
            if (path.contains("TerminateAlreadyFailed")) {
                // TerminateCluster failed after its retries: no second try, the alarms keep watching the cluster and
                // the lease stays, until the run janitor terminates it.
                assertFalse(path.contains("CleanupTerminateCluster") || path.contains("CleanupDeleteAlarms"), path.toString());
            } else if (path.contains("ClusterAlreadyTerminated")) {
                assertTrue(path.contains("CleanupDeleteAlarms") && !path.contains("CleanupTerminateCluster"), path.toString());
            } else if (path.contains("NoteTerminateFailed")) {
                assertFalse(path.contains("CleanupDeleteAlarms"), "alarms stay on a cluster that may still run: " + path);
            } else {
                assertTrue(path.indexOf("CleanupDeleteAlarms") > path.indexOf("CleanupTerminateCluster")
                                && path.indexOf("CleanupTerminateCluster") >= 0,
                        "with a cluster, the cleanup terminates it, then deletes its alarms: " + path);
            }
        }
        assertEquals("$.cluster.ClusterId", definition.state("CleanupTerminateCluster").path("Parameters").path("ClusterId.$").asText());
        assertEquals("arn:aws:states:::elasticmapreduce:terminateCluster.sync", definition.state("CleanupTerminateCluster").path("Resource").asText());
        JsonNode deleteAlarms = definition.state("CleanupDeleteAlarms").path("Parameters").path("Payload");
        assertEquals("delete", deleteAlarms.path("action").asText());
        assertEquals("$.cluster.ClusterId", deleteAlarms.path("clusterId.$").asText(), "deletes every alarm of the cluster, whichever were created");

        // Alarms are only ever created for a cluster that exists, so "cluster id present" covers them.
        assertEquals("$.cluster.ClusterId", definition.state("CreateAlarms").path("Parameters").path("Payload").path("clusterId.$").asText());
        assertTrue(Graph.normalFlowFrom(definition, "CreateCluster").contains("CreateAlarms"));
        assertFalse(Graph.normalFlowFrom(definition, "CreateAlarms").contains("CreateCluster"));
    }

    @Test
    void theHappyPathDeletesAlarmsAndTerminatesBeforeCommittingTheRun() {
        List<List<String>> paths = Graph.pathsToEnd(definition, "RunJob").stream()
                .filter(path -> path.get(path.size() - 1).equals("Succeeded"))
                .toList();
        assertFalse(paths.isEmpty());
        for (List<String> path : paths) {
            assertTrue(path.indexOf("DeleteAlarms") < path.indexOf("TerminateCluster")
                    && path.indexOf("TerminateCluster") < path.indexOf("CompleteRun"), path.toString());
        }
        JsonNode complete = definition.state("CompleteRun").path("Parameters").path("Payload");
        assertEquals("SUCCEEDED", complete.path("status").asText());
        assertEquals("$.sizing.Payload.manifestUri", complete.path("manifestUri.$").asText(), "only a successful run commits its manifest");
        assertEquals("States.JsonMerge(States.JsonMerge($.failure.ledgerRequest, $.failure.costRequest, false), $.failure.leaseRequest, false)",
                definition.state("RecordFailure").path("Parameters").path("Payload.$").asText());
        JsonNode failed = definition.state("DescribeFailureForLedger").path("Parameters");
        assertEquals("$.failure.ledgerRequest", definition.state("DescribeFailureForLedger").path("ResultPath").asText());
        assertEquals("FAILED", failed.path("status").asText());
        for (String pricing : List.of("PriceFailedRun", "NoClusterToPrice")) {
            assertEquals("$.failure.costRequest", definition.state(pricing).path("ResultPath").asText());
            assertFalse(definition.state(pricing).toString().contains("manifestUri"), pricing);
        }
        assertTrue(failed.path("manifestUri").isMissingNode() && failed.path("manifestUri.$").isMissingNode(),
                "a failed run commits nothing, so its objects are new again next run");
    }

    @Test
    void aRunWithNothingNewCreatesNoCluster() {
        JsonNode rule = definition.state("NewData?").path("Choices").get(0);
        assertEquals("$.sizing.Payload.newObjectCount", rule.path("Variable").asText());
        assertEquals(0, rule.path("NumericEquals").asInt(-1));
        assertFalse(Graph.normalFlowFrom(definition, rule.path("Next").asText()).contains("CreateCluster"));
    }

    @Test
    void aLeaseHeldByALiveRunEndsSuccessfullyWithoutTouchingAnything() {
        JsonNode rule = definition.state("PreviousRunActive?").path("Choices").get(0);
        assertEquals("SKIPPED", rule.path("StringEquals").asText());
        Set<String> after = Graph.reachableFrom(definition, rule.path("Next").asText());
        assertTrue(after.stream().noneMatch(state -> state.equals("SizeStorage") || state.equals("CreateCluster") || state.equals("RecordFailure")),
                "a skipped attempt neither sizes, creates a cluster nor releases the live run's lease: " + after);
        assertTrue(after.stream().anyMatch(state -> definition.type(state).equals("Succeed")));
    }

    private JsonNode catchAll(String state) {
        for (JsonNode catcher : definition.state(state).path("Catch")) {
            for (JsonNode error : catcher.path("ErrorEquals")) {
                if (error.asText().equals("States.ALL")) {
                    return catcher;
                }
            }
        }
        return null;
    }
}
