package emrpipeline.local.asl;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A field of a JSONata state ({@code Arguments}, {@code Output}, a Catcher's {@code Output}): any JSON value in
 * which every string of the form <code>{% expression %}</code> is a JSONata expression, evaluated with
 * {@code $states} bound to {@code input}, {@code context} and, where the field may read them, {@code result} or
 * {@code errorOutput} (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html). Other values
 * are copied as they are.
 *
 * <p>As Step Functions does: an expression that returns nothing (undefined) fails the state with
 * {@code States.QueryEvaluationError} naming the field, and so does one that throws; a Catch on that error fires
 * (observed on the service and reported in https://github.com/floci-io/floci/issues/2665). Inside one expression,
 * JSONata's own rules hold: an object constructor leaves out a key whose value is undefined. The Step Functions
 * function {@code $parse} is provided, and {@code $eval}, which Step Functions does not offer, is refused.
 * Expressions run on com.dashjoin:jsonata, a Java port of the JSONata reference implementation.
 */
final class JsonataTemplate {
    static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private final JsonNode template;
    private final String field;
    private final Map<JsonNode, Jsonata> expressions;

    private JsonataTemplate(JsonNode template, String field, Map<JsonNode, Jsonata> expressions) {
        this.template = template;
        this.field = field;
        this.expressions = expressions;
    }

    /** True for a string that is a JSONata expression: <code>{% ... %}</code>. */
    static boolean isExpression(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        String text = value.textValue();
        return text.startsWith(OPEN) && text.endsWith(CLOSE) && text.length() >= OPEN.length() + CLOSE.length();
    }

    /**
     * Compiles every expression of a field (its name is the location's last part, e.g. {@code Arguments}); a syntax
     * error is a problem of the definition, as the service rejects such a definition.
     */
    static JsonataTemplate compile(JsonNode template, String field, String location, List<String> problems) {
        Map<JsonNode, Jsonata> expressions = new IdentityHashMap<>();
        compileAll(template, location, expressions, problems);
        return new JsonataTemplate(template, field, expressions);
    }

    private static void compileAll(JsonNode node, String location, Map<JsonNode, Jsonata> expressions, List<String> problems) {
        if (isExpression(node)) {
            String text = expressionText(node);
            try {
                expressions.put(node, Jsonata.jsonata(text));
            } catch (JException | IllegalArgumentException e) {
                problems.add("The JSONata expression '" + text + "' is not valid (" + e.getMessage() + ") at " + location);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> compileAll(e.getValue(), location + "/" + e.getKey(), expressions, problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                compileAll(node.get(i), location + "[" + i + "]", expressions, problems);
            }
        }
    }

    private static String expressionText(JsonNode node) {
        String text = node.textValue();
        return text.substring(OPEN.length(), text.length() - CLOSE.length()).strip();
    }

    /**
     * The field's value for {@code $states} (an object with {@code input}, {@code context}, ...); throws a
     * {@link StatesError} {@code States.QueryEvaluationError} naming {@code stateName} and the field.
     */
    JsonNode evaluate(JsonNode states, String stateName) {
        Object bound = toJava(states);
        return evaluate(template, field, bound, stateName);
    }

    private JsonNode evaluate(JsonNode node, String where, Object states, String stateName) {
        Jsonata expression = expressions.get(node);
        if (expression != null) {
            return evaluateExpression(expression, expressionText(node), where, states, stateName);
        }
        if (node.isObject()) {
            ObjectNode out = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), evaluate(e.getValue(), where + "/" + e.getKey(), states, stateName));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(evaluate(node.get(i), where + "[" + i + "]", states, stateName));
            }
            return out;
        }
        return node.deepCopy();
    }

    private static JsonNode evaluateExpression(Jsonata expression, String text, String where, Object states, String stateName) {
        Object result;
        try {
            synchronized (expression) { // a compiled expression keeps evaluation state of its own
                expression.setOutputConvertNulls(false); // JSON null comes back as NULL_VALUE, undefined as null
                expression.registerFunction("parse", (Jsonata.Fn1<String, Object>) JsonataTemplate::parse);
                expression.registerFunction("eval", (Jsonata.Fn1<Object, Object>) ignored -> {
                    throw new JException("$eval is not available in Step Functions; use $parse", 0);
                });
                Jsonata.Frame frame = expression.createFrame();
                frame.bind("states", states);
                result = expression.evaluate(null, frame);
            }
        } catch (RuntimeException e) {
            throw new StatesError(QUERY_EVALUATION_ERROR, prefix(stateName) + "The JSONata expression '" + text
                    + "' specified for the field '" + where + "' threw an error: " + e.getMessage());
        }
        if (result == null) {
            throw new StatesError(QUERY_EVALUATION_ERROR, prefix(stateName) + "The JSONata expression '" + text
                    + "' specified for the field '" + where + "' returned nothing (undefined).");
        }
        return toJson(result, where, text, stateName);
    }

    private static String prefix(String stateName) {
        return "An error occurred while executing the state '" + stateName + "'. ";
    }

    /** Step Functions' {@code $parse}: JSON text to its value. */
    private static Object parse(String text) {
        if (text == null) {
            throw new JException("$parse needs a string", 0);
        }
        try {
            return toJava(Json.parse(text));
        } catch (IllegalArgumentException e) {
            throw new JException("$parse: the string is not JSON: " + e.getMessage(), 0);
        }
    }

    /** JSON to the values JSONata works on: maps, lists, strings, numbers (long or double), booleans, null. */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
        }
        return node.doubleValue();
    }

    private static JsonNode toJson(Object value, String where, String text, String stateName) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = Json.object();
            map.forEach((k, v) -> out.set(String.valueOf(k), toJson(v, where, text, stateName)));
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = Json.NODES.arrayNode();
            list.forEach(v -> out.add(toJson(v, where, text, stateName)));
            return out;
        }
        if (value instanceof String s) {
            return Json.NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            return Json.NODES.numberNode(new BigInteger(value.toString()));
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Json.NODES.numberNode((long) d); // JSONata numbers are doubles; whole ones print as integers
            }
            return Json.NODES.numberNode(BigDecimal.valueOf(d));
        }
        throw new StatesError(QUERY_EVALUATION_ERROR, prefix(stateName) + "The JSONata expression '" + text
                + "' specified for the field '" + where + "' returned a value that is not JSON (" + value.getClass().getSimpleName() + ").");
    }
}
