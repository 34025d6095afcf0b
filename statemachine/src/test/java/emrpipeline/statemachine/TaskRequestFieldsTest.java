package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Task that calls a service integration sends its request through the field the Step Functions documentation
 * defines for it: {@code Parameters} in a JSONPath state, {@code Arguments} in a JSONata state. A Task relying on
 * {@code InputPath} alone sends whatever its input is, which only some engines do
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
 */
class TaskRequestFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTEGRATION = "arn:aws:states:::";

    /** The problems of every Task of a definition (and of its Parallel branches and Map processors). */
    static List<String> requestProblems(JsonNode definition) {
        List<String> problems = new ArrayList<>();
        collect(definition, definition.path("QueryLanguage").asText("JSONPath"), "", problems);
        return problems;
    }

    private static void collect(JsonNode graph, String language, String where, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> states = graph.path("States").fields();
        while (states.hasNext()) {
            Map.Entry<String, JsonNode> entry = states.next();
            JsonNode state = entry.getValue();
            String at = where + "/States/" + entry.getKey();
            String stateLanguage = state.path("QueryLanguage").asText(language);
            state.path("Branches").forEach(branch -> collect(branch, stateLanguage, at + "/Branches", problems));
            for (String processor : List.of("ItemProcessor", "Iterator")) {
                if (state.has(processor)) {
                    collect(state.get(processor), stateLanguage, at + "/" + processor, problems);
                }
            }
            if (!"Task".equals(state.path("Type").asText()) || !state.path("Resource").asText().startsWith(INTEGRATION)) {
                continue;
            }
            String field = "JSONata".equals(stateLanguage) ? "Arguments" : "Parameters";
            String other = "JSONata".equals(stateLanguage) ? "Parameters" : "Arguments";
            if (!state.path(field).isObject()) {
                problems.add(at + ": a " + stateLanguage + " Task of " + state.path("Resource").asText()
                        + " must send its request in " + field);
            }
            if (state.has(other)) {
                problems.add(at + ": " + other + " is not a field of a " + stateLanguage + " state");
            }
        }
    }

    @Test
    void everyIntegrationTaskOfTheDefinitionSendsItsRequestInTheDocumentedField() {
        assertEquals(List.of(), requestProblems(PipelineDefinition.load(ProjectFiles.DEFINITION).root()));
    }

    @Test
    void aTaskThatSendsItsInputInsteadOfARequestIsFound() throws Exception {
        JsonNode definition = JSON.readTree("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "Create", "States": {
                    "Create": {"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:createCluster.sync",
                               "InputPath": "$.request", "Next": "Notify"},
                    "Notify": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::sns:publish",
                               "Parameters": {"TopicArn": "t"}, "End": true}}}]}}}
                """);
        assertEquals(List.of(
                "/States/P/Branches/States/Create: a JSONPath Task of arn:aws:states:::elasticmapreduce:createCluster.sync must send its request in Parameters",
                "/States/P/Branches/States/Notify: a JSONata Task of arn:aws:states:::sns:publish must send its request in Arguments",
                "/States/P/Branches/States/Notify: Parameters is not a field of a JSONata state"), requestProblems(definition));
    }
}
