package emrpipeline.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskCall;
import emrpipeline.local.asl.TaskOutcome;
import emrpipeline.local.asl.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.emr.model.StepState;

/** The in-memory EMR: states over virtual time, the service's checks, and what the Step Functions integration reports. */
class LocalEmrTest {
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private final LocalEmr emr = new LocalEmr("us-east-1", "123456789012", EmrTiming.DEFAULT, new Random(1));
    private final EmrIntegration integration = new EmrIntegration(emr, () -> new UUID(1, 2));

    static ObjectNode request() {
        return (ObjectNode) Json.parse("""
                {"Name":"emr-pipeline-run","ReleaseLabel":"emr-7.12.0","Applications":[{"Name":"Spark"}],
                 "LogUri":"s3://logs/emr-logs/","ServiceRole":"svc","JobFlowRole":"profile","VisibleToAllUsers":true,
                 "AutoTerminationPolicy":{"IdleTimeout":3600},
                 "Instances":{"KeepJobFlowAliveWhenNoSteps":true,"InstanceFleets":[
                   {"Name":"MASTER","InstanceFleetType":"MASTER","TargetOnDemandCapacity":1,"InstanceTypeConfigs":[{"InstanceType":"m6i.xlarge"}]},
                   {"Name":"CORE","InstanceFleetType":"CORE","TargetSpotCapacity":2,"TargetOnDemandCapacity":0,
                    "InstanceTypeConfigs":[{"InstanceType":"m6i.xlarge","WeightedCapacity":1,"EbsConfiguration":{"EbsBlockDeviceConfigs":
                      [{"VolumeSpecification":{"VolumeType":"gp3","SizeInGB":32},"VolumesPerInstance":1}]}}]}]}}
                """);
    }

    static JsonNode step() {
        return Json.parse("{\"Name\":\"job\",\"ActionOnFailure\":\"CONTINUE\",\"HadoopJarStep\":{\"Jar\":\"command-runner.jar\",\"Args\":[\"spark-submit\",\"job.py\"]}}");
    }

    private TaskOutcome task(String api, JsonNode parameters, Instant at) {
        return integration.invoke(new TaskCall("S", "arn:aws:states:::elasticmapreduce:" + api, parameters, 1, at, null,
                null, new VirtualClock(at), Json.object()));
    }

    @Test
    void aClusterWalksItsStatesInVirtualTime() {
        TaskOutcome created = task("createCluster.sync", request(), T0);
        String id = ((TaskOutcome.Success) created).output().path("ClusterId").asText();
        assertTrue(id.matches("j-[A-Z0-9]{13}"), id);
        assertEquals(Duration.ofMinutes(7), created.duration(), "4 min provisioning + 3 min bootstrapping");
        assertEquals("arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/" + id,
                ((TaskOutcome.Success) created).output().path("ClusterArn").asText());
        LocalEmr.Cluster cluster = emr.describe(id, T0);
        assertEquals(ClusterState.STARTING, cluster.stateAt(T0));
        assertEquals(ClusterState.BOOTSTRAPPING, cluster.stateAt(T0.plus(Duration.ofMinutes(5))));
        assertEquals(ClusterState.WAITING, cluster.stateAt(T0.plus(Duration.ofMinutes(7))));

        Instant stepAt = T0.plus(Duration.ofMinutes(8));
        TaskOutcome step = task("addStep.sync", Json.parse("{\"ClusterId\":\"" + id + "\",\"Step\":" + step() + "}"), stepAt);
        assertEquals(Duration.ofSeconds(12 * 60 + 30), step.duration());
        JsonNode described = ((TaskOutcome.Success) step).output().path("Step");
        assertEquals("COMPLETED", described.at("/Status/State").asText());
        assertEquals("[\"spark-submit\",\"job.py\"]", described.at("/Config/Args").toString());
        assertEquals(stepAt.toEpochMilli(), described.at("/Status/Timeline/CreationDateTime").asLong());
        assertEquals(ClusterState.RUNNING, cluster.stateAt(stepAt.plus(Duration.ofMinutes(5))));
        assertEquals(ClusterState.WAITING, cluster.stateAt(stepAt.plus(step.duration())));

        Instant end = stepAt.plus(step.duration());
        TaskOutcome terminated = task("terminateCluster.sync", Json.parse("{\"ClusterId\":\"" + id + "\"}"), end);
        assertEquals(Duration.ofMinutes(2), terminated.duration());
        assertEquals(ClusterState.TERMINATING, cluster.stateAt(end));
        assertEquals(ClusterState.TERMINATED, cluster.stateAt(end.plus(Duration.ofMinutes(2))));
        assertEquals(Duration.ZERO, task("terminateCluster", Json.parse("{\"ClusterId\":\"" + id + "\"}"),
                end.plus(Duration.ofMinutes(3))).duration(), "terminating a terminated cluster is a no-op");
        assertEquals(List.of(), emr.notTerminatedAt(end.plus(Duration.ofMinutes(2))));
    }

