package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactorTest {
    final Redactor redactor = new Redactor();

    @Test
    void removesSlackWebhookUrlsInEverySpelling() {
        assertEquals("POST https://hooks.slack.com/services/[redacted] failed",
                redactor.redact("POST https://hooks.slack.com/services/T000/B000/XXXXXXXX failed"));
        assertEquals("{\"url\":\"https:\\/\\/hooks.slack.com\\/services\\/[redacted]\"}",
                redactor.redact("{\"url\":\"https:\\/\\/hooks.slack.com\\/services\\/T000\\/B000\\/XXXXXXXX\"}"));
        assertEquals("u=https%3A%2F%2Fhooks.slack.com%2Fservices%2F[redacted]",
                redactor.redact("u=https%3A%2F%2Fhooks.slack.com%2Fservices%2FT000%2FB000%2FXXXXXXXX"));
        assertEquals("<https://HOOKS.SLACK.COM/services/[redacted]>",
                redactor.redact("<https://HOOKS.SLACK.COM/services/T000/B000/XXXXXXXX>"));
        assertEquals("hooks.slack.com/triggers/[redacted] and hooks.slack-gov.com/services/[redacted]",
                redactor.redact("hooks.slack.com/triggers/T1/123/abc and hooks.slack-gov.com/services/T1/B2/c3"));
    }

    @Test
    void removesABareTokenPath() {
        assertEquals("path /services/[redacted] used",
                redactor.redact("path /services/T0TESTTEAM/B0TESTHOOK/s3cr3tT0kenAbCdEf123456 used"));
    }

    @Test
    void removesRegisteredValuesAndTheirPaths() {
        redactor.register("http://127.0.0.1:8080/services/custom-path-secret");

        assertEquals("to [redacted] now", redactor.redact("to http://127.0.0.1:8080/services/custom-path-secret now"));
        assertEquals("GET [redacted]", redactor.redact("GET /services/custom-path-secret"));
    }

    @Test
    void leavesOtherTextAlone() {
        redactor.register("short");   // too short to mask everywhere
        String text = "Run 2026-11-21 failed: short of memory on https://eu-west-1.console.aws.amazon.com/emr/home";

        assertEquals(text, redactor.redact(text));
        assertNull(redactor.redact(null));
        assertEquals("", redactor.redact(""));
    }
}
