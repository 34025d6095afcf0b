package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The execution's TimeoutSeconds holds the worst case of everything it may do, with the largest accepted job
 * timeout, every retry of every task running to its own TimeoutSeconds, and the cleanup after a failure at the
 * worst moment (terminate retries included), with at least 30 minutes to spare. Computed from the definition
 * itself (TimeBudget), so a longer task timeout, one more retry or a larger job limit fails here.
 */
class TimeBudgetTest {
    static final int MARGIN_SECONDS = 1800;

    private final PipelineDefinition definition = PipelineDefinition.load(ProjectFiles.DEFINITION);
    private final JsonNode template = CloudFormationTemplate.load();
    private final TimeBudget budget = new TimeBudget(definition, TimeBudget.largestJobTimeout(template));

    @Test
    void theWorstCaseWithTheLargestJobFitsTheExecutionsTimeoutWithRoomToSpare() {
        long executionTimeout = definition.root().path("TimeoutSeconds").asLong();
        List<TimeBudget.Leg> path = budget.worstPath();
        double total = budget.worstTotal();
        String story = path.stream().filter(l -> l.seconds() > 0).map(l -> l.state() + " " + (long) l.seconds() + " s")
                .collect(Collectors.joining(", "));
        assertTrue(total + MARGIN_SECONDS <= executionTimeout, "worst case " + (long) total + " s + margin " + MARGIN_SECONDS
                + " s > TimeoutSeconds " + executionTimeout + " s: " + story);
        assertTrue(path.stream().anyMatch(l -> l.state().equals("RunJob")), "the worst path runs the job: " + story);
        assertTrue(path.stream().anyMatch(l -> l.state().startsWith("Cleanup")), "and cleans up after it: " + story);
    }

    @Test
    void theWorstCaseOfOneStateCountsEveryAttemptAndTheLongestBackoff() {
        // TerminateCluster: 3 attempts of 900 s and backoffs of 15 and 30 s.
        JsonNode terminate = definition.state("TerminateCluster");
        assertEquals(900, terminate.path("TimeoutSeconds").asInt());
        assertEquals(3 * 900 + 15 + 30, budget.worstCase("TerminateCluster"));
        assertEquals(TimeBudget.largestJobTimeout(template), budget.worstCase("RunJob"), "the job is never retried");
        assertEquals(0, budget.worstCase("DescribeFailure"));
    }

    @Test
    void theTemplatesJobTimeoutLimitIsTheDefinitionsAndTheReadmeSaysSo() {
        JsonNode parameter = template.at("/Parameters/JobTimeoutSeconds");
        long largest = TimeBudget.largestJobTimeout(template);
        assertEquals(parameter.path("MinValue").asLong(), template.at("/Mappings/ExecutionLimits/JobTimeoutSeconds/Min").asLong());
        assertEquals(largest, parameter.path("MaxValue").asLong(), "template.yaml JobTimeoutSeconds MaxValue");
        assertTrue(parameter.path("Default").asLong() <= largest);
        String page = ProjectFiles.read(ProjectFiles.ROOT.resolve("docs/failure-handling.md"));
        assertTrue(page.contains(String.format("%,d s", largest)), "docs/failure-handling.md names the largest job timeout");
        assertTrue(page.contains(String.format("%,d s", (long) budget.worstTotal())), "docs/failure-handling.md names the worst case "
                + String.format("%,d s", (long) budget.worstTotal()));
    }
}
