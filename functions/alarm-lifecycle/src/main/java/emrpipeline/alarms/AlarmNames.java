package emrpipeline.alarms;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming scheme: {@code <prefix><clusterId>-<MetricName>}, e.g. {@code emr-pipeline-j-2AXXXXXXGAPLF-IsIdle}.
 * Deterministic - the same cluster and metric always give the same name, so a retried {@code create} overwrites
 * (PutMetricAlarm is an upsert) instead of adding alarms. The {@code -} after the cluster id makes
 * {@link #clusterPrefix(String)} exact: {@code j-ABC-} never matches the alarms of {@code j-ABCD}.
 */
public final class AlarmNames {
    /** CloudWatch: alarm names are 1 to 255 characters. */
    public static final int MAX_NAME_LENGTH = 255;
    /** An EMR cluster id: {@code j-} followed by upper-case letters and digits. */
    public static final Pattern CLUSTER_ID = Pattern.compile("j-[A-Z0-9]+");
    private static final Pattern AFTER_PREFIX = Pattern.compile("(j-[A-Z0-9]+)-([A-Za-z0-9]+)");

    private final String prefix;

    public AlarmNames(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The alarm name for a cluster and metric (length not checked here; see {@link #check}). */
    public String name(String clusterId, ClusterMetric metric) {
        return clusterPrefix(clusterId) + metric.metricName();
    }

    /** The name prefix shared by all alarms of one cluster, whatever their metric: {@code <prefix><clusterId>-}. */
    public String clusterPrefix(String clusterId) {
        return prefix + clusterId + "-";
    }

    /** The cluster id an alarm name under the prefix carries, or empty when the name does not follow the scheme. */
    public Optional<String> clusterIdOf(String alarmName) {
        if (!alarmName.startsWith(prefix)) {
            return Optional.empty();
        }
        Matcher matcher = AFTER_PREFIX.matcher(alarmName.substring(prefix.length()));
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Rejects (before any call) a name CloudWatch would refuse for its length. */
    static void check(String name, String field) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidAlarmRequestException(field + " would give the alarm name '" + name.substring(0, 40)
                    + "...' of " + name.length() + " characters; CloudWatch allows at most " + MAX_NAME_LENGTH);
        }
    }
}
