package emrpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.AslInterpreter;
import emrpipeline.local.asl.ExecutionContext;
import emrpipeline.local.asl.ExecutionResult;
import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.StateMachine;
import emrpipeline.local.asl.VirtualClock;
import emrpipeline.local.aws.EmrIntegration;
import emrpipeline.local.aws.EmrTiming;
import emrpipeline.local.aws.LocalCloudWatch;
import emrpipeline.local.aws.LocalDynamoDb;
import emrpipeline.local.aws.LocalEmr;
import emrpipeline.local.aws.LocalEmrClient;
import emrpipeline.local.aws.LocalS3;
import emrpipeline.local.aws.LocalSecretsManager;
import emrpipeline.local.aws.LocalSlack;
import emrpipeline.local.aws.LocalSns;
import emrpipeline.local.aws.LocalSnsClient;
import emrpipeline.local.aws.LocalStepFunctionsClient;
import emrpipeline.local.lambda.LocalLambdaClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import emrpipeline.local.lambda.FunctionServices;
import emrpipeline.local.lambda.LocalFunction;
import emrpipeline.local.lambda.LocalFunctions;
import emrpipeline.local.lambda.SamTemplate;
import emrpipeline.local.spark.SparkRuntime;
import emrpipeline.local.spark.SparkSubmitStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The pipeline on this machine: template.yaml evaluated for a local stack, statemachine/pipeline.asl.json with its
 * DefinitionSubstitutions, the four functions in-process, and the services they and the state machine use:
 * S3 (S3Proxy over {@code <data>/s3}, or in memory), DynamoDB (DynamoDB Local, in memory or {@code <data>/dynamodb}),
 * EMR, CloudWatch, SNS and Secrets Manager in memory, Slack as a local webhook. One instance serves any number of
 * runs and invocations; {@link #close()} stops everything (always call it: DynamoDB Local keeps the JVM alive).
 */
public final class LocalPipeline implements AutoCloseable {
    public static final String STATE_MACHINE = "PipelineStateMachine";
    public static final String STACK_NAME = "emr-pipeline";
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "123456789012";
    /**
     * Values of the template parameters that have no default, of the Slack secret and of the job, for a local stack:
     * the job is the Java Spark job of {@code jobs/}, which {@link #run} deploys to {@code JobEntryPoint} first.
     */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.of(
            "DataBucketName", "emr-pipeline-local-data",
            "LogBucketName", "emr-pipeline-local-logs",
            "JobEntryPoint", "s3://emr-pipeline-local-data/emr-pipeline/jobs/emr-pipeline-job.jar",
            "JobMainClass", "emrpipeline.job.CsvToParquetJob",
            "SlackWebhookSecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:emr-pipeline/slack-webhook-LoCaL1");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * How to set the pipeline up.
     *
     * @param projectRoot  the repository (template.yaml, statemachine/, local/sample-data/)
     * @param dataFolder   where S3 (and the ledger on disk, the logs, the virtual clock) live; null: all in memory
     * @param ledgerOnDisk DynamoDB Local in {@code <dataFolder>/dynamodb} rather than in memory
     * @param parameters   template parameter values over the template's defaults and {@link #LOCAL_PARAMETERS}
     * @param environment  function environment variables by logical id, over the template's
     * @param seed         the random seed (ids, retry jitter); null: random
     * @param spark        Spark to run the step's job with, for real, in local mode; null: the step is simulated
     */
    public record Settings(Path projectRoot, Path dataFolder, boolean ledgerOnDisk, Map<String, String> parameters,
                           Map<String, Map<String, String>> environment, Long seed, SparkRuntime spark) {
        /** Settings with a simulated Spark step. */
        public Settings(Path projectRoot, Path dataFolder, boolean ledgerOnDisk, Map<String, String> parameters,
                        Map<String, Map<String, String>> environment, Long seed) {
            this(projectRoot, dataFolder, ledgerOnDisk, parameters, environment, seed, null);
        }

        public static Settings inMemory(Path projectRoot) {
            return new Settings(projectRoot, null, false, Map.of(), Map.of(), 1L);
        }

        public Settings withSpark(SparkRuntime runtime) {
            return new Settings(projectRoot, dataFolder, ledgerOnDisk, parameters, environment, seed, runtime);
        }
    }

    private final Settings settings;
    private final SamTemplate template;
    private final VirtualTime time = new VirtualTime();
    private final Random random;
    private final LocalS3 s3;
    private final LocalDynamoDb dynamoDb;
    private final LocalSlack slack;
    private final LocalEmr emr;
    private final LocalCloudWatch cloudWatch;
    private final LocalSns sns;
    private final LocalFunctions functions;
    private final LocalStepFunctionsClient stepFunctions = new LocalStepFunctionsClient();
    private final EventRules eventRules;
    private final String stateMachineDefinition;
    private final String dataBucket;
    private final String rawPrefix;
    private final boolean seededSampleData;
    private final StringBuilder functionLogs = new StringBuilder();

    private LocalPipeline(Settings settings, SamTemplate template, String stateMachineDefinition, LocalS3 s3,
                          LocalDynamoDb dynamoDb, Random random) throws IOException {
        this.settings = settings;
        this.template = template;
        this.stateMachineDefinition = stateMachineDefinition;
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
        this.random = random;
        this.dataBucket = (String) template.parameters().get("DataBucketName");
        this.rawPrefix = (String) template.parameters().get("RawPrefix");
        this.slack = new LocalSlack(time);
        this.emr = new LocalEmr(REGION, ACCOUNT_ID, EmrTiming.DEFAULT, random);
        if (settings.spark() != null) {
            emr.runSteps(new SparkSubmitStep(settings.spark(), s3.client(), s3.endpoint(), LocalS3.ACCESS_KEY,
                    LocalS3.SECRET_KEY, REGION));
        }
        this.cloudWatch = new LocalCloudWatch(time);
        List<String> topics = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::SNS::Topic")) {
            topics.add((String) template.ref(id));
        }
        this.sns = new LocalSns(new HashSet<>(topics), this::uuid);
        Map<String, String> secrets = new LinkedHashMap<>();
        Object secretArn = template.parameters().get("SlackWebhookSecretArn");
        if (secretArn instanceof String arn && !arn.isEmpty()) {
            secrets.put(arn, slack.webhookUrl());
        }
        FunctionServices services = new FunctionServices(s3, dynamoDb, cloudWatch, new LocalEmrClient(emr, time),
                new LocalSecretsManager(secrets), time.clock(), new LocalSnsClient(sns, time), stepFunctions,
                new LocalLambdaClient(this::functions, this::uuid, this::logInvocation));
        this.functions = new LocalFunctions(template, services, settings.environment());
        this.eventRules = new EventRules(template);
        for (CreateTableRequest table : TemplateTables.requests(template)) {
            dynamoDb.createTable(table);
        }
        this.seededSampleData = createBucketsAndSeed(settings.projectRoot().resolve("local/sample-data"));
    }

    /** Starts everything; the caller closes it. What was started is stopped again when a later step fails. */
    public static LocalPipeline start(Settings settings) {
        Path root = settings.projectRoot();
        SamTemplate template;
        String definition;
        try {
            template = template(root, settings.parameters());
            String definitionUri = template.string(template.resource(STATE_MACHINE).path("Properties").path("DefinitionUri"));
            definition = Files.readString(root.resolve(definitionUri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = settings.dataFolder();
        // S3Proxy and DynamoDB Local take a second or two each to start: start them side by side.
        CompletableFuture<LocalS3> s3Start = CompletableFuture.supplyAsync(
                () -> LocalS3.start(data == null ? null : data.resolve("s3"), REGION));
        LocalDynamoDb dynamoDb;
        try {
            dynamoDb = LocalDynamoDb.start(settings.ledgerOnDisk() && data != null ? data.resolve("dynamodb") : null);
        } catch (RuntimeException e) {
            s3Start.thenAccept(LocalS3::close);
            throw e;
        }
        LocalS3 s3;
        try {
            s3 = s3Start.join();
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        try {
            return new LocalPipeline(settings, template, definition, s3, dynamoDb,
                    settings.seed() == null ? new Random() : new Random(settings.seed()));
        } catch (IOException | RuntimeException e) {
            try {
                s3.close();
            } finally {
                dynamoDb.close();
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** template.yaml evaluated for the local stack: {@link #LOCAL_PARAMETERS}, then {@code parameters}, over its defaults. */
    private static SamTemplate template(Path root, Map<String, String> given) throws IOException {
        String templateText = Files.readString(root.resolve("template.yaml"));
        Map<String, String> parameters = new LinkedHashMap<>();
        Set<String> declared = SamTemplate.declaredParameters(templateText);
        LOCAL_PARAMETERS.forEach((name, value) -> {
            if (declared.contains(name)) {
                parameters.put(name, value);
            }
        });
        parameters.putAll(given);
        return SamTemplate.parse(templateText, parameters, STACK_NAME, REGION, ACCOUNT_ID);
    }

    /** The template parameter {@code RawPrefix} with these parameters, without starting anything. */
    public static String rawPrefixOf(Path root, Map<String, String> parameters) {
        try {
            return (String) template(root, parameters).parameters().get("RawPrefix");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the buckets the template names; when the data bucket is new, uploads the sample data. */
    private boolean createBucketsAndSeed(Path sampleData) throws IOException {
        boolean created = false;
        for (String parameter : List.of("DataBucketName", "LogBucketName")) {
            String bucket = (String) template.parameters().get(parameter);
            try {
                s3.client().createBucket(b -> b.bucket(bucket));
                created |= parameter.equals("DataBucketName");
            } catch (BucketAlreadyOwnedByYouException e) {
                // kept from an earlier run
            } catch (S3Exception e) {
                if (e.statusCode() != 409) {
                    throw e;
                }
            }
        }
        if (!created) {
            return false;
        }
        return uploadSampleData(sampleData);
    }

    private boolean uploadSampleData(Path sampleData) throws IOException {
        if (!Files.isDirectory(sampleData)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sampleData)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String key = rawPrefix + sampleData.relativize(file).toString().replace('\\', '/');
                s3.client().putObject(b -> b.bucket(dataBucket).key(key), RequestBody.fromFile(file));
            }
        }
        return true;
    }

    /**
     * Empties everything (the data bucket, the tables, the in-memory services' records) and uploads the sample data
     * again, as a fresh start would; tests share one pipeline per class and reset it between tests.
     */
    public synchronized void reset() {
        String bucket = dataBucket;
        String token = null;
        do {
            String page = token;
            var listing = s3.client().listObjectsV2(b -> b.bucket(bucket).continuationToken(page));
            for (var object : listing.contents()) {
                s3.client().deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
            token = listing.nextContinuationToken();
        } while (token != null);
        for (CreateTableRequest table : TemplateTables.requests(template)) {
            dynamoDb.client().deleteTable(b -> b.tableName(table.tableName()));
            dynamoDb.createTable(table);
        }
        emr.clear();
        stepFunctions.clear();
        cloudWatch.clear();
        sns.clear();
        slack.clear();
        synchronized (functionLogs) {
            functionLogs.setLength(0);
        }
        try {
            uploadSampleData(settings.projectRoot().resolve("local/sample-data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The processed index's root ({@code <PipelinePrefix>index/v2/root.json}, docs/data-formats.md), read with the run
     * ledger's own reader; null when there is none yet.
     */
    public emrpipeline.ledger.IndexRoot processedIndexRoot() {
        String key = pipelinePrefix() + emrpipeline.ledger.IndexRoot.ROOT_KEY;
        try (var in = s3.client().getObject(b -> b.bucket(dataBucket).key(key))) {
            return emrpipeline.ledger.IndexRootFormat.read(in, key);
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The (key, ETag) lines of the processed index, shard after shard; empty when there is none. */
    public List<String> processedIndex() {
        emrpipeline.ledger.IndexRoot root = processedIndexRoot();
        if (root == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (emrpipeline.ledger.IndexRoot.Shard shard : root.shards()) {
            String key = pipelinePrefix() + emrpipeline.ledger.IndexRoot.SHARDS_FOLDER + shard.name();
            try (var in = new java.util.zip.GZIPInputStream(s3.client().getObject(b -> b.bucket(dataBucket).key(key)))) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!text.isEmpty()) {
                    lines.addAll(List.of(text.split("\n")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** True when this start created the data bucket and uploaded local/sample-data into the raw prefix. */
    public boolean seededSampleData() {
        return seededSampleData;
    }

    /**
     * Uploads an object under the raw prefix ({@code <RawPrefix><name>}), as new data for the next run, and returns its
     * key. The name is checked first ({@link RawObjectKey}: an IllegalArgumentException naming {@code what}, and
     * nothing sent), and the object is read back by that exact key, so the key returned is the key stored.
     */
    public String addRawObject(String name, byte[] content, String what) {
        String key = RawObjectKey.of(rawPrefix, name, what);
        String etag = s3.client().putObject(b -> b.bucket(dataBucket).key(key), RequestBody.fromBytes(content)).eTag();
        String stored;
        try {
            stored = s3.client().headObject(b -> b.bucket(dataBucket).key(key)).eTag();
        } catch (S3Exception e) {
            stored = null;
        }
        if (stored == null || !stored.equals(etag)) {
            throw new IllegalStateException("the local S3 did not keep the object under the key s3://" + dataBucket + "/" + key);
        }
        return key;
    }

    /** {@link #addRawObject(String, byte[], String)} for a name given in code. */
    public String addRawObject(String name, byte[] content) {
        return addRawObject(name, content, "the object name " + RawObjectKey.quoted(name));
    }

    /** The definition with the template's DefinitionSubstitutions applied, as CloudFormation applies them (text). */
    public String substitutedDefinition() {
        String definition = stateMachineDefinition;
        for (Map.Entry<String, String> s : template.definitionSubstitutions(STATE_MACHINE).entrySet()) {
            definition = definition.replace("${" + s.getKey() + "}", s.getValue());
        }
        return definition;
    }

    /** Runs one execution of the state machine to its end. */
    public synchronized RunResult run(RunRequest request) {
        String definition = substitutedDefinition();
        if (request.executionTimeout != null) {
            ObjectNode root = (ObjectNode) Json.parse(definition);
            root.put("TimeoutSeconds", request.executionTimeout.toSeconds());
            definition = Json.write(root);
        }
        StateMachine machine = StateMachine.parse(definition);
        Instant start = request.startTime != null ? request.startTime : defaultStart();
        String name = request.executionName != null ? request.executionName : "local-" + NAME_TIME.format(start);
        String machineName = template.physicalId(STATE_MACHINE);
        String prefix = "arn:aws:states:" + REGION + ":" + ACCOUNT_ID + ":";
        ExecutionContext context = new ExecutionContext(prefix + "execution:" + machineName + ":" + name, name,
                prefix + "stateMachine:" + machineName, "arn:aws:iam::" + ACCOUNT_ID + ":role/" + STACK_NAME + "-"
                + STATE_MACHINE + "Role", start);

        if (settings.spark() != null) {
            deployJob();
        }
        slack.down(request.slackDownStatus);
        slack.flaky(request.slackFlakyPosts);
        slack.hang(request.slackHangs);
        emr.timing(request.emrTiming != null ? request.emrTiming : EmrTiming.DEFAULT);
        emr.failClusters(request.clusterFailure);
        emr.failSteps(request.stepFailure);
        if (request.leaseHeldBy != null) {
            holdLease(request.leaseHeldBy, prefix + "execution:" + machineName + ":", start);
        }
        int clustersBefore = emr.clusters().size();
        int alarmChangesBefore = cloudWatch.changes().size();
        int postsBefore = slack.posts().size();
        int alertsBefore = sns.published().size();
        int logsBefore = functionLogs.length();

        PipelineTasks tasks = new PipelineTasks(functions, this::uuid, new EmrIntegration(emr, this::uuid), sns,
                request.faults, call -> logInvocation(call.logicalId(), call.invocation()));
        VirtualClock clock = new VirtualClock(start);
        JsonNode input = request.input == null ? Json.object() : request.input;
        stepFunctions.record(new LocalStepFunctionsClient.Execution(context.executionArn(), context.stateMachineArn(), name,
                ExecutionStatus.RUNNING, start, null, Json.write(input), null, null));
        time.follow(clock);
        ExecutionResult result;
        List<RunResult.EventDelivery> events;
        try {
            result = new AslInterpreter(machine, tasks).withRandom(new Random(random.nextLong()))
                    .run(input, context, clock, request.stopAfter == null ? null : start.plus(request.stopAfter));
            stepFunctions.record(new LocalStepFunctionsClient.Execution(context.executionArn(), context.stateMachineArn(),
                    name, ExecutionStatus.fromValue(result.status().name()), start, result.stopTime(), Json.write(input),
                    result.error(), result.cause()));
            events = request.deliverEvents ? deliverEvents(context, result, emr.clusters().subList(clustersBefore,
                    emr.clusters().size()), Json.write(input)) : List.of();
        } finally {
            time.real();
            slack.up();
        }
        Instant end = result.stopTime();
        List<LocalEmr.Cluster> clusters = emr.clusters().subList(clustersBefore, emr.clusters().size());
        // Left running: alive (not terminating nor terminated) once the janitor has acted on the run's events.
        Instant after = events.stream().map(RunResult.EventDelivery::at).reduce(end, (a, b) -> a.isAfter(b) ? a : b);
        List<LocalEmr.Cluster> left = emr.notTerminatedAt(after).stream().filter(clusters::contains)
                .filter(c -> c.stateAt(after) != software.amazon.awssdk.services.emr.model.ClusterState.TERMINATING).toList();
        saveClock(latest(end, clusters));
        return new RunResult(context, result, tasks.attempts(), List.copyOf(clusters), left,
                cloudWatch.changes().subList(alarmChangesBefore, cloudWatch.changes().size()),
                cloudWatch.alarms().stream().map(a -> a.alarmName()).toList(),
                slack.posts().subList(postsBefore, slack.posts().size()),
                sns.published().subList(alertsBefore, sns.published().size()),
                ledgerItems(), functionLogs.substring(logsBefore), events);
    }

    /**
     * The events EventBridge would deliver for this execution, in time order, to every function whose rule matches
     * (the run janitor): an "EMR Cluster State Change" for each of its clusters that ended TERMINATED_WITH_ERRORS,
     * and the "Step Functions Execution Status Change" of its end. Each is delivered at its virtual instant (the
     * function's clock reads it), once; {@link #deliver} delivers one again (a duplicate, as EventBridge may).
     */
    private List<RunResult.EventDelivery> deliverEvents(ExecutionContext context, ExecutionResult result,
                                                        List<LocalEmr.Cluster> clusters, String input) {
        List<Map.Entry<Instant, JsonNode>> events = new ArrayList<>();
        for (LocalEmr.Cluster c : clusters) {
            for (LocalEmr.Transition<software.amazon.awssdk.services.emr.model.ClusterState> t : c.transitions()) {
                if (t.state() == software.amazon.awssdk.services.emr.model.ClusterState.TERMINATED_WITH_ERRORS
                        && !t.at().isAfter(result.stopTime())) {
                    events.add(Map.entry(t.at(), EventRules.clusterStateChange(uuid().toString(), ACCOUNT_ID, REGION,
                            c.id(), c.name(), t.state().toString(), t.code(), t.message(), t.at())));
                }
            }
        }
        if (result.status() != ExecutionResult.Status.SUCCEEDED) {
            events.add(Map.entry(result.stopTime(), EventRules.executionStatusChange(uuid().toString(), ACCOUNT_ID, REGION,
                    context.executionArn(), context.stateMachineArn(), context.name(), result.status().name(),
                    result.startTime(), result.stopTime(), input)));
        }
        events.sort(Map.Entry.comparingByKey());
        List<RunResult.EventDelivery> delivered = new ArrayList<>();
        for (Map.Entry<Instant, JsonNode> e : events) {
            delivered.addAll(deliver(e.getValue(), e.getKey()));
        }
        return delivered;
    }

    /** Delivers one event at {@code at} (virtual) to every function whose EventBridge rule matches it. */
    public synchronized List<RunResult.EventDelivery> deliver(JsonNode event, Instant at) {
        List<RunResult.EventDelivery> out = new ArrayList<>();
        for (EventRules.Rule rule : eventRules.matching(event)) {
            time.fixed(at);
            try {
                LocalFunction.Invocation invocation = invoke(rule.functionLogicalId(),
                        Json.write(event).getBytes(StandardCharsets.UTF_8));
                JsonNode answer = Json.parse(invocation.payloadText());
                List<String> actions = new ArrayList<>();
                answer.path("actions").forEach(a -> actions.add(a.asText()));
                out.add(new RunResult.EventDelivery(at, event.path("detail-type").asText(), rule.functionLogicalId(),
                        actions, invocation.failed() ? answer.path("errorType").asText() + ": "
                        + answer.path("errorMessage").asText() : null));
            } finally {
                time.real();
            }
        }
        return out;
    }

    /** The Step Functions fake the functions ask (DescribeExecution). */
    public LocalStepFunctionsClient stepFunctions() {
        return stepFunctions;
    }

    /**
     * Puts the built job jar at the local stack's {@code JobEntryPoint}, as {@code aws s3 cp jobs/target/...jar} does
     * before a deploy, so the step runs the jar as it is now. A JobEntryPoint given with {@code --parameter} is left as
     * it is: whatever is at that URI runs (or the step fails as EMR's would, when nothing is).
     */
    private void deployJob() {
        Object entryPoint = template.parameters().get("JobEntryPoint");
        if (!LOCAL_PARAMETERS.get("JobEntryPoint").equals(entryPoint)) {
            return;
        }
        URI uri = URI.create((String) entryPoint);
        s3.client().putObject(b -> b.bucket(uri.getAuthority()).key(uri.getPath().substring(1)),
                RequestBody.fromFile(settings.spark().jar()));
    }

    /** Another execution takes the lease through the real ledger function, 20 virtual minutes before the run. */
    private void holdLease(String executionName, String executionArnPrefix, Instant start) {
        Instant at = start.minus(20, ChronoUnit.MINUTES);
        ObjectNode begin = Json.object();
        begin.put("action", "begin");
        begin.put("runId", executionName);
        begin.put("executionArn", executionArnPrefix + executionName);
        begin.put("executionName", executionName);
        begin.put("trigger", "schedule");
        begin.put("startedAt", at.toString());
        begin.putObject("input").put("trigger", "schedule");
        time.fixed(at);
        try {
            LocalFunction.Invocation invocation = invoke(ledgerFunction(), Json.write(begin).getBytes(StandardCharsets.UTF_8));
            JsonNode answer = Json.parse(invocation.payloadText());
            if (invocation.failed() || !"STARTED".equals(answer.path("status").asText())) {
                throw new IllegalStateException("could not let " + executionName + " hold the lease: " + invocation.payloadText());
            }
        } finally {
            time.real();
        }
    }

    private String ledgerFunction() {
        for (SamTemplate.FunctionDefinition f : functions.definitions()) {
            if (f.handlerClass().equals("emrpipeline.ledger.RunLedgerHandler")) {
                return f.logicalId();
            }
        }
        throw new IllegalStateException("template.yaml has no run ledger function");
    }

    /** Invokes one function with an event (JSON bytes), outside any execution; the clock is the real one. */
    public LocalFunction.Invocation invoke(String logicalId, byte[] event) {
        SamTemplate.FunctionDefinition definition = functions.find(logicalId).orElseThrow(() ->
                new IllegalArgumentException(logicalId + " is not a function of template.yaml; functions: "
                        + functions.definitions().stream().map(SamTemplate.FunctionDefinition::logicalId).toList()));
        LocalFunction.Invocation invocation = functions.get(definition).invoke(event, uuid().toString());
        logInvocation(logicalId, invocation);
        return invocation;
    }

    private void logInvocation(String logicalId, LocalFunction.Invocation invocation) {
        synchronized (functionLogs) {
            if (!invocation.logs().isEmpty()) {
                for (String line : invocation.logs().split("\n")) {
                    functionLogs.append(logicalId).append(" ").append(invocation.requestId(), 0, 8).append(" | ")
                            .append(line).append('\n');
                }
            }
        }
    }

    /** Every item of the template's tables (the ledger), sorted by key. */
    public List<Map<String, AttributeValue>> ledgerItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (CreateTableRequest table : TemplateTables.requests(template)) {
            items.addAll(dynamoDb.client().scan(s -> s.tableName(table.tableName()).consistentRead(true)).items());
        }
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> text(i, "startedAt"))
                .thenComparing(i -> text(i, "pk")).thenComparing(i -> text(i, "sk")));
        return items;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    private Instant defaultStart() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path file = clockFile();
        if (file != null && Files.isRegularFile(file)) {
            try {
                Instant last = Instant.parse(Files.readString(file).trim()).plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
                return last.isAfter(now) ? last : now;
            } catch (IOException | RuntimeException e) {
                return now;
            }
        }
        return now;
    }

    private void saveClock(Instant end) {
        Path file = clockFile();
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, end.truncatedTo(ChronoUnit.SECONDS) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the virtual time in " + file, e);
        }
    }

    private static Instant latest(Instant end, List<LocalEmr.Cluster> clusters) {
        Instant latest = end;
        for (LocalEmr.Cluster c : clusters) {
            Instant t = c.last().at();
            if (t.isAfter(latest)) {
                latest = t;
            }
        }
        return latest;
    }

    /** The file that keeps the virtual time the last run ended at, so the next one starts after it. */
    private Path clockFile() {
        return settings.dataFolder() == null ? null : settings.dataFolder().resolve("virtual-clock");
    }

    private UUID uuid() {
        synchronized (random) {
            return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        }
    }

    public SamTemplate template() {
        return template;
    }

    public LocalFunctions functions() {
        return functions;
    }

    public LocalS3 s3() {
        return s3;
    }

    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public LocalEmr emr() {
        return emr;
    }

    public LocalCloudWatch cloudWatch() {
        return cloudWatch;
    }

    public LocalSns sns() {
        return sns;
    }

    public LocalSlack slack() {
        return slack;
    }

    public String dataBucket() {
        return dataBucket;
    }

    public String rawPrefix() {
        return rawPrefix;
    }

    /** The template parameter {@code PipelinePrefix} (manifests/ and index/ live under it). */
    public String pipelinePrefix() {
        return (String) template.parameters().get("PipelinePrefix");
    }

    @Override
    public void close() {
        try {
            slack.close();
        } finally {
            try {
                s3.close();
            } finally {
                dynamoDb.close();
            }
        }
    }
}
