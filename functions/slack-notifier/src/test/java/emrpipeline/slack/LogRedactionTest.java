package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

/**
 * The webhook never reaches the logs, whoever logs and whatever the event carries: the function's log4j2.xml
 * wraps each layout in {@link RedactingLayout}. A child JVM (see {@link LoggingConfigurationTest}) logs exceptions
 * that carry webhook URLs in their message, their cause and a suppressed exception, and a secret value the function
 * read (registered with {@link Redactor#shared()}); its standard output is what the Lambda appender wrote.
 */
class LogRedactionTest {
    static final String SLACK_TOKEN = "T0TESTTEAM/B0TESTHOOK/s3cr3tT0kenAbCdEf123456";
    static final String SLACK_URL = "https://hooks.slack.com/services/" + SLACK_TOKEN;
    /** A webhook on another host (a test server): masked because the function registered it when it read the secret. */
    static final String REGISTERED_URL = "http://127.0.0.1:9/services/custom-path-webhook-secret";

    @Test
    void jsonLogsHaveNoWebhookAndStayValidJson() throws Exception {
        List<String> lines = LoggingConfigurationTest.run(LeakingProbe.class, Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON"));

        String output = String.join("\n", lines);
        assertNoSecret(output);
        ObjectMapper json = new ObjectMapper();
        JsonNode exception = json.readTree(lines.get(0));
        assertEquals("java.lang.IllegalStateException", exception.path("errorType").asText(), "the exception is still logged");
        assertEquals("POST https://hooks.slack.com/services/[redacted] failed", exception.path("errorMessage").asText());
        assertEquals("posting to \"[redacted]\" with {\"url\":\"https://hooks.slack.com/services/[redacted]\"}",
                json.readTree(lines.get(1)).path("message").asText(), "quotes around a masked value stay JSON");
    }

    @Test
    void textLogsHaveNoWebhookInTheMessageOrAnyPartOfTheStackTrace() throws Exception {
        List<String> lines = LoggingConfigurationTest.run(LeakingProbe.class, Map.of());

        String output = String.join("\n", lines);
        assertNoSecret(output);
        assertTrue(output.contains("java.lang.IllegalStateException: POST https://hooks.slack.com/services/[redacted] failed"), output);
        assertTrue(output.contains("Caused by: java.io.IOException: connect to [redacted]"), output);
        assertTrue(output.contains("Suppressed: java.lang.RuntimeException: retry of https://hooks.slack.com/services/[redacted]"), output);
    }

    private static void assertNoSecret(String output) {
        assertFalse(output.contains("s3cr3tT0ken"), output);
        assertFalse(output.contains("custom-path-webhook-secret"), output);
        assertTrue(output.contains("[redacted]"), output);
    }

    /** Logs the webhook every way a bug could: in exceptions (message, cause, suppressed) and in a plain message. */
    public static final class LeakingProbe {
        private static final Logger LOG = LogManager.getLogger(LeakingProbe.class);

        public static void main(String[] args) {
            Redactor.shared().register(REGISTERED_URL);   // what WebhookSecret does with the value it reads
            IllegalStateException failure = new IllegalStateException("POST " + SLACK_URL + " failed",
                    new java.io.IOException("connect to " + REGISTERED_URL + " refused"));
            failure.addSuppressed(new RuntimeException("retry of " + SLACK_URL));
            LOG.error("delivery failed", failure);
            LOG.warn("posting to \"" + REGISTERED_URL + "\" with {\"url\":\"" + SLACK_URL + "\"}");
        }
    }
}
