package emrpipeline.slack;

import java.time.Duration;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The webhook URL kept in Secrets Manager, read with {@code GetSecretValue} and cached for the container's
 * life for a time-to-live. Never throws: a failure is a {@link Lookup.Unavailable} with a reason that names
 * the error code (never the secret). When a refresh fails but an earlier value is cached, the earlier value
 * is used (and a warning logged): a webhook rarely changes, Secrets Manager hiccups should not silence Slack.
 * A value that is read but invalid is not cached, so fixing the secret takes effect on the next call.
 */
final class WebhookSecret {

    /** What a lookup found. */
    sealed interface Lookup permits Lookup.Found, Lookup.Unavailable {
        record Found(WebhookUrl url) implements Lookup {
        }

        record Unavailable(String reason) implements Lookup {
        }
    }

    private final SecretsManagerClient client;
    private final String secretArn;
    private final long ttlNanos;
    private final WebhookPolicy policy;
    private final Redactor redactor;
    private final RedactingLog log;
    private final LongSupplier nanoTime;

    private WebhookUrl cached;
    private long cachedAt;

    WebhookSecret(SecretsManagerClient client, String secretArn, Duration ttl, WebhookPolicy policy,
                  Redactor redactor, RedactingLog log, LongSupplier nanoTime) {
        this.client = client;
        this.secretArn = secretArn;
        this.ttlNanos = ttl.toNanos();
        this.policy = policy;
        this.redactor = redactor;
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /** The webhook URL, from the cache while it is fresh, else from Secrets Manager within {@code timeout}. */
    synchronized Lookup lookup(Duration timeout) {
        long now = nanoTime.getAsLong();
        if (cached != null && now - cachedAt < ttlNanos) {
            return new Lookup.Found(cached);
        }
        String value;
        try {
            GetSecretValueResponse response = client.getSecretValue(GetSecretValueRequest.builder()
                    .secretId(secretArn)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))
                    .build());
            value = response.secretString();
        } catch (SecretsManagerException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return unavailable("secret unavailable: " + (code == null ? "HTTP " + e.statusCode() : code));
        } catch (SdkException e) {
            return unavailable("secret unavailable: " + e.getClass().getSimpleName());
        }
        redactor.register(value);
        if (value == null) {
            return invalid("secret invalid: it has no SecretString (a binary secret is not supported)");
        }
        try {
            WebhookUrl url = policy.parseSecret(value);
            redactor.register(url.uri().toString());
            cached = url;
            cachedAt = now;
            return new Lookup.Found(url);
        } catch (InvalidWebhookSecretException e) {
            return invalid("secret invalid: " + e.getMessage());
        }
    }

    /** Forgets the cached URL (Slack said the webhook is gone), so the next lookup reads the secret again. */
    synchronized void invalidate() {
        cached = null;
    }

    private Lookup unavailable(String reason) {
        if (cached != null) {
            log.warn("could not refresh the webhook secret " + secretArn + " (" + reason + "); using the value read earlier");
            cachedAt = nanoTime.getAsLong();
            return new Lookup.Found(cached);
        }
        log.warn("could not read the webhook secret " + secretArn + ": " + reason);
        return new Lookup.Unavailable(reason);
    }

    private Lookup invalid(String reason) {
        cached = null;
        log.error("the webhook secret " + secretArn + " is unusable: " + reason);
        return new Lookup.Unavailable(reason);
    }
}
