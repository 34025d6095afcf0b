package emrpipeline.janitor;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Mockito on the SDK client interfaces, with answers shaped as the services give them: a stack, its clusters (by
 * state and tags), executions, and the pipeline functions' answers (recorded requests by function).
 */
final class Fixture {
    static final Instant NOW = Instant.parse("2026-11-21T18:30:00Z");
    static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:emr-pipeline-Pipeline";
    static final String STACK = "emr-pipeline";
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:emr-pipeline-alerts";

    final EmrClient emr = mock(EmrClient.class);
    final SfnClient sfn = mock(SfnClient.class);
    final SnsClient sns = mock(SnsClient.class);
    final LambdaClient lambda = mock(LambdaClient.class);
    final Map<String, Cluster> clusters = new LinkedHashMap<>();
    final Map<String, DescribeExecutionResponse> executions = new LinkedHashMap<>();
    final Map<String, List<JsonObject>> invoked = new LinkedHashMap<>();
    /** What each function answers next (the last answer repeats). */
    final Map<String, List<JsonObject>> answers = new LinkedHashMap<>();

    Fixture() {
        when(emr.listClusters(any(ListClustersRequest.class))).thenAnswer(i -> {
            ListClustersRequest r = i.getArgument(0);
            List<ClusterSummary> summaries = new ArrayList<>();
            clusters.values().stream().filter(c -> r.clusterStates().contains(c.status().state()))
                    .forEach(c -> summaries.add(ClusterSummary.builder().id(c.id()).name(c.name()).status(c.status()).build()));
            return ListClustersResponse.builder().clusters(summaries).build();
        });
        when(emr.describeCluster(any(DescribeClusterRequest.class))).thenAnswer(i ->
                DescribeClusterResponse.builder().cluster(clusters.get(((DescribeClusterRequest) i.getArgument(0)).clusterId())).build());
        when(sfn.describeExecution(any(DescribeExecutionRequest.class))).thenAnswer(i ->
                executions.get(((DescribeExecutionRequest) i.getArgument(0)).executionArn()));
        when(lambda.invoke(any(InvokeRequest.class))).thenAnswer(i -> {
            InvokeRequest r = i.getArgument(0);
            invoked.computeIfAbsent(r.functionName(), k -> new ArrayList<>()).add(Json.parse(r.payload().asUtf8String()).asObject());
            List<JsonObject> next = answers.getOrDefault(r.functionName(), List.of(new JsonObject()));
            JsonObject answer = next.size() > 1 ? next.remove(0) : next.get(0);
            return InvokeResponse.builder().statusCode(200).payload(SdkBytes.fromUtf8String(answer.toString())).build();
        });
        answer("slack", new JsonObject().add("notified", true));
    }

    static Map<String, String> environment() {
        return Map.of("STACK_NAME", STACK, "STATE_MACHINE_ARN", STATE_MACHINE, "ALERT_TOPIC_ARN", TOPIC,
                "RUN_LEDGER_FUNCTION", "ledger", "ALARM_LIFECYCLE_FUNCTION", "alarms", "SLACK_NOTIFIER_FUNCTION", "slack");
    }

    RunJanitorHandler handler() {
        return new RunJanitorHandler(emr, sfn, sns, lambda, environment(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static String arn(String execution) {
        return "arn:aws:states:eu-west-1:123456789012:execution:emr-pipeline-Pipeline:" + execution;
    }

    Fixture execution(String name, ExecutionStatus status, String input, String error, String cause) {
        executions.put(arn(name), DescribeExecutionResponse.builder().executionArn(arn(name)).name(name)
                .stateMachineArn(STATE_MACHINE).status(status).input(input).error(error).cause(cause)
                .startDate(NOW.minusSeconds(3600)).build());
        return this;
    }

    Fixture cluster(String id, String state, String stack, String runId, String execution) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.builder().key("emr-pipeline:stack").value(stack).build());
        tags.add(Tag.builder().key("emr-pipeline:run-id").value(runId).build());
        tags.add(Tag.builder().key("emr-pipeline:execution").value(execution).build());
        clusters.put(id, Cluster.builder().id(id).name(stack + "-" + runId).tags(tags)
                .status(ClusterStatus.builder().state(state).build()).build());
        return this;
    }

    Fixture answer(String function, JsonObject... answers) {
        this.answers.put(function, new ArrayList<>(List.of(answers)));
        return this;
    }

    static JsonObject alarmsDeleted(String... names) {
        JsonArray deleted = new JsonArray();
        for (String n : names) {
            deleted.add(n);
        }
        return new JsonObject().add("action", "delete").add("deleted", deleted).add("alreadyGone", new JsonArray());
    }

    static JsonObject closed(String status, boolean attemptClosed, boolean leaseReleased) {
        JsonObject o = new JsonObject().add("attemptClosed", attemptClosed).add("leaseReleased", leaseReleased);
        if (status != null) {
            o.add("status", status);
        }
        return o;
    }

    List<JsonObject> calls(String function) {
        return invoked.getOrDefault(function, List.of());
    }

    static Map<String, Object> executionEvent(String name, String status) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("executionArn", arn(name));
        detail.put("stateMachineArn", STATE_MACHINE);
        detail.put("name", name);
        detail.put("status", status);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.put("detail", detail);
        return event;
    }
}
