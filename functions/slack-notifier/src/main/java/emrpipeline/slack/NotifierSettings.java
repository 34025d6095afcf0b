package emrpipeline.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the function is configured with.
 *
 * @param secretArn      the Secrets Manager secret holding the webhook URL; {@code null}: Slack is not configured
 * @param secretCacheTtl how long a webhook URL read from the secret is used before it is read again
 * @param budget         the most time one invocation spends (also bounded by the Lambda's remaining time minus {@code safetyMargin})
 * @param safetyMargin   time kept back from the Lambda's remaining time to return the answer
 * @param secretTimeout  the most time one {@code GetSecretValue} call may take (also bounded by the budget left)
 * @param region         the function's region ({@code AWS_REGION}), for console links when the request has no execution ARN
 * @param delivery       retry and timeout policy of the webhook call
 * @param webhookPolicy  which webhook URLs are accepted; always {@link WebhookPolicy#SLACK} from the environment
 */
public record NotifierSettings(String secretArn, Duration secretCacheTtl, Duration budget, Duration safetyMargin,
                               Duration secretTimeout, String region, DeliverySettings delivery, WebhookPolicy webhookPolicy) {
    static final String SECRET_ARN_VARIABLE = "SLACK_WEBHOOK_SECRET_ARN";
    static final String CACHE_VARIABLE = "SECRET_CACHE_SECONDS";
    static final String BUDGET_VARIABLE = "DELIVERY_BUDGET_SECONDS";
    static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(300);
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(15);
    static final Duration SAFETY_MARGIN = Duration.ofMillis(1_000);
    static final Duration SECRET_TIMEOUT = Duration.ofSeconds(4);

    public NotifierSettings {
        secretArn = secretArn == null || secretArn.isBlank() ? null : secretArn.strip();
    }

    /** Defaults for everything but the secret and the region. */
    public static NotifierSettings defaults(String secretArn, String region) {
        return new NotifierSettings(secretArn, DEFAULT_CACHE_TTL, DEFAULT_BUDGET, SAFETY_MARGIN, SECRET_TIMEOUT, region,
                DeliverySettings.DEFAULTS, WebhookPolicy.SLACK);
    }

    public NotifierSettings withWebhookPolicy(WebhookPolicy policy) {
        return new NotifierSettings(secretArn, secretCacheTtl, budget, safetyMargin, secretTimeout, region, delivery, policy);
    }

    public NotifierSettings withDelivery(DeliverySettings settings) {
        return new NotifierSettings(secretArn, secretCacheTtl, budget, safetyMargin, secretTimeout, region, settings, webhookPolicy);
    }

    public NotifierSettings withBudget(Duration newBudget, Duration newSafetyMargin) {
        return new NotifierSettings(secretArn, secretCacheTtl, newBudget, newSafetyMargin, secretTimeout, region, delivery, webhookPolicy);
    }

    public NotifierSettings withSecretCacheTtl(Duration ttl) {
        return new NotifierSettings(secretArn, ttl, budget, safetyMargin, secretTimeout, region, delivery, webhookPolicy);
    }

    /** The settings an environment gives, and a warning for each value that was unusable (its default is used instead). */
    public record FromEnvironment(NotifierSettings settings, List<String> warnings) {
    }

    /**
     * Reads {@value #SECRET_ARN_VARIABLE} (empty: not configured), {@value #CACHE_VARIABLE} (default 300, 0 reads
     * the secret every time), {@value #BUDGET_VARIABLE} (default 15) and {@code AWS_REGION}. A bad number is a
     * warning, not a failure: a notifier that cannot start would fail the pipeline's notification states. Public so
     * that a local runner configures the function from its environment exactly as the no-arg constructor does.
     */
    public static FromEnvironment fromEnvironment(Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        Duration ttl = seconds(env, CACHE_VARIABLE, DEFAULT_CACHE_TTL, 0, 86_400, warnings);
        Duration budget = seconds(env, BUDGET_VARIABLE, DEFAULT_BUDGET, 1, 900, warnings);
        NotifierSettings settings = new NotifierSettings(env.get(SECRET_ARN_VARIABLE), ttl, budget, SAFETY_MARGIN,
                SECRET_TIMEOUT, env.get("AWS_REGION"), DeliverySettings.DEFAULTS, WebhookPolicy.SLACK);
        return new FromEnvironment(settings, List.copyOf(warnings));
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback, long min, long max, List<String> warnings) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= min && seconds <= max) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        warnings.add(name + "='" + value + "' is not a whole number of seconds from " + min + " to " + max
                + "; using " + fallback.toSeconds());
        return fallback;
    }
}
