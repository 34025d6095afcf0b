package emrpipeline.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.alarms.AlarmLifecycleHandler;
import emrpipeline.alarms.AlarmLifecycleRequest;
import emrpipeline.alarms.AlarmLifecycleResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** The in-memory CloudWatch, and the real alarm function (create, delete, sweep) against it and the in-memory EMR. */
class LocalCloudWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private final Instant[] now = {T0};
    private final LocalCloudWatch cloudWatch = new LocalCloudWatch(() -> now[0]);

    private static PutMetricAlarmRequest.Builder alarm(String name) {
        return PutMetricAlarmRequest.builder().alarmName(name).namespace("AWS/ElasticMapReduce").metricName("IsIdle")
                .statistic(Statistic.AVERAGE).period(300).evaluationPeriods(6).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .alarmActions("arn:aws:sns:us-east-1:123456789012:emr-pipeline-alerts");
    }

    @Test
    void describeAlarmsPagesByNameAndDeleteReportsMissingNames() {
        for (int i = 0; i < 120; i++) {
            cloudWatch.putMetricAlarm(alarm(String.format("p-%03d", i)).build());
        }
        cloudWatch.putMetricAlarm(alarm("other").build());
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeAlarmsResponse page = cloudWatch.describeAlarms(b -> b.alarmNamePrefix("p-").maxRecords(100).nextToken(t));
            page.metricAlarms().forEach(a -> names.add(a.alarmName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(120, names.size());
        assertEquals(2, pages);
        assertEquals("p-000", names.get(0));

        assertThrows(ResourceNotFoundException.class, () -> cloudWatch.deleteAlarms(b -> b.alarmNames("p-000", "missing")));
        assertEquals(120, cloudWatch.alarms().size(), "the existing name was deleted anyway");
    }

    @Test
    void theLimitsTheFunctionReliesOnAreEnforced() {
        assertThrows(CloudWatchException.class, () -> cloudWatch.putMetricAlarm(alarm("x".repeat(256)).build()));
        assertThrows(CloudWatchException.class, () -> cloudWatch.putMetricAlarm(alarm("a").evaluationPeriods(289).build()));
        assertThrows(CloudWatchException.class, () -> cloudWatch.putMetricAlarm(alarm("a").datapointsToAlarm(7).build()));
        assertThrows(CloudWatchException.class, () -> cloudWatch.putMetricAlarm(alarm("a").alarmActions("arn:aws:lambda:x").build()));
        assertThrows(CloudWatchException.class, () -> cloudWatch.describeAlarms(b -> b.maxRecords(101)));
        assertThrows(CloudWatchException.class, () -> cloudWatch.describeAlarms(b -> b.alarmNames("a").alarmNamePrefix("a")));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("a" + i);
        }
        assertThrows(CloudWatchException.class, () -> cloudWatch.deleteAlarms(b -> b.alarmNames(many)));
        assertEquals(List.of(), cloudWatch.changes());
    }

    @Test
    void theAlarmFunctionCreatesDeletesAndSweepsAgainstTheStandIns() {
        LocalEmr emr = new LocalEmr("us-east-1", "123456789012", EmrTiming.DEFAULT, new Random(3));
        AlarmLifecycleHandler handler = new AlarmLifecycleHandler(cloudWatch, new LocalEmrClient(emr, () -> now[0]),
                Map.of("ALARM_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:emr-pipeline-alerts", "AWS_REGION", "us-east-1"));
        String alive = emr.runJobFlow(LocalEmrTest.request(), T0).id();
        String gone = emr.runJobFlow(LocalEmrTest.request(), T0).id();
        now[0] = T0.plus(Duration.ofMinutes(8));
        AlarmLifecycleResult created = handler.handleRequest(request("create", alive, "run-1"), null);
        assertEquals(4, created.alarmNames().size());
        handler.handleRequest(request("create", gone, "run-2"), null);
        emr.terminate(gone, now[0]);
        now[0] = now[0].plus(Duration.ofMinutes(5));

        AlarmLifecycleResult swept = handler.handleRequest(request("sweep", null, null), null);

        assertEquals(8, swept.examined());
        assertEquals(4, swept.deleted().size());
        assertTrue(swept.deleted().stream().allMatch(n -> n.contains(gone)), swept.deleted().toString());
        assertEquals(4, cloudWatch.alarms().size());
        AlarmLifecycleResult deleted = handler.handleRequest(request("delete", alive, null), null);
        assertEquals(4, deleted.deleted().size());
        assertEquals(List.of(), cloudWatch.alarms());
    }

    private static AlarmLifecycleRequest request(String action, String clusterId, String runId) {
        AlarmLifecycleRequest r = new AlarmLifecycleRequest();
        r.setAction(action);
        r.setClusterId(clusterId);
        r.setRunId(runId);
        return r;
    }
}
