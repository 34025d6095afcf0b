package emrpipeline.ledger;

import static emrpipeline.ledger.RunStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunStatusTest {

    @Test
    void statusOnlyMovesForwardAlongTheDocumentedEdges() {
        Set<String> allowed = Set.of("STARTED->CLUSTER_RUNNING", "STARTED->FAILED", "STARTED->SKIPPED",
                "CLUSTER_RUNNING->SUCCEEDED", "CLUSTER_RUNNING->FAILED", "STARTED->TIMED_OUT", "STARTED->ABORTED",
                "CLUSTER_RUNNING->TIMED_OUT", "CLUSTER_RUNNING->ABORTED");
        for (RunStatus from : values()) {
            for (RunStatus to : values()) {
                assertEquals(allowed.contains(from + "->" + to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void terminalStatusesAreTheFinishAndCloseStatuses() {
        assertEquals(EnumSet.of(SUCCEEDED, FAILED, SKIPPED), FINISH_STATUSES);
        assertEquals(EnumSet.of(FAILED, TIMED_OUT, ABORTED), CLOSE_STATUSES);
        for (RunStatus s : values()) {
            assertEquals(FINISH_STATUSES.contains(s) || CLOSE_STATUSES.contains(s), s.isTerminal(), s.name());
        }
    }

    @Test
    void predecessors() {
        assertEquals(EnumSet.of(CLUSTER_RUNNING), predecessorsOf(SUCCEEDED));
        assertEquals(EnumSet.of(STARTED, CLUSTER_RUNNING), predecessorsOf(FAILED));
        assertEquals(EnumSet.of(STARTED, CLUSTER_RUNNING), predecessorsOf(TIMED_OUT));
        assertEquals(EnumSet.of(STARTED, CLUSTER_RUNNING), predecessorsOf(ABORTED));
        assertEquals(EnumSet.of(STARTED), predecessorsOf(SKIPPED));
        assertEquals(EnumSet.noneOf(RunStatus.class), predecessorsOf(STARTED));
    }
}
