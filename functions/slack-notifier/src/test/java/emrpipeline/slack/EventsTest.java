package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The sample events of {@code events/slack-notifier/} (for {@code sam local invoke -e}), deserialized by the
 * Lambda Java runtime's own serializer and run through the handler against a local Slack stand-in. They live
 * outside the function's folder, so these tests only run inside the repository (not in sam build's scratch copy).
 */
class EventsTest extends FakeSlackTest {
    static Path events() {
        return RepositoryFiles.require("events/slack-notifier");
    }
    final SecretsManagerClient secrets = mock(SecretsManagerClient.class);

    @BeforeEach
    void reset() {
        slack.script();
        when(secrets.getSecretValue(any(GetSecretValueRequest.class)))
                .thenReturn(GetSecretValueResponse.builder().secretString(slack.webhookUrl().toString()).build());
    }

    static NotificationRequest load(String name) {
        return EventLoader.loadEvent(events().resolve(name).toString(), NotificationRequest.class);
    }

    SlackNotifierHandler handler(String secretArn) {
        NotifierSettings settings = NotifierSettings.defaults(secretArn, "eu-west-1").withWebhookPolicy(FakeSlack.policy());
        return new SlackNotifierHandler(secrets, NotifierClients.webhook(), settings, (message, level) -> { });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "started.json|:arrow_forward: Run started: 2026-11-21-daily|Run 2026-11-21-daily started: 1,234 new objects (12.3 GiB), 96 GiB of EBS per core-node volume.",
            "cluster-ready.json|:large_green_circle: Cluster ready: 2026-11-21-daily|Run 2026-11-21-daily: cluster j-2AXXXXXXGAPLF is ready.",
            "succeeded.json|:white_check_mark: Run succeeded: 2026-11-21-daily|Run 2026-11-21-daily succeeded in 1 h 02 min: 1,234 objects (12.3 GiB) processed, estimated cost $1.84.",
            "failed.json|:x: Run failed: 2026-11-21-daily|Run 2026-11-21-daily failed: States.TaskFailed: StepFailedException: Step s-1ABCDEFGHIJKL failed: exit code 1",
            "skipped.json|:fast_forward: Run skipped: 2026-11-21-daily|Run 2026-11-21-daily skipped: previous run still active.",
            "timed-out.json|:hourglass: Run timed out: 2026-11-21-daily|Run 2026-11-21-daily timed out: States.Timeout: no cause: the state or the execution ran longer than its TimeoutSeconds",
            "cluster-failed.json|:rotating_light: Cluster ended with errors: 2026-11-21-daily|Run 2026-11-21-daily: cluster j-2AXXXXXXGAPLF ended with errors: cluster j-2AXXXXXXGAPLF TERMINATED_WITH_ERRORS: INSTANCE_FAILURE: Spot instances were reclaimed"})
    void eachSampleEventIsPosted(String event, String header, String text) {
        NotificationResult result = handler(SlackNotifierHandlerTest.SECRET_ARN).handleRequest(load(event), null);

        assertEquals(new NotificationResult(true, 1, 200, "delivered"), result);
        DocumentContext payload = JsonPath.parse(slack.received().get(0).body());
        assertEquals(header, payload.read("$.blocks[0].text.text"));
        assertEquals(text, payload.read("$.text"));
        SlackMessageTest.assertWithinLimits(slack.received().get(0).body());
    }

    @Test
    void jsonNumbersAndNullsArriveAsTheBeanExpects() {
        NotificationRequest request = load("started.json");

        assertEquals("13207024640", request.getNewBytes());
        assertEquals("96", request.getEbsGib());
        assertNull(request.getClusterId());
        assertEquals("3725.4", load("succeeded.json").getDurationSeconds());
    }

    @Test
    void withoutASecretTheEventIsNotPosted() {
        assertEquals(new NotificationResult(false, 0, null, "not configured"), handler("").handleRequest(load("started.json"), null));
        assertEquals(List.of(), slack.received());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invalid-kind.json|kind 'FINISHED' is not one of STARTED, CLUSTER_READY, SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, ABORTED, CLEANED_UP, CLUSTER_FAILED",
            "invalid-execution-arn.json|executionArn 'arn:aws:states:eu-west-1:123456789012:stateMachine:emr-pipeline-Pipeline' is not a Step Functions execution ARN (arn:<partition>:states:<region>:<account>:execution:<stateMachine>:<name>)"})
    void invalidSampleEventsAreRejected(String event, String message) {
        NotificationRequest request = load(event);

        InvalidNotificationException e = assertThrows(InvalidNotificationException.class,
                () -> handler(SlackNotifierHandlerTest.SECRET_ARN).handleRequest(request, null));

        assertEquals(message, e.getMessage());
        assertEquals("emrpipeline.slack.InvalidNotificationException", e.getClass().getName());
        assertEquals(List.of(), slack.received());
    }
}
