package emrpipeline.alarms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * Creates, finds and deletes the CloudWatch alarms of EMR clusters. Every method validates what it can before its
 * first call; API errors other than "already gone" propagate (after the client's retry policy).
 */
public final class ClusterAlarms {
    /** DeleteAlarms: "You can delete up to 100 alarms in one operation." */
    public static final int DELETE_BATCH_SIZE = 100;
    /** DescribeAlarms: MaxRecords is 1 to 100, and AlarmNames holds at most 100 names. */
    public static final int DESCRIBE_PAGE_SIZE = 100;
    /** PutMetricAlarm: AlarmDescription is 0 to 1024 characters. */
    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    /** Tag keys on every alarm (PutMetricAlarm applies tags when it creates an alarm and ignores them on update). */
    public static final String RUN_ID_TAG = "emr-pipeline:run-id";
    public static final String CLUSTER_ID_TAG = "emr-pipeline:cluster-id";

    private final CloudWatchClient cloudWatch;
    private final AlarmSettings settings;
    private final AlarmNames names;

    public ClusterAlarms(CloudWatchClient cloudWatch, AlarmSettings settings) {
        this.cloudWatch = cloudWatch;
        this.settings = settings;
        this.names = new AlarmNames(settings.namePrefix());
    }

    /**
     * Puts one alarm per configured metric and returns their names. Idempotent: the names and requests depend only on
     * the cluster id, the run id and the configuration, and PutMetricAlarm overwrites an alarm of the same name.
     * When a call fails part-way, the alarms already put stay; {@link #deleteForCluster} finds them all.
     */
    public List<String> create(String clusterId, String runId) {
        List<PutMetricAlarmRequest> requests = new ArrayList<>();
        for (ConfiguredAlarm alarm : settings.alarms()) {
            requests.add(request(clusterId, runId, alarm));
        }
        List<String> created = new ArrayList<>();
        for (PutMetricAlarmRequest request : requests) {
            cloudWatch.putMetricAlarm(request);
            created.add(request.alarmName());
        }
        return created;
    }

    /** The exact PutMetricAlarm request for one alarm of a cluster. */
    PutMetricAlarmRequest request(String clusterId, String runId, ConfiguredAlarm alarm) {
        ClusterMetric metric = alarm.metric();
        String name = names.name(clusterId, metric);
        AlarmNames.check(name, "clusterId");
        String description = description(clusterId, runId, alarm);
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidAlarmRequestException("runId makes the alarm description " + description.length()
                    + " characters long; CloudWatch allows at most " + MAX_DESCRIPTION_LENGTH);
        }
        return PutMetricAlarmRequest.builder()
                .alarmName(name)
                .alarmDescription(description)
                .actionsEnabled(true)
                // ALARM only: no OK or INSUFFICIENT_DATA notifications (every cluster starts INSUFFICIENT_DATA).
                .alarmActions(settings.topicArn())
                .namespace(ClusterMetric.NAMESPACE)
                .metricName(metric.metricName())
                .dimensions(Dimension.builder().name(ClusterMetric.DIMENSION).value(clusterId).build())
                .statistic(metric.statistic())
                .period(ClusterMetric.PERIOD_SECONDS)
                .evaluationPeriods(alarm.evaluationPeriods())
                .datapointsToAlarm(alarm.evaluationPeriods())
                .threshold(alarm.threshold())
                .comparisonOperator(metric.comparison())
                .treatMissingData(metric.treatMissingData())
                .tags(Tag.builder().key(RUN_ID_TAG).value(runId).build(),
                        Tag.builder().key(CLUSTER_ID_TAG).value(clusterId).build())
                .build();
    }

    private String description(String clusterId, String runId, ConfiguredAlarm alarm) {
        ClusterMetric metric = alarm.metric();
        String operator = metric.comparison() == ComparisonOperator.GREATER_THAN_THRESHOLD ? ">" : ">=";
        int periods = alarm.evaluationPeriods();
        return "emr-pipeline run " + runId + ", EMR cluster " + clusterId + ": " + metric.meaning() + ". "
                + metric.metricName() + " " + metric.statistic() + " " + operator + " " + Text.number(alarm.threshold())
                + " for " + periods + (periods == 1 ? " period" : " consecutive periods") + " of "
                + ClusterMetric.PERIOD_SECONDS + " s. Created by the pipeline's AlarmLifecycleFunction, deleted when the run"
                + " ends. Cluster: " + consoleLink(clusterId);
    }

    /** The EMR console page of the cluster, in the console of the region's partition. */
    String consoleLink(String clusterId) {
        String region = settings.region();
        String console;
        if (region.startsWith("cn-")) {
            console = "https://console.amazonaws.cn";
        } else if (region.startsWith("us-gov-")) {
            console = "https://console.amazonaws-us-gov.com";
        } else {
            console = "https://console.aws.amazon.com";
        }
        return console + "/emr/home?region=" + region + "#/clusterDetails/" + clusterId;
    }

    /**
     * Deletes every metric alarm whose name starts with {@code <prefix><clusterId>-}, whatever its metric (alarms of
     * a metric disabled since they were created included). Nothing to delete is not an error.
     */
    public AlarmDeletion deleteForCluster(String clusterId) {
        List<String> existing = listNames(names.clusterPrefix(clusterId));
        return new AlarmDeletion(deleteExisting(existing), List.of());
    }

    /** Deletes the named alarms; the ones that do not exist are reported as already gone, not as an error. */
    public AlarmDeletion deleteNamed(List<String> alarmNames) {
        List<String> deleted = new ArrayList<>();
        List<String> alreadyGone = new ArrayList<>();
        for (List<String> batch : batches(alarmNames, DESCRIBE_PAGE_SIZE)) {
            Set<String> existing = existingNames(batch);
            List<String> present = new ArrayList<>();
            for (String name : batch) {
                (existing.contains(name) ? present : alreadyGone).add(name);
            }
            deleted.addAll(deleteExisting(present));
        }
        return new AlarmDeletion(deleted, alreadyGone);
    }

    /**
     * Deletes alarms known to exist, {@value #DELETE_BATCH_SIZE} a call, and returns them. The API documents that
     * with a wrong name in the list "the alarms you specify with correct names are still deleted"; should it answer
     * ResourceNotFound because one of them vanished meanwhile (the sweep, an operator), the batch is described
     * again and whatever still exists is deleted once more. Empty input makes no call (an empty DeleteAlarms is
     * refused by IAM on the resource {@code alarm:}).
     */
    List<String> deleteExisting(List<String> alarmNames) {
        for (List<String> batch : batches(alarmNames, DELETE_BATCH_SIZE)) {
            try {
                cloudWatch.deleteAlarms(DeleteAlarmsRequest.builder().alarmNames(batch).build());
            } catch (ResourceNotFoundException e) {
                List<String> remaining = new ArrayList<>(existingNames(batch));
                if (!remaining.isEmpty()) {
                    cloudWatch.deleteAlarms(DeleteAlarmsRequest.builder().alarmNames(remaining).build());
                }
            }
        }
        return List.copyOf(alarmNames);
    }

    /** Names of all metric alarms whose name starts with {@code namePrefix}, following every page. */
    public List<String> listNames(String namePrefix) {
        return new ArrayList<>(describeNames(b -> b.alarmNamePrefix(namePrefix)));
    }

    /** Which of at most {@value #DESCRIBE_PAGE_SIZE} names exist as metric alarms. */
    private Set<String> existingNames(List<String> batch) {
        return describeNames(b -> b.alarmNames(batch));
    }

    /** The names of the metric alarms DescribeAlarms finds with {@code filter}, following every page. */
    private Set<String> describeNames(java.util.function.Consumer<DescribeAlarmsRequest.Builder> filter) {
        Set<String> found = new LinkedHashSet<>();
        String nextToken = null;
        do {
            DescribeAlarmsRequest.Builder request = DescribeAlarmsRequest.builder()
                    .alarmTypes(AlarmType.METRIC_ALARM)
                    .maxRecords(DESCRIBE_PAGE_SIZE)
                    .nextToken(nextToken);
            filter.accept(request);
            DescribeAlarmsResponse page = cloudWatch.describeAlarms(request.build());
            for (MetricAlarm alarm : page.metricAlarms()) {
                found.add(alarm.alarmName());
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return found;
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return batches;
    }
}
