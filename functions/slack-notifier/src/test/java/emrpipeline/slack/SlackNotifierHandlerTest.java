package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The handler end to end: Secrets Manager mocked, Slack played by a real local HTTP server. After every test,
 * no captured log line, result or exception may contain the webhook URL or its token path.
 */
class SlackNotifierHandlerTest extends FakeSlackTest {
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:emr-pipeline/slack-AbCdEf";
    /**
     * Short backoffs (the waits are recorded on the fake clock, not slept). The request timeout stays generous: the
     * first request of a JVM on a busy 2-core machine can take several hundred milliseconds.
     */
    static final DeliverySettings FAST = new DeliverySettings(
            Duration.ofSeconds(3), 3, Duration.ofMillis(40), Duration.ofSeconds(10), Duration.ofMillis(100));
    /** For the server that never answers: short request timeouts. */
    static final DeliverySettings IMPATIENT = new DeliverySettings(
            Duration.ofMillis(400), 3, Duration.ofMillis(40), Duration.ofSeconds(10), Duration.ofMillis(100));

    final SecretsManagerClient secrets = mock(SecretsManagerClient.class);
    final List<String> logs = new CopyOnWriteArrayList<>();
    final List<String> leavingTheFunction = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    /** The handler's clock (System.nanoTime in production): it moves only when the handler waits. */
    final FakeTime time = new FakeTime();

    static final class FakeTime implements LongSupplier {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long getAsLong() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    @BeforeEach
    void reset() {
        slack.script();
    }

    @AfterEach
    void webhookNeverLeaks() {
        String url = slack.webhookUrl().toString();
        List<String> everything = new java.util.ArrayList<>(logs);
        everything.addAll(leavingTheFunction);
        for (String text : everything) {
            assertFalse(text.contains(url), () -> "webhook URL leaked: " + text);
            assertFalse(text.contains("s3cr3tT0ken"), () -> "webhook token leaked: " + text);
            assertFalse(text.contains("B0TESTHOOK"), () -> "webhook path leaked: " + text);
        }
    }

    SlackNotifierHandler handler(NotifierSettings settings) {
        return handler(settings, NotifierClients.webhook());
    }

    /** A handler whose waits are recorded and move {@link #time} instead of sleeping. */
    SlackNotifierHandler handler(NotifierSettings settings, HttpClient http) {
        return new SlackNotifierHandler(secrets, http, settings,
                (message, level) -> logs.add(level + " " + message),
                duration -> {
                    waits.add(duration);
                    time.advance(duration);
                }, time);
    }

    SlackNotifierHandler handler() {
        return handler(settings());
    }

    static NotifierSettings settings() {
        return NotifierSettings.defaults(SECRET_ARN, "eu-west-1").withWebhookPolicy(FakeSlack.policy()).withDelivery(FAST);
    }

    void givenSecret(String value) {
        when(secrets.getSecretValue(any(GetSecretValueRequest.class)))
                .thenReturn(GetSecretValueResponse.builder().arn(SECRET_ARN).secretString(value).build());
    }

    NotificationResult invoke(SlackNotifierHandler handler, NotificationRequest request) {
        return invoke(handler, request, null);
    }

    NotificationResult invoke(SlackNotifierHandler handler, NotificationRequest request, Context context) {
        try {
            NotificationResult result = handler.handleRequest(request, context);
            leavingTheFunction.add(String.valueOf(result));
            return result;
        } catch (RuntimeException e) {
            leavingTheFunction.add(e.toString());
            throw e;
        }
    }

    static DocumentContext payload(FakeSlack.Received received) {
        return JsonPath.parse(received.body());
    }

