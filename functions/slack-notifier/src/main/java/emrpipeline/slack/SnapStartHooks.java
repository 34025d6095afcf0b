package emrpipeline.slack;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * SnapStart runtime hooks (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html); every
 * function has hooks of this shape, each its own, since each function is built alone (docs/snapstart.md).
 * Before the snapshot: the function's sample event (a STARTED update, a copy of events/slack-notifier/started.json)
 * through the runtime's serializer, the validator and the Block Kit formatter, the webhook POST built (not sent),
 * and, when a secret is configured, its GetSecretValue through the client up to the wire, never sent. The webhook
 * is not read before the snapshot: a URL cached there would live in every restored environment, stale and beyond
 * the cache's time-to-live (its clock is System.nanoTime, which does not carry over a restore).
 * After a restore: the webhook cache is emptied (nothing should be there; if the init phase ever read it, it is
 * read again) and the retry jitter is seeded again ({@link Jitter}).
 */
final class SnapStartHooks implements Resource {
    private static final Logger LOG = LogManager.getLogger(SnapStartHooks.class);
    private static final URI NOT_A_WEBHOOK = URI.create("https://hooks.slack.com/services/T00000000/B00000000/priming");

    private final SecretsManagerClient secretsManager;
    private final String secretArn;
    private final WebhookSecret webhook;
    private final NotificationValidator validator;
    private final RunUpdateFormatter formatter;
    private volatile List<SdkHttpRequest> primed = List.of();
    private volatile HttpRequest primedPost;

    /** {@code secretsManager}, {@code secretArn} and {@code webhook} are {@code null} when Slack is not configured. */
    SnapStartHooks(SecretsManagerClient secretsManager, String secretArn, WebhookSecret webhook, NotificationValidator validator,
                   RunUpdateFormatter formatter) {
        this.secretsManager = secretsManager;
        this.secretArn = secretArn;
        this.webhook = webhook;
        this.validator = validator;
        this.formatter = formatter;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        SdkPriming.primeOrWarn(this::prime, LOG);
    }

    private void prime() {
        NotificationRequest request = SdkPriming.primingEvent(NotificationRequest.class).orElse(null);
        if (request != null) {
            String json = formatter.format(validator.validate(request)).toJson();
            primedPost = WebhookDelivery.post(NOT_A_WEBHOOK, json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.time.Duration.ofSeconds(1));
        }
        List<SdkHttpRequest> requests = new ArrayList<>();
        if (secretsManager != null && secretArn != null) {
            requests.add(SdkPriming.unsent(o -> secretsManager.getSecretValue(b -> b.secretId(secretArn).overrideConfiguration(o))));
        }
        primed = List.copyOf(requests);
        LOG.info("SnapStart priming: sample event " + (request == null ? "not deserialized (no runtime serializer)"
                : request.getKind() + " of run " + request.getRunId() + " formatted, its POST built and not sent") + ", "
                + primed.size() + " Secrets Manager requests built and not sent");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        if (webhook != null) {
            webhook.invalidate();
        }
        Jitter.reseed();
    }

    /** The SDK requests the last {@link #beforeCheckpoint} built and did not send. */
    List<SdkHttpRequest> primed() {
        return primed;
    }

    /** The webhook POST the last {@link #beforeCheckpoint} built (to a made-up URL) and did not send. */
    HttpRequest primedPost() {
        return primedPost;
    }
}
