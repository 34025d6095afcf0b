package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every ${...} in the definition is substituted by template.yaml, and the template substitutes nothing else. */
class DefinitionSubstitutionsTest {

    @Test
    void placeholdersAndSubstitutionsMatchExactly() {
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([^}]*)}").matcher(ProjectFiles.read(ProjectFiles.DEFINITION));
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        Set<String> substituted = new TreeSet<>();
        JsonNode substitutions = CloudFormationTemplate.load()
                .at("/Resources/PipelineStateMachine/Properties/DefinitionSubstitutions");
        substitutions.fieldNames().forEachRemaining(substituted::add);

        Set<String> undefined = new TreeSet<>(placeholders);
        undefined.removeAll(substituted);
        Set<String> unused = new TreeSet<>(substituted);
        unused.removeAll(placeholders);
        assertEquals(Set.of(), undefined, "placeholders template.yaml does not define");
        assertEquals(Set.of(), unused, "substitutions the definition never uses");
    }

    @Test
    void theTemplatePointsAtThisDefinition() {
        JsonNode properties = CloudFormationTemplate.load().at("/Resources/PipelineStateMachine/Properties");
        assertEquals("statemachine/pipeline.asl.json", properties.path("DefinitionUri").asText());
        assertEquals("STANDARD", properties.path("Type").asText());
    }
}
