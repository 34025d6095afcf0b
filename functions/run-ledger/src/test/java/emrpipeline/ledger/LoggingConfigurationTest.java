package emrpipeline.ledger;
// Forced copy: every function has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;

/**
 * The function's own src/main/resources/log4j2.xml, run as Lambda runs it: a JVM whose environment carries
 * AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL as Lambda sets them from the function's LoggingConfig (they are
 * read when log4j2 starts, so each case is a child JVM). The Lambda appender writes through
 * {@code LambdaRuntime.getLogger()}, which outside Lambda prints to standard output: the child's standard output is
 * exactly what the appender wrote.
 */
class LoggingConfigurationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonFormatWritesOneLambdaJsonObjectPerEventAtTheConfiguredLevelAndAbove() throws Exception {
        List<String> lines = run(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "WARN"));

        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line));   // every line is one JSON object: a multi-line message stays one event
        }
        assertEquals(List.of("WARN", "ERROR", "FATAL"), events.stream().map(e -> e.path("level").asText()).toList(),
                "WARN drops TRACE, DEBUG and INFO: " + lines);
        JsonNode warn = events.get(0);
        assertEquals("probe warn\nsecond line", warn.path("message").asText());
        assertEquals(LOGGER, warn.path("logger").asText());
        assertEquals("probe-request-id", warn.path("AWSRequestId").asText(), "the request id the runtime puts in the MDC");
        assertTrue(warn.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), warn.toString());
        JsonNode error = events.get(1);
        assertEquals("java.lang.IllegalStateException", error.path("errorType").asText());
        assertEquals("probe failure", error.path("errorMessage").asText());
        assertTrue(error.path("stackTrace").isArray() && error.path("stackTrace").size() > 0, error.toString());
    }

    @Test
    void withoutLoggingConfigItLogsTextAtInfo() throws Exception {
        List<String> lines = run(Map.of());

        String text = String.join("\n", lines);
        assertFalse(text.contains("probe debug") || text.contains("probe trace"), text);
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d probe-request-id INFO  "
                + LOGGER.substring(LOGGER.lastIndexOf('.') + 1) + " - probe info"), lines.get(0));
        assertTrue(text.contains("java.lang.IllegalStateException: probe failure"), "the stack trace is written: " + text);
    }

    private static final String LOGGER = LoggingConfigurationTest.class.getPackageName() + ".Probe";

    /** The child JVM: logs what the function's classes log, one event at each level and one with an exception. */
    public static final class Probe {
        private static final Logger LOG = LogManager.getLogger(Probe.class.getPackageName() + ".Probe");

        public static void main(String[] args) {
            ThreadContext.put("AWSRequestId", "probe-request-id");   // as the runtime does before each invocation
            LOG.trace("probe trace");
            LOG.debug("probe debug");
            LOG.info("probe info");
            LOG.warn("probe warn\nsecond line");
            LOG.error("probe error", new IllegalStateException("probe failure"));
            LOG.fatal("probe fatal");
        }
    }

    /** The appender's output (standard output) of a child JVM running {@link Probe} with {@code environment}. */
    static List<String> run(Map<String, String> environment) throws IOException, InterruptedException {
        return run(Probe.class, environment);
    }

    static List<String> run(Class<?> main, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_LAMBDA_LOG"));
        builder.environment().putAll(environment);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