    // ------------------------------------------------------------------ delivery

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void postsOneBlockKitMessagePerKind(NotificationKind kind) {
        givenSecret(slack.webhookUrl().toString());

        NotificationResult result = invoke(handler(), Requests.of(kind));

        assertEquals(new NotificationResult(true, 1, 200, "delivered"), result);
        List<FakeSlack.Received> received = slack.received();
        assertEquals(1, received.size());
        assertEquals("POST", received.get(0).method());
        assertEquals(FakeSlack.WEBHOOK_PATH, received.get(0).path());
        assertTrue(received.get(0).contentType().startsWith("application/json"));
        DocumentContext json = payload(received.get(0));
        assertEquals("header", json.read("$.blocks[0].type"));
        String header = json.read("$.blocks[0].text.text");
        assertTrue(header.endsWith(": 2026-11-21-daily"), header);
        String text = json.read("$.text");
        assertTrue(text.startsWith("Run 2026-11-21-daily"), text);
        List<String> fields = json.read("$.blocks[?(@.fields)].fields[*].text");
        assertTrue(fields.contains("*Run*\n2026-11-21-daily"), fields::toString);
        assertTrue(fields.contains("*Execution*\n<https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1"
                + "#/v2/executions/details/" + Requests.EXECUTION_ARN + "|2026-11-21-daily-0600>"), fields::toString);
        assertTrue(fields.contains("*Region*\neu-west-1"), fields::toString);
        switch (kind) {
            case STARTED -> {
                assertTrue(header.startsWith(":arrow_forward: Run started"));
                assertTrue(fields.contains("*New objects*\n1,234"), fields::toString);
                assertTrue(fields.contains("*New data*\n12.3 GiB"), fields::toString);
                assertTrue(fields.contains("*EBS*\n96 GiB per core-node volume · 2 core nodes"), fields::toString);
                assertEquals("Run 2026-11-21-daily started: 1,234 new objects (12.3 GiB), 96 GiB of EBS per core-node volume.", text);
                List<String> context = json.read("$.blocks[?(@.type == 'context')].elements[*].text");
                assertTrue(context.contains("Manifest: `s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json`"), context::toString);
            }
            case CLUSTER_READY -> {
                assertTrue(header.startsWith(":large_green_circle: Cluster ready"));
                assertTrue(fields.contains("*Cluster*\n<https://eu-west-1.console.aws.amazon.com/emr/home?region=eu-west-1"
                        + "#/clusterDetails/j-2AXXXXXXGAPLF|j-2AXXXXXXGAPLF>"), fields::toString);
                assertEquals("Run 2026-11-21-daily: cluster j-2AXXXXXXGAPLF is ready.", text);
            }
            case SUCCEEDED -> {
                assertTrue(header.startsWith(":white_check_mark: Run succeeded"));
                assertTrue(fields.contains("*Objects processed*\n1,234"), fields::toString);
                assertTrue(fields.contains("*Data processed*\n12.3 GiB"), fields::toString);
                assertTrue(fields.contains("*Duration*\n1 h 02 min"), fields::toString);
                assertTrue(fields.contains("*Cluster-hours*\n3.25"), fields::toString);
                assertTrue(fields.contains("*Estimated cost*\n$1.84"), fields::toString);
                assertEquals("Run 2026-11-21-daily succeeded in 1 h 02 min: 1,234 objects (12.3 GiB) processed, estimated cost $1.84.", text);
            }
            case FAILED -> {
                assertTrue(header.startsWith(":x: Run failed"));
                List<String> sections = json.read("$.blocks[?(@.type == 'section' && @.text)].text.text");
                assertTrue(sections.contains("*Error:* `States.TaskFailed`"), sections::toString);
                assertTrue(sections.contains("*Cause*\n```\nStepFailedException: Step failed: exit code 1\n"
                        + "  emrpipeline.job.Main.run(Main.java:42)\n  emrpipeline.job.Main.main(Main.java:12)\n```"), sections::toString);
                assertEquals("Run 2026-11-21-daily failed: States.TaskFailed: StepFailedException: Step failed: exit code 1", text);
            }
            case SKIPPED -> {
                assertTrue(header.startsWith(":fast_forward: Run skipped"));
                List<String> sections = json.read("$.blocks[?(@.type == 'section' && @.text)].text.text");
                assertTrue(sections.contains("*Reason:* previous run still active"), sections::toString);
                assertEquals("Run 2026-11-21-daily skipped: previous run still active.", text);
            }
        }
    }

    @Test
    void acceptsTheSecretAsJsonWithAWebhookUrl() {
        givenSecret("{\n  \"webhookUrl\": \"" + slack.webhookUrl() + "\"\n}\n");

        assertEquals(new NotificationResult(true, 1, 200, "delivered"), invoke(handler(), Requests.of(NotificationKind.STARTED)));
    }

    @Test
    void honoursRetryAfterOn429ThenDelivers() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(FakeSlack.Reply.tooManyRequests("1"), FakeSlack.Reply.ok());

        NotificationResult result = invoke(handler(), Requests.of(NotificationKind.STARTED));

