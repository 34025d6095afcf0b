package emrpipeline.slack;

import java.time.Duration;

/**
 * How a message is delivered to the webhook.
 *
 * @param requestTimeout   longest wait for one attempt's response (shortened to the time left)
 * @param maxAttempts      attempts in all, the first included (so {@code maxAttempts - 1} retries)
 * @param backoffBase      wait before the first retry of a 5xx, timeout or connection failure; doubles each time, with jitter
 * @param retryAfterCap    longest {@code Retry-After} honoured on a 429; a longer one ends the delivery
 * @param minAttemptTime   an attempt is not started (nor waited for) with less time than this left
 */
public record DeliverySettings(Duration requestTimeout, int maxAttempts, Duration backoffBase, Duration retryAfterCap,
                               Duration minAttemptTime) {
    public static final DeliverySettings DEFAULTS = new DeliverySettings(
            Duration.ofSeconds(5), 3, Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofMillis(250));

    public DeliverySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
