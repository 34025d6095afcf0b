package emrpipeline.alarms;

import static emrpipeline.alarms.TestEnvironment.CLUSTER;
import static emrpipeline.alarms.TestEnvironment.RUN;
import static emrpipeline.alarms.TestEnvironment.TOPIC_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.emr.EmrClient;

class CreateAlarmsTest {

    private static List<PutMetricAlarmRequest> created(FakeCloudWatch cloudWatch, int calls) {
        ArgumentCaptor<PutMetricAlarmRequest> requests = ArgumentCaptor.forClass(PutMetricAlarmRequest.class);
        verify(cloudWatch.client, times(calls)).putMetricAlarm(requests.capture());
        return requests.getAllValues();
    }

    /** Everything a request must say, field by field, so a change to any of them fails here. */
    private static void assertAlarm(PutMetricAlarmRequest request, String metric, Statistic statistic,
                                    ComparisonOperator comparison, double threshold, int periods, String treatMissingData) {
        assertEquals("emr-pipeline-" + CLUSTER + "-" + metric, request.alarmName());
        assertEquals("AWS/ElasticMapReduce", request.namespace());
        assertEquals(metric, request.metricName());
        assertEquals(List.of(Dimension.builder().name("JobFlowId").value(CLUSTER).build()), request.dimensions());
        assertEquals(statistic, request.statistic());
        assertEquals(null, request.extendedStatistic());
        assertEquals(300, request.period());
        assertEquals(periods, request.evaluationPeriods());
        assertEquals(periods, request.datapointsToAlarm());
        assertEquals(comparison, request.comparisonOperator());
        assertEquals(threshold, request.threshold());
        assertEquals(treatMissingData, request.treatMissingData());
        assertEquals(null, request.unit(), "no Unit: a unit mismatch keeps an alarm in INSUFFICIENT_DATA forever");
        assertEquals(true, request.actionsEnabled());
        assertEquals(List.of(TOPIC_ARN), request.alarmActions());
        assertTrue(request.okActions().isEmpty(), "no OK notifications");
        assertTrue(request.insufficientDataActions().isEmpty(), "no INSUFFICIENT_DATA notifications");
        assertEquals(List.of(Tag.builder().key("emr-pipeline:run-id").value(RUN).build(),
                Tag.builder().key("emr-pipeline:cluster-id").value(CLUSTER).build()), request.tags());
        assertTrue(request.alarmDescription().contains("run " + RUN), request.alarmDescription());
        assertTrue(request.alarmDescription().endsWith(
                "Cluster: https://console.aws.amazon.com/emr/home?region=eu-west-1#/clusterDetails/" + CLUSTER),
                request.alarmDescription());
        assertTrue(request.alarmDescription().length() <= 1024);
    }

    @Test
    void createsTheFourDefaultAlarmsWithTheExactRequests() {
        FakeCloudWatch cloudWatch = new FakeCloudWatch();
        List<String> names = new ClusterAlarms(cloudWatch.client, TestEnvironment.settings()).create(CLUSTER, RUN);

        assertEquals(List.of("emr-pipeline-j-2AXXXXXXGAPLF-IsIdle", "emr-pipeline-j-2AXXXXXXGAPLF-AppsFailed",
                "emr-pipeline-j-2AXXXXXXGAPLF-HDFSUtilization", "emr-pipeline-j-2AXXXXXXGAPLF-MRUnhealthyNodes"), names);
        List<PutMetricAlarmRequest> requests = created(cloudWatch, 4);
        // IsIdle: idle at every check (Average of the 0/1 checks >= 1) for 6 x 5 minutes = 30 minutes.
        assertAlarm(requests.get(0), "IsIdle", Statistic.AVERAGE,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1.0, 6, "notBreaching");
        assertAlarm(requests.get(1), "AppsFailed", Statistic.MAXIMUM,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1.0, 1, "ignore");
        assertAlarm(requests.get(2), "HDFSUtilization", Statistic.MAXIMUM,
                ComparisonOperator.GREATER_THAN_THRESHOLD, 80.0, 1, "ignore");
        assertAlarm(requests.get(3), "MRUnhealthyNodes", Statistic.MAXIMUM,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1.0, 1, "ignore");
        assertEquals("emr-pipeline run 2026-11-21-daily, EMR cluster j-2AXXXXXXGAPLF: the cluster is up and billed but "
                + "runs no application or step. IsIdle Average >= 1 for 6 consecutive periods of 300 s. Created by the "
                + "pipeline's AlarmLifecycleFunction, deleted when the run ends. Cluster: "
                + "https://console.aws.amazon.com/emr/home?region=eu-west-1#/clusterDetails/j-2AXXXXXXGAPLF",
                requests.get(0).alarmDescription());
        assertTrue(requests.get(2).alarmDescription().contains("HDFSUtilization Maximum > 80 for 1 period of 300 s."),
                requests.get(2).alarmDescription());
    }

    @Test
    void creatingTwiceGivesTheSameNamesAndTheSameRequests() {
        FakeCloudWatch cloudWatch = new FakeCloudWatch();
        ClusterAlarms alarms = new ClusterAlarms(cloudWatch.client, TestEnvironment.settings());

        List<String> first = alarms.create(CLUSTER, RUN);
        List<String> second = alarms.create(CLUSTER, RUN);

        assertEquals(first, second);
        List<PutMetricAlarmRequest> requests = created(cloudWatch, 8);
        assertEquals(requests.subList(0, 4), requests.subList(4, 8));
        assertEquals(4, cloudWatch.alarms.size(), "PutMetricAlarm overwrote: still one alarm per metric");
    }

