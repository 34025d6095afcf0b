package emrpipeline.alarms;

import static emrpipeline.alarms.TestEnvironment.CLUSTER;
import static emrpipeline.alarms.TestEnvironment.RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

class RequestValidationTest {

    private final CloudWatchClient cloudWatch = mock(CloudWatchClient.class);
    private final EmrClient emr = mock(EmrClient.class);
    private final AlarmLifecycleHandler handler = new AlarmLifecycleHandler(cloudWatch, emr, TestEnvironment.defaults());

    private static AlarmLifecycleRequest request(String action, String clusterId, String runId, List<String> alarmNames) {
        AlarmLifecycleRequest request = new AlarmLifecycleRequest();
        request.setAction(action);
        request.setClusterId(clusterId);
        request.setRunId(runId);
        request.setAlarmNames(alarmNames);
        return request;
    }

    /** Asserts the exact message and that nothing was called. */
    private void assertRejected(AlarmLifecycleRequest request, String message) {
        InvalidAlarmRequestException error = assertThrows(InvalidAlarmRequestException.class,
                () -> handler.handleRequest(request, null));
        assertEquals(message, error.getMessage());
        verifyNoInteractions(cloudWatch, emr);
    }

    @Test
    void actionIsRequiredAndKnown() {
        assertRejected(null, "the request is empty: expected {\"action\": \"create\"|\"delete\"|\"sweep\", ...}");
        assertRejected(request(null, CLUSTER, RUN, null), "action is required: create, delete or sweep");
        assertRejected(request("Create", CLUSTER, RUN, null), "action must be create, delete or sweep, got 'Create'");
        assertRejected(request("terminate", CLUSTER, RUN, null), "action must be create, delete or sweep, got 'terminate'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"J-2AXXXXXXGAPLF", "j-2axxxxxxgaplf", "j-", "2AXXXXXXGAPLF", "j-2AXX XXXX", "j_2AXXXXXXGAPLF",
            "s-2AXXXXXXGAPLF", "j-2AXXXXXXGAPLF ", "arn:aws:elasticmapreduce:eu-west-1:123456789012:cluster/j-2AXXXXXXGAPLF"})
    void aMalformedClusterIdIsRejectedForCreateAndDelete(String clusterId) {
        String message = "clusterId must be an EMR cluster id: 'j-' followed by upper-case letters and digits, got '" + clusterId + "'";
        assertRejected(request("create", clusterId, RUN, null), message);
        assertRejected(request("delete", clusterId, null, null), message);
    }

    @Test
    void createNeedsClusterIdAndAValidRunId() {
        assertRejected(request("create", null, RUN, null), "clusterId is required");
        assertRejected(request("create", CLUSTER, null, null),
                "runId is required for create (it names the run in the alarms' description and tag)");
        assertRejected(request("create", CLUSTER, "  ", null),
                "runId is required for create (it names the run in the alarms' description and tag)");
        assertRejected(request("create", CLUSTER, "run#1", null),
                "runId must be 1 to 256 letters, digits, spaces or _ . : / = + - @ (it becomes a tag value), got 'run#1'");
        String longRun = "r".repeat(257);
        assertRejected(request("create", CLUSTER, longRun, null),
                "runId must be 1 to 256 letters, digits, spaces or _ . : / = + - @ (it becomes a tag value), got '" + longRun + "'");
        assertRejected(request("create", CLUSTER, RUN, List.of("emr-pipeline-x")),
                "alarmNames is not accepted by create: the names follow from clusterId");
    }

    @Test
    void deleteTakesClusterIdOrNamesButNotBoth() {
        assertRejected(request("delete", null, null, null), "delete needs clusterId (every alarm of the cluster) or alarmNames");
        assertRejected(request("delete", CLUSTER, null, List.of("emr-pipeline-" + CLUSTER + "-IsIdle")),
                "delete takes clusterId or alarmNames, not both");
        assertRejected(request("delete", null, null, List.of()), "alarmNames must not be empty");
    }

    @Test
    void deleteByNamesAcceptsOnlyThisPipelinesWellFormedNames() {
        assertRejected(request("delete", null, null, List.of("emr-pipeline-j-A-IsIdle", "billing-alarm")),
                "alarmNames[1] 'billing-alarm' is not one of this pipeline's alarms: names start with 'emr-pipeline-'");
        assertRejected(request("delete", null, null, Arrays.asList("emr-pipeline-j-A-IsIdle", null)), "alarmNames[1] is empty");
        assertRejected(request("delete", null, null, List.of("")), "alarmNames[0] is empty");
        assertRejected(request("delete", null, null, List.of("emr-pipeline-" + "x".repeat(243))),
                "alarmNames[0] has 256 characters; CloudWatch alarm names have at most 255");
        assertRejected(request("delete", null, null, List.of("emr-pipeline-j-A\n-IsIdle")),
                "alarmNames[0] contains a control character");
    }

    @Test
    void aClusterIdTooLongForAnyAlarmNameIsRejectedForDelete() {
        String clusterId = "j-" + "A".repeat(240);   // "emr-pipeline-" (13) + 242 + "-" = 256
        assertRejected(request("delete", clusterId, null, null), "clusterId would give the alarm name '"
                + ("emr-pipeline-" + clusterId).substring(0, 40) + "...' of 256 characters; CloudWatch allows at most 255");
    }

    @Test
    void sweepTakesNoTarget() {
        assertRejected(request("sweep", CLUSTER, null, null), "sweep takes no clusterId or alarmNames (use delete for one cluster)");
        assertRejected(request("sweep", null, null, new ArrayList<>(List.of("emr-pipeline-j-A-IsIdle"))),
                "sweep takes no clusterId or alarmNames (use delete for one cluster)");
    }

    @Test
    void duplicateNamesAreDeletedOnce() {
        AlarmCommand command = AlarmCommands.from(request("delete", null, null,
                List.of("emr-pipeline-j-A-IsIdle", "emr-pipeline-j-A-AppsFailed", "emr-pipeline-j-A-IsIdle")), TestEnvironment.settings());
        assertEquals(new AlarmCommand.DeleteNamed(List.of("emr-pipeline-j-A-IsIdle", "emr-pipeline-j-A-AppsFailed")), command);
    }

    @Test
    void theNamingSchemeRoundTrips() {
        AlarmNames names = new AlarmNames("emr-pipeline-");
        assertEquals("emr-pipeline-j-2AXXXXXXGAPLF-HDFSUtilization", names.name(CLUSTER, ClusterMetric.HDFS_UTILIZATION));
        assertEquals("emr-pipeline-j-2AXXXXXXGAPLF-", names.clusterPrefix(CLUSTER));
        assertEquals(java.util.Optional.of(CLUSTER), names.clusterIdOf("emr-pipeline-j-2AXXXXXXGAPLF-HDFSUtilization"));
        assertEquals(java.util.Optional.empty(), names.clusterIdOf("emr-pipeline-manual"));
        assertEquals(java.util.Optional.empty(), names.clusterIdOf("emr-pipeline-j-2AXXXXXXGAPLF"));
        assertEquals(java.util.Optional.empty(), names.clusterIdOf("other-j-2AXXXXXXGAPLF-IsIdle"));
    }
}
