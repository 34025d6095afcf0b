package emrpipeline.statemachine;

import emrpipeline.statemachine.PipelineDefinition.Transition;
import emrpipeline.statemachine.PipelineDefinition.TransitionKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Reachability and path questions about the definition's graph. */
final class Graph {
    private Graph() {
    }

    static Set<String> reachableFrom(PipelineDefinition definition, String start) {
        return reachableFrom(definition, start, transition -> true);
    }

    static Set<String> reachableFrom(PipelineDefinition definition, String start, Predicate<Transition> follow) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String state = todo.pop();
            if (seen.add(state)) {
                definition.transitions(state).stream().filter(follow).map(Transition::to).forEach(todo::push);
            }
        }
        return seen;
    }

    /** States on the normal flow (no Catch edges) reachable from {@code start}. */
    static Set<String> normalFlowFrom(PipelineDefinition definition, String start) {
        return reachableFrom(definition, start, transition -> transition.kind() != TransitionKind.CATCH);
    }

    /** Every path from {@code from} to a terminal state, as lists of state names (the graph has no loop). */
    static List<List<String>> pathsToEnd(PipelineDefinition definition, String from) {
        List<List<String>> paths = new ArrayList<>();
        collect(definition, from, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(PipelineDefinition definition, String state, List<String> prefix, List<List<String>> paths) {
        List<String> path = new ArrayList<>(prefix);
        path.add(state);
        List<Transition> out = definition.transitions(state);
        if (out.isEmpty()) {
            paths.add(path);
            return;
        }
        for (String next : out.stream().map(Transition::to).distinct().toList()) {
            collect(definition, next, path, paths);
        }
    }
}