    @Test
    void aClusterThatFailsToStartFailsTheTaskWithItsDescription() {
        emr.failClusters(new LocalEmr.ClusterFailure("INSTANCE_FAILURE", "no capacity"));
        TaskOutcome outcome = task("createCluster.sync", request(), T0);

        TaskOutcome.Failure failure = (TaskOutcome.Failure) outcome;
        assertEquals("States.TaskFailed", failure.error());
        JsonNode cause = Json.parse(failure.cause());
        assertEquals("TERMINATED_WITH_ERRORS", cause.at("/Cluster/Status/State").asText());
        assertEquals("no capacity", cause.at("/Cluster/Status/StateChangeReason/Message").asText());
        assertEquals(T0.plus(Duration.ofMinutes(4)).toEpochMilli(), cause.at("/Cluster/Status/Timeline/EndDateTime").asLong());
        assertEquals(Duration.ofMinutes(4), outcome.duration());
        assertEquals(List.of(), emr.notTerminatedAt(T0.plus(Duration.ofMinutes(4))));
    }

    @Test
    void aFailedStepFailsTheTaskAndLeavesTheClusterWaiting() {
        String id = emr.runJobFlow(request(), T0).id();
        emr.failSteps(new LocalEmr.StepFailure("Unknown Error.", "exit code 1"));
        Instant at = T0.plus(Duration.ofMinutes(7));
        TaskOutcome.Failure failure = (TaskOutcome.Failure) task("addStep.sync",
                Json.parse("{\"ClusterId\":\"" + id + "\",\"Step\":" + step() + "}"), at);

        assertEquals("States.TaskFailed", failure.error());
        JsonNode cause = Json.parse(failure.cause());
        assertEquals("FAILED", cause.at("/Step/Status/State").asText());
        assertEquals("Unknown Error.", cause.at("/Step/Status/FailureDetails/Reason").asText());
        assertEquals("s3://logs/emr-logs/" + id + "/steps/" + cause.at("/Step/Id").asText() + "/",
                cause.at("/Step/Status/FailureDetails/LogFile").asText());
        assertEquals(ClusterState.WAITING, emr.describe(id, at.plus(failure.duration())).stateAt(at.plus(failure.duration())),
                "ActionOnFailure CONTINUE: the state machine decides");
    }

    @Test
    void terminatingCancelsARunningStep() {
        String id = emr.runJobFlow(request(), T0).id();
        LocalEmr.Step step = emr.addStep(id, step(), T0.plus(Duration.ofMinutes(7)));
        Instant cut = T0.plus(Duration.ofMinutes(10));
        emr.terminate(id, cut);
        assertEquals(StepState.CANCELLED, step.stateAt(cut));
        assertEquals(ClusterState.TERMINATING, emr.describe(id, cut).stateAt(cut));
    }

