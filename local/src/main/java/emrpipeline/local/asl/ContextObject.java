package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The context object ({@code $$}) as the service builds it:
 * <pre>
 * {"Execution": {"Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"},
 *  "StateMachine": {"Id", "Name"},
 *  "State": {"Name", "EnteredTime", "RetryCount" (states with Retry)},
 *  "Map": {"Item": {"Index", "Value"}} (only while a Map's ItemSelector is evaluated)}
 * </pre>
 * Times are {@code 2024-01-01T06:00:00.000Z}. {@code Task.Token} does not exist here: callback
 * ({@code .waitForTaskToken}) tasks are not supported offline.
 */
final class ContextObject {
    private ContextObject() {
    }

    static ObjectNode base(ExecutionContext ctx, JsonNode input) {
        ObjectNode root = Json.object();
        ObjectNode execution = root.putObject("Execution");
        execution.put("Id", ctx.executionArn());
        execution.set("Input", input.deepCopy());
        execution.put("StartTime", Timestamps.format(ctx.startTime()));
        execution.put("Name", ctx.name());
        execution.put("RoleArn", ctx.roleArn());
        execution.put("RedriveCount", 0);
        ObjectNode machine = root.putObject("StateMachine");
        machine.put("Id", ctx.stateMachineArn());
        machine.put("Name", ctx.stateMachineName());
        return root;
    }

    static ObjectNode forState(ObjectNode base, String stateName, Instant enteredTime, Integer retryCount) {
        ObjectNode context = base.deepCopy();
        ObjectNode state = context.putObject("State");
        state.put("Name", stateName);
        state.put("EnteredTime", Timestamps.format(enteredTime));
        if (retryCount != null) {
            state.put("RetryCount", retryCount);
        }
        return context;
    }

    static ObjectNode withMapItem(JsonNode stateContext, int index, JsonNode value) {
        ObjectNode context = stateContext.deepCopy();
        ObjectNode item = context.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value.deepCopy());
        return context;
    }
}
