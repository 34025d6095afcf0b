package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * StartAt and States: the machine itself, a Parallel branch or a Map's ItemProcessor. States of a
 * graph can only go to states of the same graph.
 */
final class StateGraph {
    private final String startAt;
    private final Map<String, State> states;

    private StateGraph(String startAt, Map<String, State> states) {
        this.startAt = startAt;
        this.states = states;
    }

    String startAt() {
        return startAt;
    }

    State state(String name) {
        State s = states.get(name);
        if (s == null) {
            throw new IllegalStateException("no state named '" + name + "'");
        }
        return s;
    }

    Map<String, State> states() {
        return states;
    }

    /** Parses graphs and collects every problem of the whole definition. */
    static final class Parser {
        private final List<String> problems;
        private final List<DefinitionException.Diagnostic> diagnostics;
        private final Set<String> allNames = new HashSet<>();

        Parser(List<String> problems, List<DefinitionException.Diagnostic> diagnostics) {
            this.problems = problems;
            this.diagnostics = diagnostics;
        }

        /**
         * The interpreter supports exactly what the pipeline's definition uses: the JSONPath query language. A
         * JSONata definition or state is refused here, never run with the wrong semantics.
         */
        static String unsupportedLanguage(JsonNode language) {
            return "JSONata".equals(language.asText())
                    ? "the JSONata query language is not supported by the offline interpreter (it runs JSONPath definitions, as the pipeline's is)"
                    : "The value of QueryLanguage must be JSONPath or JSONata";
        }

        List<String> problems() {
            return problems;
        }

        StateGraph graph(JsonNode node, String location) {
            if (!node.isObject()) {
                problems.add("A state machine (or branch) must be a JSON object at " + location);
                return new StateGraph(null, Map.of());
            }
            JsonNode startAt = node.get("StartAt");
            JsonNode statesNode = node.get("States");
            if (startAt == null || statesNode == null) {
                problems.add("These fields are required: [" + (statesNode == null ? "States" : "")
                        + (statesNode == null && startAt == null ? ", " : "") + (startAt == null ? "StartAt" : "")
                        + "] at " + (location.isEmpty() ? "/" : location));
                return new StateGraph(null, Map.of());
            }
            if (!startAt.isTextual()) {
                problems.add("The value of StartAt must be a string at " + location + "/StartAt");
                return new StateGraph(null, Map.of());
            }
            if (!statesNode.isObject() || statesNode.isEmpty()) {
                problems.add("The value of States must be a non-empty object at " + location + "/States");
                return new StateGraph(null, Map.of());
            }
            Map<String, State> states = new LinkedHashMap<>();
            boolean complete = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                String at = location + "/States/" + name;
                if (!allNames.add(name)) {
                    diagnostics.add(new DefinitionException.Diagnostic("DUPLICATE_STATE_NAME",
                            "Duplicate State name: " + name, at));
                }
                if (name.isEmpty() || name.codePointCount(0, name.length()) > 80) {
                    problems.add("A state name must be 1 to 80 characters long at " + at);
                }
                State state = state(name, e.getValue(), at);
                if (state != null) {
                    states.put(name, state);
                } else {
                    complete = false;
                }
            }
            StateGraph graph = new StateGraph(startAt.textValue(), java.util.Collections.unmodifiableMap(states));
            if (complete) {
                checkTransitions(graph, location); // a state that did not parse would only add noise
            }
            return graph;
        }

        private State state(String name, JsonNode node, String at) {
            if (!node.isObject()) {
                problems.add("A state must be a JSON object at " + at);
                return null;
            }
            JsonNode type = node.get("Type");
            if (type == null) {
                problems.add("These fields are required: [Type] at " + at);
                return null;
            }
            JsonNode language = node.get("QueryLanguage");
            if (language != null && !"JSONPath".equals(language.asText())) {
                problems.add(unsupportedLanguage(language) + " at " + at + "/QueryLanguage");
            }
            return switch (type.asText()) {
                case "Pass" -> PassState.parse(name, node, at, problems);
                case "Task" -> TaskState.parse(name, node, at, problems);
                case "Choice" -> ChoiceState.parse(name, node, at, problems);
                case "Wait" -> WaitState.parse(name, node, at, problems);
                case "Succeed" -> SucceedState.parse(name, node, at, problems);
                case "Fail" -> FailState.parse(name, node, at, problems);
                case "Parallel" -> ParallelState.parse(name, node, at, this);
                case "Map" -> MapState.parse(name, node, at, this);
                default -> {
                    problems.add("Value is not a valid state type: '" + type.asText()
                            + "' (Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map) at " + at + "/Type");
                    yield null;
                }
            };
        }

        /** Missing targets, a graph without a terminal state, states nothing reaches. */
        private void checkTransitions(StateGraph graph, String location) {
            Map<String, State> states = graph.states;
            if (!states.containsKey(graph.startAt)) {
                diagnostics.add(new DefinitionException.Diagnostic("MISSING_TRANSITION_TARGET",
                        "Missing 'Next' target: " + graph.startAt, location + "/StartAt"));
            }
            for (State s : states.values()) {
                for (State.Transition t : s.transitions()) {
                    if (!states.containsKey(t.target())) {
                        diagnostics.add(new DefinitionException.Diagnostic("MISSING_TRANSITION_TARGET",
                                "Missing 'Next' target: " + t.target(), t.location()));
                    }
                }
            }
            if (states.values().stream().noneMatch(State::terminal)) {
                diagnostics.add(new DefinitionException.Diagnostic("MISSING_END_STATE",
                        "Workflow has no terminal state", location.isEmpty() ? "/" : location));
                return;
            }
            Set<String> reached = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>();
            if (states.containsKey(graph.startAt)) {
                todo.add(graph.startAt);
            }
            while (!todo.isEmpty()) {
                String name = todo.pop();
                if (!reached.add(name)) {
                    continue;
                }
                for (State.Transition t : states.get(name).transitions()) {
                    if (states.containsKey(t.target())) {
                        todo.add(t.target());
                    }
                }
            }
            for (String name : states.keySet()) {
                if (!reached.contains(name)) {
                    diagnostics.add(new DefinitionException.Diagnostic("MISSING_TRANSITION_TARGET",
                            "State \"" + name + "\" is not reachable.", location + "/States/" + name));
                }
            }
        }
    }
}
