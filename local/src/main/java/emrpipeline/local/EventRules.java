package emrpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.lambda.SamTemplate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The template's EventBridge rules (functions' {@code Type: EventBridgeRule} events), evaluated for the local stack,
 * and the events the services would put on the default bus: the offline runner delivers an event to every function
 * whose rule's pattern matches it, as EventBridge does. Patterns: exact values and {@code {"prefix": ...}} in
 * arrays, nested objects for {@code detail} (the subset of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html the template uses; anything else
 * in a pattern is refused rather than matched wrongly).
 */
final class EventRules {

    /** One rule: the function it targets and its pattern. */
    record Rule(String functionLogicalId, String eventName, JsonNode pattern) {
    }

    private final List<Rule> rules = new ArrayList<>();

    EventRules(SamTemplate template) {
        for (SamTemplate.FunctionDefinition f : template.functions()) {
            JsonNode events = template.resource(f.logicalId()).path("Properties").path("Events");
            for (Iterator<Map.Entry<String, JsonNode>> it = events.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if ("EventBridgeRule".equals(e.getValue().path("Type").asText())) {
                    JsonNode pattern = Json.MAPPER.valueToTree(template.evaluate(e.getValue().path("Properties").path("Pattern")));
                    rules.add(new Rule(f.logicalId(), e.getKey(), pattern));
                }
            }
        }
    }

    /** The rules whose pattern matches {@code event}. */
    List<Rule> matching(JsonNode event) {
        return rules.stream().filter(r -> matches(r.pattern(), event)).toList();
    }

    static boolean matches(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = event.get(field.getKey());
            JsonNode wanted = field.getValue();
            if (wanted.isObject()) {
                if (value == null || !value.isObject() || !matches(wanted, value)) {
                    return false;
                }
            } else if (wanted.isArray()) {
                if (value == null || !anyOf(wanted, value)) {
                    return false;
                }
            } else {
                throw new IllegalArgumentException("an event pattern's leaf must be an array, got " + wanted);
            }
        }
        return true;
    }

    private static boolean anyOf(JsonNode alternatives, JsonNode value) {
        for (JsonNode alternative : alternatives) {
            if (alternative.isObject()) {
                if (alternative.size() != 1 || !alternative.has("prefix")) {
                    throw new IllegalArgumentException("the offline EventBridge matches exact values and prefix only, got " + alternative);
                }
                if (value.isTextual() && value.asText().startsWith(alternative.get("prefix").asText())) {
                    return true;
                }
            } else if (alternative.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A "Step Functions Execution Status Change" event as the service sends it
     * (https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html): the detail is DescribeExecution's.
     */
    static ObjectNode executionStatusChange(String id, String account, String region, String executionArn,
                                            String stateMachineArn, String name, String status, java.time.Instant start,
                                            java.time.Instant stop, String input) {
        ObjectNode event = envelope(id, "Step Functions Execution Status Change", "aws.states", account, region, stop);
        event.putArray("resources").add(executionArn);
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", executionArn);
        detail.put("stateMachineArn", stateMachineArn);
        detail.put("name", name);
        detail.put("status", status);
        detail.put("startDate", start.toEpochMilli());
        detail.put("stopDate", stop.toEpochMilli());
        detail.put("input", input);
        detail.putNull("output");
        return event;
    }

    /**
     * An "EMR Cluster State Change" event (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-manage-cloudwatch-events.html):
     * stateChangeReason is a JSON document in a string.
     */
    static ObjectNode clusterStateChange(String id, String account, String region, String clusterId, String name,
                                         String state, String code, String message, java.time.Instant at) {
        ObjectNode event = envelope(id, "EMR Cluster State Change", "aws.emr", account, region, at);
        event.putArray("resources");
        ObjectNode detail = event.putObject("detail");
        detail.put("severity", state.equals("TERMINATED_WITH_ERRORS") ? "CRITICAL" : "INFO");
        ObjectNode reason = Json.object();
        reason.put("code", code == null ? "" : code);
        if (message != null) {
            reason.put("message", message);
        }
        detail.put("stateChangeReason", Json.write(reason));
        detail.put("name", name);
        detail.put("clusterId", clusterId);
        detail.put("state", state);
        detail.put("message", "Amazon EMR Cluster " + clusterId + " (" + name + ") has terminated with errors with a reason of "
                + code + ".");
        return event;
    }

    private static ObjectNode envelope(String id, String type, String source, String account, String region,
                                       java.time.Instant at) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", type);
        event.put("source", source);
        event.put("account", account);
        event.put("time", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", region);
        return event;
    }
}
