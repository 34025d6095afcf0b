package emrpipeline.janitor;

import static emrpipeline.janitor.Fixture.alarmsDeleted;
import static emrpipeline.janitor.Fixture.arn;
import static emrpipeline.janitor.Fixture.closed;
import static emrpipeline.janitor.Fixture.executionEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.eclipsesource.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** The janitor's decisions, with Mockito on the EMR, Step Functions, SNS and Lambda client interfaces. */
class RunJanitorTest {

    @Test
    void aTimedOutRunsClusterIsTerminatedBeforeItsLeaseIsReleasedAndPeopleAreToldOnce() {
        Fixture f = new Fixture()
                .execution("2026-11-21-daily", ExecutionStatus.TIMED_OUT, "{\"trigger\":\"schedule\"}", "States.Timeout", "")
                .cluster("j-RUN", "RUNNING", Fixture.STACK, "2026-11-21-daily", "2026-11-21-daily")
                .cluster("j-OTHERSTACK", "RUNNING", "someone-else", "2026-11-21-daily", "2026-11-21-daily")
                .answer("alarms", alarmsDeleted("p-j-RUN-IsIdle", "p-j-RUN-AppsFailed"))
                .answer("ledger", closed("TIMED_OUT", true, true));

        JanitorReport report = f.handler().handleRequest(executionEvent("2026-11-21-daily", "TIMED_OUT"), null);

        JanitorReport.RunCleanup run = report.runs().get(0);
        assertEquals(List.of("j-RUN"), run.clustersTerminated());
        assertEquals(List.of("p-j-RUN-IsIdle", "p-j-RUN-AppsFailed"), run.alarmsDeleted());
        assertEquals("TIMED_OUT", run.told());
        assertEquals("2026-11-21-daily", run.runId(), "the execution name when the input names no runId");
        InOrder order = inOrder(f.emr, f.lambda);
        order.verify(f.emr).terminateJobFlows(TerminateJobFlowsRequest.builder().jobFlowIds("j-RUN").build());
        order.verify(f.lambda).invoke(org.mockito.ArgumentMatchers.<InvokeRequest>argThat(r -> r.functionName().equals("ledger")));
        JsonObject close = f.calls("ledger").get(0);
        assertEquals("close", close.getString("action", null));
        assertEquals("TIMED_OUT", close.getString("status", null));
        assertEquals(arn("2026-11-21-daily"), close.getString("executionArn", null));
        assertEquals("States.Timeout", close.getString("error", null));
        assertEquals(List.of("j-RUN"), List.of(f.calls("alarms").get(0).getString("clusterId", null)));
        ArgumentCaptor<PublishRequest> alert = ArgumentCaptor.forClass(PublishRequest.class);
        verify(f.sns, times(1)).publish(alert.capture());
        assertEquals(Fixture.TOPIC, alert.getValue().topicArn());
        assertTrue(alert.getValue().message().contains("terminated cluster j-RUN"), alert.getValue().message());
        assertTrue(alert.getValue().message().contains("released the lease"), alert.getValue().message());
        assertEquals(1, f.calls("slack").size());
        JsonObject slack = f.calls("slack").get(0);
        assertEquals("TIMED_OUT", slack.getString("kind", null));
        assertEquals("", slack.getString("cause", null), "the empty cause travels as it is; the notifier explains it");
        assertTrue(slack.getString("cleanup", "").contains("j-RUN"));
    }

    @Test
    void afterTheStateMachinesOwnCleanFailureItFindsNothingAndStaysQuiet() {
        Fixture f = new Fixture()
                .execution("e1", ExecutionStatus.FAILED, "{}", "States.TaskFailed", "{\"Step\":{}}")
                .cluster("j-DONE", "TERMINATED", Fixture.STACK, "e1", "e1")
                .answer("alarms", alarmsDeleted())
                .answer("ledger", closed("FAILED", false, false));

        JanitorReport report = f.handler().handleRequest(executionEvent("e1", "FAILED"), null);

        assertNull(report.runs().get(0).told());
        verify(f.emr, never()).terminateJobFlows(any(TerminateJobFlowsRequest.class));
        verifyNoInteractions(f.sns);
        assertTrue(f.calls("slack").isEmpty());
        assertTrue(report.actions().get(report.actions().size() - 1).contains("nobody told again"), report.actions().toString());
    }

