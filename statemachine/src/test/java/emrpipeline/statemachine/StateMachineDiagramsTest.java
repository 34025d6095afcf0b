package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The diagrams in the README (the overview) and in docs/state-machine.md (every state) are the ones generated from
 * the definition; regenerate them with scripts/state-machine-diagram.
 */
class StateMachineDiagramsTest {
    private static final PipelineDefinition DEFINITION = PipelineDefinition.load(ProjectFiles.DEFINITION);

    @Test
    void theReadmeShowsTheOverviewOfTheCurrentDefinition() {
        assertCurrent(ProjectFiles.README, MermaidDiagram.Kind.OVERVIEW);
    }

    @Test
    void theStateMachinePageShowsEveryStateOfTheCurrentDefinition() {
        assertCurrent(ProjectFiles.ROOT.resolve("docs/state-machine.md"), MermaidDiagram.Kind.FULL);
    }

    private static void assertCurrent(Path file, MermaidDiagram.Kind kind) {
        String text = ProjectFiles.read(file);
        assertTrue(text.contains(kind.marker()), file + " has no " + kind + " diagram");
        assertEquals(MermaidDiagram.update(text, DEFINITION), text, file + "'s state machine diagram is stale: run scripts/state-machine-diagram");
    }

    @Test
    void theFullDiagramDrawsEveryStateAndTheOverviewEveryTaskOfTheRunsPath() {
        String full = MermaidDiagram.render(DEFINITION, MermaidDiagram.Kind.FULL);
        String overview = MermaidDiagram.render(DEFINITION, MermaidDiagram.Kind.OVERVIEW);
        for (String state : DEFINITION.states().keySet()) {
            assertTrue(java.util.regex.Pattern.compile("(?m)^  " + MermaidDiagram.id(state) + "[\\[{(]").matcher(full).find(), state);
        }
        for (String state : java.util.List.of("ValidateExecutionInput", "BeginRun", "SizeStorage", "CreateCluster",
                "RecordCluster", "CreateAlarms", "RunJob", "DeleteAlarms", "TerminateCluster", "CompleteRun", "NotifySucceeded")) {
            assertTrue(overview.contains(" " + state + "[\"" + state + "\"]"), state + " in\n" + overview);
        }
        assertFalse(overview.contains("ApplyDefaults"), "Pass states that only shape data are left out");
        assertFalse(overview.contains("CoreMarket"), "a Choice whose branches meet again is left out");
        assertTrue(overview.contains("PreviousRunActive_{"), "a Choice that changes the path is drawn");
        assertFalse(overview.contains("CleanupTerminateCluster"), "the cleanup is one node");
        assertTrue(overview.contains("errors_Failed([\"Failed (after "), overview);
        assertTrue(overview.contains("  BeginRun & SizeStorage & "), "the Catches into the cleanup, one dotted line:\n" + overview);
        assertTrue(overview.contains(" & CompleteRun -.-> errors_Failed"), overview);
        assertTrue(overview.lines().count() < 45, "short enough for the README: " + overview.lines().count() + " lines");
    }
}
