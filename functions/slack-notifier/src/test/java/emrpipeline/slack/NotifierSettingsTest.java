package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierSettingsTest {

    @Test
    void defaultsWithoutEnvironment() {
        NotifierSettings.FromEnvironment read = NotifierSettings.fromEnvironment(Map.of());

        NotifierSettings settings = read.settings();
        assertNull(settings.secretArn());
        assertNull(settings.region());
        assertEquals(Duration.ofSeconds(300), settings.secretCacheTtl());
        assertEquals(Duration.ofSeconds(15), settings.budget());
        assertEquals(Duration.ofSeconds(1), settings.safetyMargin());
        assertEquals(DeliverySettings.DEFAULTS, settings.delivery());
        assertEquals(WebhookPolicy.SLACK, settings.webhookPolicy());
        assertEquals(List.of(), read.warnings());
    }

    @Test
    void readsTheEnvironment() {
        NotifierSettings settings = NotifierSettings.fromEnvironment(Map.of(
                "SLACK_WEBHOOK_SECRET_ARN", " arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-AbCdEf ",
                "SECRET_CACHE_SECONDS", "0",
                "DELIVERY_BUDGET_SECONDS", "8",
                "AWS_REGION", "eu-west-1")).settings();

        assertEquals("arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-AbCdEf", settings.secretArn());
        assertEquals(Duration.ZERO, settings.secretCacheTtl());
        assertEquals(Duration.ofSeconds(8), settings.budget());
        assertEquals("eu-west-1", settings.region());
        assertEquals(WebhookPolicy.SLACK, settings.webhookPolicy());
    }

    @Test
    void anEmptyArnMeansNotConfigured() {
        assertNull(NotifierSettings.fromEnvironment(Map.of("SLACK_WEBHOOK_SECRET_ARN", "")).settings().secretArn());
    }

    @Test
    void unusableNumbersAreWarningsAndDefaults() {
        NotifierSettings.FromEnvironment read = NotifierSettings.fromEnvironment(Map.of(
                "SECRET_CACHE_SECONDS", "five", "DELIVERY_BUDGET_SECONDS", "0"));

        assertEquals(Duration.ofSeconds(300), read.settings().secretCacheTtl());
        assertEquals(Duration.ofSeconds(15), read.settings().budget());
        assertEquals(List.of(
                "SECRET_CACHE_SECONDS='five' is not a whole number of seconds from 0 to 86400; using 300",
                "DELIVERY_BUDGET_SECONDS='0' is not a whole number of seconds from 1 to 900; using 15"), read.warnings());
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(7), WebhookDelivery.retryAfter(" 7 "));
        assertNull(WebhookDelivery.retryAfter(null));
        assertNull(WebhookDelivery.retryAfter("soon"));
        assertEquals(Duration.ZERO, WebhookDelivery.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        Duration inAMinute = WebhookDelivery.retryAfter(
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(60)));
        assertTrue(inAMinute.toSeconds() > 50 && inAMinute.toSeconds() <= 60, inAMinute::toString);
    }
}
