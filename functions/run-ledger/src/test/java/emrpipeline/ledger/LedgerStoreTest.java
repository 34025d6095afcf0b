package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The run ledger's DynamoDB store against DynamoDB Local: every conditional write says which condition failed,
 * decoded from the cancellation reasons DynamoDB returns, and writes nothing then. Reasons that reading again cannot
 * cure are thrown (on a client that cancels every transaction: DynamoDB Local neither throttles nor conflicts on
 * demand).
 */
class LedgerStoreTest extends LocalAwsTest {
    static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");

    static LedgerCommand.Begin begin(String execution) {
        return new LedgerCommand.Begin("r1", TestData.arn(execution), execution, Trigger.SCHEDULE, NOW, Map.of("runId", "r1"));
    }

    static LedgerStore.FinishedAttempt finished(RunStatus to, RunStatus from) {
        return new LedgerStore.FinishedAttempt(to, from, NOW.plusSeconds(60), 60, 0, null, null, null, null, null, null,
                null, null, null, null, "test", null);
    }

    LedgerStore store() {
        return new LedgerStore(aws.dynamo, aws.createLedgerTable());
    }

    @Test
    void beginTakesAFreeLeaseAndABeginThatReadItFreeTooChangesNothing() {
        LedgerStore store = store();

        assertEquals(LedgerStore.BeginWrite.WRITTEN, store.takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(600), null));
        assertEquals(LedgerStore.BeginWrite.LEASE_CHANGED, store.takeLeaseAndRecordStarted(begin("b"), null, NOW, NOW.plusSeconds(600), null));

