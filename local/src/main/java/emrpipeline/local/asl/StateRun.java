package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One visit of a state: its raw input, entry time, strand, and the events every state emits. */
final class StateRun {
    final Execution execution;
    final Strand strand;
    final State state;
    final JsonNode input;
    final Instant enteredTime;

    StateRun(Execution execution, Strand strand, State state, JsonNode input) {
        this.execution = execution;
        this.strand = strand;
        this.state = state;
        this.input = input;
        this.enteredTime = strand.clock.now();
    }

    /** The context object of this visit; {@code retryCount} only for states that have Retry. */
    JsonNode context(Integer retryCount) {
        return ContextObject.forState(execution.contextBase, state.name, enteredTime, retryCount);
    }

    void entered() {
        ObjectNode details = ExecutionHistory.details();
        details.put("name", state.name);
        ExecutionHistory.withPayload(details, "input", input);
        event(state.type() + "StateEntered", "stateEnteredEventDetails", details);
    }

    void exited(JsonNode output) {
        ObjectNode details = ExecutionHistory.details();
        details.put("name", state.name);
        ExecutionHistory.withPayload(details, "output", output);
        event(state.type() + "StateExited", "stateExitedEventDetails", details);
    }

    ExecutionHistory.Event event(String type, String detailsKey, ObjectNode details) {
        return execution.event(strand, type, detailsKey, details);
    }

    java.util.Random random() {
        return execution.random;
    }
}
