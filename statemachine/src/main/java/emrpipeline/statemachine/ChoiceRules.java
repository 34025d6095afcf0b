package emrpipeline.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Short, readable descriptions of Choice rules for the diagram ("newObjectCount = 0"). */
final class ChoiceRules {

    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("StringEquals", "="), Map.entry("NumericEquals", "="), Map.entry("BooleanEquals", "="),
            Map.entry("TimestampEquals", "="), Map.entry("NumericGreaterThan", ">"),
            Map.entry("NumericGreaterThanEquals", ">="), Map.entry("NumericLessThan", "<"),
            Map.entry("NumericLessThanEquals", "<="), Map.entry("StringMatches", "matches"));

    private ChoiceRules() {
    }

    static String describe(JsonNode rule) {
        if (rule.has("And")) {
            return join(rule.get("And"), " and ");
        }
        if (rule.has("Or")) {
            return join(rule.get("Or"), " or ");
        }
        if (rule.has("Not")) {
            return "not (" + describe(rule.get("Not")) + ")";
        }
        String variable = lastSegment(rule.path("Variable").asText());
        Iterator<Map.Entry<String, JsonNode>> fields = rule.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String operator = field.getKey();
            if (operator.equals("Variable") || operator.equals("Next")) {
                continue;
            }
            if (operator.startsWith("Is")) {
                return variable + (field.getValue().asBoolean() ? " " : " not ") + operator.substring(2).toLowerCase();
            }
            String symbol = OPERATORS.getOrDefault(operator, operator);
            return variable + " " + symbol + " " + field.getValue().asText();
        }
        return variable;
    }

    private static String join(JsonNode rules, String separator) {
        List<String> parts = new ArrayList<>();
        rules.forEach(rule -> parts.add(describe(rule)));
        return parts.size() > 2 ? parts.size() + " input checks" : String.join(separator, parts);
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
