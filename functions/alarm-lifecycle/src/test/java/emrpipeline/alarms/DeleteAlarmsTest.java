package emrpipeline.alarms;

import static emrpipeline.alarms.TestEnvironment.CLUSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;

class DeleteAlarmsTest {

    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private final ClusterAlarms alarms = new ClusterAlarms(cloudWatch.client, TestEnvironment.settings());

    private List<DeleteAlarmsRequest> deleteCalls(int expected) {
        ArgumentCaptor<DeleteAlarmsRequest> requests = ArgumentCaptor.forClass(DeleteAlarmsRequest.class);
        verify(cloudWatch.client, times(expected)).deleteAlarms(requests.capture());
        return requests.getAllValues();
    }

    /** The API's limits, on the requests sent: DeleteAlarms takes up to 100 names, DescribeAlarms MaxRecords 1..100. */
    @Test
    void deletingByClusterFindsEveryAlarmOfTheClusterAcrossPagesInBatchesOfAHundred() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            String name = String.format("emr-pipeline-%s-Metric%03d", CLUSTER, i);
            cloudWatch.existing(name);
            expected.add(name);
        }
        cloudWatch.existing("emr-pipeline-j-2AXXXXXXGAPLFZ-IsIdle");   // another cluster, same leading characters
        cloudWatch.existing("emr-pipeline-j-OTHER-IsIdle");
        cloudWatch.existing("someone-else-" + CLUSTER + "-IsIdle");

        AlarmDeletion deletion = alarms.deleteForCluster(CLUSTER);

        assertEquals(expected, deletion.deleted());
        assertEquals(List.of(), deletion.alreadyGone());
        ArgumentCaptor<DescribeAlarmsRequest> describes = ArgumentCaptor.forClass(DescribeAlarmsRequest.class);
        verify(cloudWatch.client, times(3)).describeAlarms(describes.capture());
        for (DescribeAlarmsRequest describe : describes.getAllValues()) {
            assertEquals("emr-pipeline-j-2AXXXXXXGAPLF-", describe.alarmNamePrefix());
            assertEquals(List.of(AlarmType.METRIC_ALARM), describe.alarmTypes());
            assertEquals(100, describe.maxRecords());
        }
        assertEquals(Arrays.asList(null, "100", "200"), describes.getAllValues().stream().map(DescribeAlarmsRequest::nextToken).toList());
        List<DeleteAlarmsRequest> deletes = deleteCalls(3);
        assertEquals(List.of(100, 100, 30), deletes.stream().map(r -> r.alarmNames().size()).toList());
        assertEquals(expected, deletes.stream().flatMap(r -> r.alarmNames().stream()).toList());
        assertEquals(List.of("emr-pipeline-j-2AXXXXXXGAPLFZ-IsIdle", "emr-pipeline-j-OTHER-IsIdle", "someone-else-" + CLUSTER + "-IsIdle"),
                List.copyOf(cloudWatch.alarms.keySet()));
    }

    @Test
    void deletingByClusterWhenCreateNeverRanSucceedsWithoutADeleteCall() {
        AlarmDeletion deletion = alarms.deleteForCluster(CLUSTER);

        assertEquals(List.of(), deletion.deleted());
        assertEquals(List.of(), deletion.alreadyGone());
        verify(cloudWatch.client, never()).deleteAlarms(any(DeleteAlarmsRequest.class));
    }

    @Test
    void deletingByNamesReportsTheOnesAlreadyGone() {
        cloudWatch.existing("emr-pipeline-j-A-IsIdle");
        cloudWatch.existing("emr-pipeline-j-A-AppsFailed");

        AlarmDeletion deletion = alarms.deleteNamed(List.of("emr-pipeline-j-A-IsIdle", "emr-pipeline-j-A-HDFSUtilization",
                "emr-pipeline-j-A-AppsFailed"));

        assertEquals(List.of("emr-pipeline-j-A-IsIdle", "emr-pipeline-j-A-AppsFailed"), deletion.deleted());
        assertEquals(List.of("emr-pipeline-j-A-HDFSUtilization"), deletion.alreadyGone());
        assertEquals(List.of(List.of("emr-pipeline-j-A-IsIdle", "emr-pipeline-j-A-AppsFailed")),
                deleteCalls(1).stream().map(DeleteAlarmsRequest::alarmNames).toList());
        assertTrue(cloudWatch.alarms.isEmpty());
    }

    @Test
    void deletingNamesThatAreAllGoneMakesNoDeleteCall() {
        AlarmDeletion deletion = alarms.deleteNamed(List.of("emr-pipeline-j-A-IsIdle"));

        assertEquals(List.of(), deletion.deleted());
        assertEquals(List.of("emr-pipeline-j-A-IsIdle"), deletion.alreadyGone());
        verify(cloudWatch.client, never()).deleteAlarms(any(DeleteAlarmsRequest.class));
    }

    @Test
    void deletingMoreNamesThanOneBatchHoldsDescribesAndDeletesInBatches() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String name = String.format("emr-pipeline-j-A-Metric%03d", i);
            names.add(name);
            if (i % 5 != 0) {
                cloudWatch.existing(name);
            }
        }

        AlarmDeletion deletion = alarms.deleteNamed(names);

        assertEquals(200, deletion.deleted().size());
        assertEquals(50, deletion.alreadyGone().size());
        ArgumentCaptor<DescribeAlarmsRequest> describes = ArgumentCaptor.forClass(DescribeAlarmsRequest.class);
        verify(cloudWatch.client, times(3)).describeAlarms(describes.capture());
        assertEquals(List.of(100, 100, 50), describes.getAllValues().stream().map(r -> r.alarmNames().size()).toList());
        assertEquals(List.of(80, 80, 40), deleteCalls(3).stream().map(r -> r.alarmNames().size()).toList());
        assertTrue(cloudWatch.alarms.isEmpty());
    }

    @Test
    void anAlarmThatVanishesBetweenDescribeAndDeleteIsNotAnError() {
        // DeleteAlarms documents that "the alarms you specify with correct names are still deleted"; the fake then
        // answers ResourceNotFound, as a stricter service might.
        cloudWatch.existing("emr-pipeline-j-A-IsIdle");
        cloudWatch.existing("emr-pipeline-j-A-AppsFailed");
        cloudWatch.deleteFailsOnMissingNames = true;
        List<String> listed = alarms.listNames("emr-pipeline-j-A-");
        cloudWatch.alarms.remove("emr-pipeline-j-A-AppsFailed");   // the sweep or an operator got there first

        List<String> deleted = alarms.deleteExisting(listed);

        assertEquals(List.of("emr-pipeline-j-A-AppsFailed", "emr-pipeline-j-A-IsIdle"), deleted);
        assertTrue(cloudWatch.alarms.isEmpty());
    }

    @Test
    void whenResourceNotFoundLeavesAlarmsBehindTheyAreDeletedInASecondCall() {
        cloudWatch.existing("emr-pipeline-j-A-IsIdle");
        AtomicInteger calls = new AtomicInteger();
        when(cloudWatch.client.deleteAlarms(any(DeleteAlarmsRequest.class))).thenAnswer(invocation -> {
            if (calls.incrementAndGet() == 1) {
                throw ResourceNotFoundException.builder().message("not found").build();   // and deleted nothing
            }
            DeleteAlarmsRequest request = invocation.getArgument(0);
            request.alarmNames().forEach(cloudWatch.alarms::remove);
            return DeleteAlarmsResponse.builder().build();
        });

        List<String> deleted = alarms.deleteExisting(List.of("emr-pipeline-j-A-IsIdle"));

        assertEquals(List.of("emr-pipeline-j-A-IsIdle"), deleted);
        assertEquals(2, calls.get());
        assertTrue(cloudWatch.alarms.isEmpty());
    }
}
