package emrpipeline.ledger;

import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SnapStart runtime hooks (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html); every
 * function has hooks of this shape, each its own, since each function is built alone (docs/snapstart.md).
 * Before the snapshot: the function's sample event (a begin, a copy of events/run-ledger/begin.json) through the
 * runtime's serializer and the validator, and the calls a run makes (read the lease, the begin transaction, read
 * the processed index) through the clients up to the wire, never sent: no credentials resolved, no connection
 * opened. After a restore: the retry jitter is seeded again ({@link Jitter}), so that environments restored from
 * one snapshot do not back off in lockstep.
 */
final class SnapStartHooks implements Resource {
    private static final Logger LOG = LogManager.getLogger(SnapStartHooks.class);

    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final LedgerSettings settings;
    private final LedgerRequestValidator validator;
    private volatile List<SdkHttpRequest> primed = List.of();

    SnapStartHooks(DynamoDbClient dynamo, S3Client s3, LedgerSettings settings, LedgerRequestValidator validator) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.settings = settings;
        this.validator = validator;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        SdkPriming.primeOrWarn(this::prime, LOG);
    }

    private void prime() {
        LedgerRequest request = SdkPriming.primingEvent(LedgerRequest.class).orElse(null);
        LedgerCommand command = request == null ? null : validator.validate(request);
        String table = settings.tableName();
        Map<String, AttributeValue> attempt = command instanceof LedgerCommand.Begin begin
                ? LedgerTable.attemptKey(begin.runId(), begin.executionArn())
                : LedgerTable.attemptKey("priming", "priming");
        S3Location index = settings.indexLocation();
        primed = List.of(
                SdkPriming.unsent(o -> dynamo.getItem(g -> g.tableName(table).key(LedgerTable.leaseKey()).consistentRead(true)
                        .overrideConfiguration(o))),
                SdkPriming.unsent(o -> dynamo.transactWriteItems(t -> t.transactItems(
                        i -> i.put(p -> p.tableName(table).item(LedgerTable.leaseKey())
                                .conditionExpression("attribute_not_exists(" + LedgerTable.PK + ")")),
                        i -> i.put(p -> p.tableName(table).item(attempt)
                                .conditionExpression("attribute_not_exists(" + LedgerTable.PK + ")")))
                        .overrideConfiguration(o))),
                SdkPriming.unsent(o -> s3.getObject(g -> g.bucket(index.bucket()).key(index.key()).overrideConfiguration(o))));
        LOG.info("SnapStart priming: sample event " + (command == null ? "not deserialized (no runtime serializer)"
                : command.getClass().getSimpleName() + " of run " + request.getRunId()) + ", " + primed.size()
                + " DynamoDB and S3 requests built and not sent");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        Jitter.reseed();
    }

    /** The requests the last {@link #beforeCheckpoint} built and did not send. */
    List<SdkHttpRequest> primed() {
        return primed;
    }
}
