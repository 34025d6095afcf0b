package emrpipeline.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.local.asl.Json;
import emrpipeline.local.aws.LocalSecretsManager;
import emrpipeline.local.aws.LocalSlack;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offline Slack notifier waits out Slack's Retry-After and its own backoffs instead of sleeping. */
class SlackWaitsTest {
    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:local-slack";
    private static final SamTemplate.FunctionDefinition NOTIFIER = new SamTemplate.FunctionDefinition(
            "SlackNotifierFunction", "stack-SlackNotifierFunction",
            "arn:aws:lambda:us-east-1:123456789012:function:stack-SlackNotifierFunction",
            "emrpipeline.slack.SlackNotifierHandler", "handleRequest", 30, 512, "java21", "functions/slack-notifier",
            Map.of(), "live");
    private static final String STARTED = """
            {"kind":"STARTED","runId":"2026-11-21-daily",
             "executionArn":"arn:aws:states:us-east-1:123456789012:execution:stack-Pipeline:2026-11-21-daily-0600",
             "executionName":"2026-11-21-daily-0600","newObjectCount":1234,"newBytes":13207024640,"ebsGib":96,
             "coreNodeCount":2,"manifestUri":"s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json"}""";

    private static LocalSlack slack;

    @BeforeAll
    static void startSlack() throws Exception {
        slack = new LocalSlack(Instant::now);
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
    }

    @Test
    void retryAfterIsWaitedOutOnTheInvocationsOwnClock() {
        slack.clear();
        slack.down(429);
        WaitedOutTime waits = new WaitedOutTime();
        FunctionServices services = new FunctionServices(null, null, null, null,
                new LocalSecretsManager(Map.of(SECRET, slack.webhookUrl())), Clock.systemUTC());
        LocalFunction notifier = new LocalFunction(NOTIFIER, HandlerFactories.slackNotifier(services,
                Map.of("SLACK_WEBHOOK_SECRET_ARN", SECRET, "AWS_REGION", "us-east-1", "DELIVERY_BUDGET_SECONDS", "20"),
                waits));

        var answer = Json.parse(notifier.invoke(STARTED.getBytes(StandardCharsets.UTF_8), "r-1").payloadText());

        assertFalse(answer.path("notified").asBoolean(), answer.toString());
        assertEquals(429, answer.path("httpStatus").asInt(), answer.toString());
        int attempts = answer.path("attempts").asInt();
        assertTrue(attempts > 1, "the notifier retried a 429: " + answer);
        assertEquals(attempts, slack.posts().size(), "each attempt reached Slack");
        // Slack asked for 1 s before each retry: exactly that was waited out, and none of it slept.
        assertEquals(Duration.ofSeconds(attempts - 1), waits.total());
        slack.up();
    }
}
