package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Fail: stops its graph with an error. Error and Cause are literal strings, or come from
 * ErrorPath / CausePath: a Reference Path or an intrinsic function applied to the raw input,
 * which must yield a string ({@code States.Runtime} otherwise).
 */
final class FailState extends EndingState {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "QueryLanguage", "Error", "ErrorPath", "Cause",
            "CausePath");

    private record Source(String literal, String path, IntrinsicExpression.Call intrinsic, String field) {
    }

    private final Source error;
    private final Source cause;

    private FailState(String name, Source error, Source cause) {
        super(name);
        this.error = error;
        this.cause = cause;
    }

    static FailState parse(String name, JsonNode node, String location, List<String> problems) {
        StateParsing.checkFields(node, FIELDS, location, problems);
        StateParsing.exclusive(node, "Error", "ErrorPath", location, problems);
        StateParsing.exclusive(node, "Cause", "CausePath", location, problems);
        return new FailState(name, source(node, "Error", location, problems), source(node, "Cause", location, problems));
    }

    private static Source source(JsonNode node, String field, String location, List<String> problems) {
        JsonNode literal = node.get(field);
        if (literal != null) {
            if (!literal.isTextual()) {
                problems.add("The value of " + field + " must be a string at " + location + "/" + field);
                return null;
            }
            return new Source(literal.textValue(), null, null, field);
        }
        JsonNode path = node.get(field + "Path");
        if (path == null) {
            return null;
        }
        String text = path.asText();
        if (path.isTextual() && text.startsWith("$") && JsonPaths.isReferencePath(text)) {
            return new Source(null, text, null, field + "Path");
        }
        if (path.isTextual() && !text.startsWith("$")) {
            try {
                return new Source(null, null, IntrinsicExpression.parse(text), field + "Path");
            } catch (IllegalArgumentException e) {
                problems.add("The value of " + field + "Path must be a Reference Path or an intrinsic function: "
                        + e.getMessage() + " at " + location + "/" + field + "Path");
                return null;
            }
        }
        problems.add("The value of " + field + "Path must be a Reference Path or an intrinsic function at "
                + location + "/" + field + "Path");
        return null;
    }

    @Override
    String type() {
        return "Fail";
    }

    @Override
    Step execute(StateRun run) {
        run.entered();
        JsonNode context = run.context(null);
        throw new StatesError(resolve(error, run, context), resolve(cause, run, context));
    }

    private static String resolve(Source source, StateRun run, JsonNode context) {
        if (source == null) {
            return null;
        }
        if (source.literal() != null) {
            return source.literal();
        }
        JsonNode value;
        try {
            value = source.path() != null ? JsonPaths.read(source.path(), run.input, context)
                    : new IntrinsicFunctions(run.input, context, run.random()).evaluate(source.intrinsic());
        } catch (JsonPaths.NoMatch e) {
            throw StatesError.runtime("Invalid path '" + e.path() + "' : " + e.getMessage());
        }
        if (!value.isTextual()) {
            throw StatesError.runtime("The value of " + source.field() + " must resolve to a string, not "
                    + Json.typeName(value) + " " + Json.write(value));
        }
        return value.textValue();
    }
}