        assertEquals(TestData.arn("a"), store.lease().owner());
        assertEquals(RunStatus.STARTED, store.attempt("r1", TestData.arn("a")).status());
        assertNull(store.attempt("r1", TestData.arn("b")), "nothing of the losing begin was written");
    }

    @Test
    void aRepeatedBeginOfARecordedAttemptSaysSo() {
        LedgerStore store = store();
        store.takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(600), null);

        assertEquals(LedgerStore.BeginWrite.ATTEMPT_RECORDED,
                store.takeLeaseAndRecordStarted(begin("a"), store.lease(), NOW, NOW.plusSeconds(900), null));
        assertEquals(NOW.plusSeconds(600).toEpochMilli(), store.lease().expiresAtMillis(), "the lease unchanged");
    }

    @Test
    void anExpiredLeaseIsTakenOverOnlyAsItWasRead() {
        LedgerStore store = store();
        store.takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(60), null);
        LeaseItem expired = store.lease();

        assertEquals(LedgerStore.BeginWrite.WRITTEN, store.takeLeaseAndRecordStarted(begin("b"), expired,
                NOW.plusSeconds(120), NOW.plusSeconds(720), new LedgerStore.TakeOver(expired.owner(), "expired")));
        assertEquals(LedgerStore.BeginWrite.LEASE_CHANGED, store.takeLeaseAndRecordStarted(begin("c"), expired,
                NOW.plusSeconds(121), NOW.plusSeconds(721), new LedgerStore.TakeOver(expired.owner(), "expired")),
                "c read a's lease, which b has taken over since");
        assertEquals(TestData.arn("b"), store.lease().owner());
    }

    @Test
    void finishReleasesItsOwnLeaseInTheSameTransactionAndRefusesAStaleStatus() {
        LedgerStore store = store();
        store.takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(600), null);

        assertEquals(LedgerStore.FinishWrite.LEASE_RELEASED,
                store.finish("r1", TestData.arn("a"), finished(RunStatus.FAILED, RunStatus.STARTED), true));
        assertNull(store.lease());
        assertTrue(store.attempt("r1", TestData.arn("a")).leaseReleased());

        assertEquals(LedgerStore.FinishWrite.ATTEMPT_CHANGED,
                store.finish("r1", TestData.arn("a"), finished(RunStatus.SKIPPED, RunStatus.STARTED), true));
        assertEquals(RunStatus.FAILED, store.attempt("r1", TestData.arn("a")).status());
    }

    @Test
    void finishRecordsTheAttemptAloneWhenTheLeaseIsAnothers() {
        LedgerStore store = store();
        store.takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(600), null);
        assertTrue(store.recordSkipped(begin("b"), store.lease(), NOW, 0, "a holds the lease"));
        assertFalse(store.recordSkipped(begin("b"), store.lease(), NOW, 0, "a holds the lease"), "recorded already");

        assertEquals(LedgerStore.FinishWrite.LEASE_KEPT,
                store.finish("r1", TestData.arn("b"), finished(RunStatus.FAILED, RunStatus.SKIPPED), true));
        assertEquals(TestData.arn("a"), store.lease().owner(), "a's lease untouched");
        assertFalse(store.attempt("r1", TestData.arn("b")).leaseReleased());
        assertEquals(RunStatus.FAILED, store.attempt("r1", TestData.arn("b")).status());
    }

    @Test
    void onlyTheOwnerReleasesTheLeaseAndTheOthersAreToldWhoHoldsIt() {
        LedgerStore store = store();
        store.takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(600), null);

        LedgerStore.LeaseRelease refused = store.release(TestData.arn("b"));
        assertFalse(refused.released());
        assertEquals(TestData.arn("a"), refused.holder().owner(), "the holder as the refused delete saw it");
        assertFalse(store.releaseIfOwner("r1", TestData.arn("b"), false, NOW));
        assertEquals(TestData.arn("a"), store.lease().owner());

        assertTrue(store.releaseIfOwner("r1", TestData.arn("a"), true, NOW));
        assertNull(store.lease());
        assertTrue(store.release(TestData.arn("a")).released(), "no lease: nothing to refuse");
    }

    @Test
    void recordClusterRunningIsRefusedWithTheAttemptAsItIs() {
        LedgerStore store = store();
        store.takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(600), null);
        LedgerCommand.RecordCluster cluster = new LedgerCommand.RecordCluster("r1", TestData.arn("a"), "j-1", null);

        assertTrue(store.recordClusterRunning(cluster, NOW).written());
        LedgerStore.ConditionalUpdate again = store.recordClusterRunning(cluster, NOW);
        assertFalse(again.written());
        assertEquals("j-1", again.current().clusterId());
        LedgerStore.ConditionalUpdate unknown = store.recordClusterRunning(
                new LedgerCommand.RecordCluster("r1", TestData.arn("x"), "j-2", null), NOW);
        assertFalse(unknown.written());
        assertNull(unknown.current());
    }

    // ------------------------------------------------------------------ reasons DynamoDB Local does not produce

    /** A store whose every transaction DynamoDB cancels with {@code e}. */
    static LedgerStore failingWith(TransactionCanceledException e) {
        DynamoDbClient dynamo = new DynamoDbClient() {
            @Override
            public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
                throw e;
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
        return new LedgerStore(dynamo, "t");
    }

    @Test
    void aConflictWithAnotherTransactionIsDecidedAgainAThrottledOneIsThrown() {
        assertEquals(LedgerStore.BeginWrite.LEASE_CHANGED, failingWith(TransactionCancellationTest.cancelled(
                "TransactionConflict", "None")).takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(60), null));
        assertEquals(LedgerStore.FinishWrite.CONTENDED, failingWith(TransactionCancellationTest.cancelled(
                "None", "TransactionConflict")).finish("r1", TestData.arn("a"), finished(RunStatus.FAILED, RunStatus.STARTED), true));

        TransactionCanceledException throttled = TransactionCancellationTest.cancelled("ThrottlingError", "None");
        assertSame(throttled, assertThrows(TransactionCanceledException.class, () -> failingWith(throttled)
                .takeLeaseAndRecordStarted(begin("a"), null, NOW, NOW.plusSeconds(60), null)));
        TransactionCanceledException invalid = TransactionCancellationTest.cancelled("ValidationError", "None");
        assertSame(invalid, assertThrows(TransactionCanceledException.class, () -> failingWith(invalid)
                .finish("r1", TestData.arn("a"), finished(RunStatus.FAILED, RunStatus.STARTED), true)));
    }

    @Test
    void theLeaseDurationIsTheCallersToChoose() {
        LedgerStore store = store();
        Instant until = NOW.plus(Duration.ofHours(7));
        store.takeLeaseAndRecordStarted(begin("a"), null, NOW, until, null);
        assertEquals(until.toEpochMilli(), store.lease().expiresAtMillis());
        assertTrue(store.lease().isLiveAt(until.toEpochMilli() - 1));
        assertFalse(store.lease().isLiveAt(until.toEpochMilli()));
    }
}
