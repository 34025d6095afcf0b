package emrpipeline.local.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** Test support: run definitions with a scripted TaskInvoker and compare JSON. */
final class Asl {
    static final Instant START = Instant.parse("2024-01-01T06:00:00Z");
    static final ExecutionContext CONTEXT = ExecutionContext.of("pipeline", "run-1", START);

    private Asl() {
    }

    /**
     * JSON from text in which ' stands for " and ` for ' (keeps Java literals readable:
     * {@code "{'x.$': 'States.Format(`a {}`, $.b)'}"}).
     */
    static JsonNode json(String text) {
        return Json.parse(quotes(text));
    }

    static String quotes(String text) {
        return text.replace('\'', '"').replace('`', '\'');
    }

    /** Compares JSON values; numbers compare by value (1 equals 1.0, an int node equals a long node). */
    static void assertJson(String expected, JsonNode actual) {
        JsonNode wanted = json(expected);
        if (actual == null || !Json.sameValue(wanted, actual)) {
            assertEquals(Json.write(wanted), actual == null ? null : Json.write(actual));
        }
    }

    /** A definition with one state named "S" and End: true, from the state's JSON. */
    static String single(String stateJson) {
        return "{'StartAt':'S','States':{'S':" + stateJson + "}}";
    }

    static ExecutionResult run(String definition, String input) {
        return run(definition, input, new Script());
    }

    static ExecutionResult run(String definition, String input, TaskInvoker invoker) {
        return new AslInterpreter(StateMachine.parse(quotes(definition)), invoker)
                .withRandom(new Random(42)).run(json(input), CONTEXT);
    }

    /** A TaskInvoker answering per state name, in order, and recording every call. */
    static final class Script implements TaskInvoker {
        private final Map<String, Deque<Function<TaskCall, TaskOutcome>>> answers = new HashMap<>();
        private final Map<String, Function<TaskCall, TaskOutcome>> always = new HashMap<>();
        final List<TaskCall> calls = new ArrayList<>();

        Script then(String state, TaskOutcome outcome) {
            answers.computeIfAbsent(state, k -> new ArrayDeque<>()).add(c -> outcome);
            return this;
        }

        Script always(String state, Function<TaskCall, TaskOutcome> answer) {
            always.put(state, answer);
            return this;
        }

        Script succeed(String state, String output) {
            return then(state, TaskOutcome.success(json(output)));
        }

        Script succeed(String state, String output, Duration took) {
            return then(state, TaskOutcome.success(json(output), took));
        }

        Script fail(String state, String error, String cause) {
            return then(state, TaskOutcome.failure(error, cause));
        }

        @Override
        public TaskOutcome invoke(TaskCall call) {
            calls.add(call);
            Deque<Function<TaskCall, TaskOutcome>> queue = answers.get(call.stateName());
            if (queue != null && !queue.isEmpty()) {
                return queue.poll().apply(call);
            }
            Function<TaskCall, TaskOutcome> answer = always.get(call.stateName());
            if (answer != null) {
                return answer.apply(call);
            }
            return TaskOutcome.success(call.parameters());
        }

        List<TaskCall> callsTo(String state) {
            return calls.stream().filter(c -> c.stateName().equals(state)).toList();
        }
    }
}
