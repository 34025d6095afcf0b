package emrpipeline.local.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskCall;
import emrpipeline.local.asl.TaskOutcome;
import emrpipeline.local.asl.VirtualClock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sns:publish integration: recorded when SNS would accept it, refused as SNS refuses it. */
class LocalSnsTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:emr-pipeline-alerts";
    private final LocalSns sns = new LocalSns(Set.of(TOPIC), () -> new UUID(7, 7));

    private TaskOutcome publish(String parameters) {
        Instant at = Instant.parse("2026-11-22T06:00:00Z");
        return sns.invoke(new TaskCall("Publish", LocalSns.PUBLISH, Json.parse(parameters.replace('\'', '"')), 1, at, 60L,
                at.plusSeconds(60), new VirtualClock(at), Json.object()));
    }

    @Test
    void aPublishIsRecordedAndAnsweredWithAMessageId() {
        TaskOutcome.Success ok = (TaskOutcome.Success) publish("{'TopicArn':'" + TOPIC + "','Subject':'run failed','Message':'boom'}");
        assertEquals("00000000-0000-0007-0000-000000000007", ok.output().path("MessageId").asText());
        assertEquals(200, ok.output().at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertEquals(1, sns.published().size());
        assertEquals("boom", sns.published().get(0).message());
    }

    @Test
    void whatSnsRefusesFailsTheTask() {
        assertEquals("SNS.NotFoundException", ((TaskOutcome.Failure) publish("{'TopicArn':'" + TOPIC + "x','Message':'m'}")).error());
        assertEquals("SNS.InvalidParameterException", ((TaskOutcome.Failure) publish("{'TopicArn':'" + TOPIC + "'}")).error());
        assertEquals("SNS.InvalidParameterException",
                ((TaskOutcome.Failure) publish("{'TopicArn':'" + TOPIC + "','Message':'m','Subject':'" + "x".repeat(100) + "'}")).error());
        assertEquals("SNS.InvalidParameterException",
                ((TaskOutcome.Failure) publish("{'TopicArn':'" + TOPIC + "','Message':'m','Subject':'two\\nlines'}")).error());
        assertEquals(0, sns.published().size());
    }
}
