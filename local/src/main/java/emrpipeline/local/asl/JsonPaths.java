package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paths ({@code $.a.b}, {@code $.vals[-3:]}) and Reference Paths evaluated with Jayway JsonPath,
 * the implementation whose messages Step Functions itself reports ({@code No results for path:
 * $['x']}). A path starting with {@code $$} applies to the context object.
 */
final class JsonPaths {
    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(Option.class))
            .build();
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPaths() {
    }

    /** Thrown when a syntactically valid path selects nothing; carries Jayway's message. */
    static final class NoMatch extends RuntimeException {
        private final String path;

        NoMatch(String path, String message) {
            super(message);
            this.path = path;
        }

        String path() {
            return path;
        }
    }

    /** True for a Path: starts with {@code $} (or {@code $$}) and compiles. */
    static boolean isPath(String text) {
        return compile(text) != null;
    }

    /** True for a Reference Path: a Path that identifies a single node (no *, .., ?, @, [a,b], [:]). */
    static boolean isReferencePath(String text) {
        JsonPath p = compile(text);
        return p != null && p.isDefinite();
    }

    static boolean isContextPath(String text) {
        return text.startsWith("$$");
    }

    /**
     * Applies a path to the input, or (for {@code $$...}) to the context object. A definite path
     * that selects nothing throws {@link NoMatch}; an indefinite one yields an array of matches.
     */
    static JsonNode read(String path, JsonNode input, JsonNode context) {
        boolean onContext = isContextPath(path);
        JsonPath compiled = compile(path);
        if (compiled == null) {
            throw new NoMatch(path, "Invalid path: " + path);
        }
        JsonNode document = onContext ? context : input;
        try {
            Object value = JsonPath.using(CONFIG).parse(document).read(compiled);
            JsonNode node = value instanceof JsonNode n ? n : Json.MAPPER.valueToTree(value);
            return node.deepCopy();
        } catch (PathNotFoundException e) {
            throw new NoMatch(path, e.getMessage());
        } catch (InvalidPathException | IllegalArgumentException | ClassCastException e) {
            throw new NoMatch(path, e.getMessage());
        }
    }

    private static JsonPath compile(String text) {
        if (text == null || !text.startsWith("$")) {
            return null;
        }
        String path = isContextPath(text) ? text.substring(1) : text;
        JsonPath cached = COMPILED.get(path);
        if (cached != null) {
            return cached;
        }
        try {
            JsonPath compiled = JsonPath.compile(path);
            COMPILED.put(path, compiled);
            return compiled;
        } catch (InvalidPathException | IllegalArgumentException e) {
            return null;
        }
    }
}
