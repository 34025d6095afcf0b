package emrpipeline.janitor;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The pipeline's own functions, invoked through their {@code live} aliases, so that each contract has one
 * implementation: alarm naming and deletion (alarm-lifecycle {@code delete}), ledger transitions (run-ledger
 * {@code close}), Slack formatting (slack-notifier).
 */
final class PipelineFunctions {
    private static final Logger LOG = LogManager.getLogger(PipelineFunctions.class);

    /** What run-ledger's close answered. {@code status} is null when begin never recorded the attempt. */
    record LedgerClose(String status, boolean attemptClosed, boolean leaseReleased) {
    }

    private final LambdaClient lambda;
    private final JanitorSettings settings;

    PipelineFunctions(LambdaClient lambda, JanitorSettings settings) {
        this.lambda = lambda;
        this.settings = settings;
    }

    /** alarm-lifecycle {@code delete} by cluster: the names it deleted (none is fine). */
    List<String> deleteAlarms(String clusterId) {
        JsonObject answer = invoke(settings.alarmFunction(), new JsonObject().add("action", "delete").add("clusterId", clusterId));
        List<String> deleted = new ArrayList<>();
        JsonValue names = answer.get("deleted");
        if (names != null && names.isArray()) {
            names.asArray().forEach(n -> deleted.add(n.asString()));
        }
        return deleted;
    }

    /** run-ledger {@code close}: conditional on the attempt not being terminal and on the lease being this execution's. */
    LedgerClose close(String runId, String executionArn, String status, String error, String cause, String reason) {
        JsonObject request = new JsonObject().add("action", "close").add("runId", runId).add("executionArn", executionArn)
                .add("status", status).add("reason", reason);
        if (error != null) {
            request.add("error", error);
        }
        if (cause != null) {
            request.add("cause", cause);
        }
        JsonObject answer = invoke(settings.ledgerFunction(), request);
        JsonValue recorded = answer.get("status");
        return new LedgerClose(recorded != null && recorded.isString() ? recorded.asString() : null,
                answer.getBoolean("attemptClosed", false), answer.getBoolean("leaseReleased", false));
    }

    /**
     * The Slack notifier (which never fails the caller for Slack). Whether it delivered; an invoke that fails is
     * logged, never thrown: people are still told through the alert topic.
     */
    boolean notifySlack(JsonObject notification) {
        try {
            JsonObject answer = invoke(settings.slackFunction(), notification);
            return answer.getBoolean("notified", false);
        } catch (PipelineFunctionException | SdkException e) {
            LOG.error("the Slack notifier could not be invoked: " + e.getMessage());
            return false;
        }
    }

    private JsonObject invoke(String function, JsonObject payload) {
        InvokeResponse response = lambda.invoke(InvokeRequest.builder().functionName(function)
                .payload(SdkBytes.fromUtf8String(payload.toString())).build());
        String body = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            String type = null;
            try {
                JsonValue error = Json.parse(body);
                type = error.isObject() ? error.asObject().getString("errorType", null) : null;
            } catch (com.eclipsesource.json.ParseException notJson) {
                type = null;
            }
            throw new PipelineFunctionException(type, function + " answered " + response.functionError() + ": " + body);
        }
        JsonValue value = body.isBlank() ? Json.NULL : Json.parse(body);
        return value.isObject() ? value.asObject() : new JsonObject();
    }
}
