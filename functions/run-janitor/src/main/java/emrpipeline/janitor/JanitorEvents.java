package emrpipeline.janitor;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.util.Map;
import java.util.Set;

/**
 * Turns the event as the Lambda runtime hands it over (a JSON object as a Map) into a {@link JanitorEvent}, or throws
 * {@link InvalidJanitorEventException} naming the field. Reads nothing, so a bad event never changes anything.
 */
final class JanitorEvents {
    static final String EXECUTION_STATUS_CHANGE = "Step Functions Execution Status Change";
    static final String CLUSTER_STATE_CHANGE = "EMR Cluster State Change";
    static final Set<String> ENDED = Set.of("FAILED", "TIMED_OUT", "ABORTED");

    private JanitorEvents() {
    }

    static JanitorEvent from(Map<String, Object> event) {
        if (event == null || event.isEmpty()) {
            throw invalid("the event is empty: expected an EventBridge event or {\"action\": \"sweep\"}");
        }
        if (event.containsKey("action")) {
            if ("sweep".equals(event.get("action"))) {
                return new JanitorEvent.Sweep();
            }
            throw invalid("action: the janitor's one action is \"sweep\", got " + event.get("action"));
        }
        Object type = event.get("detail-type");
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            throw invalid("detail: missing (an EventBridge event carries one), detail-type " + type);
        }
        if (EXECUTION_STATUS_CHANGE.equals(type) && "aws.states".equals(event.get("source"))) {
            String arn = text(detail, "executionArn");
            String status = text(detail, "status");
            if (!ENDED.contains(status)) {
                throw invalid("detail.status: the janitor handles FAILED, TIMED_OUT and ABORTED executions, got " + status);
            }
            return new JanitorEvent.ExecutionEnded(arn, status);
        }
        if (CLUSTER_STATE_CHANGE.equals(type) && "aws.emr".equals(event.get("source"))) {
            String clusterId = text(detail, "clusterId");
            String state = text(detail, "state");
            if (!"TERMINATED_WITH_ERRORS".equals(state)) {
                throw invalid("detail.state: the janitor handles TERMINATED_WITH_ERRORS, got " + state);
            }
            String code = null;
            String message = null;
            // stateChangeReason is a JSON document in a string: {"code":"...","message":"..."}.
            if (detail.get("stateChangeReason") instanceof String reason && !reason.isBlank()) {
                try {
                    JsonValue parsed = Json.parse(reason);
                    if (parsed.isObject()) {
                        JsonObject o = parsed.asObject();
                        code = blankToNull(o.getString("code", null));
                        message = blankToNull(o.getString("message", null));
                    }
                } catch (ParseException | UnsupportedOperationException notJson) {
                    message = reason;
                }
            }
            Object name = detail.get("name");
            Object eventMessage = detail.get("message");
            return new JanitorEvent.ClusterFailed(clusterId, name instanceof String n ? n : null, code, message,
                    eventMessage instanceof String m ? m : null);
        }
        throw invalid("detail-type: expected \"" + EXECUTION_STATUS_CHANGE + "\" from aws.states or \""
                + CLUSTER_STATE_CHANGE + "\" from aws.emr, got \"" + type + "\" from " + event.get("source"));
    }

    private static String text(Map<?, ?> detail, String field) {
        if (detail.get(field) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw invalid("detail." + field + ": missing or not a string");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static InvalidJanitorEventException invalid(String message) {
        return new InvalidJanitorEventException(message);
    }
}
