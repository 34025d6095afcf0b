package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SnapStart is on for every function and everything invokes the published version through the alias SAM creates
 * (AutoPublishAlias 'live': {@code <LogicalId>Aliaslive}, whose Ref is the alias ARN): SnapStart does not apply to
 * $LATEST (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html). The alarm sweep schedule, a SAM event of
 * the function, is pointed at the alias by SAM itself (checked with the SAM transform, docs/snapstart.md).
 */
class SnapStartWiringTest {
    private final JsonNode template = CloudFormationTemplate.load();

    @Test
    void everyFunctionIsAJava21SnapStartFunctionWithAnAlias() {
        JsonNode globals = template.at("/Globals/Function");
        assertEquals("live", globals.path("AutoPublishAlias").asText());
        assertEquals("PublishedVersions", globals.at("/SnapStart/ApplyOn").asText());
        for (String function : functions()) {
            JsonNode properties = template.at("/Resources/" + function + "/Properties");
            for (String overridden : List.of("AutoPublishAlias", "SnapStart", "Runtime", "EphemeralStorage", "FileSystemConfigs",
                    "ProvisionedConcurrencyConfig")) {
                assertFalse(properties.has(overridden), function + " overrides " + overridden
                        + " (SnapStart needs java11+, no EFS, no provisioned concurrency, ephemeral storage <= 512 MB)");
            }
        }
        assertEquals("java21", globals.path("Runtime").asText());
    }

    @Test
    void theStateMachineInvokesTheAliases() {
        JsonNode substitutions = template.at("/Resources/PipelineStateMachine/Properties/DefinitionSubstitutions");
        List<String> functionArns = new ArrayList<>();
        substitutions.fieldNames().forEachRemaining(name -> {
            if (name.endsWith("FunctionArn")) {
                functionArns.add(name);
            }
        });
        // Every function but the run janitor (EventBridge invokes it, through its alias, not the state machine).
        assertEquals(functions().size() - 1, functionArns.size(), functionArns.toString());
        for (String name : functionArns) {
            String function = name.substring(0, name.length() - "Arn".length());
            assertEquals("{\"Ref\":\"" + function + "Aliaslive\"}", substitutions.path(name).toString(), name);
        }
    }

    @Test
    void nothingInTheTemplateInvokesAFunctionByItsUnqualifiedArn() {
        // Outputs, policies and substitutions name the aliases; a !GetAtt X.Arn would be $LATEST (no SnapStart).
        String text = ProjectFiles.read(ProjectFiles.TEMPLATE);
        Matcher unqualified = Pattern.compile("(?:!GetAtt |\\$\\{)(\\w+Function)\\.Arn").matcher(text);
        List<String> found = new ArrayList<>();
        while (unqualified.find()) {
            found.add(unqualified.group());
        }
        assertEquals(List.of(), found);
        for (Map.Entry<String, JsonNode> output : iterable(template.path("Outputs"))) {
            if (output.getKey().endsWith("FunctionArn")) {
                assertTrue(output.getValue().path("Value").toString().contains("Aliaslive"), output.getKey());
            }
        }
    }

    private List<String> functions() {
        List<String> ids = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                ids.add(r.getKey());
            }
        });
        return ids;
    }

    private static List<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }
}