        assertEquals(new NotificationResult(true, 2, 200, "delivered"), result);
        assertEquals(List.of(Duration.ofSeconds(1)), waits, "the second attempt waited Retry-After: " + logs);
        List<FakeSlack.Received> received = slack.received();
        assertEquals(received.get(0).body(), received.get(1).body());
    }

    @Test
    void givesUpWhenRetryAfterExceedsTheCap() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(FakeSlack.Reply.tooManyRequests("60"));

        NotificationResult result = invoke(handler(), Requests.of(NotificationKind.STARTED));

        assertEquals(new NotificationResult(false, 1, 429, "rate limited: Retry-After 60 s exceeds the cap of 10 s"), result);
        assertTrue(waits.isEmpty());
    }

    @Test
    void givesUpWhenRetryAfterExceedsTheTimeLeft() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(FakeSlack.Reply.tooManyRequests("5"));

        NotificationResult result = invoke(handler(settings().withBudget(Duration.ofSeconds(3), Duration.ZERO)),
                Requests.of(NotificationKind.STARTED));

        assertEquals(new NotificationResult(false, 1, 429, "rate limited: Retry-After 5 s exceeds the time left"), result);
        assertTrue(waits.isEmpty());
    }

    @Test
    void retriesA500ThenDelivers() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(FakeSlack.Reply.status(500, "internal_error"), FakeSlack.Reply.ok());

        NotificationResult result = invoke(handler(), Requests.of(NotificationKind.SUCCEEDED));

        assertEquals(new NotificationResult(true, 2, 200, "delivered"), result);
        assertEquals(1, waits.size());
    }

    @Test
    void retries5xxAtMostTwice() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(FakeSlack.Reply.status(503, ""), FakeSlack.Reply.status(502, ""), FakeSlack.Reply.status(500, ""),
                FakeSlack.Reply.ok());

        NotificationResult result = invoke(handler(), Requests.of(NotificationKind.SUCCEEDED));

        assertEquals(new NotificationResult(false, 3, 500, "slack unavailable: HTTP 500 after 3 attempts"), result);
        assertEquals(3, slack.received().size());
        assertEquals(2, waits.size());
        // exponential backoff with jitter in the upper half: base/2..base, then base..2×base
        long base = FAST.backoffBase().toMillis();
        assertTrue(waits.get(0).toMillis() >= base / 2 && waits.get(0).toMillis() <= base, waits::toString);
        assertTrue(waits.get(1).toMillis() >= base && waits.get(1).toMillis() <= 2 * base, waits::toString);
    }

    @Test
    void aPermanentRejectionIsNotRetriedAndRereadsTheSecretNextTime() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(FakeSlack.Reply.status(404, "no_service"));
        SlackNotifierHandler handler = handler();

        NotificationResult result = invoke(handler, Requests.of(NotificationKind.FAILED));

        assertEquals(new NotificationResult(false, 1, 404, "slack rejected: no_service"), result);
        assertEquals(1, slack.received().size());
        assertTrue(waits.isEmpty());
        assertTrue(logs.stream().anyMatch(line -> line.startsWith("WARN") && line.contains("slack rejected: no_service")), logs::toString);

        slack.script();
        assertEquals(new NotificationResult(true, 1, 200, "delivered"), invoke(handler, Requests.of(NotificationKind.FAILED)));
        verify(secrets, times(2)).getSecretValue(any(GetSecretValueRequest.class));
    }

    @Test
    void invalidPayloadIsPermanent() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(FakeSlack.Reply.status(400, "invalid_payload"));

        assertEquals(new NotificationResult(false, 1, 400, "slack rejected: invalid_payload"),
                invoke(handler(), Requests.of(NotificationKind.STARTED)));
    }

    @Test
    void aRedirectIsNotFollowed() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(new FakeSlack.Reply(302, "", java.util.Map.of("Location", "http://127.0.0.1:9/elsewhere"), false));

        assertEquals(new NotificationResult(false, 1, 302, "slack rejected: HTTP 302"),
                invoke(handler(), Requests.of(NotificationKind.STARTED)));
        assertEquals(1, slack.received().size());
    }

    /**
     * The one test that waits for real: three 400 ms request timeouts on a real socket, because what it shows is
     * that the JDK client's own request timeout ends an attempt against a server that never answers. (The budget
     * that bounds those timeouts is {@link #staysWithinTheLambdasRemainingTime}'s, on the fake clock.)
     */
    @Test
    void aServerThatNeverAnswersTimesOutOnEveryAttempt() {
        givenSecret(slack.webhookUrl().toString());
        slack.script(FakeSlack.Reply.neverAnswer(), FakeSlack.Reply.neverAnswer(), FakeSlack.Reply.neverAnswer());

        NotificationResult result = invoke(handler(settings().withDelivery(IMPATIENT)), Requests.of(NotificationKind.STARTED));

        assertEquals(new NotificationResult(false, 3, null, "timed out after 3 attempts"), result);
        assertEquals(3, slack.received().size());
        assertEquals(2, waits.size(), "a backoff between attempts: " + waits);
    }

    /**
     * 1,600 ms left in the Lambda is 600 ms after the 1 s safety margin: the first request may take 400 ms, the
     * second only what the backoff left of the 600, and no third starts. The requests time out on the fake clock
     * (a stand-in client that takes each request's whole timeout), so the arithmetic is exact.
     */
    @Test
    void staysWithinTheLambdasRemainingTime() {
        givenSecret(slack.webhookUrl().toString());
        Context context = mock(Context.class);
        when(context.getRemainingTimeInMillis()).thenReturn(1_600);
        List<Duration> timeouts = new CopyOnWriteArrayList<>();
        long start = time.getAsLong();

        NotificationResult result = invoke(handler(settings().withDelivery(IMPATIENT), timingOut(timeouts)),
                Requests.of(NotificationKind.STARTED), context);

        assertEquals(new NotificationResult(false, 2, null, "timed out after 2 attempts (no time left for another)"), result);
        assertEquals(1, waits.size(), waits.toString());
        assertEquals(List.of(Duration.ofMillis(400), Duration.ofMillis(600 - 400).minus(waits.get(0))),
                timeouts, "each request bounded by the time left");
        assertEquals(Duration.ofMillis(600), Duration.ofNanos(time.getAsLong() - start), "all of the 600 ms, no more");
    }

    /** An HTTP client whose every request times out after its whole timeout, on {@link #time}; {@code timeouts} records them. */
    HttpClient timingOut(List<Duration> timeouts) {
        HttpClient http = mock(HttpClient.class);
        when(http.sendAsync(any(HttpRequest.class), any())).thenAnswer(call -> {
            Duration timeout = call.<HttpRequest>getArgument(0).timeout().orElseThrow();
            timeouts.add(timeout);
            time.advance(timeout);
            return CompletableFuture.failedFuture(new HttpTimeoutException("request timed out"));
        });
        return http;
    }

    @Test
    void noTimeLeftMeansNoAttempt() {
        givenSecret(slack.webhookUrl().toString());
        Context context = mock(Context.class);
        when(context.getRemainingTimeInMillis()).thenReturn(900);

        NotificationResult result = invoke(handler(), Requests.of(NotificationKind.STARTED), context);

        assertFalse(result.notified());
        assertEquals(0, result.attempts());
        assertTrue(slack.received().isEmpty());
    }

    @Test
    void connectionFailuresAreRetriedThenReported() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        givenSecret("http://127.0.0.1:" + closedPort + FakeSlack.WEBHOOK_PATH);

        NotificationResult result = invoke(handler(), Requests.of(NotificationKind.STARTED));

        assertEquals(new NotificationResult(false, 3, null, "connection failed (ConnectException) after 3 attempts"), result);
        for (String line : logs) {
            assertFalse(line.contains(String.valueOf(closedPort) + FakeSlack.WEBHOOK_PATH), line);
        }
    }

    @Test
    void nonAsciiTextArrivesIntact() {
        givenSecret(slack.webhookUrl().toString());
        NotificationRequest request = Requests.of(NotificationKind.FAILED);
        request.setRunId("täglich-Zürich-日本-🚀");
        request.setCause("Fehler beim Schreiben nach s3://bücher/日本/ — ungültige Zeichen: ü, ß, 🚀");

        assertTrue(invoke(handler(), request).notified());

        DocumentContext json = payload(slack.received().get(0));
        assertEquals(":x: Run failed: täglich-Zürich-日本-🚀", json.read("$.blocks[0].text.text"));
        List<String> sections = json.read("$.blocks[?(@.type == 'section' && @.text)].text.text");
        String cause = sections.stream().filter(s -> s.startsWith("*Cause*")).findFirst().orElseThrow();
        assertTrue(cause.contains("s3://bücher/日本/ — ungültige Zeichen: ü, ß, 🚀"), cause);
    }

    @Test
    void a50000CharacterCauseIsTruncatedAndTheMessageStaysValid() {
        givenSecret(slack.webhookUrl().toString());
        NotificationRequest request = Requests.of(NotificationKind.FAILED);
        request.setCause("<&>".repeat(2_000) + "x".repeat(44_000));   // 50,000 characters, escapes included

        NotificationResult result = invoke(handler(), request);

        assertEquals(new NotificationResult(true, 1, 200, "delivered"), result);
        DocumentContext json = payload(slack.received().get(0));
        List<String> sections = json.read("$.blocks[?(@.type == 'section' && @.text)].text.text");
        String cause = sections.stream().filter(s -> s.startsWith("*Cause*")).findFirst().orElseThrow();
        assertTrue(cause.length() <= SlackLimits.SECTION_TEXT, () -> "cause section has " + cause.length());
        assertTrue(cause.endsWith("more characters left out: the full cause is in the execution's history\n```"), cause);
        assertTrue(cause.contains("&lt;&amp;&gt;"));
        SlackMessageTest.assertWithinLimits(slack.received().get(0).body());
    }

    // ------------------------------------------------------------------ not configured, secret problems

    @Test
    void withoutASecretNothingIsFetchedOrSent() {
        SlackNotifierHandler handler = handler(NotifierSettings.defaults("", "eu-west-1").withWebhookPolicy(FakeSlack.policy()));

        NotificationResult result = invoke(handler, Requests.of(NotificationKind.STARTED));

        assertEquals(new NotificationResult(false, 0, null, "not configured"), result);
        verifyNoInteractions(secrets);
        assertTrue(slack.received().isEmpty());
    }

    @Test
    void secretsManagerErrorsAreReturnedNotThrown() {
        SlackNotifierHandler handler = handler();
        when(secrets.getSecretValue(any(GetSecretValueRequest.class)))
                .thenThrow(awsError("AccessDeniedException", 400))
                .thenThrow(ResourceNotFoundException.builder().awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ResourceNotFoundException").errorMessage("Secrets Manager can't find the specified secret.").build())
                        .statusCode(400).build())
                .thenThrow(awsError("ThrottlingException", 400))
                .thenThrow(SdkClientException.create("Unable to execute HTTP request: connect timed out"));

        assertEquals(new NotificationResult(false, 0, null, "secret unavailable: AccessDeniedException"),
                invoke(handler, Requests.of(NotificationKind.STARTED)));
        assertEquals(new NotificationResult(false, 0, null, "secret unavailable: ResourceNotFoundException"),
                invoke(handler, Requests.of(NotificationKind.STARTED)));
        assertEquals(new NotificationResult(false, 0, null, "secret unavailable: ThrottlingException"),
                invoke(handler, Requests.of(NotificationKind.STARTED)));
        assertEquals(new NotificationResult(false, 0, null, "secret unavailable: SdkClientException"),
                invoke(handler, Requests.of(NotificationKind.STARTED)));
        assertTrue(slack.received().isEmpty());
    }

    @Test
    void anInvalidSecretIsReportedWithoutItsValue() {
        String plainHttp = "http://hooks.slack.com/services/T0TESTTEAM/B0TESTHOOK/s3cr3tT0kenAbCdEf123456";
        givenSecret(plainHttp);

        NotificationResult result = invoke(handler(settings().withWebhookPolicy(WebhookPolicy.SLACK)),
                Requests.of(NotificationKind.STARTED));

        assertEquals(new NotificationResult(false, 0, null, "secret invalid: the webhook URL is not on https://hooks.slack.com"), result);
        logs.forEach(line -> assertFalse(line.contains(plainHttp), line));
    }

    @Test
    void theSecretIsReadOnceAndCached() {
        givenSecret(slack.webhookUrl().toString());
        SlackNotifierHandler handler = handler();

        for (int i = 0; i < 3; i++) {
            assertTrue(invoke(handler, Requests.of(NotificationKind.STARTED)).notified());
        }
        verify(secrets, times(1)).getSecretValue(any(GetSecretValueRequest.class));
    }

    @Test
    void aZeroTtlReadsTheSecretEveryTime() {
        givenSecret(slack.webhookUrl().toString());
        SlackNotifierHandler handler = handler(settings().withSecretCacheTtl(Duration.ZERO));

        invoke(handler, Requests.of(NotificationKind.STARTED));
        invoke(handler, Requests.of(NotificationKind.STARTED));

        verify(secrets, times(2)).getSecretValue(any(GetSecretValueRequest.class));
    }

    @Test
    void anEarlierValueIsUsedWhenARefreshFails() {
        when(secrets.getSecretValue(any(GetSecretValueRequest.class)))
                .thenReturn(GetSecretValueResponse.builder().secretString(slack.webhookUrl().toString()).build())
                .thenThrow(awsError("InternalServiceError", 500));
        SlackNotifierHandler handler = handler(settings().withSecretCacheTtl(Duration.ZERO));

        assertTrue(invoke(handler, Requests.of(NotificationKind.STARTED)).notified());
        assertTrue(invoke(handler, Requests.of(NotificationKind.SUCCEEDED)).notified());
        assertTrue(logs.stream().anyMatch(line -> line.contains("using the value read earlier")), logs::toString);
    }

    @Test
    void theRequestedSecretIsTheConfiguredArn() {
        givenSecret(slack.webhookUrl().toString());
        invoke(handler(), Requests.of(NotificationKind.STARTED));

        org.mockito.ArgumentCaptor<GetSecretValueRequest> captor = org.mockito.ArgumentCaptor.forClass(GetSecretValueRequest.class);
        verify(secrets).getSecretValue(captor.capture());
        assertEquals(SECRET_ARN, captor.getValue().secretId());
        assertTrue(captor.getValue().overrideConfiguration().orElseThrow().apiCallTimeout().isPresent());
    }

    // ------------------------------------------------------------------ invalid input

    @Test
    void invalidInputThrowsBeforeAnythingIsFetchedOrSent() {
        givenSecret(slack.webhookUrl().toString());
        NotificationRequest request = Requests.of(NotificationKind.STARTED);
        request.setKind("FINISHED");

        InvalidNotificationException e = assertThrows(InvalidNotificationException.class, () -> invoke(handler(), request));

        assertEquals("kind 'FINISHED' is not one of STARTED, CLUSTER_READY, SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, ABORTED, CLEANED_UP, CLUSTER_FAILED", e.getMessage());
        verifyNoInteractions(secrets);
        assertTrue(slack.received().isEmpty());
    }

    @Test
    void aWebhookUrlInBadInputIsRedactedFromTheException() {
        givenSecret(slack.webhookUrl().toString());
        SlackNotifierHandler handler = handler();
        invoke(handler, Requests.of(NotificationKind.STARTED));   // the secret is now known to the Redactor
        NotificationRequest request = Requests.of(NotificationKind.STARTED);
        request.setExecutionArn(slack.webhookUrl().toString());

        InvalidNotificationException e = assertThrows(InvalidNotificationException.class, () -> invoke(handler, request));

        assertTrue(e.getMessage().startsWith("executionArn '[redacted]' is not a Step Functions execution ARN"), e.getMessage());
    }

    @Test
    void aWebhookUrlInTheCauseIsRedactedFromTheMessage() {
        givenSecret(slack.webhookUrl().toString());
        NotificationRequest request = Requests.of(NotificationKind.FAILED);
        request.setCause("POST https://hooks.slack.com/services/T0AAAA/B0BBBB/zzzzzzzzzzzz failed; also " + slack.webhookUrl());

        assertTrue(invoke(handler(), request).notified());

        String body = slack.received().get(0).body();
        assertFalse(body.contains("zzzzzzzzzzzz"), body);
        assertFalse(body.contains("s3cr3tT0ken"), body);
        assertTrue(body.contains("hooks.slack.com/services/[redacted]"), body);
    }

    // ------------------------------------------------------------------ the JSON the state machine sees

    @Test
    void theResultSerializesAsTheContractSays() {
        PojoSerializer<NotificationResult> serializer = JacksonFactory.getInstance().getSerializer(NotificationResult.class);

        assertEquals("{\"notified\":true,\"attempts\":2,\"httpStatus\":200,\"reason\":\"delivered\"}",
                serialize(serializer, new NotificationResult(true, 2, 200, "delivered")));
        assertEquals("{\"notified\":false,\"attempts\":0,\"reason\":\"not configured\"}",
                serialize(serializer, NotificationResult.notConfigured()));
    }

    static String serialize(PojoSerializer<NotificationResult> serializer, NotificationResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static SecretsManagerException awsError(String code, int status) {
        return (SecretsManagerException) SecretsManagerException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                        .errorMessage("User: arn:aws:sts::123456789012:assumed-role/x is not authorized").build())
                .statusCode(status).build();
    }
}
