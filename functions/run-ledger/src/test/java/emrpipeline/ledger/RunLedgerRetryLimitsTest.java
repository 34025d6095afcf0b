package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The ledger's named limits on deciding again: finish reads, decides and writes conditionally at most
 * {@link RunLedger#MAX_FINISH_ROUNDS} times, begin {@link RunLedger#MAX_LEASE_ROUNDS} times; then it gives up with an
 * error the state machine knows, having written nothing. Against DynamoDB Local, whose transactions are cancelled
 * here on purpose once {@link #cancelWith} is set.
 */
class RunLedgerRetryLimitsTest extends LocalAwsTest {
    private volatile TransactionCanceledException cancelWith;
    private final AtomicInteger transactions = new AtomicInteger();

    /** DynamoDB Local, except that every TransactWriteItems is cancelled with {@link #cancelWith} while it is set. */
    private DynamoDbClient cancelling(DynamoDbClient delegate) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length == 1 && args[0] instanceof TransactWriteItemsRequest && cancelWith != null) {
                transactions.incrementAndGet();
                throw cancelWith;
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }

    private RunLedgerHandler ledger(String table) {
        return new RunLedgerHandler(cancelling(aws.dynamo), aws.s3, aws.settings(table, aws.createBucket()),
                new TestData.MutableClock(LedgerFixture.T0), d -> { });
    }

    @Test
    void finishGivesUpAfterItsRoundsWhenTheAttemptKeepsChanging() {
        String table = aws.createLedgerTable();
        RunLedgerHandler ledger = ledger(table);
        ledger.handleRequest(LedgerFixture.begin("r1", "a"), null);
        int itemsBefore = aws.scan(table).size();

        cancelWith = TransactionCancellationTest.cancelled("ConditionalCheckFailed", "None");
        IllegalRunTransitionException e = assertThrows(IllegalRunTransitionException.class,
                () -> ledger.handleRequest(LedgerFixture.finish("r1", "a", "FAILED"), null));

        assertTrue(e.getMessage().contains("kept changing under " + RunLedger.MAX_FINISH_ROUNDS + " rounds"), e.getMessage());
        assertEquals(RunLedger.MAX_FINISH_ROUNDS, transactions.get());
        assertEquals(itemsBefore, aws.scan(table).size());
        cancelWith = null;
        assertEquals("FAILED", ledger.handleRequest(LedgerFixture.finish("r1", "a", "FAILED"), null).status(),
                "nothing was written: the next finish does it");
    }

    @Test
    void finishGivesUpWithLeaseContentionWhenOtherTransactionsKeepConflicting() {
        String table = aws.createLedgerTable();
        RunLedgerHandler ledger = ledger(table);
        ledger.handleRequest(LedgerFixture.begin("r1", "a"), null);

        cancelWith = TransactionCancellationTest.cancelled("None", "TransactionConflict");
        LeaseContentionException e = assertThrows(LeaseContentionException.class,
                () -> ledger.handleRequest(LedgerFixture.finish("r1", "a", "FAILED"), null));

        assertEquals(RunLedger.MAX_FINISH_ROUNDS, transactions.get(), e.getMessage());
        assertEquals("STARTED", aws.scan(table).stream().filter(i -> i.containsKey(LedgerTable.RUN_STATUS))
                .findFirst().orElseThrow().get(LedgerTable.RUN_STATUS).s());
    }

    @Test
    void beginGivesUpAfterItsRounds() {
        String table = aws.createLedgerTable();
        RunLedgerHandler ledger = ledger(table);

        cancelWith = TransactionCancellationTest.cancelled("TransactionConflict", "None");
        assertThrows(LeaseContentionException.class, () -> ledger.handleRequest(LedgerFixture.begin("r1", "a"), null));

        assertEquals(RunLedger.MAX_LEASE_ROUNDS, transactions.get());
        assertTrue(aws.scan(table).isEmpty(), "nothing written");
    }
}
