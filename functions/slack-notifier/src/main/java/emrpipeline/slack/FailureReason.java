package emrpipeline.slack;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import com.eclipsesource.json.WriterConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The reason people read first, from a failure's error and cause. A cause is often a JSON document: the
 * {@code .sync} EMR integrations fail with the DescribeStep / DescribeCluster answer (a step's
 * {@code Status.FailureDetails} Reason, Message and LogFile; a cluster's {@code Status.StateChangeReason} Code and
 * Message), a Lambda function with {@code {"errorType", "errorMessage", "stackTrace"}}. Those are shown as one
 * readable line (and a Lambda error's first frames); other JSON pretty-printed; any other text as it is. A timeout
 * carries an empty cause, as Step Functions binds it: the error then says what happened.
 *
 * <p>Shapes: https://docs.aws.amazon.com/emr/latest/APIReference/API_FailureDetails.html and
 * https://docs.aws.amazon.com/emr/latest/APIReference/API_ClusterStateChangeReason.html
 */
final class FailureReason {
    /** Stack frames of a Lambda error shown before "... more". */
    static final int STACK_FRAMES = 10;

    private FailureReason() {
    }

    /** What to show for an absent or empty cause, from the error name. */
    static String withoutCause(String error) {
        if (error == null) {
            return "no cause was reported";
        }
        return switch (error) {
            case "States.Timeout" -> "no cause: the state or the execution ran longer than its TimeoutSeconds";
            case "States.HeartbeatTimeout" -> "no cause: the task sent no heartbeat in time";
            case "States.Runtime" -> "no cause: the state machine could not process the state's data";
            default -> "no cause was reported with " + error;
        };
    }

    /** A cause made readable; {@code null} or blank gives {@link #withoutCause(String)}. */
    static String readable(String error, String cause) {
        if (cause == null || cause.isBlank()) {
            return withoutCause(error);
        }
        String text = cause.strip();
        if (!(text.startsWith("{") && text.endsWith("}"))) {
            return text;
        }
        JsonObject json;
        try {
            json = Json.parse(text).asObject();
        } catch (ParseException | UnsupportedOperationException notJson) {
            return text;
        }
        String lambda = lambdaError(json);
        if (lambda != null) {
            return lambda;
        }
        String step = stepFailure(json);
        if (step != null) {
            return step;
        }
        String cluster = clusterReason(json);
        if (cluster != null) {
            return cluster;
        }
        return json.toString(WriterConfig.PRETTY_PRINT);
    }

    private static String lambdaError(JsonObject json) {
        String message = string(json, "errorMessage");
        if (message == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        String type = string(json, "errorType");
        if (type != null) {
            out.append(type).append(": ");
        }
        out.append(message);
        JsonValue trace = json.get("stackTrace");
        if (trace != null && trace.isArray()) {
            List<JsonValue> frames = trace.asArray().values();
            frames.stream().limit(STACK_FRAMES).forEach(frame ->
                    out.append("\n  ").append(frame.isString() ? frame.asString().strip() : frame.toString()));
            if (frames.size() > STACK_FRAMES) {
                out.append("\n  … ").append(frames.size() - STACK_FRAMES).append(" more");
            }
        }
        return out.toString();
    }

    /** DescribeStep's {@code {"Step": {"Status": {"FailureDetails": ...}}}} (or the Step object itself). */
    private static String stepFailure(JsonObject json) {
        JsonObject step = object(json, "Step");
        JsonObject status = object(step != null ? step : json, "Status");
        JsonObject details = object(status, "FailureDetails");
        if (details == null) {
            return null;
        }
        String what = joined(string(details, "Reason"), string(details, "Message"));
        if (what == null) {
            what = "the step failed without details";
        }
        String log = string(details, "LogFile");
        String name = step == null ? null : string(step, "Name");
        return (name == null ? "" : "step " + name + ": ") + what + (log == null ? "" : " (log: " + log + ")");
    }

    /** DescribeCluster's {@code {"Cluster": {"Status": {"StateChangeReason": ...}}}} (or the Cluster object itself). */
    private static String clusterReason(JsonObject json) {
        JsonObject cluster = object(json, "Cluster");
        JsonObject status = object(cluster != null ? cluster : json, "Status");
        JsonObject reason = object(status, "StateChangeReason");
        if (reason == null) {
            return null;
        }
        String what = joined(string(reason, "Code"), string(reason, "Message"));
        if (what == null) {
            return null;
        }
        String state = string(status, "State");
        String id = cluster == null ? null : string(cluster, "Id");
        String prefix = id == null ? "" : "cluster " + id + (state == null ? "" : " " + state) + ": ";
        return prefix + what;
    }

    private static String joined(String first, String second) {
        List<String> parts = new ArrayList<>();
        if (first != null) {
            parts.add(first);
        }
        if (second != null) {
            parts.add(second);
        }
        return parts.isEmpty() ? null : String.join(": ", parts);
    }

    private static JsonObject object(JsonObject json, String name) {
        if (json == null) {
            return null;
        }
        JsonValue value = json.get(name);
        return value != null && value.isObject() ? value.asObject() : null;
    }

    private static String string(JsonObject json, String name) {
        if (json == null) {
            return null;
        }
        JsonValue value = json.get(name);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString().strip() : null;
    }
}
