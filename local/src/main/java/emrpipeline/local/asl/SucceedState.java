package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** Succeed: ends its graph with its input, through InputPath and OutputPath. */
final class SucceedState extends EndingState {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "QueryLanguage", "InputPath", "OutputPath");

    private final IoProcessing io;

    private SucceedState(String name, IoProcessing io) {
        super(name);
        this.io = io;
    }

    static SucceedState parse(String name, JsonNode node, String location, List<String> problems) {
        StateParsing.checkFields(node, FIELDS, location, problems);
        return new SucceedState(name, IoProcessing.parse(node, location, false, false, false, problems));
    }

    @Override
    String type() {
        return "Succeed";
    }

    @Override
    Step execute(StateRun run) {
        run.entered();
        JsonNode context = run.context(null);
        JsonNode output = io.outputOnly(io.selectInput(run.input, context), context);
        run.exited(output);
        return new Step(null, output);
    }
}
