package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The SnapStart hooks, called as the runtime calls them: priming sends nothing, a restore gets its own jitter. */
class SnapStartHooksTest {
    private static final String EVENT = "events/run-ledger/begin.json";

    @Test
    void primingBuildsTheBeginsRequestsSendsNothingAndResolvesNoCredentials() throws Exception {
        try (LoopbackEndpoint aws = new LoopbackEndpoint();
             DynamoDbClient dynamo = LedgerClients.dynamoDb(aws.clients("us-east-1"));
             S3Client s3 = LedgerClients.s3(aws.clients("us-east-1"))) {
            SnapStartHooks hooks = new RunLedgerHandler(dynamo, s3, RunLedgerEventsTest.settings("ledger-table"), Clock.systemUTC())
                    .snapStartHooks();

            hooks.beforeCheckpoint(null);

            assertEquals(0, aws.requests(), "no network call");
            assertEquals(0, aws.credentialLookups(), "no credentials resolved before the snapshot");
            List<SdkHttpRequest> primed = hooks.primed();
            assertEquals(3, primed.size());
            assertEquals(List.of("DynamoDB_20120810.GetItem", "DynamoDB_20120810.TransactWriteItems"),
                    primed.subList(0, 2).stream().map(r -> r.firstMatchingHeader("X-Amz-Target").orElse("")).toList());
            assertTrue(primed.get(0).firstMatchingHeader("Authorization").orElse("").contains("AKIAPRIMINGONLY"));
            assertEquals("/" + RunLedgerEventsTest.BUCKET + "/emr-pipeline/index/v2/root.json", primed.get(2).encodedPath());

            assertThrows(SdkException.class, () -> dynamo.getItem(g -> g.tableName("ledger-table").key(LedgerTable.leaseKey())));
            assertEquals(1, aws.requests(), "the clients do reach the endpoint when they really call");
            assertTrue(aws.credentialLookups() > 0);
        }
    }

    @Test
    void aRestoredEnvironmentDrawsItsOwnJitter() {
        java.util.Random inTheSnapshot = Jitter.generator();
        new RunLedgerHandler(null, null, RunLedgerEventsTest.settings("t"), Clock.systemUTC()).snapStartHooks().afterRestore(null);

        assertNotSame(inTheSnapshot, Jitter.generator(), "afterRestore seeds the jitter again (JitterTest: what that buys)");
    }

    @Test
    void thePrimingEventIsTheSampleBegin() throws Exception {
        try (var in = SnapStartHooks.class.getResourceAsStream(SdkPriming.PRIMING_EVENT)) {
            assertEquals(RepositoryFiles.text(EVENT), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
