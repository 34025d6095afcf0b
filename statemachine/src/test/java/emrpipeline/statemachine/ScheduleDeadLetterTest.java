package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A scheduled start EventBridge Scheduler could not deliver is kept 14 days (SQS's maximum) in an encrypted queue,
 * and the alert topic hears of it. The schedules name the queue by ARN: SAM then grants each schedule's role
 * sqs:SendMessage on it (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
 */
class ScheduleDeadLetterTest {
    private static final String QUEUE_ARN = "{\"Fn::GetAtt\":\"ScheduleDeadLetterQueue.Arn\"}";
    private final JsonNode template = CloudFormationTemplate.load();
    private final JsonNode resources = template.path("Resources");

    @Test
    void everyScheduleSendsWhatItCouldNotDeliverToTheQueue() {
        List<String> schedules = new ArrayList<>();
        resources.fields().forEachRemaining(resource -> resource.getValue().at("/Properties/Events").fields().forEachRemaining(event -> {
            if (event.getValue().path("Type").asText().equals("ScheduleV2")) {
                schedules.add(resource.getKey() + "." + event.getKey());
                assertEquals(QUEUE_ARN, event.getValue().at("/Properties/DeadLetterConfig/Arn").toString(), event.getKey());
                assertTrue(event.getValue().at("/Properties/DeadLetterConfig/Type").isMissingNode(),
                        "Type: SQS would make SAM create a queue with the default 4-day retention");
            }
        }));
        assertEquals(List.of("AlarmLifecycleFunction.DailyAlarmSweep", "PipelineStateMachine.DailySchedule",
                "RunJanitorFunction.DailyRunSweep"), schedules.stream().sorted().toList());
    }

    @Test
    void theQueueKeepsDeadLettersFourteenDaysEncrypted() {
        JsonNode queue = resources.path("ScheduleDeadLetterQueue");
        assertEquals("AWS::SQS::Queue", queue.path("Type").asText());
        assertEquals(1209600, queue.at("/Properties/MessageRetentionPeriod").asInt(), "14 days");
        assertTrue(queue.at("/Properties/SqsManagedSseEnabled").asBoolean(), "SSE-SQS");
        assertTrue(queue.at("/Properties/FifoQueue").isMissingNode(), "EventBridge Scheduler needs a standard queue");
    }

    @Test
    void aDeadLetterAlertsTheTopicAndTheSweepNeverDeletesTheAlarm() {
        JsonNode alarm = resources.path("ScheduleDeadLetterAlarm").path("Properties");
        assertEquals("AWS/SQS", alarm.path("Namespace").asText());
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.path("MetricName").asText());
        assertEquals("{\"Fn::GetAtt\":\"ScheduleDeadLetterQueue.QueueName\"}", alarm.at("/Dimensions/0/Value").toString());
        assertEquals("GreaterThanThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals(0, alarm.path("Threshold").asInt(-1));
        assertEquals("[{\"Ref\":\"AlertTopic\"}]", alarm.path("AlarmActions").toString());
        // The topic's policy and its key's policy let CloudWatch publish for alarms named <AlarmNamePrefix>*.
        String name = alarm.path("AlarmName").path("Fn::Sub").asText();
        assertTrue(name.startsWith("${AlarmNamePrefix}"), name);
        assertTrue(template.at("/Resources/AlertTopicPolicy").toString().contains("alarm:${AlarmNamePrefix}*"));
        assertTrue(template.at("/Resources/AlertTopicKey").toString().contains("alarm:${AlarmNamePrefix}*"));
        // The daily sweep deletes only <prefix><cluster id>-<metric> (emrpipeline.alarms.AlarmNames).
        String afterPrefix = name.substring("${AlarmNamePrefix}".length()).replace("${AWS::StackName}", "j-STACK");
        assertFalse(Pattern.compile("(j-[A-Z0-9]+)-([A-Za-z0-9]+)").matcher(afterPrefix).matches(), afterPrefix);
    }
}
