package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * A state's input and output processing, in the service's order: raw input → InputPath →
 * Parameters (the effective input) → the state's work → ResultSelector (the effective result) →
 * ResultPath (merged into the raw input) → OutputPath (the effective output).
 * {@code InputPath: null} gives {@code {}}, {@code OutputPath: null} gives {@code {}},
 * {@code ResultPath: null} keeps the raw input. Paths may start with {@code $$} (context object)
 * except ResultPath. A path selecting nothing fails with {@code States.Runtime}.
 */
final class IoProcessing {
    private final StateParsing.PathField inputPath;
    private final PayloadTemplate parameters;
    private final PayloadTemplate resultSelector;
    private final ResultPath resultPath;
    private final StateParsing.PathField outputPath;

    IoProcessing(StateParsing.PathField inputPath, PayloadTemplate parameters, PayloadTemplate resultSelector,
                 ResultPath resultPath, StateParsing.PathField outputPath) {
        this.inputPath = inputPath;
        this.parameters = parameters;
        this.resultSelector = resultSelector;
        this.resultPath = resultPath;
        this.outputPath = outputPath;
    }

    /** Reads the I/O fields a state type may have ({@code parametersField} is Parameters or ItemSelector). */
    static IoProcessing parse(JsonNode node, String location, boolean parametersAllowed, boolean resultSelectorAllowed,
                              boolean resultPathAllowed, List<String> problems) {
        return new IoProcessing(
                StateParsing.path(node, "InputPath", location, problems),
                parametersAllowed ? StateParsing.template(node, "Parameters", location, problems) : null,
                resultSelectorAllowed ? StateParsing.template(node, "ResultSelector", location, problems) : null,
                resultPathAllowed ? StateParsing.resultPath(node, location, problems) : ResultPath.root(),
                StateParsing.path(node, "OutputPath", location, problems));
    }

    /** InputPath applied to the raw input. */
    JsonNode selectInput(JsonNode raw, JsonNode context) {
        return select(inputPath, raw, context);
    }

    boolean hasParameters() {
        return parameters != null;
    }

    /** InputPath, then Parameters: the effective input. */
    JsonNode effectiveInput(JsonNode raw, JsonNode context, Random random) {
        JsonNode selected = selectInput(raw, context);
        return parameters == null ? selected : parameters.evaluate(selected, context, random);
    }

    /** ResultSelector applied to a result (the result itself when there is none). */
    JsonNode selectResult(JsonNode result, JsonNode context, Random random) {
        return resultSelector == null ? result : resultSelector.evaluate(result, context, random);
    }

    /** ResultPath, then OutputPath: the state's output. */
    JsonNode output(JsonNode raw, JsonNode result, JsonNode context) {
        return select(outputPath, resultPath.apply(raw, result), context);
    }

    /** OutputPath alone (Choice, Wait, Succeed: their "result" is their input). */
    JsonNode outputOnly(JsonNode value, JsonNode context) {
        return select(outputPath, value, context);
    }

    private static JsonNode select(StateParsing.PathField field, JsonNode value, JsonNode context) {
        if (field.path() == null) {
            return Json.object();
        }
        if (field.path().equals("$")) {
            return value;
        }
        try {
            return JsonPaths.read(field.path(), value, context);
        } catch (JsonPaths.NoMatch e) {
            throw StatesError.runtime("Invalid path '" + field.path() + "' : " + e.getMessage());
        }
    }

    static ObjectNode errorOutput(StatesError e) {
        ObjectNode out = Json.object();
        out.put("Error", e.error());
        if (e.cause() != null) {
            out.put("Cause", e.cause());
        }
        return out;
    }
}
