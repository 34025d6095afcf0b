package emrpipeline.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Evaluates the few intrinsic functions the template's substitutions use (Base64, If, Sub, Join, Ref) with sample values. */
final class TemplateExpressions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    private TemplateExpressions() {
    }

    /** {@code conditionsTrue} picks the branch of every Fn::If. */
    static String evaluate(JsonNode expression, Map<String, Object> parameters, boolean conditionsTrue) {
        Object value = eval(expression, parameters, conditionsTrue);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("not a string: " + expression);
        }
        return text;
    }

    private static Object eval(JsonNode node, Map<String, Object> parameters, boolean conditionsTrue) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(element -> values.add(eval(element, parameters, conditionsTrue)));
            return values;
        }
        if (node.has("Fn::Base64")) {
            return java.util.Base64.getEncoder().encodeToString(
                    ((String) eval(node.get("Fn::Base64"), parameters, conditionsTrue)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (node.has("Fn::If")) {
            return eval(node.get("Fn::If").get(conditionsTrue ? 1 : 2), parameters, conditionsTrue);
        }
        if (node.has("Ref")) {
            return require(parameters, node.get("Ref").asText());
        }
        if (node.has("Fn::Sub")) {
            Matcher matcher = PLACEHOLDER.matcher(node.get("Fn::Sub").asText());
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(require(parameters, matcher.group(1)))));
            }
            return matcher.appendTail(out).toString();
        }
        if (node.has("Fn::Join")) {
            String separator = node.get("Fn::Join").get(0).asText();
            Object parts = eval(node.get("Fn::Join").get(1), parameters, conditionsTrue);
            List<String> strings = new ArrayList<>();
            for (Object part : (List<?>) parts) {
                if (part instanceof List<?> list) {
                    list.forEach(item -> strings.add(String.valueOf(item)));
                } else {
                    strings.add(String.valueOf(part));
                }
            }
            return String.join(separator, strings);
        }
        throw new IllegalArgumentException("unsupported expression " + node);
    }

    private static Object require(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no sample value for parameter " + name);
        }
        return value;
    }
}
