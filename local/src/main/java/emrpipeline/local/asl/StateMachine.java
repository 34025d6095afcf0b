package emrpipeline.local.asl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated Amazon States Language definition (the JSONPath query language). {@link #parse} rejects
 * what the service rejects, each problem naming the state and field; see {@link DefinitionException}.
 */
public final class StateMachine {
    private static final Set<String> FIELDS = Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds",
            "QueryLanguage");

    private final StateGraph graph;
    private final Long timeoutSeconds;
    private final String comment;

    private StateMachine(StateGraph graph, Long timeoutSeconds, String comment) {
        this.graph = graph;
        this.timeoutSeconds = timeoutSeconds;
        this.comment = comment;
    }

    /** Parses and validates a definition; throws {@link DefinitionException} listing every problem. */
    public static StateMachine parse(String definition) {
        JsonNode root;
        try {
            root = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(definition);
        } catch (JsonProcessingException e) {
            throw new DefinitionException(List.of(new DefinitionException.Diagnostic("INVALID_JSON_DESCRIPTION",
                    e.getOriginalMessage(), "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr())));
        }
        List<String> problems = new ArrayList<>();
        List<DefinitionException.Diagnostic> diagnostics = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new DefinitionException(List.of(new DefinitionException.Diagnostic("SCHEMA_VALIDATION_FAILED",
                    "Definition must be a valid JSON object", null)));
        }
        StateParsing.checkFields(root, FIELDS, "/", problems);
        JsonNode language = root.get("QueryLanguage");
        if (language != null && !"JSONPath".equals(language.asText())) {
            problems.add(StateGraph.Parser.unsupportedLanguage(language) + " at /QueryLanguage");
        }
        JsonNode version = root.get("Version");
        if (version != null && !"1.0".equals(version.asText())) {
            problems.add("The value of Version must be \"1.0\" at /Version");
        }
        Long timeout = StateParsing.positive(root, "TimeoutSeconds", 99_999_999L, "", problems);
        StateGraph graph = new StateGraph.Parser(problems, diagnostics).graph(root, "");
        List<DefinitionException.Diagnostic> all = new ArrayList<>();
        for (String p : problems) {
            int at = p.lastIndexOf(" at /");
            all.add(new DefinitionException.Diagnostic("SCHEMA_VALIDATION_FAILED",
                    at < 0 ? p : p.substring(0, at), at < 0 ? null : p.substring(at + 4)));
        }
        all.addAll(diagnostics);
        if (!all.isEmpty()) {
            throw new DefinitionException(all);
        }
        return new StateMachine(graph, timeout, root.path("Comment").asText(null));
    }

    StateGraph graph() {
        return graph;
    }

    /** The machine's TimeoutSeconds, or null. */
    public Long timeoutSeconds() {
        return timeoutSeconds;
    }

    public String comment() {
        return comment;
    }

    /** The names of the top-level states, in definition order. */
    public List<String> stateNames() {
        return List.copyOf(graph.states().keySet());
    }
}
