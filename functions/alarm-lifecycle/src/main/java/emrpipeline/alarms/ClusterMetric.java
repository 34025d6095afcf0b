package emrpipeline.alarms;

import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The EMR cluster metrics the function alarms on, with everything about each alarm that is a decision rather than
 * a setting. Facts from the Amazon EMR Management Guide ("Monitoring Amazon EMR metrics with CloudWatch"):
 * namespace {@code AWS/ElasticMapReduce}, dimension {@code JobFlowId} (= the cluster id), one data point every five
 * minutes, and "Amazon EMR pulls metrics from a cluster. If a cluster becomes unreachable, no metrics are reported
 * until the cluster becomes available again" - which is what every {@code TreatMissingData} choice below is about.
 *
 * <p>Thresholds and evaluation period counts are settings (template parameters, see {@link AlarmSettings}); the
 * statistic, comparison and missing-data treatment are fixed here on purpose. No {@code Unit} is sent: an alarm
 * whose unit does not match the unit the metric is published with never leaves INSUFFICIENT_DATA.
 */
public enum ClusterMetric {
    /**
     * IsIdle (Units: Boolean): 1 when no YARN application and no step runs at the five-minute check. The guide warns
     * that one idle check proves little and suggests alarming after about thirty minutes: default 6 periods of 300 s.
     * Average over the period: 1 means idle at every check in it (the threshold may be lowered to "idle in most
     * checks", never raised above 1).
     *
     * <p>TreatMissingData {@code notBreaching}: idleness must be observed. A gap means EMR could not pull metrics
     * (the cluster is booting, unreachable or terminating) - that is not evidence of idle, paid-for capacity, and
     * treating it as breaching would page at every start-up before the first data point. A gap also breaks a run of
     * idle periods, so the alarm needs the full number of consecutive idle data points.
     */
    IS_IDLE("IsIdle", "IS_IDLE", Statistic.AVERAGE, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            1.0, 6, 1.0, "notBreaching",
            "the cluster is up and billed but runs no application or step"),

    /**
     * AppsFailed (Units: Count): YARN applications that failed to complete. Any failure matters: Maximum &gt;= 1
     * in a single period. Maximum, not Sum, so several data points in one period never add up to a false count.
     *
     * <p>TreatMissingData {@code ignore}: a gap neither raises nor clears the alarm. Once a failure has been reported
     * the alarm stays in ALARM through a pause of the metric instead of flapping to OK and e-mailing the same failure
     * again; before the first data point it waits in INSUFFICIENT_DATA, which has no action.
     */
    APPS_FAILED("AppsFailed", "APPS_FAILED", Statistic.MAXIMUM, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            1.0, 1, Double.POSITIVE_INFINITY, "ignore",
            "a YARN application of the job failed"),

    /**
     * HDFSUtilization (Units: Percent): share of HDFS storage in use. Above 80 % by default, one period: a filling
     * disk needs attention before the job fails on it.
     *
     * <p>TreatMissingData {@code ignore}: a full HDFS can itself make the cluster stop reporting; treating that gap as
     * "fine" ({@code notBreaching}) would clear the alarm exactly when it matters, and treating it as breaching would
     * page at every start-up. Keeping the last state is the honest reading of "no news".
     */
    HDFS_UTILIZATION("HDFSUtilization", "HDFS_UTILIZATION", Statistic.MAXIMUM, ComparisonOperator.GREATER_THAN_THRESHOLD,
            80.0, 1, 100.0, "ignore",
            "HDFS is filling up (EBS was sized too small for the data)"),

    /**
     * MRUnhealthyNodes (Units: Count): nodes YARN marked UNHEALTHY, typically out of local disk. Any: Maximum &gt;= 1.
     *
     * <p>TreatMissingData {@code ignore}: as for HDFSUtilization - unhealthy nodes and a cluster that stops reporting
     * go together, so a gap must not clear the alarm, and must not raise it at start-up either.
     */
    MR_UNHEALTHY_NODES("MRUnhealthyNodes", "MR_UNHEALTHY_NODES", Statistic.MAXIMUM,
            ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            1.0, 1, Double.POSITIVE_INFINITY, "ignore",
            "YARN marked nodes UNHEALTHY (usually out of local disk)");

    /** CloudWatch namespace of the EMR metrics. */
    public static final String NAMESPACE = "AWS/ElasticMapReduce";
    /** The dimension EMR publishes per cluster; its value is the cluster id. */
    public static final String DIMENSION = "JobFlowId";
    /** EMR publishes these metrics every five minutes; the alarm period matches. */
    public static final int PERIOD_SECONDS = 300;

    private final String metricName;
    private final String environmentStem;
    private final Statistic statistic;
    private final ComparisonOperator comparison;
    private final double defaultThreshold;
    private final int defaultEvaluationPeriods;
    private final double maxThreshold;
    private final String treatMissingData;
    private final String meaning;

    ClusterMetric(String metricName, String environmentStem, Statistic statistic, ComparisonOperator comparison,
                  double defaultThreshold, int defaultEvaluationPeriods, double maxThreshold, String treatMissingData,
                  String meaning) {
        this.metricName = metricName;
        this.environmentStem = environmentStem;
        this.statistic = statistic;
        this.comparison = comparison;
        this.defaultThreshold = defaultThreshold;
        this.defaultEvaluationPeriods = defaultEvaluationPeriods;
        this.maxThreshold = maxThreshold;
        this.treatMissingData = treatMissingData;
        this.meaning = meaning;
    }

    /** The metric name in {@code AWS/ElasticMapReduce}, also the last part of the alarm name. */
    public String metricName() {
        return metricName;
    }

    /** Environment variables of this alarm: {@code ALARM_<stem>_ENABLED}, {@code _THRESHOLD}, {@code _EVALUATION_PERIODS}. */
    public String environmentStem() {
        return environmentStem;
    }

    public Statistic statistic() {
        return statistic;
    }

    public ComparisonOperator comparison() {
        return comparison;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    public int defaultEvaluationPeriods() {
        return defaultEvaluationPeriods;
    }

    /** Largest meaningful threshold (1 for a Boolean average, 100 for a percentage), infinite when unbounded. */
    public double maxThreshold() {
        return maxThreshold;
    }

    /** The {@code TreatMissingData} value sent with the alarm; the reason is on each constant. */
    public String treatMissingData() {
        return treatMissingData;
    }

    /** What the alarm going off means, in words, for its description. */
    public String meaning() {
        return meaning;
    }
}
