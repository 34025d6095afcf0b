package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** Pass: its result is {@code Result} if given, else its effective input (after InputPath and Parameters). */
final class PassState extends NextOrEndState {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "QueryLanguage", "Next", "End", "InputPath",
            "OutputPath", "Parameters", "Result", "ResultPath");

    private final IoProcessing io;
    private final JsonNode result;

    private PassState(String name, String next, IoProcessing io, JsonNode result, String location) {
        super(name, next, location);
        this.io = io;
        this.result = result;
    }

    static PassState parse(String name, JsonNode node, String location, List<String> problems) {
        StateParsing.checkFields(node, FIELDS, location, problems);
        return new PassState(name, StateParsing.next(node, location, problems),
                IoProcessing.parse(node, location, true, false, true, problems), node.get("Result"), location);
    }

    @Override
    String type() {
        return "Pass";
    }

    @Override
    Step execute(StateRun run) {
        run.entered();
        JsonNode context = run.context(null);
        JsonNode effective = io.effectiveInput(run.input, context, run.random());
        JsonNode value = result != null ? result.deepCopy() : effective;
        JsonNode output = io.output(run.input, value, context);
        run.exited(output);
        return new Step(next, output);
    }
}