    @Test
    void thresholdsPeriodsAndEnabledAlarmsComeFromTheConfiguration() {
        Map<String, String> env = TestEnvironment.defaults();
        env.put("ALARM_IS_IDLE_THRESHOLD", "0.5");
        env.put("ALARM_IS_IDLE_EVALUATION_PERIODS", "12");
        env.put("ALARM_APPS_FAILED_ENABLED", "false");
        env.put("ALARM_HDFS_UTILIZATION_THRESHOLD", "90.5");
        env.put("ALARM_HDFS_UTILIZATION_EVALUATION_PERIODS", "2");
        env.put("ALARM_MR_UNHEALTHY_NODES_ENABLED", "FALSE");
        env.put("ALARM_NAME_PREFIX", "nightly/etl:");
        FakeCloudWatch cloudWatch = new FakeCloudWatch();

        List<String> names = new ClusterAlarms(cloudWatch.client, AlarmSettings.fromEnvironment(env)).create(CLUSTER, RUN);

        assertEquals(List.of("nightly/etl:j-2AXXXXXXGAPLF-IsIdle", "nightly/etl:j-2AXXXXXXGAPLF-HDFSUtilization"), names);
        List<PutMetricAlarmRequest> requests = created(cloudWatch, 2);
        assertEquals(0.5, requests.get(0).threshold());
        assertEquals(12, requests.get(0).evaluationPeriods());
        assertEquals(12, requests.get(0).datapointsToAlarm());
        assertEquals(90.5, requests.get(1).threshold());
        assertEquals(2, requests.get(1).evaluationPeriods());
        assertTrue(requests.get(1).alarmDescription().contains("HDFSUtilization Maximum > 90.5 for 2 consecutive periods"));
    }

    @Test
    void withEveryAlarmDisabledCreateMakesNoCall() {
        Map<String, String> env = TestEnvironment.defaults();
        for (ClusterMetric metric : ClusterMetric.values()) {
            env.put("ALARM_" + metric.environmentStem() + "_ENABLED", "false");
        }
        CloudWatchClient cloudWatch = mock(CloudWatchClient.class);

        assertEquals(List.of(), new ClusterAlarms(cloudWatch, AlarmSettings.fromEnvironment(env)).create(CLUSTER, RUN));
        verifyNoInteractions(cloudWatch);
    }

    @Test
    void consoleLinksFollowThePartition() {
        Map<String, String> env = TestEnvironment.with("AWS_REGION", "cn-north-1");
        env.put("ALARM_TOPIC_ARN", "arn:aws-cn:sns:cn-north-1:123456789012:alerts");
        assertEquals("https://console.amazonaws.cn/emr/home?region=cn-north-1#/clusterDetails/" + CLUSTER,
                new ClusterAlarms(mock(CloudWatchClient.class), AlarmSettings.fromEnvironment(env)).consoleLink(CLUSTER));
        env.put("AWS_REGION", "us-gov-west-1");
        assertEquals("https://console.amazonaws-us-gov.com/emr/home?region=us-gov-west-1#/clusterDetails/" + CLUSTER,
                new ClusterAlarms(mock(CloudWatchClient.class), AlarmSettings.fromEnvironment(env)).consoleLink(CLUSTER));
    }

    @Test
    void aNameOverTheLimitIsRejectedBeforeAnyCall() {
        // prefix 128 + "j-" + 110 + "-" = 241 fits; + "AppsFailed" = 251 fits; + "HDFSUtilization" = 256 does not.
        Map<String, String> env = TestEnvironment.with("ALARM_NAME_PREFIX", "p".repeat(128));
        CloudWatchClient cloudWatch = mock(CloudWatchClient.class);
        EmrClient emr = mock(EmrClient.class);
        AlarmLifecycleRequest request = new AlarmLifecycleRequest();
        request.setAction("create");
        request.setClusterId("j-" + "A".repeat(110));
        request.setRunId(RUN);

        InvalidAlarmRequestException error = assertThrows(InvalidAlarmRequestException.class,
                () -> new AlarmLifecycleHandler(cloudWatch, emr, env).handleRequest(request, null));

        assertTrue(error.getMessage().startsWith("clusterId would give the alarm name"), error.getMessage());
        assertTrue(error.getMessage().contains("256 characters; CloudWatch allows at most 255"), error.getMessage());
        verifyNoInteractions(cloudWatch, emr);
    }

    @Test
    void aPartialFailureLeavesAlarmsThatDeleteByClusterFinds() {
        FakeCloudWatch cloudWatch = new FakeCloudWatch();
        CloudWatchException throttled = (CloudWatchException) CloudWatchException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build()).build();
        AtomicInteger calls = new AtomicInteger();
        when(cloudWatch.client.putMetricAlarm(any(PutMetricAlarmRequest.class))).thenAnswer(invocation -> {
            if (calls.incrementAndGet() == 3) {
                throw throttled;
            }
            PutMetricAlarmRequest request = invocation.getArgument(0);
            cloudWatch.alarms.put(request.alarmName(), request);
            return PutMetricAlarmResponse.builder().build();
        });
        ClusterAlarms alarms = new ClusterAlarms(cloudWatch.client, TestEnvironment.settings());

        assertThrows(CloudWatchException.class, () -> alarms.create(CLUSTER, RUN), "the error reaches the caller");
        AlarmDeletion deletion = alarms.deleteForCluster(CLUSTER);

        assertEquals(List.of("emr-pipeline-j-2AXXXXXXGAPLF-AppsFailed", "emr-pipeline-j-2AXXXXXXGAPLF-IsIdle"), deletion.deleted());
        assertTrue(cloudWatch.alarms.isEmpty());
    }
}
