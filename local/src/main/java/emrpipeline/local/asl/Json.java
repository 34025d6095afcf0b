package emrpipeline.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The one Jackson mapper of the interpreter and the JSON helpers every other class shares.
 * Decimals are kept exact ({@code 1.0} stays {@code 1.0}), as the service echoes them.
 */
public final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** Parses JSON text; throws {@link IllegalArgumentException} with the parser's message. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value in the text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Compact JSON text of a node, as the service writes it in history events. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An integral number node: an int node when the value fits, as Jackson parses it. */
    static JsonNode number(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? NODES.numberNode((int) value)
                : NODES.numberNode(value);
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Name of a JSON node's type as the service's messages spell it (STRING, NUMBER, ...). */
    static String typeName(JsonNode node) {
        return node == null ? "MISSING" : node.getNodeType().name();
    }

    /**
     * JSON value equality where numbers compare by value ({@code 1} equals {@code 1.0}),
     * used by ArrayContains, ArrayUnique and the Choice rule comparators.
     */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !sameValue(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static BigDecimal decimal(JsonNode number) {
        return number.isBigDecimal() ? number.decimalValue() : new BigDecimal(number.asText());
    }

    /** True when the node is a number without a fractional part (1 and 1.0 both count). */
    static boolean isIntegral(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return false;
        }
        if (node.isIntegralNumber()) {
            return true;
        }
        BigDecimal d = decimal(node).stripTrailingZeros();
        return d.scale() <= 0;
    }
}