    @Test
    void whenTheDefinitionsTerminateFailedItTerminatesReleasesTheLeaseAndSaysItCleanedUp() {
        Fixture f = new Fixture()
                .execution("e1", ExecutionStatus.FAILED, "{\"runId\":\"manual-7\"}", "States.TaskFailed", "boom")
                .cluster("j-LEFT", "WAITING", Fixture.STACK, "manual-7", "e1")
                .answer("alarms", alarmsDeleted())
                .answer("ledger", closed("FAILED", false, true)); // the definition closed FAILED and kept the lease

        JanitorReport report = f.handler().handleRequest(executionEvent("e1", "FAILED"), null);

        assertEquals("manual-7", f.calls("ledger").get(0).getString("runId", null), "the run id from the input");
        assertEquals("CLEANED_UP", report.runs().get(0).told());
        verify(f.emr).terminateJobFlows(TerminateJobFlowsRequest.builder().jobFlowIds("j-LEFT").build());
        verify(f.sns, times(1)).publish(any(PublishRequest.class));
        assertEquals("CLEANED_UP", f.calls("slack").get(0).getString("kind", null));
    }

    @Test
    void anEventDeliveredTwiceActsOnce() {
        Fixture f = new Fixture()
                .execution("e1", ExecutionStatus.ABORTED, "{}", null, null)
                .cluster("j-RUN", "RUNNING", Fixture.STACK, "e1", "e1")
                .answer("alarms", alarmsDeleted("p-j-RUN-IsIdle"), alarmsDeleted())
                .answer("ledger", closed("ABORTED", true, true), closed("ABORTED", false, false));
        RunJanitorHandler handler = f.handler();

        JanitorReport first = handler.handleRequest(executionEvent("e1", "ABORTED"), null);
        f.cluster("j-RUN", "TERMINATING", Fixture.STACK, "e1", "e1"); // what TerminateJobFlows did
        JanitorReport second = handler.handleRequest(executionEvent("e1", "ABORTED"), null);

        assertEquals("ABORTED", first.runs().get(0).told());
        assertNull(second.runs().get(0).told());
        assertEquals(List.of(), second.runs().get(0).clustersTerminated());
        verify(f.emr, times(1)).terminateJobFlows(any(TerminateJobFlowsRequest.class));
        verify(f.sns, times(1)).publish(any(PublishRequest.class));
        assertEquals(1, f.calls("slack").size());
    }

    @Test
    void clustersAreLookedForSinceTheExecutionStartedWhateverTheirState() {
        Fixture f = new Fixture().execution("e1", ExecutionStatus.FAILED, "{}", null, null)
                .answer("ledger", closed(null, false, false));

        f.handler().handleRequest(executionEvent("e1", "FAILED"), null);

        ArgumentCaptor<ListClustersRequest> list = ArgumentCaptor.forClass(ListClustersRequest.class);
        verify(f.emr).listClusters(list.capture());
        assertEquals(Fixture.NOW.minusSeconds(3600).minus(RunJanitor.BEFORE_START), list.getValue().createdAfter());
        assertTrue(list.getValue().clusterStates().size() >= 7, list.getValue().clusterStates().toString());
    }

    @Test
    void anExecutionOfAnotherStateMachineIsLeftAlone() {
        Fixture f = new Fixture();
        Map<String, Object> event = executionEvent("x", "FAILED");
        @SuppressWarnings("unchecked") Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        detail.put("executionArn", "arn:aws:states:eu-west-1:123456789012:execution:other:x");

        JanitorReport report = f.handler().handleRequest(event, null);

        assertTrue(report.runs().isEmpty());
        verifyNoInteractions(f.sfn, f.emr, f.sns, f.lambda);
    }

    @Test
    void aRunIdTheLedgerRefusesHasNoAttemptToClose() {
        Fixture f = new Fixture().execution("e1", ExecutionStatus.FAILED, "{\"runId\":\"no spaces allowed\"}",
                "emrpipeline.InvalidExecutionInput", "runId: ...");
        f.answers.put("ledger", new java.util.ArrayList<>(List.of()));
        org.mockito.Mockito.when(f.lambda.invoke(any(InvokeRequest.class))).thenAnswer(i -> {
            InvokeRequest r = i.getArgument(0);
            if (r.functionName().equals("ledger")) {
                return software.amazon.awssdk.services.lambda.model.InvokeResponse.builder().statusCode(200)
                        .functionError("Unhandled").payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String(
                                "{\"errorType\":\"emrpipeline.ledger.InvalidLedgerRequestException\",\"errorMessage\":\"runId: must be ...\"}")).build();
            }
            return software.amazon.awssdk.services.lambda.model.InvokeResponse.builder().statusCode(200)
                    .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{}")).build();
        });

