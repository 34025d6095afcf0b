package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sample execution inputs in events/state-machine use only the keys the definition reads. */
class ExecutionInputsTest {
    private static final Set<String> KEYS = Set.of("runId", "trigger", "coreMarket", "sizing", "jobArguments", "jobTimeoutSeconds");

    @Test
    void everySampleInputUsesKnownKeys() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(ProjectFiles.EXECUTION_INPUTS)) {
            inputs = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(inputs.isEmpty());
        JsonNode defaults = PipelineDefinition.load(ProjectFiles.DEFINITION).state("ApplyDefaults").path("Parameters").path("defaults");
        for (String key : KEYS) {
            assertTrue(defaults.has(key) || defaults.has(key + ".$"), "the definition has a default for " + key);
        }
        for (Path input : inputs) {
            JsonNode json = new ObjectMapper().readTree(input.toFile());
            assertTrue(json.isObject(), input + " is an object");
            json.fieldNames().forEachRemaining(key -> assertTrue(KEYS.contains(key), input.getFileName() + ": unknown key " + key));
        }
    }
}
