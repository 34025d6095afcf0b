package emrpipeline.alarms;

import java.util.HashMap;
import java.util.Map;

/** The function's environment as the template sets it, with the template's defaults. */
final class TestEnvironment {
    static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:emr-pipeline-AlertTopic-1A2B3C4D5E6F";
    static final String PREFIX = "emr-pipeline-";
    static final String CLUSTER = "j-2AXXXXXXGAPLF";
    static final String RUN = "2026-11-21-daily";

    private TestEnvironment() {
    }

    static Map<String, String> defaults() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("ALARM_TOPIC_ARN", TOPIC_ARN);
        env.put("ALARM_NAME_PREFIX", PREFIX);
        env.put("ALARM_IS_IDLE_ENABLED", "true");
        env.put("ALARM_IS_IDLE_THRESHOLD", "1");
        env.put("ALARM_IS_IDLE_EVALUATION_PERIODS", "6");
        env.put("ALARM_APPS_FAILED_ENABLED", "true");
        env.put("ALARM_APPS_FAILED_THRESHOLD", "1");
        env.put("ALARM_APPS_FAILED_EVALUATION_PERIODS", "1");
        env.put("ALARM_HDFS_UTILIZATION_ENABLED", "true");
        env.put("ALARM_HDFS_UTILIZATION_THRESHOLD", "80");
        env.put("ALARM_HDFS_UTILIZATION_EVALUATION_PERIODS", "1");
        env.put("ALARM_MR_UNHEALTHY_NODES_ENABLED", "true");
        env.put("ALARM_MR_UNHEALTHY_NODES_THRESHOLD", "1");
        env.put("ALARM_MR_UNHEALTHY_NODES_EVALUATION_PERIODS", "1");
        return env;
    }

    static Map<String, String> with(String variable, String value) {
        Map<String, String> env = defaults();
        env.put(variable, value);
        return env;
    }

    static AlarmSettings settings() {
        return AlarmSettings.fromEnvironment(defaults());
    }
}
