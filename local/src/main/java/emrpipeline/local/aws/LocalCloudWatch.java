package emrpipeline.local.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * An in-memory CloudWatch for the calls the alarm function makes: {@code PutMetricAlarm}, {@code DescribeAlarms}
 * (by prefix or by names, pages with NextToken) and {@code DeleteAlarms}. It refuses what the API refuses among
 * the limits the function relies on (InvalidParameterValue / ResourceNotFound), and logs every change with its
 * virtual time so a run can show the alarms created and deleted. Alarms never change state here (no metrics are
 * published offline): they stay INSUFFICIENT_DATA, as a new alarm does.
 *
 * <p>Checked: alarm names of 1-255 characters without control characters; a namespace and metric name; a
 * period of 10, 30 or a multiple of 60 seconds; evaluation periods of at least 1, with period x evaluation
 * periods at most one day; DatapointsToAlarm at most EvaluationPeriods; a statistic; a threshold; a comparison
 * operator; at most 5 alarm actions, each an SNS topic ARN; a description of at most 1024 characters; at most
 * 50 tags; DescribeAlarms MaxRecords 1-100, AlarmNames (at most 100) and AlarmNamePrefix not both; DeleteAlarms
 * 1-100 names. DeleteAlarms deletes the names that exist and answers ResourceNotFound if any did not.
 */
