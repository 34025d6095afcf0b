package emrpipeline.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner runs every function under one log4j2 configuration (the Slack notifier's, see {@link RuntimeLogger}):
 * that is faithful only while the four functions' log4j2.xml are the same but for the Slack notifier's redaction.
 */
class FunctionLoggingTest {
    private static final Path ROOT = Path.of(System.getProperty("emrpipeline.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyFunctionHasTheSameLog4j2ConfigurationButForTheSlackNotifiersRedaction() throws IOException {
        String slack = withoutRedaction(read("functions/slack-notifier"));
        assertTrue(read("functions/slack-notifier").contains("<RedactWebhooks>"), "the Slack notifier redacts its logs");
        for (String function : List.of("functions/storage-sizing", "functions/run-ledger", "functions/alarm-lifecycle")) {
            assertEquals(slack, normalized(read(function)), function + "/src/main/resources/log4j2.xml");
        }
    }

    @Test
    void theRunnerUsesTheSlackNotifiersConfigurationAsItsArtifactCarriesIt() throws IOException {
        try (InputStream in = RuntimeLogger.functionsLog4j2Configuration().openStream()) {
            assertEquals(read("functions/slack-notifier"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String read(String function) throws IOException {
        return Files.readString(ROOT.resolve(function).resolve("src/main/resources/log4j2.xml"));
    }

    private static String withoutRedaction(String xml) {
        return normalized(xml.replaceAll("\\s*</?RedactWebhooks>", ""));
    }

    private static String normalized(String xml) {
        return xml.replaceAll("(?m)^\\s+", "").strip();
    }
}
