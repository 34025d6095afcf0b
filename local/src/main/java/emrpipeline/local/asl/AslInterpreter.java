package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;

/**
 * Runs a {@link StateMachine} the way Step Functions does, on a {@link VirtualClock}: Task states
 * go to a {@link TaskInvoker}; Wait states, retry intervals and task durations move the clock and
 * nothing sleeps. The result carries the output or the error, and the execution history in the
 * shape of {@code GetExecutionHistory}.
 *
 * <pre>{@code
 * StateMachine machine = StateMachine.parse(Files.readString(Path.of("statemachine/pipeline.asl.json")));
 * ExecutionResult result = new AslInterpreter(machine, call -> TaskOutcome.success(...))
 *         .run(Json.parse("{}"), ExecutionContext.of("pipeline", "run-1", Instant.parse("2024-01-01T06:00:00Z")));
 * result.history().write(Path.of("history.json"));
 * }</pre>
 */
public final class AslInterpreter {
    private final StateMachine machine;
    private final TaskInvoker invoker;
    private Random random = new Random();

    public AslInterpreter(StateMachine machine, TaskInvoker invoker) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
    }

    /** The random source of JitterStrategy FULL, States.MathRandom and States.UUID (seed it in tests). */
    public AslInterpreter withRandom(Random random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    public ExecutionResult run(String inputJson, ExecutionContext context) {
        return run(inputJson == null || inputJson.isBlank() ? Json.object() : Json.parse(inputJson), context);
    }

    public ExecutionResult run(JsonNode input, ExecutionContext context) {
        return run(input, context, new VirtualClock(context.startTime()));
    }

    /** Runs on the given clock, which must read the context's start time (fakes may share it). */
    public ExecutionResult run(JsonNode input, ExecutionContext context, VirtualClock clock) {
        return run(input, context, clock, null);
    }

    /**
     * Runs on the given clock; {@code stopAt} (may be null) is when StopExecution stops it: the execution ends
     * ABORTED there, without Catch, as the service does
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html).
     */
    public ExecutionResult run(JsonNode input, ExecutionContext context, VirtualClock clock, Instant stopAt) {
        JsonNode in = input == null ? Json.object() : input;
        if (!clock.now().equals(context.startTime())) {
            throw new IllegalArgumentException("the clock reads " + clock.now() + ", the execution starts at "
                    + context.startTime());
        }
        Instant start = context.startTime();
        Instant deadline = machine.timeoutSeconds() == null ? null : start.plusSeconds(machine.timeoutSeconds());
        Execution execution = new Execution(invoker, random, ContextObject.base(context, in), deadline, context.region());
        execution.stopAt = stopAt;
        Strand top = new Strand(clock, null);

        ObjectNode started = ExecutionHistory.details();
        ExecutionHistory.withPayload(started, "input", in);
        started.put("roleArn", context.roleArn());
        execution.history.add("ExecutionStarted", start, null, "executionStartedEventDetails", started);

        try {
            JsonNode output = execution.runGraph(machine.graph(), in, top);
            ObjectNode details = ExecutionHistory.withPayload(ExecutionHistory.details(), "output", output);
            execution.history.add("ExecutionSucceeded", clock.now(), top.last, "executionSucceededEventDetails", details);
            return new ExecutionResult(ExecutionResult.Status.SUCCEEDED, output, null, null, execution.history, start,
                    clock.now());
        } catch (StatesError e) {
            ObjectNode details = ExecutionHistory.details();
            if (e.error() != null) {
                details.put("error", e.error());
            }
            if (e.cause() != null) {
                details.put("cause", e.cause());
            }
            Instant stop = latest(clock.now(), top);
            clock.advanceTo(stop);
            execution.history.add("ExecutionFailed", stop, top.last, "executionFailedEventDetails", details);
            return new ExecutionResult(ExecutionResult.Status.FAILED, null, e.error(), e.cause(), execution.history,
                    start, stop);
        } catch (ExecutionStopped s) {
            clock.advanceTo(stopAt);
            execution.history.dropAfter(stopAt);
            ExecutionHistory.Event last = top.last != null && !top.last.timestamp().isAfter(stopAt) ? top.last : null;
            execution.history.add("ExecutionAborted", stopAt, last, "executionAbortedEventDetails", ExecutionHistory.details());
            return new ExecutionResult(ExecutionResult.Status.ABORTED, null, null, null, execution.history, start, stopAt);
        } catch (ExecutionTimeout t) {
            clock.advanceTo(deadline);
            execution.history.dropAfter(deadline);
            ObjectNode details = ExecutionHistory.details();
            details.put("error", StatesError.TIMEOUT);
            details.put("cause", "The execution ran longer than the state machine's TimeoutSeconds ("
                    + machine.timeoutSeconds() + ")");
            ExecutionHistory.Event last = top.last != null && !top.last.timestamp().isAfter(deadline) ? top.last : null;
            execution.history.add("ExecutionTimedOut", deadline, last, "executionTimedOutEventDetails", details);
            return new ExecutionResult(ExecutionResult.Status.TIMED_OUT, null, StatesError.TIMEOUT,
                    details.get("cause").asText(), execution.history, start, deadline);
        }
    }

    private static Instant latest(Instant now, Strand top) {
        return top.last != null && top.last.timestamp().isAfter(now) ? top.last.timestamp() : now;
    }
}