public final class LocalCloudWatch implements CloudWatchClient {
    private static final Pattern SNS_TOPIC = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}");
    private static final Set<Integer> SHORT_PERIODS = Set.of(10, 30);

    /** A change: {@code created}, {@code updated} or {@code deleted}, at a virtual instant. */
    public record Change(Instant at, String action, String alarmName) {
    }

    private final Supplier<Instant> clock;
    private final TreeMap<String, PutMetricAlarmRequest> alarms = new TreeMap<>();
    private final TreeMap<String, Instant> updatedAt = new TreeMap<>();
    private final List<Change> changes = new ArrayList<>();

    public LocalCloudWatch(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public synchronized PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
        List<String> problems = new ArrayList<>();
        checkName(request.alarmName(), "AlarmName", problems);
        if (isBlank(request.namespace()) || isBlank(request.metricName())) {
            problems.add("Namespace and MetricName are required for a metric alarm");
        }
        Integer period = request.period();
        if (period == null || !(SHORT_PERIODS.contains(period) || (period >= 60 && period % 60 == 0))) {
            problems.add("Period must be 10, 30 or a multiple of 60, got " + period);
        }
        Integer evaluationPeriods = request.evaluationPeriods();
        if (evaluationPeriods == null || evaluationPeriods < 1) {
            problems.add("EvaluationPeriods must be at least 1, got " + evaluationPeriods);
        } else if (period != null && (long) period * evaluationPeriods > 86_400) {
            problems.add("Period * EvaluationPeriods must not exceed 86400 seconds (one day), got "
                    + (long) period * evaluationPeriods);
        }
        if (request.datapointsToAlarm() != null && evaluationPeriods != null
                && (request.datapointsToAlarm() < 1 || request.datapointsToAlarm() > evaluationPeriods)) {
            problems.add("DatapointsToAlarm must be 1..EvaluationPeriods, got " + request.datapointsToAlarm());
        }
        if (request.statistic() == null && request.extendedStatistic() == null) {
            problems.add("Statistic or ExtendedStatistic is required");
        }
        if (request.threshold() == null) {
            problems.add("Threshold is required for a static threshold alarm");
        }
        if (request.comparisonOperator() == null) {
            problems.add("ComparisonOperator is required");
        }
        for (List<String> actions : List.of(request.alarmActions(), request.okActions(), request.insufficientDataActions())) {
            if (actions.size() > 5) {
                problems.add("at most 5 actions per state, got " + actions.size());
            }
            for (String action : actions) {
                if (!SNS_TOPIC.matcher(action).matches()) {
                    problems.add("action '" + action + "' is not an SNS topic ARN (the only action the pipeline uses)");
                }
            }
        }
        if (request.alarmDescription() != null && request.alarmDescription().length() > 1024) {
            problems.add("AlarmDescription must be at most 1024 characters, got " + request.alarmDescription().length());
        }
        if (request.tags().size() > 50) {
            problems.add("at most 50 tags, got " + request.tags().size());
        }
        for (Tag tag : request.tags()) {
            if (isBlank(tag.key()) || tag.key().length() > 128 || tag.value() == null || tag.value().length() > 256) {
                problems.add("tag keys are 1-128 characters and values at most 256: " + tag);
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(String.join("; ", problems));
        }
        PutMetricAlarmRequest previous = alarms.get(request.alarmName());
        // CloudWatch applies tags when it creates an alarm and ignores them when it updates one.
        PutMetricAlarmRequest stored = previous == null ? request : request.toBuilder().tags(previous.tags()).build();
        alarms.put(request.alarmName(), stored);
        updatedAt.put(request.alarmName(), clock.get());
        changes.add(new Change(clock.get(), previous == null ? "created" : "updated", request.alarmName()));
        return PutMetricAlarmResponse.builder().build();
    }

    @Override
    public synchronized DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        int pageSize = request.maxRecords() == null ? 50 : request.maxRecords();
        if (pageSize < 1 || pageSize > 100) {
            throw invalid("MaxRecords must be 1..100, got " + pageSize);
        }
        if (request.hasAlarmNames() && request.alarmNamePrefix() != null) {
            throw invalid("AlarmNames and AlarmNamePrefix cannot be used together");
        }
        if (request.hasAlarmNames() && request.alarmNames().size() > 100) {
            throw invalid("AlarmNames holds at most 100 names, got " + request.alarmNames().size());
        }
        if (request.alarmNamePrefix() != null) {
            checkName(request.alarmNamePrefix(), "AlarmNamePrefix", null);
        }
        boolean metricAlarms = !request.hasAlarmTypes() || request.alarmTypes().contains(AlarmType.METRIC_ALARM);
        List<String> matching = new ArrayList<>();
        if (metricAlarms) {
            for (String name : alarms.keySet()) {
                boolean match = request.hasAlarmNames() ? request.alarmNames().contains(name)
                        : request.alarmNamePrefix() == null || name.startsWith(request.alarmNamePrefix());
                if (match) {
                    matching.add(name);
                }
            }
        }
        int from;
        try {
            from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        } catch (NumberFormatException e) {
            throw invalid("NextToken is not valid");
        }
        if (from < 0 || from > matching.size()) {
            throw invalid("NextToken is not valid");
        }
        int to = Math.min(matching.size(), from + pageSize);
        List<MetricAlarm> page = new ArrayList<>();
        for (String name : matching.subList(from, to)) {
            page.add(metricAlarm(alarms.get(name), updatedAt.get(name)));
        }
        return DescribeAlarmsResponse.builder()
                .metricAlarms(page)
                .nextToken(to < matching.size() ? Integer.toString(to) : null)
                .build();
    }

    @Override
    public synchronized DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest request) {
        if (!request.hasAlarmNames() || request.alarmNames().isEmpty()) {
            throw invalid("AlarmNames is required");
        }
        if (request.alarmNames().size() > 100) {
            throw invalid("You can delete up to 100 alarms in one operation, got " + request.alarmNames().size());
        }
        List<String> missing = new ArrayList<>();
        for (String name : request.alarmNames()) {
            if (alarms.remove(name) == null) {
                missing.add(name);
            } else {
                updatedAt.remove(name);
                changes.add(new Change(clock.get(), "deleted", name));
            }
        }
        if (!missing.isEmpty()) {
            throw (ResourceNotFoundException) AwsErrors.error(ResourceNotFoundException.builder(), 404, "CloudWatch",
                    "ResourceNotFound", missing.size() + " alarm(s) not found: " + missing);
        }
        return DeleteAlarmsResponse.builder().build();
    }

    /** Deletes every alarm and forgets the changes. */
    public synchronized void clear() {
        alarms.clear();
        updatedAt.clear();
        changes.clear();
    }

    /** The alarms that exist now, by name. */
    public synchronized List<PutMetricAlarmRequest> alarms() {
        return List.copyOf(alarms.values());
    }

    /** Every creation, update and deletion, in order. */
    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    private static MetricAlarm metricAlarm(PutMetricAlarmRequest r, Instant updated) {
        return MetricAlarm.builder()
                .alarmName(r.alarmName())
                .alarmArn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + r.alarmName())
                .alarmDescription(r.alarmDescription())
                .actionsEnabled(r.actionsEnabled())
                .alarmActions(r.alarmActions())
                .okActions(r.okActions())
                .insufficientDataActions(r.insufficientDataActions())
                .namespace(r.namespace())
                .metricName(r.metricName())
                .dimensions(r.dimensions())
                .statistic(r.statistic())
                .period(r.period())
                .evaluationPeriods(r.evaluationPeriods())
                .datapointsToAlarm(r.datapointsToAlarm())
                .threshold(r.threshold())
                .comparisonOperator(r.comparisonOperator())
                .treatMissingData(r.treatMissingData())
                .stateValue(StateValue.INSUFFICIENT_DATA)
                .stateReason("Unchecked: Initial alarm creation")
                .alarmConfigurationUpdatedTimestamp(updated)
                .build();
    }

    private static void checkName(String name, String field, List<String> problems) {
        String problem = null;
        if (name == null || name.isEmpty() || name.length() > 255) {
            problem = field + " must be 1 to 255 characters";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problem = field + " must not contain control characters";
        }
        if (problem != null) {
            if (problems == null) {
                throw invalid(problem);
            }
            problems.add(problem);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static CloudWatchException invalid(String message) {
        return (CloudWatchException) AwsErrors.error(CloudWatchException.builder(), 400, "CloudWatch", "InvalidParameterValue",
                message);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
