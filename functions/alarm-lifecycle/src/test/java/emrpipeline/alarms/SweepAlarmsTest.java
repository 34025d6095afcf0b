package emrpipeline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

class SweepAlarmsTest {

    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private final EmrClient emr = mock(EmrClient.class);
    private final Map<String, Object> clusters = new HashMap<>();   // cluster id -> ClusterState or exception

    SweepAlarmsTest() {
        when(emr.describeCluster(any(DescribeClusterRequest.class))).thenAnswer(invocation -> {
            String id = invocation.<DescribeClusterRequest>getArgument(0).clusterId();
            Object answer = clusters.get(id);
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            if (answer == null) {
                // What EMR answers for an id it never had or no longer keeps (about two months after termination).
                throw InvalidRequestException.builder().statusCode(400).message("Cluster id '" + id + "' is not valid.")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidRequestException")
                                .errorMessage("Cluster id '" + id + "' is not valid.").build())
                        .build();
            }
            return DescribeClusterResponse.builder().cluster(Cluster.builder().id(id)
                    .status(ClusterStatus.builder().state((ClusterState) answer).build()).build()).build();
        });
    }

    private AlarmSweep sweep() {
        AlarmSettings settings = TestEnvironment.settings();
        return new AlarmSweeper(new ClusterAlarms(cloudWatch.client, settings), emr, settings).sweep();
    }

    private void alarmsOf(String clusterId) {
        for (ClusterMetric metric : ClusterMetric.values()) {
            cloudWatch.existing("emr-pipeline-" + clusterId + "-" + metric.metricName());
        }
    }

    @Test
    void keepsTheAlarmsOfLiveClustersAndDeletesThoseOfTerminatedAndUnknownOnes() {
        alarmsOf("j-RUNNING1");
        alarmsOf("j-WAITING1");
        alarmsOf("j-STARTING1");
        alarmsOf("j-BOOT1");
        alarmsOf("j-TERMINATED1");
        alarmsOf("j-FAILED1");
        alarmsOf("j-TERMINATING1");
        alarmsOf("j-EXPIRED1");
        cloudWatch.existing("emr-pipeline-manual-test-alarm");          // under the prefix, not in the naming scheme
        cloudWatch.existing("other-team-j-TERMINATED1-IsIdle");         // not under the prefix: never looked at
        clusters.put("j-RUNNING1", ClusterState.RUNNING);
        clusters.put("j-WAITING1", ClusterState.WAITING);
        clusters.put("j-STARTING1", ClusterState.STARTING);
        clusters.put("j-BOOT1", ClusterState.BOOTSTRAPPING);
        clusters.put("j-TERMINATED1", ClusterState.TERMINATED);
        clusters.put("j-FAILED1", ClusterState.TERMINATED_WITH_ERRORS);
        clusters.put("j-TERMINATING1", ClusterState.TERMINATING);

        AlarmSweep sweep = sweep();

        assertEquals(33, sweep.examined());
        assertEquals(8, sweep.clustersChecked());
        assertEquals(clusterNames("j-EXPIRED1", "j-FAILED1", "j-TERMINATED1", "j-TERMINATING1"), new TreeSet<>(sweep.deleted()));
        assertEquals(clusterNames("j-BOOT1", "j-RUNNING1", "j-STARTING1", "j-WAITING1"), new TreeSet<>(sweep.kept()));
        assertEquals(List.of("emr-pipeline-manual-test-alarm"), sweep.unrecognized());
        ArgumentCaptor<DescribeClusterRequest> described = ArgumentCaptor.forClass(DescribeClusterRequest.class);
        verify(emr, times(8)).describeCluster(described.capture());
        assertEquals(8, described.getAllValues().stream().map(DescribeClusterRequest::clusterId).distinct().count(),
                "one DescribeCluster per distinct cluster id");
        Set<String> remaining = new TreeSet<>(clusterNames("j-BOOT1", "j-RUNNING1", "j-STARTING1", "j-WAITING1"));
        remaining.add("emr-pipeline-manual-test-alarm");
        remaining.add("other-team-j-TERMINATED1-IsIdle");
        assertEquals(remaining, cloudWatch.alarms.keySet());
    }

    @ParameterizedTest
    @EnumSource(value = ClusterState.class, names = {"STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "UNKNOWN_TO_SDK_VERSION"})
    void aliveStatesAndStatesThisSdkDoesNotKnowKeepTheAlarms(ClusterState state) {
        alarmsOf("j-A1");
        clusters.put("j-A1", state);

        AlarmSweep sweep = sweep();

        assertEquals(List.of(), sweep.deleted());
        assertEquals(4, sweep.kept().size());
        verify(cloudWatch.client, never()).deleteAlarms(any(DeleteAlarmsRequest.class));
    }

    @ParameterizedTest
    @EnumSource(value = ClusterState.class, names = {"TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS"})
    void endingAndEndedStatesDeleteTheAlarms(ClusterState state) {
        alarmsOf("j-A1");
        clusters.put("j-A1", state);

        assertEquals(4, sweep().deleted().size());
        assertTrue(cloudWatch.alarms.isEmpty());
    }

    @Test
    void manyOrphansAreDeletedInBatchesOfAHundred() {
        for (int i = 0; i < 60; i++) {
            alarmsOf(String.format("j-GONE%02d", i));       // 240 alarms of 60 unknown clusters
        }

        AlarmSweep sweep = sweep();

        assertEquals(240, sweep.deleted().size());
        assertEquals(60, sweep.clustersChecked());
        ArgumentCaptor<DeleteAlarmsRequest> deletes = ArgumentCaptor.forClass(DeleteAlarmsRequest.class);
        verify(cloudWatch.client, times(3)).deleteAlarms(deletes.capture());
        assertEquals(List.of(100, 100, 40), deletes.getAllValues().stream().map(r -> r.alarmNames().size()).toList());
    }

    @Test
    void nothingUnderThePrefixIsANoOp() {
        AlarmSweep sweep = sweep();

        assertEquals(new AlarmSweep(0, 0, List.of(), List.of(), List.of()), sweep);
        verify(emr, never()).describeCluster(any(DescribeClusterRequest.class));
        verify(cloudWatch.client, never()).deleteAlarms(any(DeleteAlarmsRequest.class));
    }

    @Test
    void aClusterWhoseStateCannotBeReadKeepsItsAlarmsAndFailsTheSweepAfterTheOthersAreDone() {
        alarmsOf("j-DENIED1");
        alarmsOf("j-TERMINATED1");
        EmrException denied = (EmrException) EmrException.builder().statusCode(400).message("not authorized")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("not authorized").build())
                .build();
        clusters.put("j-DENIED1", denied);
        clusters.put("j-TERMINATED1", ClusterState.TERMINATED);

        AlarmSweepIncompleteException error = assertThrows(AlarmSweepIncompleteException.class, this::sweep);

        assertSame(denied, error.getCause());
        assertTrue(error.getMessage().contains("[j-DENIED1]"), error.getMessage());
        assertEquals(clusterNames("j-DENIED1"), cloudWatch.alarms.keySet(), "the decidable cluster was cleaned up");
    }

    private static Set<String> clusterNames(String... clusterIds) {
        Set<String> names = new TreeSet<>();
        for (String clusterId : clusterIds) {
            for (ClusterMetric metric : ClusterMetric.values()) {
                names.add("emr-pipeline-" + clusterId + "-" + metric.metricName());
            }
        }
        return names;
    }
}
