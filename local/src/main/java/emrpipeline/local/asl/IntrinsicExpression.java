package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed intrinsic function invocation such as
 * {@code States.Format('Hello {}\\'s list', $.name, States.ArrayLength($.items))}.
 * Arguments are string literals in apostrophes (escapes {@code \' \{ \} \\}), numbers,
 * {@code null}, {@code true}/{@code false}, Paths ({@code $...} on the input, {@code $$...} on the
 * context object) and nested invocations. Parsing checks names and argument counts, so a
 * definition with a malformed invocation is rejected before it runs.
 */
sealed interface IntrinsicExpression {

    /** A literal JSON value (number, null, boolean). */
    record Literal(JsonNode value) implements IntrinsicExpression {
    }

    /** A string literal; {@code placeholders} are the offsets of unescaped "{}" pairs (for States.Format). */
    record Text(String value, List<Integer> placeholders) implements IntrinsicExpression {
    }

    /** A Path argument, applied to the payload template's input or to the context object. */
    record PathArgument(String path) implements IntrinsicExpression {
    }

    /** A nested (or top-level) function invocation. */
    record Call(String name, List<IntrinsicExpression> arguments) implements IntrinsicExpression {
    }

    /** Minimum and maximum argument counts of every function the service defines. */
    Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, Integer.MAX_VALUE}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, Integer.MAX_VALUE}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));

    /** Parses an invocation; throws {@link IllegalArgumentException} saying what is wrong. */
    static Call parse(String text) {
        Parser parser = new Parser(text);
        parser.skipSpaces();
        Call call = parser.call();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    /** Recursive-descent parser over the invocation text. */
    final class Parser {
        private final String text;
        private int pos;
        private int depth;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " (offset " + pos + " in '" + text + "')");
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        Call call() {
            int start = pos;
            while (!atEnd() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (name.isEmpty()) {
                throw error("expected an intrinsic function name");
            }
            int[] arity = ARITY.get(name);
            if (arity == null) {
                pos = start;
                throw error("unknown intrinsic function '" + name + "'");
            }
            if (atEnd() || text.charAt(pos) != '(') {
                throw error("expected '(' after " + name);
            }
            pos++;
            if (++depth > 10) {
                throw error("more than 10 nested intrinsic functions");
            }
            List<IntrinsicExpression> args = new ArrayList<>();
            skipSpaces();
            if (!atEnd() && text.charAt(pos) == ')') {
                pos++;
            } else {
                while (true) {
                    skipSpaces();
                    args.add(argument());
                    skipSpaces();
                    if (atEnd()) {
                        throw error("missing ')'");
                    }
                    char c = text.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        pos--;
                        throw error("expected ',' or ')'");
                    }
                }
            }
            depth--;
            if (args.size() < arity[0] || args.size() > arity[1]) {
                throw new IllegalArgumentException(name + " takes " + (arity[0] == arity[1] ? String.valueOf(arity[0])
                        : arity[1] == Integer.MAX_VALUE ? "at least " + arity[0] : arity[0] + " to " + arity[1])
                        + " argument(s), not " + args.size() + ", in '" + text + "'");
            }
            return new Call(name, List.copyOf(args));
        }

        private IntrinsicExpression argument() {
            if (atEnd()) {
                throw error("missing argument");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            if (text.startsWith("null", pos) && !continuesName(pos + 4)) {
                pos += 4;
                return new Literal(NullNode.getInstance());
            }
            if (text.startsWith("true", pos) && !continuesName(pos + 4)) {
                pos += 4;
                return new Literal(Json.NODES.booleanNode(true));
            }
            if (text.startsWith("false", pos) && !continuesName(pos + 5)) {
                pos += 5;
                return new Literal(Json.NODES.booleanNode(false));
            }
            if (isNameChar(c)) {
                return call();
            }
            throw error("unexpected character '" + c + "'");
        }

        private boolean continuesName(int at) {
            return at < text.length() && (isNameChar(text.charAt(at)) || text.charAt(at) == '(');
        }

        private Text string() {
            pos++; // opening apostrophe
            StringBuilder value = new StringBuilder();
            List<Integer> placeholders = new ArrayList<>();
            boolean openBraceUnescaped = false;
            while (true) {
                if (atEnd()) {
                    throw error("unterminated string literal");
                }
                char c = text.charAt(pos++);
                if (c == '\'') {
                    break;
                }
                if (c == '\\') {
                    if (atEnd()) {
                        throw error("open escape backslash");
                    }
                    char e = text.charAt(pos++);
                    if (e != '\'' && e != '{' && e != '}' && e != '\\') {
                        throw error("open escape backslash before '" + e + "'");
                    }
                    value.append(e);
                    openBraceUnescaped = false;
                    continue;
                }
                if (c == '}' && openBraceUnescaped) {
                    placeholders.add(value.length() - 1);
                }
                openBraceUnescaped = c == '{';
                value.append(c);
            }
            return new Text(value.toString(), List.copyOf(placeholders));
        }

        private PathArgument path() {
            int start = pos;
            int brackets = 0;
            char quote = 0;
            while (!atEnd()) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    brackets++;
                } else if (c == ']' || c == ')') {
                    if (brackets == 0) {
                        break;
                    }
                    brackets--;
                } else if (c == ',' && brackets == 0) {
                    break;
                }
                pos++;
            }
            String path = text.substring(start, pos).strip();
            if (!JsonPaths.isPath(path)) {
                pos = start;
                throw error("invalid path '" + path + "'");
            }
            return new PathArgument(path);
        }

        private Literal number() {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            while (!atEnd() && (Character.isDigit(text.charAt(pos)) || ".eE+-".indexOf(text.charAt(pos)) >= 0)) {
                pos++;
            }
            String literal = text.substring(start, pos);
            try {
                BigDecimal value = new BigDecimal(literal);
                boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
                if (integral) {
                    return new Literal(Json.number(value.toBigIntegerExact().longValueExact()));
                }
                return new Literal(Json.NODES.numberNode(value));
            } catch (ArithmeticException | NumberFormatException e) {
                pos = start;
                throw error("invalid number '" + literal + "'");
            }
        }

        private static boolean isNameChar(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
        }
    }
}
