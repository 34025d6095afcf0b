package emrpipeline.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskCall;
import emrpipeline.local.asl.TaskOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * Step Functions' optimized Amazon EMR integration ({@code arn:aws:states:::elasticmapreduce:...}) over
 * {@link LocalEmr}: createCluster[.sync], addStep[.sync], terminateCluster[.sync].
 *
 * <p>What the task reports (the service's shapes where documented, otherwise assumptions written in docs/offline-runner.md):
 * <ul>
 *   <li>createCluster: {@code {"ClusterId", "ClusterArn"}}; with .sync once the cluster is WAITING. A cluster that
 *       ends TERMINATED_WITH_ERRORS while starting fails the task with {@code States.TaskFailed} and, as cause, the
 *       cluster as DescribeCluster shows it ({@code {"Cluster": {...}}}).</li>
 *   <li>addStep: {@code {"StepId"}}; with .sync, when the step ends, {@code {"Step": {...}}} as DescribeStep shows
 *       it. A FAILED or CANCELLED step fails the task with {@code States.TaskFailed} and that JSON as cause.</li>
 *   <li>terminateCluster: {@code {}}; with .sync once the cluster is TERMINATED.</li>
 *   <li>With .sync, the answer of the call that started the work ({@code {"ClusterId", "ClusterArn"}},
 *       {@code {"StepId"}}, {@code {}}) is reported as submitted: the history's {@code TaskSubmitted} event, emitted
 *       by Step Functions for the .sync ("Run a Job") pattern between TaskStarted and the outcome
 *       (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html).</li>
 *   <li>An error answered by the EMR API (a refused request, an unknown cluster id, throttling) fails the task
 *       with {@code EMR.AmazonElasticMapReduceException} and a cause in the AWS SDK for Java v1 format
 *       ({@code <message> (Service: AmazonElasticMapReduce; Status Code: 400; Error Code: <code>; ...)}).</li>
 * </ul>
 * Timestamps in outputs are epoch milliseconds, as Step Functions renders them for its optimized integrations.
 */
public final class EmrIntegration {
    public static final String RESOURCE_PREFIX = "arn:aws:states:::elasticmapreduce:";
    public static final String API_ERROR = "EMR.AmazonElasticMapReduceException";

    private final LocalEmr emr;
    private final java.util.function.Supplier<UUID> requestIds;

    public EmrIntegration(LocalEmr emr, java.util.function.Supplier<UUID> requestIds) {
        this.emr = emr;
        this.requestIds = requestIds;
    }

    public static boolean handles(String resource) {
        return resource.startsWith(RESOURCE_PREFIX);
    }

    public TaskOutcome invoke(TaskCall call) {
        String api = call.resource().substring(RESOURCE_PREFIX.length());
        boolean sync = api.endsWith(".sync");
        String operation = sync ? api.substring(0, api.length() - ".sync".length()) : api;
        JsonNode parameters = call.parameters();
        Instant at = call.startTime();
        try {
            return switch (operation) {
                case "createCluster" -> createCluster(parameters, at, sync);
                case "addStep" -> addStep(parameters, at, sync);
                case "terminateCluster" -> terminateCluster(parameters, at, sync);
                default -> TaskOutcome.failure("States.Runtime", "The offline runner does not implement "
                        + call.resource() + " (supported: createCluster, addStep, terminateCluster, each also .sync)");
            };
        } catch (EmrApiException e) {
            return TaskOutcome.failure(API_ERROR, e.getMessage() + " (Service: AmazonElasticMapReduce; Status Code: "
                    + e.statusCode() + "; Error Code: " + e.errorCode() + "; Request ID: " + requestIds.get()
                    + "; Proxy: null)");
        }
    }

    private TaskOutcome createCluster(JsonNode request, Instant at, boolean sync) {
        LocalEmr.Cluster cluster = emr.runJobFlow(request, at);
        ObjectNode out = Json.object();
        out.put("ClusterArn", cluster.arn());
        out.put("ClusterId", cluster.id());
        if (!sync) {
            return TaskOutcome.success(out);
        }
        Instant ready = cluster.readyAt();
        if (ready == null) {
            Instant failed = cluster.terminatedAt();
            return TaskOutcome.failure("States.TaskFailed", Json.write(describeCluster(cluster, failed)),
                    Duration.between(at, failed)).afterSubmission(out.deepCopy());
        }
        return TaskOutcome.success(out, Duration.between(at, ready)).afterSubmission(out.deepCopy());
    }

    private TaskOutcome addStep(JsonNode parameters, Instant at, boolean sync) {
        requireOnly(parameters, Set.of("ClusterId", "Step", "ExecutionRoleArn"), "addStep");
        String clusterId = parameters.path("ClusterId").asText(null);
        JsonNode stepConfig = parameters.path("Step");
        if (!stepConfig.isObject()) {
            throw EmrApiException.validation("addStep requires Step, one StepConfig object");
        }
        LocalEmr.Step step = emr.addStep(clusterId, stepConfig, at);
        if (!sync) {
            ObjectNode out = Json.object();
            out.put("StepId", step.id());
            return TaskOutcome.success(out);
        }
        Instant end = step.endedAt();
        ObjectNode described = describeStep(step, end);
        Duration took = Duration.between(at, end);
        ObjectNode submitted = Json.object();
        submitted.put("StepId", step.id());
        if (step.last().state() == StepState.COMPLETED) {
            return TaskOutcome.success(described, took).afterSubmission(submitted);
        }
        return TaskOutcome.failure("States.TaskFailed", Json.write(described), took).afterSubmission(submitted);
    }

    private TaskOutcome terminateCluster(JsonNode parameters, Instant at, boolean sync) {
        requireOnly(parameters, Set.of("ClusterId"), "terminateCluster");
        Instant terminated = emr.terminate(parameters.path("ClusterId").asText(null), at);
        if (!sync) {
            return TaskOutcome.success(Json.object());
        }
        return TaskOutcome.success(Json.object(), Duration.between(at, terminated)).afterSubmission(Json.object());
    }

    private static void requireOnly(JsonNode parameters, Set<String> allowed, String api) {
        for (Iterator<String> it = parameters.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw EmrApiException.validation(api + " does not take '" + name + "' (it takes " + allowed + ")");
            }
        }
    }

    /** DescribeCluster's {@code {"Cluster": {...}}} at {@code at} (the fields the pipeline and people read). */
    public static ObjectNode describeCluster(LocalEmr.Cluster cluster, Instant at) {
        ObjectNode out = Json.object();
        ObjectNode c = out.putObject("Cluster");
        c.put("Id", cluster.id());
        c.put("Name", cluster.name());
        c.put("ClusterArn", cluster.arn());
        JsonNode request = cluster.request();
        if (request.has("ReleaseLabel")) {
            c.set("ReleaseLabel", request.get("ReleaseLabel"));
        }
        c.put("InstanceCollectionType", request.path("Instances").has("InstanceFleets") ? "INSTANCE_FLEET" : "INSTANCE_GROUP");
        ObjectNode status = c.putObject("Status");
        LocalEmr.Transition<ClusterState> now = cluster.transitionAt(at);
        status.put("State", now.state().toString());
        ObjectNode reason = status.putObject("StateChangeReason");
        if (now.code() != null) {
            reason.put("Code", now.code());
        }
        if (now.message() != null) {
            reason.put("Message", now.message());
        }
        ObjectNode timeline = status.putObject("Timeline");
        timeline.put("CreationDateTime", cluster.createdAt().toEpochMilli());
        Instant ready = cluster.readyAt();
        if (ready != null && !ready.isAfter(at)) {
            timeline.put("ReadyDateTime", ready.toEpochMilli());
        }
        Instant end = cluster.terminatedAt();
        if (end != null && !end.isAfter(at)) {
            timeline.put("EndDateTime", end.toEpochMilli());
        }
        if (request.has("Tags")) {
            c.set("Tags", request.get("Tags"));
        }
        return out;
    }

    /** DescribeStep's {@code {"Step": {...}}} at {@code at}. */
    public static ObjectNode describeStep(LocalEmr.Step step, Instant at) {
        ObjectNode out = Json.object();
        ObjectNode s = out.putObject("Step");
        s.put("ActionOnFailure", step.actionOnFailure());
        ObjectNode config = s.putObject("Config");
        JsonNode jar = step.config().path("HadoopJarStep");
        ArrayNode args = config.putArray("Args");
        jar.path("Args").forEach(args::add);
        config.put("Jar", jar.path("Jar").asText());
        if (jar.has("MainClass")) {
            config.set("MainClass", jar.get("MainClass"));
        }
        config.putObject("Properties");
        s.put("Id", step.id());
        s.put("Name", step.name());
        ObjectNode status = s.putObject("Status");
        LocalEmr.Transition<StepState> now = step.transitionAt(at);
        if (now.state() == StepState.FAILED) {
            ObjectNode failure = status.putObject("FailureDetails");
            if (step.logFile() != null) {
                failure.put("LogFile", step.logFile());
            }
            if (now.message() != null) {
                failure.put("Message", now.message());
            }
            if (now.code() != null) {
                failure.put("Reason", now.code());
            }
        }
        status.put("State", now.state().toString());
        ObjectNode reason = status.putObject("StateChangeReason");
        if (now.state() == StepState.CANCELLED && now.message() != null) {
            reason.put("Message", now.message());
        }
        ObjectNode timeline = status.putObject("Timeline");
        timeline.put("CreationDateTime", step.createdAt().toEpochMilli());
        Instant started = step.startedAt();
        if (started != null && !started.isAfter(at)) {
            timeline.put("StartDateTime", started.toEpochMilli());
        }
        Instant end = step.endedAt();
        if (end != null && !end.isAfter(at)) {
            timeline.put("EndDateTime", end.toEpochMilli());
        }
        return out;
    }
}