    @Test
    void anIdleClusterEndsItselfAfterItsAutoTerminationTimeout() {
        String id = emr.runJobFlow(request(), T0).id();
        Instant ready = T0.plus(Duration.ofMinutes(7));
        assertEquals(1, emr.notTerminatedAt(ready.plus(Duration.ofMinutes(59))).size());
        assertEquals(List.of(), emr.notTerminatedAt(ready.plus(Duration.ofMinutes(62))), "idle 3600 s, then 2 min to terminate");
        LocalEmr.Transition<ClusterState> last = emr.describe(id, ready.plus(Duration.ofHours(2))).last();
        assertEquals(ClusterState.TERMINATED, last.state());
        assertTrue(last.message().contains("auto-termination"), last.message());
    }

    @Test
    void requestsAreCheckedAgainstTheSdkModelAndTheServiceRules() {
        ObjectNode bad = request();
        bad.put("ReleaseLable", "emr-7.12.0");
        ((ObjectNode) bad.get("Instances")).put("KeepJobFlowAliveWhenNoSteps", false);
        ((ObjectNode) bad.at("/Instances/InstanceFleets/1/InstanceTypeConfigs/0/EbsConfiguration/EbsBlockDeviceConfigs/0/VolumeSpecification"))
                .put("SizeInGB", 0);
        TaskOutcome.Failure failure = (TaskOutcome.Failure) task("createCluster.sync", bad, T0);

        assertEquals(EmrIntegration.API_ERROR, failure.error());
        assertTrue(failure.cause().contains("has no member ReleaseLable"), failure.cause());
        assertTrue(failure.cause().contains("KeepJobFlowAliveWhenNoSteps: createCluster requires true"), failure.cause());
        assertTrue(failure.cause().contains("SizeInGB: an integer 1..16384, got 0"), failure.cause());
        assertTrue(failure.cause().endsWith("(Service: AmazonElasticMapReduce; Status Code: 400; Error Code: ValidationException;"
                + " Request ID: 00000000-0000-0001-0000-000000000002; Proxy: null)"), failure.cause());
        assertEquals(List.of(), emr.clusters(), "nothing created");
    }

    @Test
    void unknownClustersAreInvalidRequestsForTheStateMachineAndTheSdkClient() {
        TaskOutcome.Failure failure = (TaskOutcome.Failure) task("terminateCluster.sync", Json.parse("{\"ClusterId\":\"j-NOPE\"}"), T0);
        assertEquals(EmrIntegration.API_ERROR, failure.error());
        assertTrue(failure.cause().startsWith("Cluster id 'j-NOPE' is not valid."), failure.cause());

        LocalEmrClient client = new LocalEmrClient(emr, () -> T0);
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> client.describeCluster(DescribeClusterRequest.builder().clusterId("j-NOPE").build()));
        assertEquals("InvalidRequestException", e.awsErrorDetails().errorCode());
    }

    @Test
    void theSdkClientSeesTheClusterAsItIsAtTheVirtualInstant() {
        String id = emr.runJobFlow(request(), T0).id();
        Instant[] now = {T0.plus(Duration.ofMinutes(1))};
        LocalEmrClient client = new LocalEmrClient(emr, () -> now[0]);
        assertEquals(ClusterState.STARTING, client.describeCluster(b -> b.clusterId(id)).cluster().status().state());
        now[0] = T0.plus(Duration.ofMinutes(8));
        var cluster = client.describeCluster(b -> b.clusterId(id)).cluster();
        assertEquals(ClusterState.WAITING, cluster.status().state());
        assertEquals(T0.plus(Duration.ofMinutes(7)), cluster.status().timeline().readyDateTime());
        assertNull(cluster.status().timeline().endDateTime());
    }

    @Test
    void unsupportedApisAreRefusedByName() {
        TaskOutcome.Failure failure = (TaskOutcome.Failure) task("setClusterTerminationProtection", Json.object(), T0);
        assertEquals("States.Runtime", failure.error());
    }
}