        JanitorReport report = f.handler().handleRequest(executionEvent("e1", "FAILED"), null);

        assertNull(report.runs().get(0).told());
        verifyNoInteractions(f.sns);
    }

    @Test
    void anotherLedgerErrorFailsTheInvocationSoThatEventBridgeRetriesIt() {
        Fixture f = new Fixture().execution("e1", ExecutionStatus.FAILED, "{}", null, null);
        org.mockito.Mockito.when(f.lambda.invoke(any(InvokeRequest.class))).thenReturn(
                software.amazon.awssdk.services.lambda.model.InvokeResponse.builder().statusCode(200).functionError("Unhandled")
                        .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String(
                                "{\"errorType\":\"software.amazon.awssdk.services.dynamodb.model.DynamoDbException\",\"errorMessage\":\"throttled\"}")).build());

        PipelineFunctionException e = assertThrows(PipelineFunctionException.class,
                () -> f.handler().handleRequest(executionEvent("e1", "FAILED"), null));
        assertTrue(e.getMessage().contains("throttled"));
        verifyNoInteractions(f.sns);
    }

    // ------------------------------------------------------------------ EMR cluster state change

    static Map<String, Object> clusterEvent(String clusterId, String name, String reason) {
        return Map.of("detail-type", "EMR Cluster State Change", "source", "aws.emr", "detail",
                Map.of("severity", "CRITICAL", "stateChangeReason", reason, "name", name, "clusterId", clusterId,
                        "state", "TERMINATED_WITH_ERRORS", "message", "Amazon EMR Cluster " + clusterId + " has terminated with errors"));
    }

    @Test
    void aPipelineClusterThatEndedWithErrorsIsReportedWithItsReason() {
        Fixture f = new Fixture().cluster("j-SPOT", "TERMINATED_WITH_ERRORS", Fixture.STACK, "2026-11-21-daily", "2026-11-21-daily")
                .answer("alarms", alarmsDeleted("p-j-SPOT-IsIdle"));

        JanitorReport report = f.handler().handleRequest(clusterEvent("j-SPOT", "emr-pipeline-2026-11-21-daily",
                "{\"code\":\"INSTANCE_FAILURE\",\"message\":\"Spot instances were reclaimed\"}"), null);

        assertEquals("CLUSTER_FAILED", report.runs().get(0).told());
        ArgumentCaptor<PublishRequest> alert = ArgumentCaptor.forClass(PublishRequest.class);
        verify(f.sns).publish(alert.capture());
        assertTrue(alert.getValue().message().contains("INSTANCE_FAILURE: Spot instances were reclaimed"), alert.getValue().message());
        JsonObject slack = f.calls("slack").get(0);
        assertEquals("CLUSTER_FAILED", slack.getString("kind", null));
        assertEquals("j-SPOT", slack.getString("clusterId", null));
        assertEquals(arn("2026-11-21-daily"), slack.getString("executionArn", null));
        assertEquals("INSTANCE_FAILURE: Spot instances were reclaimed", slack.getString("cause", null));
    }

    @Test
    void someoneElsesClusterIsLeftAlone() {
        Fixture f = new Fixture().cluster("j-X", "TERMINATED_WITH_ERRORS", "other-stack", "r", "e");

        f.handler().handleRequest(clusterEvent("j-X", "other-stack-r", "{\"code\":\"BOOTSTRAP_FAILURE\"}"), null);
        f.handler().handleRequest(clusterEvent("j-X", "emr-pipeline-lookalike", "{\"code\":\"BOOTSTRAP_FAILURE\"}"), null);

        verifyNoInteractions(f.sns, f.lambda);
    }

    // ------------------------------------------------------------------ sweep

    @Test
    void theSweepCleansClustersWhoseExecutionEndedOrIsGoneAndLeavesRunningOnesAlone() {
        Fixture f = new Fixture()
                .execution("live", ExecutionStatus.RUNNING, "{}", null, null)
                .execution("lost", ExecutionStatus.ABORTED, "{}", null, null)
                .cluster("j-LIVE", "RUNNING", Fixture.STACK, "live", "live")
                .cluster("j-LOST", "WAITING", Fixture.STACK, "lost", "lost")
                .cluster("j-ORPHAN", "WAITING", Fixture.STACK, "old", "expired-history")
                .answer("alarms", alarmsDeleted())
                .answer("ledger", closed("ABORTED", true, true));
        org.mockito.Mockito.when(f.sfn.describeExecution(DescribeExecutionRequest.builder().executionArn(arn("expired-history")).build()))
                .thenThrow(ExecutionDoesNotExistException.builder().message("Execution Does Not Exist").build());

        JanitorReport report = f.handler().handleRequest(Map.of("action", "sweep"), null);

        ArgumentCaptor<TerminateJobFlowsRequest> terminated = ArgumentCaptor.forClass(TerminateJobFlowsRequest.class);
        verify(f.emr, times(2)).terminateJobFlows(terminated.capture());
        assertEquals(List.of(List.of("j-LOST"), List.of("j-ORPHAN")),
                terminated.getAllValues().stream().map(TerminateJobFlowsRequest::jobFlowIds).toList());
        assertEquals(List.of("ABORTED", "CLEANED_UP"), report.runs().stream().map(JanitorReport.RunCleanup::told).toList());
        ArgumentCaptor<ListClustersRequest> list = ArgumentCaptor.forClass(ListClustersRequest.class);
        verify(f.emr, times(2)).listClusters(list.capture()); // the sweep's, then the lost execution's own clusters
        assertEquals(PipelineClusters.ALIVE, list.getAllValues().get(0).clusterStates());
        assertEquals(Fixture.NOW.minus(java.time.Duration.ofDays(30)), list.getAllValues().get(0).createdAfter());
    }

    @Test
    void theSweepWithOnlyRunningExecutionsDoesNothing() {
        Fixture f = new Fixture().execution("live", ExecutionStatus.RUNNING, "{}", null, null)
                .cluster("j-LIVE", "RUNNING", Fixture.STACK, "live", "live");

        JanitorReport report = f.handler().handleRequest(Map.of("action", "sweep"), null);

        assertTrue(report.runs().isEmpty());
        verify(f.emr, never()).terminateJobFlows(any(TerminateJobFlowsRequest.class));
        verifyNoInteractions(f.sns, f.lambda);
    }

    // ------------------------------------------------------------------ bad events and configuration

    @Test
    void badEventsAndConfigurationAreRefusedBeforeAnyCall() {
        Fixture f = new Fixture();
        assertTrue(assertThrows(InvalidJanitorEventException.class, () -> f.handler().handleRequest(Map.of(), null))
                .getMessage().contains("empty"));
        assertEquals("action: the janitor's one action is \"sweep\", got Sweep", assertThrows(InvalidJanitorEventException.class,
                () -> f.handler().handleRequest(Map.of("action", "Sweep"), null)).getMessage());
        assertTrue(assertThrows(InvalidJanitorEventException.class,
                () -> f.handler().handleRequest(executionEvent("e1", "SUCCEEDED"), null)).getMessage().startsWith("detail.status:"));
        assertTrue(assertThrows(InvalidJanitorEventException.class,
                () -> f.handler().handleRequest(Map.of("detail-type", "Scheduled Event", "source", "aws.events", "detail", Map.of()), null))
                .getMessage().startsWith("detail-type:"));
        Map<String, String> env = new java.util.HashMap<>(Fixture.environment());
        env.remove("ALERT_TOPIC_ARN");
        RunJanitorHandler broken = new RunJanitorHandler(f.emr, f.sfn, f.sns, f.lambda, env, java.time.Clock.systemUTC());
        assertTrue(assertThrows(JanitorConfigurationException.class,
                () -> broken.handleRequest(executionEvent("e1", "FAILED"), null)).getMessage().startsWith("ALERT_TOPIC_ARN:"));
        verifyNoInteractions(f.sfn, f.emr, f.sns, f.lambda);
    }

    @Test
    void theRunIdIsTheInputsWhenItNamesOne() {
        assertEquals("r1", RunJanitor.runIdOf("{\"runId\":\"r1\"}", "e"));
        assertEquals("e", RunJanitor.runIdOf("{\"runId\":7}", "e"));
        assertEquals("e", RunJanitor.runIdOf("not json", "e"));
        assertEquals("e", RunJanitor.runIdOf(null, "e"));
        assertFalse(new JanitorSettings("s", Fixture.STATE_MACHINE, "t", "l", "a", "n", java.time.Duration.ofDays(1))
                .ownsExecution(Fixture.STATE_MACHINE.replace("stateMachine", "execution") + "-other:x"));
    }
}
