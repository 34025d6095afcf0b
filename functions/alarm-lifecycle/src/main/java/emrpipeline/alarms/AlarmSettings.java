package emrpipeline.alarms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The function's configuration, read from environment variables that template parameters set, and validated
 * before any API call (a bad value is an {@link InvalidAlarmConfigurationException} naming the variable).
 *
 * <ul>
 *   <li>{@code ALARM_TOPIC_ARN} (required): the standard SNS topic every alarm notifies.</li>
 *   <li>{@code ALARM_NAME_PREFIX} (default {@value #DEFAULT_NAME_PREFIX}): first part of every alarm name.</li>
 *   <li>{@code AWS_REGION} (set by Lambda): used for the console link in alarm descriptions.</li>
 *   <li>per metric, with {@code STEM} = {@link ClusterMetric#environmentStem()}: {@code ALARM_STEM_ENABLED}
 *       ({@code true}|{@code false}, default true), {@code ALARM_STEM_THRESHOLD} (number &gt; 0, at most
 *       {@link ClusterMetric#maxThreshold()}), {@code ALARM_STEM_EVALUATION_PERIODS} (integer 1..{@value #MAX_EVALUATION_PERIODS}).</li>
 * </ul>
 */
public record AlarmSettings(String topicArn, String namePrefix, String region, List<ConfiguredAlarm> alarms) {

    public static final String DEFAULT_NAME_PREFIX = "emr-pipeline-";
    /** Longest accepted prefix: leaves room for the cluster id and the metric within CloudWatch's 255 characters. */
    public static final int MAX_NAME_PREFIX_LENGTH = 128;
    /**
     * PutMetricAlarm: "An alarm's total current evaluation period can be no longer than one day, so this number
     * multiplied by Period cannot be more than 86,400 seconds" - 86,400 / 300 = 288.
     */
    public static final int MAX_EVALUATION_PERIODS = 86_400 / ClusterMetric.PERIOD_SECONDS;

    /** A standard SNS topic ARN; CloudWatch alarm actions cannot target FIFO topics, so {@code .fifo} names are refused. */
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:[A-Za-z0-9_-]{1,256}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public AlarmSettings {
        alarms = List.copyOf(alarms);
    }

    /** Reads and validates the configuration; throws {@link InvalidAlarmConfigurationException} naming the variable. */
    public static AlarmSettings fromEnvironment(Map<String, String> environment) {
        String topicArn = environment.get("ALARM_TOPIC_ARN");
        if (topicArn == null || topicArn.isBlank()) {
            throw new InvalidAlarmConfigurationException("ALARM_TOPIC_ARN is required: the ARN of the SNS topic the alarms notify");
        }
        if (!TOPIC_ARN.matcher(topicArn).matches()) {
            throw new InvalidAlarmConfigurationException("ALARM_TOPIC_ARN must be a standard SNS topic ARN "
                    + "(arn:<partition>:sns:<region>:<12-digit account>:<topic name>), got '" + topicArn + "'");
        }
        String prefix = environment.getOrDefault("ALARM_NAME_PREFIX", DEFAULT_NAME_PREFIX);
        validatePrefix(prefix);
        String region = environment.get("AWS_REGION");
        if (region == null || !REGION.matcher(region).matches()) {
            throw new InvalidAlarmConfigurationException("AWS_REGION must be an AWS region such as us-east-1, got '" + region + "'");
        }
        List<ConfiguredAlarm> alarms = new ArrayList<>();
        for (ClusterMetric metric : ClusterMetric.values()) {
            String stem = "ALARM_" + metric.environmentStem();
            if (!parseEnabled(stem + "_ENABLED", environment.get(stem + "_ENABLED"))) {
                continue;
            }
            double threshold = parseThreshold(stem + "_THRESHOLD", environment.get(stem + "_THRESHOLD"), metric);
            int periods = parseEvaluationPeriods(stem + "_EVALUATION_PERIODS", environment.get(stem + "_EVALUATION_PERIODS"), metric);
            alarms.add(new ConfiguredAlarm(metric, threshold, periods));
        }
        return new AlarmSettings(topicArn, prefix, region, alarms);
    }

    /**
     * CloudWatch accepts alarm names of UTF-8 characters without ASCII control characters. The prefix is also the
     * IAM resource pattern {@code alarm:<prefix>*} of the function's policy and of the topic's and key's conditions,
     * so the IAM wildcards {@code *} and {@code ?} would widen them: refused too.
     */
    private static void validatePrefix(String prefix) {
        if (prefix.isEmpty()) {
            throw new InvalidAlarmConfigurationException("ALARM_NAME_PREFIX must not be empty: the sweep and the IAM policy "
                    + "rely on it to touch only this pipeline's alarms");
        }
        if (prefix.length() > MAX_NAME_PREFIX_LENGTH) {
            throw new InvalidAlarmConfigurationException("ALARM_NAME_PREFIX must be at most " + MAX_NAME_PREFIX_LENGTH
                    + " characters, got " + prefix.length());
        }
        if (Text.hasControlCharacter(prefix)) {
            throw new InvalidAlarmConfigurationException("ALARM_NAME_PREFIX must not contain control characters "
                    + "(CloudWatch refuses them in alarm names)");
        }
        if (prefix.indexOf('*') >= 0 || prefix.indexOf('?') >= 0) {
            throw new InvalidAlarmConfigurationException("ALARM_NAME_PREFIX must not contain '*' or '?': it is used as an "
                    + "IAM resource pattern, where they are wildcards, got '" + prefix + "'");
        }
    }

    private static boolean parseEnabled(String variable, String value) {
        if (value == null) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidAlarmConfigurationException(variable + " must be true or false, got '" + value + "'");
        };
    }

    private static double parseThreshold(String variable, String value, ClusterMetric metric) {
        if (value == null) {
            return metric.defaultThreshold();
        }
        String bound = Double.isInfinite(metric.maxThreshold()) ? "" : " and at most " + Text.number(metric.maxThreshold());
        double threshold;
        try {
            threshold = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidAlarmConfigurationException(variable + " must be a number > 0" + bound + ", got '" + value + "'");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold) || threshold > metric.maxThreshold()) {
            throw new InvalidAlarmConfigurationException(variable + " must be a number > 0" + bound
                    + " (" + metric.metricName() + "), got '" + value + "'");
        }
        return threshold;
    }

    private static int parseEvaluationPeriods(String variable, String value, ClusterMetric metric) {
        if (value == null) {
            return metric.defaultEvaluationPeriods();
        }
        int periods;
        try {
            periods = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidAlarmConfigurationException(variable + " must be a whole number of 300-second periods between 1 and "
                    + MAX_EVALUATION_PERIODS + ", got '" + value + "'");
        }
        if (periods < 1 || periods > MAX_EVALUATION_PERIODS) {
            throw new InvalidAlarmConfigurationException(variable + " must be between 1 and " + MAX_EVALUATION_PERIODS
                    + " (CloudWatch evaluates at most one day of 300-second periods), got " + periods);
        }
        return periods;
    }
}
