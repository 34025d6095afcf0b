package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A Payload Template: the value of Parameters, ResultSelector or ItemSelector. Every field whose
 * name ends in {@code .$}, however deeply nested, is renamed without the suffix and its value
 * replaced: a {@code $...} Path applied to the template's input, a {@code $$...} Path applied to
 * the context object, anything else an intrinsic function invocation.
 *
 * <p>A path that selects nothing fails with {@code States.Runtime} and the service's message
 * ("The JSONPath '$.x' specified for the field 'y.$' could not be found in the input '{}'"): the
 * specification names this error States.ParameterPathFailure, the service reports States.Runtime,
 * which no Retrier or Catcher can handle.
 */
final class PayloadTemplate {
    private sealed interface Node permits Constant, ObjectTemplate, ArrayTemplate, Dynamic {
    }

    private record Constant(JsonNode value) implements Node {
    }

    private record Field(String name, Node value) {
    }

    private record ObjectTemplate(List<Field> fields) implements Node {
    }

    private record ArrayTemplate(List<Node> items) implements Node {
    }

    /** A {@code name.$} field: {@code expression} is a path or an intrinsic invocation. */
    private record Dynamic(String fieldName, String source, IntrinsicExpression expression) implements Node {
    }

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /**
     * Compiles a template, adding a message to {@code problems} for each field the service would
     * reject (a non-string value for a {@code .$} field, an invalid path, a malformed intrinsic,
     * two fields with the same name once {@code .$} is stripped). {@code location} names it.
     */
    static PayloadTemplate compile(JsonNode template, String location, List<String> problems) {
        if (!template.isObject()) {
            problems.add("The value of " + location + " must be a JSON object");
            return new PayloadTemplate(new Constant(template));
        }
        return new PayloadTemplate(compileNode(template, location, problems));
    }

    private static Node compileNode(JsonNode node, String location, List<String> problems) {
        if (node.isObject()) {
            List<Field> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            boolean dynamic = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                Node value;
                String name = key;
                if (key.endsWith(".$") && key.length() > 2) {
                    name = key.substring(0, key.length() - 2);
                    value = compileDynamic(key, e.getValue(), location, problems);
                    dynamic = true;
                } else {
                    value = compileNode(e.getValue(), location + "/" + key, problems);
                    dynamic |= !(value instanceof Constant);
                }
                if (!names.add(name)) {
                    problems.add("The field '" + name + "' is defined twice once '.$' is removed from the field names at "
                            + location);
                }
                fields.add(new Field(name, value));
            }
            return dynamic ? new ObjectTemplate(List.copyOf(fields)) : new Constant(node);
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>();
            boolean dynamic = false;
            for (int i = 0; i < node.size(); i++) {
                Node item = compileNode(node.get(i), location + "[" + i + "]", problems);
                dynamic |= !(item instanceof Constant);
                items.add(item);
            }
            return dynamic ? new ArrayTemplate(List.copyOf(items)) : new Constant(node);
        }
        return new Constant(node);
    }

    private static Node compileDynamic(String key, JsonNode value, String location, List<String> problems) {
        if (!value.isTextual()) {
            problems.add("The value for the field '" + key + "' must be a STRING that contains a JSONPath or an"
                    + " intrinsic function, not " + Json.typeName(value) + " at " + location);
            return new Constant(value);
        }
        String source = value.textValue();
        if (source.startsWith("$")) {
            if (!JsonPaths.isPath(source)) {
                problems.add("The value for the field '" + key + "' must be a valid JSONPath: " + source + " at "
                        + location);
            }
            return new Dynamic(key, source, null);
        }
        try {
            return new Dynamic(key, source, IntrinsicExpression.parse(source));
        } catch (IllegalArgumentException e) {
            problems.add("The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic"
                    + " function call: " + e.getMessage() + " at " + location);
            return new Constant(value);
        }
    }

    /** The payload: the template with every {@code .$} field resolved against input and context. */
    JsonNode evaluate(JsonNode input, JsonNode context, Random random) {
        return evaluate(root, input, context, random);
    }

    private JsonNode evaluate(Node node, JsonNode input, JsonNode context, Random random) {
        if (node instanceof Constant constant) {
            return constant.value().deepCopy();
        }
        if (node instanceof ObjectTemplate object) {
            ObjectNode out = Json.object();
            for (Field field : object.fields()) {
                out.set(field.name(), evaluate(field.value(), input, context, random));
            }
            return out;
        }
        if (node instanceof ArrayTemplate array) {
            ArrayNode out = Json.NODES.arrayNode();
            for (Node item : array.items()) {
                out.add(evaluate(item, input, context, random));
            }
            return out;
        }
        Dynamic dynamic = (Dynamic) node;
        try {
            if (dynamic.expression() == null) {
                return JsonPaths.read(dynamic.source(), input, context);
            }
            return new IntrinsicFunctions(input, context, random).evaluate(dynamic.expression());
        } catch (JsonPaths.NoMatch e) {
            JsonNode searched = JsonPaths.isContextPath(e.path()) ? context : input;
            throw StatesError.runtime("The JSONPath '" + e.path() + "' specified for the field '"
                    + dynamic.fieldName() + "' could not be found in the input '" + Json.write(searched) + "'");
        }
    }
}
