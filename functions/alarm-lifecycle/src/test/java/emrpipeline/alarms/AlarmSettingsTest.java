package emrpipeline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

class AlarmSettingsTest {

    @Test
    void theTemplateDefaultsGiveFourAlarms() {
        AlarmSettings settings = TestEnvironment.settings();

        assertEquals(TestEnvironment.TOPIC_ARN, settings.topicArn());
        assertEquals("emr-pipeline-", settings.namePrefix());
        assertEquals("eu-west-1", settings.region());
        assertEquals(List.of(new ConfiguredAlarm(ClusterMetric.IS_IDLE, 1, 6),
                new ConfiguredAlarm(ClusterMetric.APPS_FAILED, 1, 1),
                new ConfiguredAlarm(ClusterMetric.HDFS_UTILIZATION, 80, 1),
                new ConfiguredAlarm(ClusterMetric.MR_UNHEALTHY_NODES, 1, 1)), settings.alarms());
    }

    @Test
    void unsetAlarmVariablesFallBackToTheSameDefaults() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "ALARM_TOPIC_ARN", TestEnvironment.TOPIC_ARN);

        assertEquals(TestEnvironment.settings(), AlarmSettings.fromEnvironment(env));
    }

    @Test
    void atMostOneDayOfFiveMinutePeriodsIsAccepted() {
        // PutMetricAlarm: EvaluationPeriods x Period must not exceed 86,400 s.
        assertEquals(288, AlarmSettings.fromEnvironment(TestEnvironment.with("ALARM_IS_IDLE_EVALUATION_PERIODS", "288"))
                .alarms().get(0).evaluationPeriods());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "ALARM_TOPIC_ARN|''|ALARM_TOPIC_ARN is required",
            "ALARM_TOPIC_ARN|alerts|ALARM_TOPIC_ARN must be a standard SNS topic ARN",
            "ALARM_TOPIC_ARN|arn:aws:sqs:eu-west-1:123456789012:alerts|ALARM_TOPIC_ARN must be a standard SNS topic ARN",
            "ALARM_TOPIC_ARN|arn:aws:sns:eu-west-1:1234:alerts|ALARM_TOPIC_ARN must be a standard SNS topic ARN",
            "ALARM_TOPIC_ARN|arn:aws:sns:eu-west-1:123456789012:alerts.fifo|ALARM_TOPIC_ARN must be a standard SNS topic ARN",
            "ALARM_NAME_PREFIX|''|ALARM_NAME_PREFIX must not be empty",
            "ALARM_NAME_PREFIX|emr-*|ALARM_NAME_PREFIX must not contain '*' or '?'",
            "ALARM_NAME_PREFIX|emr?|ALARM_NAME_PREFIX must not contain '*' or '?'",
            "AWS_REGION|Europe|AWS_REGION must be an AWS region",
            "ALARM_IS_IDLE_ENABLED|yes|ALARM_IS_IDLE_ENABLED must be true or false, got 'yes'",
            "ALARM_IS_IDLE_THRESHOLD|0|ALARM_IS_IDLE_THRESHOLD must be a number > 0 and at most 1 (IsIdle), got '0'",
            "ALARM_IS_IDLE_THRESHOLD|1.5|ALARM_IS_IDLE_THRESHOLD must be a number > 0 and at most 1 (IsIdle), got '1.5'",
            "ALARM_APPS_FAILED_THRESHOLD|-1|ALARM_APPS_FAILED_THRESHOLD must be a number > 0 (AppsFailed), got '-1'",
            "ALARM_APPS_FAILED_THRESHOLD|abc|ALARM_APPS_FAILED_THRESHOLD must be a number > 0, got 'abc'",
            "ALARM_APPS_FAILED_THRESHOLD|NaN|ALARM_APPS_FAILED_THRESHOLD must be a number > 0 (AppsFailed), got 'NaN'",
            "ALARM_MR_UNHEALTHY_NODES_THRESHOLD|Infinity|ALARM_MR_UNHEALTHY_NODES_THRESHOLD must be a number > 0 (MRUnhealthyNodes)",
            "ALARM_HDFS_UTILIZATION_THRESHOLD|101|ALARM_HDFS_UTILIZATION_THRESHOLD must be a number > 0 and at most 100 (HDFSUtilization), got '101'",
            "ALARM_HDFS_UTILIZATION_EVALUATION_PERIODS|0|ALARM_HDFS_UTILIZATION_EVALUATION_PERIODS must be between 1 and 288",
            "ALARM_IS_IDLE_EVALUATION_PERIODS|-3|ALARM_IS_IDLE_EVALUATION_PERIODS must be between 1 and 288",
            "ALARM_IS_IDLE_EVALUATION_PERIODS|289|ALARM_IS_IDLE_EVALUATION_PERIODS must be between 1 and 288",
            "ALARM_IS_IDLE_EVALUATION_PERIODS|2.5|ALARM_IS_IDLE_EVALUATION_PERIODS must be a whole number of 300-second periods",
    })
    void aBadVariableIsRejectedBeforeAnyCallNamingTheVariable(String variable, String value, String message) {
        CloudWatchClient cloudWatch = mock(CloudWatchClient.class);
        EmrClient emr = mock(EmrClient.class);
        AlarmLifecycleHandler handler = new AlarmLifecycleHandler(cloudWatch, emr, TestEnvironment.with(variable, value));

        for (String action : List.of("create", "delete", "sweep")) {
            AlarmLifecycleRequest request = new AlarmLifecycleRequest();
            request.setAction(action);
            request.setClusterId("sweep".equals(action) ? null : TestEnvironment.CLUSTER);
            request.setRunId(TestEnvironment.RUN);
            InvalidAlarmConfigurationException error = assertThrows(InvalidAlarmConfigurationException.class,
                    () -> handler.handleRequest(request, null));
            assertTrue(error.getMessage().startsWith(message), error.getMessage());
        }
        verifyNoInteractions(cloudWatch, emr);
    }

    @Test
    void aPrefixWithAControlCharacterIsRejected() {
        InvalidAlarmConfigurationException error = assertThrows(InvalidAlarmConfigurationException.class,
                () -> AlarmSettings.fromEnvironment(TestEnvironment.with("ALARM_NAME_PREFIX", "emr\tpipeline-")));
        assertTrue(error.getMessage().contains("control characters"), error.getMessage());
    }

    @Test
    void aPrefixLongerThanTheLimitIsRejected() {
        InvalidAlarmConfigurationException error = assertThrows(InvalidAlarmConfigurationException.class,
                () -> AlarmSettings.fromEnvironment(TestEnvironment.with("ALARM_NAME_PREFIX", "p".repeat(129))));
        assertEquals("ALARM_NAME_PREFIX must be at most 128 characters, got 129", error.getMessage());
    }

    @Test
    void partitionsOtherThanAwsAreAccepted() {
        Map<String, String> env = TestEnvironment.with("ALARM_TOPIC_ARN", "arn:aws-us-gov:sns:us-gov-west-1:123456789012:alerts");
        env.put("AWS_REGION", "us-gov-west-1");
        assertEquals("us-gov-west-1", AlarmSettings.fromEnvironment(env).region());
    }
}
