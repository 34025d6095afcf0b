package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Choice Rule: a Boolean expression (And, Or, Not) or a data-test expression comparing the value
 * selected by {@code Variable} with a literal or, for the {@code ...Path} operators, with the
 * value a second path selects. Values of the wrong type make a comparison false; a Variable (or
 * operand path) that selects nothing is a {@code States.Runtime} error except for IsPresent,
 * which is then simply false.
 */
sealed interface ChoiceRule {

    Set<String> STRING_OPS = Set.of("StringEquals", "StringLessThan", "StringGreaterThan",
            "StringLessThanEquals", "StringGreaterThanEquals");
    Set<String> NUMERIC_OPS = Set.of("NumericEquals", "NumericLessThan", "NumericGreaterThan",
            "NumericLessThanEquals", "NumericGreaterThanEquals");
    Set<String> TIMESTAMP_OPS = Set.of("TimestampEquals", "TimestampLessThan", "TimestampGreaterThan",
            "TimestampLessThanEquals", "TimestampGreaterThanEquals");
    Set<String> TYPE_TESTS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    boolean matches(JsonNode input, JsonNode context);

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(input, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            for (ChoiceRule rule : rules) {
                if (rule.matches(input, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            return !rule.matches(input, context);
        }
    }

    /**
     * A data-test expression. {@code operator} is the base operator (StringEquals, IsPresent, ...);
     * {@code operand} is the literal, or null when {@code operandPath} is set (a ...Path operator).
     */
    record Comparison(String variable, String operator, JsonNode operand, String operandPath, Pattern pattern)
            implements ChoiceRule {
        @Override
        public boolean matches(JsonNode input, JsonNode context) {
            JsonNode value;
            try {
                value = JsonPaths.read(variable, input, context);
            } catch (JsonPaths.NoMatch e) {
                if (operator.equals("IsPresent")) {
                    return !operand.booleanValue();
                }
                throw invalidPath(variable);
            }
            if (operator.equals("IsPresent")) {
                return operand.booleanValue();
            }
            JsonNode other = operand;
            if (operandPath != null) {
                try {
                    other = JsonPaths.read(operandPath, input, context);
                } catch (JsonPaths.NoMatch e) {
                    throw invalidPath(operandPath);
                }
            }
            return compare(value, other);
        }

        private boolean compare(JsonNode value, JsonNode other) {
            switch (operator) {
                case "IsNull":
                    return value.isNull() == other.booleanValue();
                case "IsNumeric":
                    return value.isNumber() == other.booleanValue();
                case "IsString":
                    return value.isTextual() == other.booleanValue();
                case "IsBoolean":
                    return value.isBoolean() == other.booleanValue();
                case "IsTimestamp":
                    return (value.isTextual() && Timestamps.parse(value.textValue()) != null) == other.booleanValue();
                case "BooleanEquals":
                    return value.isBoolean() && other.isBoolean() && value.booleanValue() == other.booleanValue();
                case "StringMatches":
                    return value.isTextual() && pattern.matcher(value.textValue()).matches();
                default:
                    break;
            }
            int order;
            if (STRING_OPS.contains(operator)) {
                if (!value.isTextual() || !other.isTextual()) {
                    return false;
                }
                order = value.textValue().compareTo(other.textValue());
            } else if (NUMERIC_OPS.contains(operator)) {
                if (!value.isNumber() || !other.isNumber()) {
                    return false;
                }
                BigDecimal a = Json.decimal(value);
                order = a.compareTo(Json.decimal(other));
            } else {
                Instant a = value.isTextual() ? Timestamps.parse(value.textValue()) : null;
                Instant b = other.isTextual() ? Timestamps.parse(other.textValue()) : null;
                if (a == null || b == null) {
                    return false;
                }
                order = a.compareTo(b);
            }
            if (operator.endsWith("LessThanEquals")) {
                return order <= 0;
            }
            if (operator.endsWith("GreaterThanEquals")) {
                return order >= 0;
            }
            if (operator.endsWith("LessThan")) {
                return order < 0;
            }
            if (operator.endsWith("GreaterThan")) {
                return order > 0;
            }
            return order == 0;
        }

        private static StatesError invalidPath(String path) {
            return StatesError.runtime("Invalid path '" + path
                    + "': The choice state's condition path references an invalid value.");
        }
    }

    /** Parses a rule; a top-level rule (a member of Choices) must have Next, nested ones must not. */
    static ChoiceRule parse(JsonNode node, String location, boolean topLevel, List<String> problems) {
        if (!node.isObject()) {
            problems.add("A Choice Rule must be a JSON object at " + location);
            return new Or(List.of());
        }
        if (topLevel && !node.path("Next").isTextual()) {
            problems.add("A Choice Rule must have a string field 'Next' at " + location);
        }
        if (!topLevel && node.has("Next")) {
            problems.add("Field 'Next' is not supported in a nested Choice Rule at " + location);
        }
        List<String> operators = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equals("Next") || field.equals("Comment") || field.equals("Variable")) {
                continue;
            }
            if (isOperator(field) || field.equals("And") || field.equals("Or") || field.equals("Not")) {
                operators.add(field);
            } else {
                problems.add("Field '" + field + "' is not supported at " + location);
            }
        }
        if (operators.size() != 1) {
            problems.add("A Choice Rule must have exactly one comparison operator or And/Or/Not"
                    + (operators.isEmpty() ? "" : ", found " + operators) + " at " + location);
            return new Or(List.of());
        }
        String operator = operators.get(0);
        JsonNode value = node.get(operator);
        if (operator.equals("And") || operator.equals("Or")) {
            if (node.has("Variable")) {
                problems.add("Field 'Variable' is not supported with " + operator + " at " + location);
            }
            if (!value.isArray() || value.isEmpty()) {
                problems.add("The value of '" + operator + "' must be a non-empty array of Choice Rules at " + location);
                return new Or(List.of());
            }
            List<ChoiceRule> rules = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                rules.add(parse(value.get(i), location + "/" + operator + "[" + i + "]", false, problems));
            }
            return operator.equals("And") ? new And(List.copyOf(rules)) : new Or(List.copyOf(rules));
        }
        if (operator.equals("Not")) {
            if (node.has("Variable")) {
                problems.add("Field 'Variable' is not supported with Not at " + location);
            }
            return new Not(parse(value, location + "/Not", false, problems));
        }
        JsonNode variable = node.get("Variable");
        if (variable == null || !variable.isTextual() || !JsonPaths.isPath(variable.textValue())) {
            problems.add("A data-test Choice Rule must have a field 'Variable' that is a valid JSONPath at " + location);
            return new Or(List.of());
        }
        if (operator.endsWith("Path")) {
            String base = operator.substring(0, operator.length() - 4);
            if (!value.isTextual() || !JsonPaths.isPath(value.textValue())) {
                problems.add("The value of '" + operator + "' must be a valid JSONPath at " + location);
                return new Or(List.of());
            }
            return new Comparison(variable.textValue(), base, null, value.textValue(), null);
        }
        Pattern pattern = null;
        boolean typeOk;
        if (STRING_OPS.contains(operator)) {
            typeOk = value.isTextual();
        } else if (NUMERIC_OPS.contains(operator)) {
            typeOk = value.isNumber();
        } else if (TIMESTAMP_OPS.contains(operator)) {
            typeOk = value.isTextual() && Timestamps.parse(value.textValue()) != null;
        } else if (operator.equals("StringMatches")) {
            typeOk = value.isTextual();
            if (typeOk) {
                pattern = wildcard(value.textValue(), location, problems);
            }
        } else {
            typeOk = value.isBoolean();
        }
        if (!typeOk) {
            problems.add("The value of '" + operator + "' has the wrong type (" + Json.typeName(value) + ") at " + location);
        }
        return new Comparison(variable.textValue(), operator, value, null, pattern);
    }

    private static boolean isOperator(String field) {
        String base = field.endsWith("Path") ? field.substring(0, field.length() - 4) : field;
        boolean pathable = STRING_OPS.contains(base) || NUMERIC_OPS.contains(base) || TIMESTAMP_OPS.contains(base)
                || base.equals("BooleanEquals");
        return field.endsWith("Path") ? pathable : pathable || TYPE_TESTS.contains(field) || field.equals("StringMatches");
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    private static Pattern wildcard(String text, String location, List<String> problems) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length() || (text.charAt(i + 1) != '*' && text.charAt(i + 1) != '\\')) {
                    problems.add("Open escape backslash in StringMatches value '" + text + "' at " + location);
                    return Pattern.compile(Pattern.quote(text));
                }
                literal.append(text.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
