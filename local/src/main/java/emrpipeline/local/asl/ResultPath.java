package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A state's (or a Catcher's) ResultPath: a Reference Path saying where the result goes in the raw
 * input. Missing intermediate objects are created; a path that cannot apply (the input is the
 * string "foo" and the path is $.x) fails with {@code States.ResultPathMatchFailure}.
 * JSON {@code null} means "discard the result" and the output is the raw input.
 */
final class ResultPath {
    private static final ResultPath ROOT = new ResultPath("$", List.of());
    private static final ResultPath DISCARD = new ResultPath(null, List.of());

    private final String text;
    private final List<Object> steps;

    private ResultPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    static ResultPath root() {
        return ROOT;
    }

    static ResultPath discard() {
        return DISCARD;
    }

    /** Parses a Reference Path; returns null when it is not one this class can write through. */
    static ResultPath parse(String text) {
        if (text == null || !text.startsWith("$") || text.startsWith("$$") || !JsonPaths.isReferencePath(text)) {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                StringBuilder name = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        d = text.charAt(++i);
                    }
                    name.append(d);
                    i++;
                }
                if (name.length() == 0) {
                    return null;
                }
                steps.add(name.toString());
            } else if (c == '[') {
                int close;
                if (i + 1 < n && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                    char quote = text.charAt(i + 1);
                    int end = text.indexOf(quote, i + 2);
                    if (end < 0 || end + 1 >= n || text.charAt(end + 1) != ']') {
                        return null;
                    }
                    steps.add(text.substring(i + 2, end));
                    close = end + 1;
                } else {
                    close = text.indexOf(']', i);
                    if (close < 0) {
                        return null;
                    }
                    try {
                        steps.add(Integer.parseInt(text.substring(i + 1, close).trim()));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                i = close + 1;
            } else {
                return null;
            }
        }
        return steps.isEmpty() ? ROOT : new ResultPath(text, List.copyOf(steps));
    }

    boolean discardsResult() {
        return this == DISCARD;
    }

    /** The state's output before OutputPath: the result placed into (a copy of) the raw input. */
    JsonNode apply(JsonNode rawInput, JsonNode result) {
        if (this == DISCARD) {
            return rawInput;
        }
        if (steps.isEmpty()) {
            return result;
        }
        JsonNode root = rawInput.deepCopy();
        JsonNode current = root;
        for (int s = 0; s < steps.size(); s++) {
            Object step = steps.get(s);
            boolean last = s == steps.size() - 1;
            if (step instanceof String field) {
                if (!(current instanceof ObjectNode object)) {
                    throw failure(rawInput);
                }
                if (last) {
                    object.set(field, result);
                } else {
                    JsonNode child = object.get(field);
                    if (child == null || child.isNull()) {
                        child = object.putObject(field);
                    } else if (!child.isContainerNode()) {
                        throw failure(rawInput);
                    }
                    current = child;
                }
            } else {
                int index = (Integer) step;
                if (!(current instanceof ArrayNode array) || index < 0 || index >= array.size()) {
                    throw failure(rawInput);
                }
                if (last) {
                    array.set(index, result);
                } else {
                    JsonNode child = array.get(index);
                    if (!child.isContainerNode()) {
                        throw failure(rawInput);
                    }
                    current = child;
                }
            }
        }
        return root;
    }

    private StatesError failure(JsonNode rawInput) {
        return new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath " + text + " to input " + Json.write(rawInput));
    }

    @Override
    public String toString() {
        return text == null ? "null" : text;
    }
}
