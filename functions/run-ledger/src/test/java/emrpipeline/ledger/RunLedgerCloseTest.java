package emrpipeline.ledger;

import static emrpipeline.ledger.LedgerFixture.begin;
import static emrpipeline.ledger.LedgerFixture.finish;
import static emrpipeline.ledger.LedgerFixture.recordCluster;
import static emrpipeline.ledger.LedgerFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the run janitor relies on: {@code close} is conditional on the attempt not being terminal and on the lease
 * being this execution's, and says whether it changed anything; {@code finish FAILED keepLease} keeps the lease of a
 * run whose cluster may still be running. Against DynamoDB Local and S3Proxy, in-process.
 */
class RunLedgerCloseTest extends LocalAwsTest {
    static LedgerRequest close(String runId, String execution, String status) {
        LedgerRequest r = request("close", runId, execution);
        r.setStatus(status);
        r.setError("States.Timeout");
        r.setCause("");
        r.setReason("the execution timed out; the run janitor terminated j-ABC");
        return r;
    }

    /** Run r1 begun by execution e1, its cluster j-ABC recorded. */
    private LedgerFixture runningOnACluster() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(begin("r1", "e1"));
        f.call(recordCluster("r1", "e1", "j-ABC"));
        return f;
    }

    @Test
    void closeMovesARunningAttemptToTheExecutionsEndAndReleasesItsLeaseOnce() {
        LedgerFixture f = runningOnACluster();

        LedgerResult first = f.call(close("r1", "e1", "TIMED_OUT"));
        assertEquals("TIMED_OUT", first.status());
        assertTrue(first.attemptClosed());
        assertTrue(first.leaseReleased());
        assertNull(f.lease());
        Map<String, AttributeValue> record = f.attempt("r1", "e1");
        assertEquals("TIMED_OUT", record.get(LedgerTable.RUN_STATUS).s());
        assertEquals("States.Timeout", record.get(LedgerTable.ERROR).s());
        assertTrue(record.get(LedgerTable.REASON).s().contains("janitor terminated j-ABC"));
        assertTrue(record.get(LedgerTable.LEASE_RELEASED).bool());

        Set<Map<String, AttributeValue>> before = new HashSet<>(f.items());
        LedgerResult second = f.call(close("r1", "e1", "TIMED_OUT"));
        assertEquals("TIMED_OUT", second.status());
        assertFalse(second.attemptClosed(), "a second delivery changes nothing");
        assertFalse(second.leaseReleased());
        assertEquals(before, new HashSet<>(f.items()), "and writes nothing");
    }

    @Test
    void closeNeverOverwritesTheStatusTheStateMachineWrote() {
        LedgerFixture f = runningOnACluster();
        LedgerRequest failed = finish("r1", "e1", "FAILED");
        failed.setError("States.TaskFailed");
        f.call(failed);
        Set<Map<String, AttributeValue>> before = new HashSet<>(f.items());

        LedgerResult closed = f.call(close("r1", "e1", "FAILED"));
        assertEquals("FAILED", closed.status());
        assertFalse(closed.attemptClosed());
        assertFalse(closed.leaseReleased(), "the state machine released it already");
        assertEquals(before, new HashSet<>(f.items()));
        assertEquals("States.TaskFailed", f.attempt("r1", "e1").get(LedgerTable.ERROR).s());
    }

    @Test
    void aFailedRunWhoseClusterMayStillRunKeepsTheLeaseUntilTheJanitorReleasesIt() {
        LedgerFixture f = runningOnACluster();
        LedgerRequest failed = finish("r1", "e1", "FAILED");
        failed.setError("States.TaskFailed");
        failed.setCleanup("alarms deleted; CleanupTerminateCluster FAILED (EMR.AmazonElasticMapReduceException: throttled): the cluster may still be running");
        failed.setKeepLease("true");
        LedgerResult finished = f.call(failed);
        assertEquals("FAILED", finished.status());
        assertFalse(finished.leaseReleased());
        assertNotNull(f.lease(), "the lease stays while the cluster may run");
        assertTrue(f.attempt("r1", "e1").get(LedgerTable.CLEANUP).s().contains("CleanupTerminateCluster FAILED"));
        assertEquals("SKIPPED", f.call(begin("r2", "e2")).status(), "the next run does not start a second cluster");

        LedgerResult janitor = f.call(close("r1", "e1", "FAILED"));
        assertFalse(janitor.attemptClosed());
        assertTrue(janitor.leaseReleased());
        assertNull(f.lease());
        assertEquals("STARTED", f.call(begin("r3", "e3")).status());
    }

    @Test
    void closeOfAnAttemptNeverRecordedIsNotAnErrorAndLeavesAnotherRunsLease() {
        LedgerFixture f = new LedgerFixture(aws);
        f.call(begin("r1", "e1"));
        Set<Map<String, AttributeValue>> before = new HashSet<>(f.items());
        LedgerResult closed = f.call(close("refused-input", "e9", "FAILED"));
        assertNull(closed.status());
        assertFalse(closed.attemptClosed());
        assertFalse(closed.leaseReleased());
        assertEquals(before, new HashSet<>(f.items()));
    }

    @Test
    void closeAcceptsOnlyTheExecutionsEndsAndKeepLeaseOnlyForFailures() {
        LedgerFixture f = new LedgerFixture(aws);
        for (String status : new String[] {"SUCCEEDED", "SKIPPED", "RUNNING", "timed_out"}) {
            InvalidLedgerRequestException e = assertThrows(InvalidLedgerRequestException.class,
                    () -> f.call(close("r1", "e1", status)));
            assertTrue(e.getMessage().startsWith("status: "), e.getMessage());
        }
        LedgerRequest succeeded = finish("r1", "e1", "SUCCEEDED");
        succeeded.setKeepLease("true");
        assertTrue(assertThrows(InvalidLedgerRequestException.class, () -> f.call(succeeded)).getMessage()
                .startsWith("keepLease: "));
        LedgerRequest odd = finish("r1", "e1", "FAILED");
        odd.setKeepLease("yes");
        assertTrue(assertThrows(InvalidLedgerRequestException.class, () -> f.call(odd)).getMessage()
                .startsWith("keepLease: "));
    }

    @Test
    void abortedAndTimedOutMayFollowStartedOrClusterRunningOnly() {
        for (RunStatus end : new RunStatus[] {RunStatus.TIMED_OUT, RunStatus.ABORTED}) {
            assertTrue(RunStatus.STARTED.canMoveTo(end));
            assertTrue(RunStatus.CLUSTER_RUNNING.canMoveTo(end));
            assertTrue(end.isTerminal());
            assertTrue(end.isFailure());
            for (RunStatus next : RunStatus.values()) {
                assertFalse(end.canMoveTo(next), end + "->" + next);
            }
        }
    }
}
