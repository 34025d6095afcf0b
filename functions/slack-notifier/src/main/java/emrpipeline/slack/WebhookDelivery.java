package emrpipeline.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Posts a message to the webhook with {@link HttpClient} and decides what to retry:
 * <ul>
 *   <li>2xx: delivered.</li>
 *   <li>429: waits {@code Retry-After} (seconds or an HTTP date; the backoff when absent) and tries again;
 *       a {@code Retry-After} above the cap, or beyond the time left, ends the delivery.</li>
 *   <li>5xx, a timeout, a connection failure: tries again after an exponential backoff with jitter.</li>
 *   <li>Anything else (400 {@code invalid_payload}, 403 {@code action_prohibited}, 404 {@code no_service},
 *       {@code channel_not_found}, 410 {@code channel_is_archived}, a redirect, ...): permanent, not retried.</li>
 * </ul>
 * At most {@link DeliverySettings#maxAttempts()} attempts, none started with less than
 * {@link DeliverySettings#minAttemptTime()} left before the deadline, each bounded by the time left. Never throws;
 * the outcome's reason never contains the URL (exceptions are reported by class name only).
 */
final class WebhookDelivery {
    private static final long RESPONSE_GRACE_MILLIS = 200;
    private static final int BODY_SHOWN_MAX = 100;

    private final HttpClient http;
    private final DeliverySettings settings;
    private final Sleeper sleeper;
    private final RedactingLog log;
    private final LongSupplier jitterSource;

    WebhookDelivery(HttpClient http, DeliverySettings settings, Sleeper sleeper, RedactingLog log) {
        this(http, settings, sleeper, log, () -> Jitter.nextLong(Long.MAX_VALUE));
    }

    WebhookDelivery(HttpClient http, DeliverySettings settings, Sleeper sleeper, RedactingLog log, LongSupplier jitterSource) {
        this.http = http;
        this.settings = settings;
        this.sleeper = sleeper;
        this.log = log;
        this.jitterSource = jitterSource;
    }

    DeliveryOutcome deliver(WebhookUrl url, String json, Deadline deadline) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int attempts = 0;
        Integer lastStatus = null;
        String problem = null;
        while (true) {
            Duration left = deadline.remaining();
            if (left.compareTo(settings.minAttemptTime()) < 0) {
                String reason = attempts == 0 ? "out of time before sending"
                        : problem + " after " + attemptsText(attempts) + " (no time left for another)";
                return new DeliveryOutcome(false, attempts, lastStatus, reason, false);
            }
            attempts++;
            Duration timeout = min(settings.requestTimeout(), left);
            Attempt attempt = send(url, body, timeout);
            Duration wait;
            if (attempt.status != null) {
                lastStatus = attempt.status;
                int status = attempt.status;
                if (status >= 200 && status < 300) {
                    log.info("delivered to Slack: HTTP " + status + " on attempt " + attempts);
                    return new DeliveryOutcome(true, attempts, status, "delivered", false);
                }
                if (status == 429) {
                    problem = "rate limited";
                    if (attempt.retryAfter != null && attempt.retryAfter.compareTo(settings.retryAfterCap()) > 0) {
                        return failed(attempts, status, "rate limited: Retry-After " + seconds(attempt.retryAfter)
                                + " exceeds the cap of " + seconds(settings.retryAfterCap()));
                    }
                    wait = attempt.retryAfter != null ? attempt.retryAfter : backoff(attempts);
                    if (attempt.retryAfter != null && attempts < settings.maxAttempts()
                            && wait.plus(settings.minAttemptTime()).compareTo(deadline.remaining()) > 0) {
                        return failed(attempts, status, "rate limited: Retry-After " + seconds(attempt.retryAfter)
                                + " exceeds the time left");
                    }
                } else if (status >= 500) {
                    problem = "slack unavailable: HTTP " + status;
                    wait = backoff(attempts);
                } else {
                    String shown = attempt.body.isEmpty() ? "HTTP " + status : attempt.body;
                    return new DeliveryOutcome(false, attempts, status, "slack rejected: " + shown,
                            status == 403 || status == 404 || status == 410);
                }
            } else if (attempt.interrupted) {
                return failed(attempts, lastStatus, "interrupted");
            } else {
                problem = attempt.failure;
                wait = backoff(attempts);
            }
            log.warn("Slack delivery attempt " + attempts + " failed: " + problem);
            if (attempts >= settings.maxAttempts()) {
                return failed(attempts, lastStatus, problem + " after " + attemptsText(attempts));
            }
            if (wait.plus(settings.minAttemptTime()).compareTo(deadline.remaining()) > 0) {
                return failed(attempts, lastStatus, problem + " after " + attemptsText(attempts) + " (no time left for another)");
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(attempts, lastStatus, problem + " after " + attemptsText(attempts) + " (interrupted)");
            }
        }
    }

    private DeliveryOutcome failed(int attempts, Integer status, String reason) {
        log.warn("Slack delivery failed: " + reason);
        return new DeliveryOutcome(false, attempts, status, reason, false);
    }

    /** One HTTP exchange: a status (with Retry-After and body), or a failure in words. */
    private record Attempt(Integer status, Duration retryAfter, String body, String failure, boolean interrupted) {
    }

    /** The webhook POST of a message. */
    static HttpRequest post(URI webhook, byte[] body, Duration timeout) {
        return HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private Attempt send(WebhookUrl url, byte[] body, Duration timeout) {
        HttpRequest request = post(url.uri(), body, timeout);
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The request timeout covers the wait for the response headers; this bound also covers the body.
            HttpResponse<String> response = pending.get(timeout.toMillis() + RESPONSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            return new Attempt(response.statusCode(),
                    response.statusCode() == 429 ? retryAfter(response.headers().firstValue("Retry-After").orElse(null)) : null,
                    shown(response.body()), null, false);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Attempt(null, null, "", "timed out", false);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Attempt(null, null, "", "interrupted", true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Attempt(null, null, "", "timed out", false);
            }
            String name = cause == null ? "unknown error" : cause.getClass().getSimpleName();
            return new Attempt(null, null, "", cause instanceof IOException
                    ? "connection failed (" + name + ")" : "request failed (" + name + ")", false);
        } catch (RuntimeException e) {
            return new Attempt(null, null, "", "request failed (" + e.getClass().getSimpleName() + ")", false);
        }
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            return text.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** base × 2^(attempt-1), then a random point in its upper half (jitter keeps retries of many callers apart). */
    private Duration backoff(int attempt) {
        long full = settings.backoffBase().toMillis() << Math.min(attempt - 1, 20);
        long half = full / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : Math.floorMod(jitterSource.getAsLong(), half + 1)));
    }

    /** The response body as shown in a reason: first line, printable, short (Slack answers a word: no_service, invalid_payload). */
    private static String shown(String body) {
        if (body == null) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "");
        return line.length() > BODY_SHOWN_MAX ? line.substring(0, BODY_SHOWN_MAX) + "…" : line;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String attemptsText(int attempts) {
        return attempts == 1 ? "1 attempt" : attempts + " attempts";
    }
}
