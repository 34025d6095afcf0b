package emrpipeline.slack;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Posts one run update to Slack within a time budget and reports what happened. Never throws: whatever goes
 * wrong after validation (Secrets Manager errors, an unusable secret, Slack refusing, timeouts, a bug) becomes a
 * {@link NotificationResult} with {@code notified=false} and a reason, and a log line, both without the
 * webhook URL. The pipeline must never fail or retry because of Slack.
 */
final class SlackNotifier {
    private final WebhookSecret secret;
    private final RunUpdateFormatter formatter;
    private final WebhookDelivery delivery;
    private final NotifierSettings settings;
    private final Redactor redactor;
    private final RedactingLog log;
    private final LongSupplier nanoTime;

    /** @param secret {@code null} when no secret is configured */
    SlackNotifier(WebhookSecret secret, RunUpdateFormatter formatter, WebhookDelivery delivery, NotifierSettings settings,
                  Redactor redactor, RedactingLog log, LongSupplier nanoTime) {
        this.secret = secret;
        this.formatter = formatter;
        this.delivery = delivery;
        this.settings = settings;
        this.redactor = redactor;
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /** @param lambdaRemainingMillis the invocation's remaining time, when running in Lambda */
    NotificationResult notify(Notification notification, OptionalLong lambdaRemainingMillis) {
        Deadline deadline = Deadline.after(budget(lambdaRemainingMillis), nanoTime);
        String subject = "run " + notification.runId() + " " + notification.kind();
        try {
            SlackMessage message = formatter.format(notification);
            String json = message.toJson();
            log.debug("Slack payload for " + subject + ": " + json);
            if (secret == null) {
                log.info("Slack is not configured (" + NotifierSettings.SECRET_ARN_VARIABLE + " is empty); " + subject + " not posted");
                return NotificationResult.notConfigured();
            }
            // At least 1 ms: with no time left a call fails fast (ApiCallTimeoutException) unless the URL is cached.
            Duration secretTimeout = min(settings.secretTimeout(), deadline.remaining());
            WebhookSecret.Lookup lookup = secret.lookup(secretTimeout.isZero() ? Duration.ofMillis(1) : secretTimeout);
            if (lookup instanceof WebhookSecret.Lookup.Unavailable unavailable) {
                return result(new NotificationResult(false, 0, null, unavailable.reason()), subject);
            }
            WebhookUrl url = ((WebhookSecret.Lookup.Found) lookup).url();
            DeliveryOutcome outcome = delivery.deliver(url, json, deadline);
            if (outcome.webhookGone()) {
                secret.invalidate();
            }
            return result(new NotificationResult(outcome.delivered(), outcome.attempts(), outcome.httpStatus(), outcome.reason()), subject);
        } catch (RuntimeException e) {
            log.error("could not notify Slack of " + subject + ": internal error " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return result(new NotificationResult(false, 0, null, "internal error: " + e.getClass().getSimpleName()), subject);
        }
    }

    private NotificationResult result(NotificationResult result, String subject) {
        NotificationResult clean = new NotificationResult(result.notified(), result.attempts(), result.httpStatus(),
                redactor.redact(result.reason()));
        String line = "Slack notification of " + subject + ": notified=" + clean.notified() + " attempts=" + clean.attempts()
                + " httpStatus=" + clean.httpStatus() + " reason=" + clean.reason();
        if (clean.notified()) {
            log.info(line);
        } else {
            log.warn(line);
        }
        return clean;
    }

    /** min(the configured budget, the Lambda's remaining time minus the safety margin), never negative. */
    private Duration budget(OptionalLong lambdaRemainingMillis) {
        Duration budget = settings.budget();
        if (lambdaRemainingMillis.isPresent()) {
            Duration lambda = Duration.ofMillis(lambdaRemainingMillis.getAsLong()).minus(settings.safetyMargin());
            budget = min(budget, lambda);
        }
        return budget.isNegative() ? Duration.ZERO : budget;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
