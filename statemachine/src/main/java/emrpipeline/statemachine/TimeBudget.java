package emrpipeline.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The longest an execution of the definition can take, computed from the definition itself: every Task state's
 * worst case is all its attempts running to their TimeoutSeconds (the job's: the largest jobTimeoutSeconds the
 * input validation accepts, template.yaml's {@code Mappings: ExecutionLimits}) plus the longest backoff between them (IntervalSeconds x BackoffRate^n, capped by
 * MaxDelaySeconds; jitter only shortens waits), and the worst path is the longest over every Next, Choice, Default
 * and Catch. Retry and Catch rules: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 * (defaults IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0).
 */
public final class TimeBudget {

    /** One state on the worst path and its worst case in seconds. */
    public record Leg(String state, double seconds) {
    }

    private final PipelineDefinition definition;
    private final long largestJobTimeout;
    private final Map<String, List<Leg>> memo = new HashMap<>();

    /** {@code largestJobTimeout}: the largest jobTimeoutSeconds the input validation accepts. */
    public TimeBudget(PipelineDefinition definition, long largestJobTimeout) {
        this.definition = definition;
        this.largestJobTimeout = largestJobTimeout;
    }

    /** The largest jobTimeoutSeconds the run ledger's validate accepts: template.yaml's one source of it. */
    public static long largestJobTimeout(JsonNode template) {
        JsonNode max = template.at("/Mappings/ExecutionLimits/JobTimeoutSeconds/Max");
        if (!max.canConvertToLong()) {
            throw new IllegalStateException("template.yaml has no Mappings.ExecutionLimits.JobTimeoutSeconds.Max");
        }
        return max.asLong();
    }

    /** The worst case of one state: 0 for states that do not wait. */
    public double worstCase(String name) {
        JsonNode state = definition.state(name);
        if (!"Task".equals(state.path("Type").asText())) {
            return 0;
        }
        double timeout = state.has("TimeoutSeconds") ? state.get("TimeoutSeconds").asDouble() : largestJobTimeout;
        double waits = 0;
        int attempts = 1;
        for (JsonNode retrier : state.path("Retry")) {
            int max = retrier.path("MaxAttempts").asInt(3);
            double interval = retrier.path("IntervalSeconds").asDouble(1);
            double rate = retrier.path("BackoffRate").asDouble(2.0);
            double cap = retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE);
            for (int n = 0; n < max; n++) {
                waits += Math.min(interval * Math.pow(rate, n), cap);
            }
            attempts += max;
        }
        return attempts * timeout + waits;
    }

    /** The longest path from the start to an end, state by state. */
    public List<Leg> worstPath() {
        return worstPathFrom(definition.startAt(), new HashSet<>());
    }

    public double worstTotal() {
        return worstPath().stream().mapToDouble(Leg::seconds).sum();
    }

    private List<Leg> worstPathFrom(String name, Set<String> onPath) {
        List<Leg> known = memo.get(name);
        if (known != null) {
            return known;
        }
        if (!onPath.add(name)) {
            throw new IllegalStateException("the definition loops through " + name + ": its worst case is unbounded");
        }
        List<Leg> best = List.of();
        double bestSeconds = -1;
        for (PipelineDefinition.Transition t : definition.transitions(name)) {
            List<Leg> rest = worstPathFrom(t.to(), onPath);
            double seconds = rest.stream().mapToDouble(Leg::seconds).sum();
            if (seconds > bestSeconds) {
                bestSeconds = seconds;
                best = rest;
            }
        }
        onPath.remove(name);
        List<Leg> path = new ArrayList<>();
        path.add(new Leg(name, worstCase(name)));
        path.addAll(best);
        memo.put(name, List.copyOf(path));
        return memo.get(name);
    }
}
