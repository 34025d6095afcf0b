package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The README's diagram is the one generated from the definition; regenerate with scripts/state-machine-diagram. */
class ReadmeDiagramTest {

    @Test
    void theReadmeShowsTheCurrentDefinition() {
        String readme = ProjectFiles.read(ProjectFiles.README);
        String expected = MermaidDiagram.replaceInReadme(readme, MermaidDiagram.render(PipelineDefinition.load(ProjectFiles.DEFINITION)));
        assertEquals(expected, readme, "README.md's state machine diagram is stale: run scripts/state-machine-diagram");
    }
}
