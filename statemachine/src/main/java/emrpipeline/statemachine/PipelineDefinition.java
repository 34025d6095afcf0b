package emrpipeline.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state machine definition (statemachine/pipeline.asl.json) read as a graph of states and transitions. */
public final class PipelineDefinition {

    /** How one state leads to another. */
    public enum TransitionKind { NEXT, CHOICE, DEFAULT, CATCH }

    /** An edge of the graph; {@code label} is the choice rule or the caught error names. */
    public record Transition(String from, String to, TransitionKind kind, String label) {
    }

    private final JsonNode root;
    private final Map<String, JsonNode> states = new LinkedHashMap<>();

    private PipelineDefinition(JsonNode root) {
        this.root = root;
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("States").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            states.put(field.getKey(), field.getValue());
        }
    }

    public static PipelineDefinition load(Path path) {
        try {
            return new PipelineDefinition(new ObjectMapper().readTree(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state machine definition " + path, e);
        }
    }

    public JsonNode root() {
        return root;
    }

    public String startAt() {
        return root.path("StartAt").asText();
    }

    /** States in definition order. */
    public Map<String, JsonNode> states() {
        return states;
    }

    public JsonNode state(String name) {
        JsonNode state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state named " + name);
        }
        return state;
    }

    public String type(String name) {
        return state(name).path("Type").asText();
    }

    /**
     * A Task's API request: its {@code Parameters} (JSONPath) or {@code Arguments} (JSONata), the two fields the
     * Step Functions documentation defines for it; a missing node when it has neither.
     */
    public JsonNode request(String name) {
        JsonNode state = state(name);
        return state.has("Arguments") ? state.get("Arguments") : state.path("Parameters");
    }

    /** True for a state with {@code QueryLanguage: JSONata}, or any state of a JSONata definition. */
    public boolean isJsonata(String name) {
        String language = state(name).path("QueryLanguage").asText(root.path("QueryLanguage").asText("JSONPath"));
        return "JSONata".equals(language);
    }

    public boolean isTerminal(String name) {
        String type = type(name);
        return "Succeed".equals(type) || "Fail".equals(type) || state(name).path("End").asBoolean(false);
    }

    /** Every way out of a state: Next, each Choice rule, Default and each Catch. */
    public List<Transition> transitions(String name) {
        JsonNode state = state(name);
        List<Transition> out = new ArrayList<>();
        if (state.hasNonNull("Next")) {
            out.add(new Transition(name, state.get("Next").asText(), TransitionKind.NEXT, ""));
        }
        for (JsonNode choice : state.path("Choices")) {
            out.add(new Transition(name, choice.path("Next").asText(), TransitionKind.CHOICE, ChoiceRules.describe(choice)));
        }
        if (state.hasNonNull("Default")) {
            out.add(new Transition(name, state.get("Default").asText(), TransitionKind.DEFAULT, "otherwise"));
        }
        for (JsonNode catcher : state.path("Catch")) {
            List<String> errors = new ArrayList<>();
            catcher.path("ErrorEquals").forEach(error -> errors.add(error.asText()));
            out.add(new Transition(name, catcher.path("Next").asText(), TransitionKind.CATCH, String.join(", ", errors)));
        }
        return out;
    }
}
