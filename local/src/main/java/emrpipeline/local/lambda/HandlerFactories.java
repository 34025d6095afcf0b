package emrpipeline.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import emrpipeline.alarms.AlarmLifecycleHandler;
import emrpipeline.ledger.LedgerSettings;
import emrpipeline.ledger.RunLedgerHandler;
import emrpipeline.ledger.LedgerClients;
import emrpipeline.sizing.SizingClients;
import emrpipeline.sizing.SizingDefaults;
import emrpipeline.sizing.StorageSizingHandler;
import emrpipeline.slack.NotifierClients;
import emrpipeline.slack.NotifierSettings;
import emrpipeline.slack.SlackNotifierHandler;
import emrpipeline.slack.WebhookPolicy;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How each function of the template is built offline: its handler's second (test) constructor, with the clients
 * its no-arg constructor builds made by the function's own client factory ({@code SizingClients},
 * {@code LedgerClients}, ...) from the function's environment, which names the local endpoints
 * ({@code AWS_ENDPOINT_URL_S3}, see {@link LocalFunctions#environment}), with the local keys; services that have no
 * endpoint here (DynamoDB Local embedded, the in-memory CloudWatch, EMR, Secrets Manager, SNS, Step Functions and
 * Lambda) are handed over as objects. The configuration is read from the function's environment (template.yaml's
 * Environment, evaluated). One entry per handler class; a function the template adds needs one here.
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

    /** StorageSizingFunction: its S3 client, the defaults from DATA_BUCKET, RAW_PREFIX, ..., the virtual clock. */
    private static RequestHandler<?, ?> storageSizing(FunctionServices services, Map<String, String> env) {
        var clients = emrpipeline.sizing.ClientEnvironment.fromEnvironment(env).withCredentials(services.s3().credentials());
        return new StorageSizingHandler(SizingClients.s3(clients), SizingDefaults.fromEnvironment(env), services.clock());
    }

    /**
     * RunLedgerFunction: DynamoDB Local's own client (embedded, no endpoint), its S3 client, the virtual clock; its
     * waits between index commit attempts (after a conflict with another writer, rare offline) are waited out, not
     * slept ({@link WaitedOutTime}).
     */
    private static RequestHandler<?, ?> runLedger(FunctionServices services, Map<String, String> env) {
        var clients = emrpipeline.ledger.ClientEnvironment.fromEnvironment(env).withCredentials(services.s3().credentials());
        return new RunLedgerHandler(services.dynamoDb().client(), LedgerClients.s3(clients),
                LedgerSettings.fromEnvironment(env), emrpipeline.ledger.ExecutionInputLimits.fromEnvironment(env),
                services.clock(), new WaitedOutTime()::waitOut);
    }

    /** AlarmLifecycleFunction: the local CloudWatch and EMR, the configuration from the environment. */
    private static RequestHandler<?, ?> alarmLifecycle(FunctionServices services, Map<String, String> env) {
        return new AlarmLifecycleHandler(services.cloudWatch(), services.emr(), env);
    }

    /**
     * SlackNotifierFunction: settings from the environment as the no-arg constructor reads them (secret ARN, cache
     * TTL, delivery budget), production's HTTP client, and the local Secrets Manager (whose secret is the local
     * webhook's URL). The webhook policy lets {@code http://127.0.0.1:<port>} through: the test-only policy the
     * function's test constructor exists for (production accepts https://hooks.slack.com only). Its waits between
     * attempts are waited out ({@link WaitedOutTime}), not slept.
     */
    private static RequestHandler<?, ?> slackNotifier(FunctionServices services, Map<String, String> env) {
        return slackNotifier(services, env, new WaitedOutTime());
    }

    static SlackNotifierHandler slackNotifier(FunctionServices services, Map<String, String> env, WaitedOutTime waits) {
        NotifierSettings settings = NotifierSettings.fromEnvironment(env).settings()
                .withWebhookPolicy(new WebhookPolicy("http", "127.0.0.1", true));
        return new SlackNotifierHandler(services.secretsManager(), NotifierClients.webhook(), settings,
                waits::waitOut, waits::nanoTime);
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
