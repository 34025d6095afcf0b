package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The mutable state of one execution: history, the base of the context object, the machine's
 * deadline, the task invoker and the random source (retry jitter, MathRandom, UUID). It runs
 * state graphs (the machine, a Parallel branch, a Map's ItemProcessor) state after state.
 */
final class Execution {
    /** The service fails an execution whose history would exceed 25,000 events; this also stops endless loops. */
    static final int MAX_HISTORY_EVENTS = 25_000;

    final TaskInvoker invoker;
    final Random random;
    final ExecutionHistory history = new ExecutionHistory();
    final ObjectNode contextBase;
    final Instant deadline;
    /** When StopExecution stops it (the runner's --stop-after); null: never. */
    Instant stopAt;
    final String region;
    private int events;

    Execution(TaskInvoker invoker, Random random, ObjectNode contextBase, Instant deadline, String region) {
        this.invoker = invoker;
        this.random = random;
        this.contextBase = contextBase;
        this.deadline = deadline;
        this.region = region;
    }

    ExecutionHistory.Event event(Strand strand, String type, String detailsKey, ObjectNode details) {
        if (++events > MAX_HISTORY_EVENTS) {
            throw StatesError.runtime("The execution reached the maximum number of " + MAX_HISTORY_EVENTS
                    + " history events; does the machine loop forever?");
        }
        ExecutionHistory.Event e = history.add(type, strand.clock.now(), strand.last, detailsKey, details);
        strand.last = e;
        return e;
    }

    /** Waits (virtually) for {@code duration} on the strand's clock; the machine's deadline still applies. */
    void sleep(Strand strand, Duration duration) {
        sleepUntil(strand, strand.clock.now().plus(duration));
    }

    void sleepUntil(Strand strand, Instant until) {
        if (stopAt != null && until.isAfter(stopAt) && (deadline == null || !stopAt.isAfter(deadline))) {
            strand.clock.advanceTo(stopAt);
            throw new ExecutionStopped();
        }
        if (deadline != null && until.isAfter(deadline)) {
            strand.clock.advanceTo(deadline);
            throw new ExecutionTimeout();
        }
        strand.clock.advanceTo(until);
    }

    /** Runs a graph from its StartAt until a terminal state; returns the last state's output. */
    JsonNode runGraph(StateGraph graph, JsonNode input, Strand strand) {
        String name = graph.startAt();
        JsonNode data = input;
        while (true) {
            State state = graph.state(name);
            Step step = state.execute(new StateRun(this, strand, state, data));
            if (step.next() == null) {
                return step.output();
            }
            name = step.next();
            data = step.output();
        }
    }

    /**
     * Runs a state's attempts under its Retry and Catch fields (Task, Parallel, Map). A retried
     * error waits the Retrier's interval on the virtual clock; a caught one leaves the state with
     * the Error Output placed at the Catcher's ResultPath in the raw input.
     */
    Step withRetryAndCatch(StateRun visit, RetryPolicy retry, List<Catcher> catchers, Attempt attempt) {
        RetryPolicy.Attempts attempts = retry.start();
        while (true) {
            try {
                return attempt.run(attempts);
            } catch (StatesError e) {
                Duration delay = e.error() == null ? null : attempts.nextDelay(e.error(), random);
                if (delay != null) {
                    sleep(visit.strand, delay);
                    continue;
                }
                Catcher catcher = Catcher.firstMatching(catchers, e.error());
                if (catcher == null) {
                    throw e;
                }
                JsonNode output = catcher.output(visit.input, IoProcessing.errorOutput(e), visit.context(null), visit.state.name);
                visit.exited(output);
                return new Step(catcher.next(), output);
            }
        }
    }

    /** One attempt of a state that may be retried. */
    @FunctionalInterface
    interface Attempt {
        Step run(RetryPolicy.Attempts attempts);
    }
}
