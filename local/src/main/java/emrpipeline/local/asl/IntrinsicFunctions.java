package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.IntrinsicExpression.Call;
import emrpipeline.local.asl.IntrinsicExpression.Literal;
import emrpipeline.local.asl.IntrinsicExpression.PathArgument;
import emrpipeline.local.asl.IntrinsicExpression.Text;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;

/**
 * Evaluates intrinsic functions as the Step Functions developer guide specifies them. A bad
 * argument (wrong type, out of range, too long) fails with {@code States.IntrinsicFailure}; a path
 * argument that selects nothing surfaces as {@link JsonPaths.NoMatch} for the payload template to
 * report as the service does.
 */
final class IntrinsicFunctions {
    private static final int MAX_ENCODE_LENGTH = 10_000;
    private static final int MAX_RANGE_ITEMS = 1000;
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private final JsonNode input;
    private final JsonNode context;
    private final Random random;

    IntrinsicFunctions(JsonNode input, JsonNode context, Random random) {
        this.input = input;
        this.context = context;
        this.random = random;
    }

    JsonNode evaluate(IntrinsicExpression expression) {
        if (expression instanceof Literal literal) {
            return literal.value();
        }
        if (expression instanceof Text text) {
            return Json.NODES.textNode(text.value());
        }
        if (expression instanceof PathArgument path) {
            return JsonPaths.read(path.path(), input, context);
        }
        return invoke((Call) expression);
    }

