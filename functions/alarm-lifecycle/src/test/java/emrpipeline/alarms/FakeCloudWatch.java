package emrpipeline.alarms;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;

/**
 * A Mockito {@link CloudWatchClient} backed by an in-memory alarm table that honours the API's documented limits:
 * DescribeAlarms pages of at most MaxRecords (1..100) sorted by name with a NextToken, AlarmNames at most 100,
 * DeleteAlarms at most 100 names. Requests stay verifiable with Mockito ({@link #client}).
 */
final class FakeCloudWatch {
    final CloudWatchClient client = mock(CloudWatchClient.class);
    final TreeMap<String, PutMetricAlarmRequest> alarms = new TreeMap<>();
    /** When true, DeleteAlarms deletes the names that exist and then answers ResourceNotFound if any did not. */
    boolean deleteFailsOnMissingNames;

    FakeCloudWatch() {
        when(client.putMetricAlarm(any(PutMetricAlarmRequest.class))).thenAnswer(invocation -> {
            PutMetricAlarmRequest request = invocation.getArgument(0);
            alarms.put(request.alarmName(), request);
            return PutMetricAlarmResponse.builder().build();
        });
        when(client.describeAlarms(any(DescribeAlarmsRequest.class))).thenAnswer(invocation -> describe(invocation.getArgument(0)));
        when(client.deleteAlarms(any(DeleteAlarmsRequest.class))).thenAnswer(invocation -> delete(invocation.getArgument(0)));
    }

    /** Adds an alarm as if created earlier (only the name matters to describe and delete). */
    void existing(String name) {
        alarms.put(name, PutMetricAlarmRequest.builder().alarmName(name).build());
    }

    private DescribeAlarmsResponse describe(DescribeAlarmsRequest request) {
        int pageSize = request.maxRecords() == null ? 50 : request.maxRecords();
        if (pageSize < 1 || pageSize > 100) {
            throw invalid("MaxRecords must be 1..100, got " + pageSize);
        }
        if (request.hasAlarmNames() && request.alarmNamePrefix() != null) {
            throw invalid("AlarmNames and AlarmNamePrefix are mutually exclusive");
        }
        if (request.hasAlarmNames() && request.alarmNames().size() > 100) {
            throw invalid("AlarmNames holds at most 100 names, got " + request.alarmNames().size());
        }
        List<String> matching = new ArrayList<>();
        for (String name : alarms.keySet()) {
            boolean match = request.hasAlarmNames() ? request.alarmNames().contains(name)
                    : request.alarmNamePrefix() == null || name.startsWith(request.alarmNamePrefix());
            if (match) {
                matching.add(name);
            }
        }
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int to = Math.min(matching.size(), from + pageSize);
        List<MetricAlarm> page = new ArrayList<>();
        for (String name : matching.subList(from, to)) {
            page.add(MetricAlarm.builder().alarmName(name).build());
        }
        return DescribeAlarmsResponse.builder()
                .metricAlarms(page)
                .nextToken(to < matching.size() ? Integer.toString(to) : null)
                .build();
    }

    private DeleteAlarmsResponse delete(DeleteAlarmsRequest request) {
        if (!request.hasAlarmNames() || request.alarmNames().isEmpty()) {
            throw invalid("AlarmNames is required");
        }
        if (request.alarmNames().size() > 100) {
            throw invalid("You can delete up to 100 alarms in one operation, got " + request.alarmNames().size());
        }
        boolean missing = false;
        for (String name : request.alarmNames()) {
            missing |= alarms.remove(name) == null;
        }
        if (missing && deleteFailsOnMissingNames) {
            throw (ResourceNotFoundException) ResourceNotFoundException.builder().statusCode(404)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFound").errorMessage("not found").build())
                    .build();
        }
        return DeleteAlarmsResponse.builder().build();
    }

    private static CloudWatchException invalid(String message) {
        return (CloudWatchException) CloudWatchException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterValue").errorMessage(message).build())
                .build();
    }
}
