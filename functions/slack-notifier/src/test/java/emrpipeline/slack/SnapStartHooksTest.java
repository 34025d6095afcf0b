package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The SnapStart hooks, called as the runtime calls them: priming sends nothing (no secret read, no Slack post),
 * and after a restore the webhook cache is empty and the retry jitter is the environment's own.
 */
class SnapStartHooksTest {
    private static final String EVENT = "events/slack-notifier/started.json";

    @Test
    void primingFormatsTheSampleUpdateBuildsTheSecretRequestAndSendsNothing() throws Exception {
        try (LoopbackEndpoint aws = new LoopbackEndpoint();
             FakeSlack slack = new FakeSlack();
             SecretsManagerClient secrets = NotifierClients.secretsManager(aws.clients("eu-west-1"))) {
            SnapStartHooks hooks = new SlackNotifierHandler(secrets, NotifierClients.webhook(),
                    SlackNotifierHandlerTest.settings(), (message, level) -> { }).snapStartHooks();

            hooks.beforeCheckpoint(null);

            assertEquals(0, aws.requests(), "the secret is not read");
            assertEquals(0, aws.credentialLookups(), "no credentials resolved before the snapshot");
            assertEquals(List.of(), slack.received(), "nothing posted to Slack");
            List<SdkHttpRequest> primed = hooks.primed();
            assertEquals(List.of("secretsmanager.GetSecretValue"),
                    primed.stream().map(r -> r.firstMatchingHeader("X-Amz-Target").orElse("")).toList());
            assertEquals("POST", hooks.primedPost().method(), "the sample update formatted into the webhook POST");
            assertTrue(hooks.primedPost().bodyPublisher().orElseThrow().contentLength() > 100);

            assertThrows(SdkException.class, () -> secrets.getSecretValue(b -> b.secretId(SlackNotifierHandlerTest.SECRET_ARN)));
            assertEquals(1, aws.requests(), "the client does reach the endpoint when it really calls");
        }
    }

    @Test
    void afterARestoreTheWebhookIsReadAgain() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            SecretsManagerClient secrets = mock(SecretsManagerClient.class);
            when(secrets.getSecretValue(any(GetSecretValueRequest.class))).thenReturn(GetSecretValueResponse.builder()
                    .arn(SlackNotifierHandlerTest.SECRET_ARN).secretString(slack.webhookUrl().toString()).build());
            NotifierSettings settings = NotifierSettings.defaults(SlackNotifierHandlerTest.SECRET_ARN, "eu-west-1")
                    .withWebhookPolicy(FakeSlack.policy()).withDelivery(SlackNotifierHandlerTest.FAST);
            SlackNotifierHandler handler = new SlackNotifierHandler(secrets, NotifierClients.webhook(), settings,
                    (message, level) -> { });
            handler.handleRequest(Requests.of(NotificationKind.STARTED), null);
            handler.handleRequest(Requests.of(NotificationKind.STARTED), null);
            verify(secrets, times(1)).getSecretValue(any(GetSecretValueRequest.class));   // cached

            handler.snapStartHooks().afterRestore(null);
            handler.handleRequest(Requests.of(NotificationKind.STARTED), null);

            verify(secrets, times(2)).getSecretValue(any(GetSecretValueRequest.class));
            assertEquals(3, slack.received().size());
        }
    }

    @Test
    void aRestoredEnvironmentDrawsItsOwnJitter() {
        java.util.Random inTheSnapshot = Jitter.generator();
        new SlackNotifierHandler(null, NotifierClients.webhook(), NotifierSettings.defaults(null, "eu-west-1"),
                (message, level) -> { }).snapStartHooks().afterRestore(null);

        assertNotSame(inTheSnapshot, Jitter.generator(), "afterRestore seeds the jitter again (JitterTest: what that buys)");
    }

    @Test
    void thePrimingEventIsTheSampleStartedUpdate() throws Exception {
        try (var in = SnapStartHooks.class.getResourceAsStream(SdkPriming.PRIMING_EVENT)) {
            assertEquals(RepositoryFiles.text(EVENT), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
