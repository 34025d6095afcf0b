package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parallel: every branch gets the effective input; the result is the array of the branches'
 * outputs in branch order. Branches run one after another on forks of the virtual clock that all
 * start when the state starts, so the state ends when its slowest branch ends, as with real
 * concurrency. When a branch fails the state fails with that branch's error (not
 * States.BranchFailed, as the service does) and branches not yet run are not started.
 */
final class ParallelState extends RetryableState {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "QueryLanguage", "Next", "End", "InputPath",
            "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Branches", "Retry", "Catch");

    private final IoProcessing io;
    private final List<StateGraph> branches;

    private ParallelState(String name, String next, String location, IoProcessing io, List<StateGraph> branches,
                          RetryPolicy retry, List<Catcher> catchers) {
        super(name, next, location, retry, catchers);
        this.io = io;
        this.branches = branches;
    }

    static ParallelState parse(String name, JsonNode node, String location, StateGraph.Parser parser) {
        List<String> problems = parser.problems();
        StateParsing.checkFields(node, FIELDS, location, problems);
        JsonNode array = node.get("Branches");
        List<StateGraph> branches = new ArrayList<>();
        if (array == null || !array.isArray() || array.isEmpty()) {
            problems.add("Branches must be a non-empty array at " + location + "/Branches");
        } else {
            for (int i = 0; i < array.size(); i++) {
                branches.add(parser.graph(array.get(i), location + "/Branches[" + i + "]"));
            }
        }
        return new ParallelState(name, StateParsing.next(node, location, problems), location,
                IoProcessing.parse(node, location, true, true, true, problems), List.copyOf(branches),
                RetryPolicy.parse(node.get("Retry"), location + "/Retry", problems),
                Catcher.parse(node.get("Catch"), location + "/Catch", problems));
    }

    @Override
    String type() {
        return "Parallel";
    }

    @Override
    Step attempt(StateRun run, RetryPolicy.Attempts attempts) {
        Execution execution = run.execution;
        Strand strand = run.strand;
        JsonNode context = run.context(attempts.retryCount());
        JsonNode effective = io.effectiveInput(run.input, context, run.random());
        ExecutionHistory.Event started = run.event("ParallelStateStarted", null, null);
        ArrayNode results = Json.NODES.arrayNode();
        Strand latest = null;
        List<int[]> marks = new ArrayList<>();
        for (StateGraph branch : branches) {
            Strand b = new Strand(strand.clock.fork(), started);
            int from = execution.history.mark();
            try {
                results.add(execution.runGraph(branch, effective.deepCopy(), b));
                marks.add(new int[] {from, execution.history.mark()});
            } catch (StatesError e) {
                // branches run before this one were still running when it failed: drop what they did after
                for (int k = marks.size() - 1; k >= 0; k--) {
                    execution.history.dropAfter(marks.get(k)[0], marks.get(k)[1], b.clock.now());
                }
                strand.clock.advanceTo(b.clock.now());
                strand.last = b.last;
                run.event("ParallelStateFailed", null, null);
                throw e;
            }
            if (latest == null || !b.clock.now().isBefore(latest.clock.now())) {
                latest = b;
            }
        }
        if (latest != null) {
            strand.clock.advanceTo(latest.clock.now());
            strand.last = latest.last;
        }
        run.event("ParallelStateSucceeded", null, null);
        JsonNode result = io.selectResult(results, context, run.random());
        JsonNode output = io.output(run.input, result, context);
        run.exited(output);
        return new Step(next, output);
    }
}