    private JsonNode invoke(Call call) {
        List<IntrinsicExpression> args = call.arguments();
        String name = call.name();
        switch (name) {
            case "States.Format":
                return format(call);
            case "States.StringToJson": {
                String text = string(name, evaluate(args.get(0)));
                try {
                    return Json.parse(text);
                } catch (IllegalArgumentException e) {
                    throw StatesError.intrinsic(name + ": the argument is not JSON text: " + e.getMessage());
                }
            }
            case "States.JsonToString":
                return Json.NODES.textNode(Json.write(evaluate(args.get(0))));
            case "States.Array": {
                ArrayNode array = Json.NODES.arrayNode();
                args.forEach(a -> array.add(evaluate(a)));
                return array;
            }
            case "States.ArrayPartition": {
                ArrayNode array = array(name, evaluate(args.get(0)));
                long size = integer(name, evaluate(args.get(1)));
                if (size <= 0) {
                    throw StatesError.intrinsic(name + ": the chunk size must be a positive integer, not " + size);
                }
                ArrayNode chunks = Json.NODES.arrayNode();
                ArrayNode chunk = null;
                for (int i = 0; i < array.size(); i++) {
                    if (i % size == 0) {
                        chunk = chunks.addArray();
                    }
                    chunk.add(array.get(i));
                }
                return chunks;
            }
            case "States.ArrayContains": {
                ArrayNode array = array(name, evaluate(args.get(0)));
                JsonNode wanted = evaluate(args.get(1));
                for (JsonNode item : array) {
                    if (Json.sameValue(item, wanted)) {
                        return Json.NODES.booleanNode(true);
                    }
                }
                return Json.NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                long start = integer(name, evaluate(args.get(0)));
                long end = integer(name, evaluate(args.get(1)));
                long step = integer(name, evaluate(args.get(2)));
                if (step == 0) {
                    throw StatesError.intrinsic(name + ": the step must not be 0");
                }
                long count = (end - start) / step < 0 ? 0 : (end - start) / step + 1;
                if (count > MAX_RANGE_ITEMS) {
                    throw StatesError.intrinsic(name + ": the range would hold " + count
                            + " items; at most " + MAX_RANGE_ITEMS + " are allowed");
                }
                ArrayNode range = Json.NODES.arrayNode();
                for (long i = 0; i < count; i++) {
                    range.add(Json.number(start + i * step));
                }
                return range;
            }
            case "States.ArrayGetItem": {
                ArrayNode array = array(name, evaluate(args.get(0)));
                long index = integer(name, evaluate(args.get(1)));
                if (index < 0 || index >= array.size()) {
                    throw StatesError.intrinsic(name + ": index " + index + " is out of bounds of an array of "
                            + array.size() + " item(s)");
                }
                return array.get((int) index);
            }
            case "States.ArrayLength":
                return Json.NODES.numberNode(array(name, evaluate(args.get(0))).size());
            case "States.ArrayUnique": {
                ArrayNode unique = Json.NODES.arrayNode();
                for (JsonNode item : array(name, evaluate(args.get(0)))) {
                    boolean seen = false;
                    for (JsonNode kept : unique) {
                        if (Json.sameValue(kept, item)) {
                            seen = true;
                            break;
                        }
                    }
                    if (!seen) {
                        unique.add(item);
                    }
                }
                return unique;
            }
            case "States.Base64Encode": {
                String data = limited(name, string(name, evaluate(args.get(0))));
                return Json.NODES.textNode(Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode": {
                String data = limited(name, string(name, evaluate(args.get(0))));
                try {
                    return Json.NODES.textNode(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw StatesError.intrinsic(name + ": the argument is not Base64: " + e.getMessage());
                }
            }
            case "States.Hash": {
                JsonNode data = evaluate(args.get(0));
                String algorithm = string(name, evaluate(args.get(1)));
                if (!HASH_ALGORITHMS.contains(algorithm)) {
                    throw StatesError.intrinsic(name + ": unsupported algorithm '" + algorithm
                            + "'; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
                }
                String text = limited(name, data.isTextual() ? data.textValue() : Json.write(data));
                try {
                    byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
                    return Json.NODES.textNode(HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "States.JsonMerge": {
                JsonNode first = evaluate(args.get(0));
                JsonNode second = evaluate(args.get(1));
                JsonNode deep = evaluate(args.get(2));
                if (!deep.isBoolean()) {
                    throw StatesError.intrinsic(name + ": the third argument must be the boolean false, not "
                            + Json.write(deep));
                }
                if (deep.booleanValue()) {
                    throw StatesError.intrinsic(name + ": deep merge is not supported; the third argument must be false");
                }
                if (!first.isObject() || !second.isObject()) {
                    throw StatesError.intrinsic(name + ": both values to merge must be JSON objects");
                }
                ObjectNode merged = ((ObjectNode) first).deepCopy();
                merged.setAll((ObjectNode) second.deepCopy());
                return merged;
            }
            case "States.MathRandom": {
                long start = integer(name, evaluate(args.get(0)));
                long end = integer(name, evaluate(args.get(1)));
                if (start >= end) {
                    throw StatesError.intrinsic(name + ": the start (" + start + ") must be less than the end (" + end + ")");
                }
                Random source = args.size() == 3 ? new Random(integer(name, evaluate(args.get(2)))) : random;
                return Json.number(source.nextLong(start, end));
            }
            case "States.MathAdd": {
                long a = integer(name, evaluate(args.get(0)));
                long b = integer(name, evaluate(args.get(1)));
                try {
                    return Json.number(Math.addExact(a, b));
                } catch (ArithmeticException e) {
                    throw StatesError.intrinsic(name + ": the sum of " + a + " and " + b + " overflows");
                }
            }
            case "States.StringSplit": {
                String text = string(name, evaluate(args.get(0)));
                String delimiters = string(name, evaluate(args.get(1)));
                ArrayNode parts = Json.NODES.arrayNode();
                StringTokenizer tokens = new StringTokenizer(text, delimiters);
                while (tokens.hasMoreTokens()) {
                    parts.add(tokens.nextToken());
                }
                return parts;
            }
            case "States.UUID": {
                long most = (random.nextLong() & ~0xF000L) | 0x4000L;
                long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                return Json.NODES.textNode(new UUID(most, least).toString());
            }
            default:
                throw new IllegalStateException("unknown intrinsic function " + name);
        }
    }

    private JsonNode format(Call call) {
        List<IntrinsicExpression> args = call.arguments();
        IntrinsicExpression first = args.get(0);
        String template;
        List<Integer> placeholders;
        if (first instanceof Text text) {
            template = text.value();
            placeholders = text.placeholders();
        } else {
            template = string("States.Format", evaluate(first));
            placeholders = new ArrayList<>();
            for (int i = template.indexOf("{}"); i >= 0; i = template.indexOf("{}", i + 2)) {
                placeholders.add(i);
            }
        }
        if (placeholders.size() != args.size() - 1) {
            throw StatesError.intrinsic("States.Format: the template has " + placeholders.size()
                    + " placeholder(s) but " + (args.size() - 1) + " value(s) were given");
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int i = 0; i < placeholders.size(); i++) {
            int at = placeholders.get(i);
            out.append(template, from, at);
            JsonNode value = evaluate(args.get(i + 1));
            if (value.isContainerNode()) {
                throw StatesError.intrinsic("States.Format: argument " + (i + 2)
                        + " must be a string, number, boolean or null, not " + Json.typeName(value));
            }
            out.append(value.isTextual() ? value.textValue() : Json.write(value));
            from = at + 2;
        }
        out.append(template.substring(from));
        return Json.NODES.textNode(out.toString());
    }

    private static String string(String function, JsonNode value) {
        if (!value.isTextual()) {
            throw StatesError.intrinsic(function + ": expected a string argument, got " + Json.typeName(value)
                    + " " + Json.write(value));
        }
        return value.textValue();
    }

    private static ArrayNode array(String function, JsonNode value) {
        if (!value.isArray()) {
            throw StatesError.intrinsic(function + ": expected an array argument, got " + Json.typeName(value));
        }
        return (ArrayNode) value;
    }

    private static long integer(String function, JsonNode value) {
        if (!Json.isIntegral(value)) {
            throw StatesError.intrinsic(function + ": expected an integer argument, got " + Json.write(value));
        }
        BigInteger big = Json.decimal(value).toBigInteger();
        if (big.bitLength() > 63) {
            throw StatesError.intrinsic(function + ": integer out of range: " + big);
        }
        return big.longValue();
    }

    private static String limited(String function, String text) {
        if (text.length() > MAX_ENCODE_LENGTH) {
            throw StatesError.intrinsic(function + ": the input is " + text.length()
                    + " characters long; at most " + MAX_ENCODE_LENGTH + " are allowed");
        }
        return text;
    }
}
