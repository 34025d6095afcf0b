package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Choice: the first Choice Rule that matches the effective input (after InputPath) names the
 * next state; else Default; else {@code States.NoChoiceMatched}. The output is the effective input
 * through OutputPath. A Choice state cannot be an End state.
 */
final class ChoiceState extends State {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "QueryLanguage", "InputPath", "OutputPath",
            "Choices", "Default");

    private record Branch(ChoiceRule rule, String next, String location) {
    }

    private final List<Branch> choices;
    private final String defaultState;
    private final String location;
    private final IoProcessing io;

    private ChoiceState(String name, List<Branch> choices, String defaultState, String location, IoProcessing io) {
        super(name);
        this.choices = choices;
        this.defaultState = defaultState;
        this.location = location;
        this.io = io;
    }

    static ChoiceState parse(String name, JsonNode node, String location, List<String> problems) {
        StateParsing.checkFields(node, FIELDS, location, problems);
        JsonNode array = node.get("Choices");
        List<Branch> branches = new ArrayList<>();
        if (array == null || !array.isArray() || array.isEmpty()) {
            problems.add("Choices must be a non-empty array of Choice Rules at " + location + "/Choices");
        } else {
            for (int i = 0; i < array.size(); i++) {
                String at = location + "/Choices[" + i + "]";
                ChoiceRule rule = ChoiceRule.parse(array.get(i), at, true, problems);
                branches.add(new Branch(rule, array.get(i).path("Next").asText(null), at));
            }
        }
        JsonNode dflt = node.get("Default");
        if (dflt != null && !dflt.isTextual()) {
            problems.add("The value of Default must be a string at " + location + "/Default");
            dflt = null;
        }
        return new ChoiceState(name, List.copyOf(branches), dflt == null ? null : dflt.textValue(), location,
                IoProcessing.parse(node, location, false, false, false, problems));
    }

    @Override
    String type() {
        return "Choice";
    }

    @Override
    List<Transition> transitions() {
        List<Transition> t = new ArrayList<>();
        for (Branch b : choices) {
            if (b.next() != null) {
                t.add(transition(b.next(), b.location() + "/Next"));
            }
        }
        if (defaultState != null) {
            t.add(transition(defaultState, location + "/Default"));
        }
        return t;
    }

    @Override
    boolean terminal() {
        return false;
    }

    @Override
    Step execute(StateRun run) {
        run.entered();
        JsonNode context = run.context(null);
        JsonNode effective = io.selectInput(run.input, context);
        String next = null;
        for (Branch b : choices) {
            if (b.rule().matches(effective, context)) {
                next = b.next();
                break;
            }
        }
        if (next == null) {
            next = defaultState;
        }
        if (next == null) {
            throw new StatesError(StatesError.NO_CHOICE_MATCHED,
                    "No Choice Rule of state '" + name + "' matched the input and the state has no Default");
        }
        JsonNode output = io.outputOnly(effective, context);
        run.exited(output);
        return new Step(next, output);
    }
}
