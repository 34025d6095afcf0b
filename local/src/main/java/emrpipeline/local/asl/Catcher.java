package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A Catcher of a state's Catch field: when retries did not resolve an error whose name its
 * ErrorEquals matches, the machine goes to {@code Next} with the Error Output
 * ({@code {"Error": ..., "Cause": ...}}) placed at the Catcher's ResultPath (default {@code $}).
 */
record Catcher(List<String> errorEquals, String next, ResultPath resultPath) {
    private static final Set<String> FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Comment");

    /** What the state passes to {@code Next}: the Error Output placed by ResultPath. */
    JsonNode output(JsonNode input, JsonNode errorOutput, JsonNode context, String stateName) {
        return resultPath.apply(input, errorOutput);
    }

    static List<Catcher> parse(JsonNode node, String location, List<String> problems) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add("Catch must be an array of Catchers at " + location);
            return List.of();
        }
        List<Catcher> catchers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String at = location + "[" + i + "]";
            if (!c.isObject()) {
                problems.add("A Catcher must be a JSON object at " + at);
                continue;
            }
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    problems.add("Field '" + f + "' is not supported in a Catcher at " + at);
                }
            }
            List<String> errors = ErrorNames.parse(c.get("ErrorEquals"), at + "/ErrorEquals", i == node.size() - 1, problems);
            JsonNode next = c.get("Next");
            if (next == null || !next.isTextual()) {
                problems.add("A Catcher must have a string field 'Next' at " + at);
            }
            ResultPath resultPath = StateParsing.resultPath(c, at, problems);
            catchers.add(new Catcher(errors, next == null ? null : next.asText(), resultPath));
        }
        return List.copyOf(catchers);
    }

    static Catcher firstMatching(List<Catcher> catchers, String error) {
        for (Catcher c : catchers) {
            if (ErrorNames.matches(c.errorEquals(), error)) {
                return c;
            }
        }
        return null;
    }
}
