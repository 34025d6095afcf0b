package emrpipeline.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import emrpipeline.alarms.AlarmLifecycleHandler;
import emrpipeline.ledger.LedgerSettings;
import emrpipeline.ledger.RunLedgerHandler;
import emrpipeline.ledger.WithoutExpectContinue;
import emrpipeline.sizing.SizingDefaults;
import emrpipeline.sizing.StorageSizingHandler;
import emrpipeline.slack.NotifierSettings;
import emrpipeline.slack.SlackNotifierHandler;
import emrpipeline.slack.WebhookPolicy;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How each function of the template is built offline: its handler's second (test) constructor with local clients
 * in place of the ones its no-arg constructor builds, configured as that constructor configures them, and its
 * configuration read from the function's environment (template.yaml's Environment, evaluated). One entry per
 * handler class; a function the template adds needs one here.
 */
public final class HandlerFactories {
    private static final Map<String, BiFunction<FunctionServices, Map<String, String>, RequestHandler<?, ?>>> FACTORIES = Map.of(
            "emrpipeline.sizing.StorageSizingHandler", HandlerFactories::storageSizing,
            "emrpipeline.ledger.RunLedgerHandler", HandlerFactories::runLedger,
            "emrpipeline.alarms.AlarmLifecycleHandler", HandlerFactories::alarmLifecycle,
            "emrpipeline.slack.SlackNotifierHandler", HandlerFactories::slackNotifier,
            "emrpipeline.janitor.RunJanitorHandler", HandlerFactories::runJanitor);

    private HandlerFactories() {
    }

    /** The handler of {@code function}, built over {@code services} with {@code environment}. */
    public static RequestHandler<?, ?> create(SamTemplate.FunctionDefinition function, FunctionServices services,
                                              Map<String, String> environment) {
        var factory = FACTORIES.get(function.handlerClass());
        if (factory == null) {
            throw new IllegalArgumentException(function.logicalId() + ": the offline runner does not know how to build "
                    + function.handlerClass() + " (add it to " + HandlerFactories.class.getName() + ")");
        }
        return factory.apply(services, environment);
    }

    /** StorageSizingFunction: an S3 client, the defaults from DATA_BUCKET, RAW_PREFIX, ..., the virtual clock. */
    private static RequestHandler<?, ?> storageSizing(FunctionServices services, Map<String, String> env) {
        return new StorageSizingHandler(services.s3().newClient(b -> { }), SizingDefaults.fromEnvironment(env),
                services.clock());
    }

    /** RunLedgerFunction: DynamoDB, an S3 client without Expect: 100-continue (as in production), the virtual clock. */
    private static RequestHandler<?, ?> runLedger(FunctionServices services, Map<String, String> env) {
        return new RunLedgerHandler(services.dynamoDb().client(),
                services.s3().newClient(b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(new WithoutExpectContinue()))),
                LedgerSettings.fromEnvironment(env), emrpipeline.ledger.ExecutionInputLimits.fromEnvironment(env),
                services.clock(), duration -> Thread.sleep(duration.toMillis()));
    }

    /** AlarmLifecycleFunction: the local CloudWatch and EMR, the configuration from the environment. */
    private static RequestHandler<?, ?> alarmLifecycle(FunctionServices services, Map<String, String> env) {
        return new AlarmLifecycleHandler(services.cloudWatch(), services.emr(), env);
    }

    /**
     * SlackNotifierFunction: settings from the environment as the no-arg constructor reads them (secret ARN, cache
     * TTL, delivery budget), production's HTTP client, and the local Secrets Manager (whose secret is the local
     * webhook's URL). The webhook policy lets {@code http://127.0.0.1:<port>} through: the test-only policy the
     * function's test constructor exists for (production accepts https://hooks.slack.com only).
     */
    private static RequestHandler<?, ?> slackNotifier(FunctionServices services, Map<String, String> env) {
        NotifierSettings settings = NotifierSettings.fromEnvironment(env).settings()
                .withWebhookPolicy(new WebhookPolicy("http", "127.0.0.1", true));
        return new SlackNotifierHandler(services.secretsManager(), SlackNotifierHandler.httpClient(), settings);
    }

    /**
     * RunJanitorFunction: the local EMR (ListClusters, DescribeCluster, TerminateJobFlows), Step Functions
     * (DescribeExecution of the runner's executions), SNS and Lambda (the other functions, in-process, through their
     * aliases as in the template), the configuration from the environment, the virtual clock.
     */
    private static RequestHandler<?, ?> runJanitor(FunctionServices services, Map<String, String> env) {
        return new emrpipeline.janitor.RunJanitorHandler(services.emr(), services.stepFunctions(), services.sns(),
                services.lambda(), env, services.clock());
    }
}
