package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.statemachine.PipelineDefinition.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The definition is a well-formed graph: targets exist, every state is reachable, every path ends. */
class DefinitionGraphTest {
    private final PipelineDefinition definition = PipelineDefinition.load(ProjectFiles.DEFINITION);

    @Test
    void everyNextDefaultAndCatchTargetExists() {
        List<String> missing = new ArrayList<>();
        for (String state : definition.states().keySet()) {
            for (Transition transition : definition.transitions(state)) {
                if (!definition.states().containsKey(transition.to())) {
                    missing.add(state + " -> " + transition.to() + " (" + transition.kind() + ")");
                }
            }
        }
        assertTrue(definition.states().containsKey(definition.startAt()), "StartAt names a state");
        assertEquals(List.of(), missing, "transitions to states that do not exist");
    }

    @Test
    void everyStateIsReachableFromStartAt() {
        Set<String> unreachable = new HashSet<>(definition.states().keySet());
        unreachable.removeAll(Graph.reachableFrom(definition, definition.startAt()));
        assertEquals(Set.of(), unreachable, "states no execution can enter");
    }

    @Test
    void everyStateEitherEndsOrMovesOn() {
        for (String state : definition.states().keySet()) {
            boolean movesOn = definition.transitions(state).stream()
                    .anyMatch(t -> t.kind() != PipelineDefinition.TransitionKind.CATCH);
            assertTrue(definition.isTerminal(state) != movesOn,
                    state + " must either end (Succeed, Fail, End: true) or have a Next, Choices or Default, not both");
        }
    }

    @Test
    void thereIsNoLoopSoEveryPathEnds() {
        // With no cycle and every non-terminal state leaving, every path reaches a Succeed or a Fail.
        Deque<String> path = new ArrayDeque<>();
        Set<String> done = new HashSet<>();
        assertNoCycle(definition.startAt(), path, done);
    }

    private void assertNoCycle(String state, Deque<String> path, Set<String> done) {
        if (done.contains(state)) {
            return;
        }
        assertTrue(!path.contains(state), "loop through " + path + " -> " + state);
        path.push(state);
        for (Transition transition : definition.transitions(state)) {
            assertNoCycle(transition.to(), path, done);
        }
        path.pop();
        done.add(state);
    }

    @Test
    void theMachineHasATimeout() {
        int timeout = definition.root().path("TimeoutSeconds").asInt(0);
        assertTrue(timeout > 0 && timeout <= 12 * 3600, "machine TimeoutSeconds in (0, 12 h], was " + timeout);
    }
}
