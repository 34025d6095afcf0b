package emrpipeline.ledger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Core;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * RunLedgerFunction's handler: one function, an {@code action} field ({@code begin}, {@code recordCluster},
 * {@code finish}, {@code commit}, {@code release}); contract in the README, "Run ledger". Thin: validates the
 * request into a {@link LedgerCommand} (nothing is read or written for a bad one) and hands it to {@link RunLedger}.
 */
public class RunLedgerHandler implements RequestHandler<LedgerRequest, LedgerResult> {
    private static final Logger LOG = LogManager.getLogger(RunLedgerHandler.class);

    private final LedgerRequestValidator validator;
    private final RunLedger ledger;
    private final SnapStartHooks snapStart;

    /**
     * Lambda's constructor: clients built once by {@link LedgerClients}, from the environment (region,
     * AWS_ENDPOINT_URL[_<SERVICE>]). Registers the SnapStart hooks (the runtime holds the handler, so the hooks
     * registered here stay alive).
     */
    public RunLedgerHandler() {
        this(ClientEnvironment.fromEnvironment(System.getenv()), System.getenv());
        Core.getGlobalContext().register(snapStart);
    }

    /** What the no-argument constructor does, over {@code clients} and the function's {@code environment}. */
    RunLedgerHandler(ClientEnvironment clients, Map<String, String> environment) {
        this(LedgerClients.dynamoDb(clients), LedgerClients.s3(clients), LedgerSettings.fromEnvironment(environment),
                ExecutionInputLimits.fromEnvironment(environment), Clock.systemUTC(), ProcessedIndexStore.Sleeper.THREAD);
    }

    /** For tests and local runners: given clients, settings and clock. */
    public RunLedgerHandler(DynamoDbClient dynamo, S3Client s3, LedgerSettings settings, Clock clock) {
        this(dynamo, s3, settings, clock, ProcessedIndexStore.Sleeper.THREAD);
    }

    public RunLedgerHandler(DynamoDbClient dynamo, S3Client s3, LedgerSettings settings, Clock clock,
                            ProcessedIndexStore.Sleeper sleeper) {
        this(dynamo, s3, settings, null, clock, sleeper);
    }

    /** {@code inputLimits}: the execution input limits of the validate action (null: validate is not configured). */
    public RunLedgerHandler(DynamoDbClient dynamo, S3Client s3, LedgerSettings settings, ExecutionInputLimits inputLimits,
                            Clock clock, ProcessedIndexStore.Sleeper sleeper) {
        this.validator = new LedgerRequestValidator(settings, clock, inputLimits);
        this.ledger = new RunLedger(dynamo, s3, settings, clock, sleeper);
        this.snapStart = new SnapStartHooks(dynamo, s3, settings, validator);
        if (settings.prices().problem() != null) {
            LOG.error("cost estimates are off: " + settings.prices().problem());
        }
    }

    /** The SnapStart hooks over this handler's clients (registered with the runtime by the no-argument constructor). */
    SnapStartHooks snapStartHooks() {
        return snapStart;
    }

    @Override
    public LedgerResult handleRequest(LedgerRequest request, Context context) {
        LedgerCommand command;
        try {
            command = validator.validate(request);
        } catch (InvalidLedgerRequestException e) {
            LOG.warn("rejected request: " + e.getMessage());
            throw e;
        }
        return ledger.handle(command);
    }
}
