package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field checks shared by the state parsers; every problem names its location (/States/X/Field). */
final class StateParsing {
    /** Fields the service knows but this interpreter does not run, with the reason. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "Assign", "workflow variables (Assign) are not supported by the offline interpreter",
            "Output", "Output is a field of JSONata states (QueryLanguage: JSONata), not of JSONPath ones",
            "Arguments", "Arguments is a field of JSONata states (QueryLanguage: JSONata), not of JSONPath ones",
            "ItemReader", "Distributed Map (ItemReader) is not supported by the offline interpreter",
            "ItemBatcher", "Distributed Map (ItemBatcher) is not supported by the offline interpreter",
            "ResultWriter", "Distributed Map (ResultWriter) is not supported by the offline interpreter",
            "ToleratedFailurePercentage", "tolerated failures of Distributed Map are not supported by the offline interpreter",
            "ToleratedFailurePercentagePath", "tolerated failures of Distributed Map are not supported by the offline interpreter",
            "ToleratedFailureCount", "tolerated failures of Distributed Map are not supported by the offline interpreter",
            "ToleratedFailureCountPath", "tolerated failures of Distributed Map are not supported by the offline interpreter");

    private StateParsing() {
    }

    static void checkFields(JsonNode node, Set<String> allowed, String location, List<String> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (allowed.contains(field)) {
                continue;
            }
            String why = UNSUPPORTED.get(field);
            String base = location.endsWith("/") ? location : location + "/";
            problems.add(why != null ? why + " at " + base + field
                    : "Field '" + field + "' is not supported at " + location);
        }
    }

    /** A Path field (InputPath, OutputPath): absent → "$", JSON null → null marker, else validated. */
    static PathField path(JsonNode node, String field, String location, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            return PathField.WHOLE;
        }
        if (v.isNull()) {
            return PathField.NULL;
        }
        if (!v.isTextual() || !JsonPaths.isPath(v.textValue())) {
            problems.add("The value of " + field + " must be a valid JSONPath or null at " + location + "/" + field);
            return PathField.WHOLE;
        }
        return new PathField(v.textValue());
    }

    /** A Reference Path field such as ItemsPath or SecondsPath; null when absent. */
    static String referencePath(JsonNode node, String field, String location, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || !JsonPaths.isReferencePath(v.textValue())) {
            problems.add("The value of " + field + " must be a Reference Path at " + location + "/" + field);
            return null;
        }
        return v.textValue();
    }

    static ResultPath resultPath(JsonNode node, String location, List<String> problems) {
        JsonNode v = node.get("ResultPath");
        if (v == null) {
            return ResultPath.root();
        }
        if (v.isNull()) {
            return ResultPath.discard();
        }
        ResultPath parsed = v.isTextual() ? ResultPath.parse(v.textValue()) : null;
        if (parsed == null) {
            problems.add("The value of ResultPath must be a Reference Path that does not start with $$ or null at "
                    + location + "/ResultPath");
            return ResultPath.root();
        }
        return parsed;
    }

    static PayloadTemplate template(JsonNode node, String field, String location, List<String> problems) {
        JsonNode v = node.get(field);
        return v == null ? null : PayloadTemplate.compile(v, location + "/" + field, problems);
    }

    /** Next/End of a non-terminal, non-Choice state: exactly one of them. */
    static String next(JsonNode node, String location, List<String> problems) {
        JsonNode next = node.get("Next");
        JsonNode end = node.get("End");
        if (end != null && !end.isBoolean()) {
            problems.add("The value of End must be a boolean at " + location + "/End");
        }
        boolean isEnd = end != null && end.asBoolean();
        if (next != null && !next.isTextual()) {
            problems.add("The value of Next must be a string at " + location + "/Next");
            return null;
        }
        if (next != null && isEnd) {
            problems.add("Only one of Next or End may be set at " + location);
        } else if (next == null && !isEnd) {
            problems.add("One of Next or End must be set at " + location);
        }
        return next == null ? null : next.textValue();
    }

    /** A positive integer field such as TimeoutSeconds, or null when absent. */
    static Long positive(JsonNode node, String field, long max, String location, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!Json.isIntegral(v) || v.asLong() < 1 || v.asLong() > max) {
            problems.add("The value of " + field + " must be an integer from 1 to " + max + " at " + location + "/" + field);
            return null;
        }
        return v.asLong();
    }

    static void exclusive(JsonNode node, String a, String b, String location, List<String> problems) {
        if (node.has(a) && node.has(b)) {
            problems.add("There should only be one of the following fields: [" + a + ", " + b + "] at " + location);
        }
    }

    /** InputPath/OutputPath value: {@link #WHOLE} ($), {@link #NULL} (JSON null) or a path. */
    record PathField(String path) {
        static final PathField WHOLE = new PathField("$");
        static final PathField NULL = new PathField(null);
    }
}
