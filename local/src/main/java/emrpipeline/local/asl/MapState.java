package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Inline Map: runs the ItemProcessor (or legacy Iterator) once per item of the array ItemsPath
 * selects in the effective input; each iteration's input is the item or, with ItemSelector (or
 * legacy Parameters), the selector evaluated on the effective input with
 * {@code $$.Map.Item.Index/Value}. The result is the array of iteration outputs in item order.
 *
 * <p>MaxConcurrency is honoured in virtual time without threads: iterations run one after another,
 * each on its own clock starting when a slot is free (all at once for 0, strictly one after the
 * other for 1). When an iteration fails the state fails with its error; iterations that had
 * started by then are recorded as aborted and later ones are not started.
 */
final class MapState extends RetryableState {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "QueryLanguage", "Next", "End", "InputPath",
            "OutputPath", "ItemsPath", "ItemSelector", "Parameters", "ResultSelector", "ResultPath", "ItemProcessor",
            "Iterator", "MaxConcurrency", "MaxConcurrencyPath", "Retry", "Catch", "Label");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    private final IoProcessing io;
    private final String itemsPath;
    private final PayloadTemplate itemSelector;
    private final StateGraph processor;
    private final Long maxConcurrency;
    private final String maxConcurrencyPath;

    private MapState(String name, String next, String location, IoProcessing io, String itemsPath,
                     PayloadTemplate itemSelector, StateGraph processor, Long maxConcurrency, String maxConcurrencyPath,
                     RetryPolicy retry, List<Catcher> catchers) {
        super(name, next, location, retry, catchers);
        this.io = io;
        this.itemsPath = itemsPath;
        this.itemSelector = itemSelector;
        this.processor = processor;
        this.maxConcurrency = maxConcurrency;
        this.maxConcurrencyPath = maxConcurrencyPath;
    }

    static MapState parse(String name, JsonNode node, String location, StateGraph.Parser parser) {
        List<String> problems = parser.problems();
        StateParsing.checkFields(node, FIELDS, location, problems);
        StateParsing.exclusive(node, "ItemSelector", "Parameters", location, problems);
        StateParsing.exclusive(node, "ItemProcessor", "Iterator", location, problems);
        StateParsing.exclusive(node, "MaxConcurrency", "MaxConcurrencyPath", location, problems);
        String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processorNode = node.get(processorField);
        StateGraph processor = null;
        if (processorNode == null || !processorNode.isObject()) {
            problems.add("These fields are required: [ItemProcessor] at " + location);
        } else {
            String at = location + "/" + processorField;
            StateParsing.checkFields(processorNode, PROCESSOR_FIELDS, at, problems);
            JsonNode config = processorNode.get("ProcessorConfig");
            if (config != null) {
                String mode = config.path("Mode").asText("INLINE");
                if (!mode.equals("INLINE")) {
                    problems.add("Distributed Map (ProcessorConfig.Mode " + mode
                            + ") is not supported by the offline interpreter at " + at + "/ProcessorConfig");
                }
            }
            processor = parser.graph(processorNode, at);
        }
        String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
        PayloadTemplate selector = StateParsing.template(node, selectorField, location, problems);
        Long maxConcurrency = null;
        if (node.has("MaxConcurrency")) {
            JsonNode m = node.get("MaxConcurrency");
            if (!Json.isIntegral(m) || m.asLong() < 0) {
                problems.add("The value of MaxConcurrency must be a non-negative integer at " + location + "/MaxConcurrency");
            } else {
                maxConcurrency = m.asLong();
            }
        }
        String itemsPath = StateParsing.referencePath(node, "ItemsPath", location, problems);
        IoProcessing io = new IoProcessing(StateParsing.path(node, "InputPath", location, problems), null,
                StateParsing.template(node, "ResultSelector", location, problems),
                StateParsing.resultPath(node, location, problems), StateParsing.path(node, "OutputPath", location, problems));
        return new MapState(name, StateParsing.next(node, location, problems), location, io, itemsPath, selector,
                processor, maxConcurrency, StateParsing.referencePath(node, "MaxConcurrencyPath", location, problems),
                RetryPolicy.parse(node.get("Retry"), location + "/Retry", problems),
                Catcher.parse(node.get("Catch"), location + "/Catch", problems));
    }

    @Override
    String type() {
        return "Map";
    }

    @Override
    Step attempt(StateRun run, RetryPolicy.Attempts attempts) {
        Execution execution = run.execution;
        Strand strand = run.strand;
        JsonNode context = run.context(attempts.retryCount());
        JsonNode effective = io.selectInput(run.input, context);
        JsonNode items = itemsPath == null ? effective : read(itemsPath, effective, context);
        if (!items.isArray()) {
            throw StatesError.runtime("Invalid path '" + (itemsPath == null ? "$" : itemsPath)
                    + "' : the value of ItemsPath must be a JSON array, not " + Json.typeName(items));
        }
        long concurrency = maxConcurrency != null ? maxConcurrency : resolveConcurrency(effective, context);

        ObjectNode length = ExecutionHistory.details();
        length.put("length", items.size());
        ExecutionHistory.Event started = run.event("MapStateStarted", "mapStateStartedEventDetails", length);
        Instant t0 = strand.clock.now();
        PriorityQueue<Instant> busyUntil = new PriorityQueue<>();
        ArrayNode results = Json.NODES.arrayNode();
        Strand latest = null;
        List<Ran> ran = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Instant startAt = concurrency == 0 || busyUntil.size() < concurrency ? t0 : busyUntil.poll();
            Strand it = new Strand(new VirtualClock(startAt), started);
            int from = execution.history.mark();
            ExecutionHistory.Event iterationStarted =
                    execution.event(it, "MapIterationStarted", "mapIterationStartedEventDetails", iteration(i));
            try {
                JsonNode item = items.get(i);
                JsonNode itemInput = itemSelector == null ? item.deepCopy()
                        : itemSelector.evaluate(effective, ContextObject.withMapItem(context, i, item), run.random());
                results.add(execution.runGraph(processor, itemInput, it));
            } catch (StatesError e) {
                execution.event(it, "MapIterationFailed", "mapIterationFailedEventDetails", iteration(i));
                abortRunning(execution, ran, it.clock.now());
                abortStarted(execution, started, i + 1, items.size(), concurrency, t0, busyUntil, it.clock.now());
                strand.clock.advanceTo(it.clock.now());
                strand.last = it.last;
                run.event("MapStateFailed", null, null);
                throw e;
            }
            execution.event(it, "MapIterationSucceeded", "mapIterationSucceededEventDetails", iteration(i));
            ran.add(new Ran(i, from, execution.history.mark(), iterationStarted, it.clock.now()));
            busyUntil.add(it.clock.now());
            if (latest == null || !it.clock.now().isBefore(latest.clock.now())) {
                latest = it;
            }
        }
        if (latest != null) {
            strand.clock.advanceTo(latest.clock.now());
            strand.last = latest.last;
        }
        run.event("MapStateSucceeded", null, null);
        JsonNode result = io.selectResult(results, context, run.random());
        JsonNode output = io.output(run.input, result, context);
        run.exited(output);
        return new Step(next, output);
    }

    /** An iteration that ran to its end: its index, its events' marks, its first event and end time. */
    private record Ran(int index, int from, int to, ExecutionHistory.Event started, Instant end) {
    }

    /**
     * Iterations run before the failing one but still running (in virtual time) when it failed:
     * what they did after the failure is dropped from the history and they are recorded aborted.
     */
    private void abortRunning(Execution execution, List<Ran> ran, Instant failedAt) {
        List<Ran> aborted = new ArrayList<>();
        for (int k = ran.size() - 1; k >= 0; k--) {
            Ran r = ran.get(k);
            if (r.end().isAfter(failedAt)) {
                execution.history.dropAfter(r.from(), r.to(), failedAt);
                aborted.add(0, r);
            }
        }
        for (Ran r : aborted) {
            Strand strand = new Strand(new VirtualClock(failedAt), r.started());
            execution.event(strand, "MapIterationAborted", "mapIterationAbortedEventDetails", iteration(r.index()));
        }
    }

    /** Iterations that would have been running when one failed are aborted; later ones never start. */
    private void abortStarted(Execution execution, ExecutionHistory.Event started, int from, int count,
                              long concurrency, Instant t0, PriorityQueue<Instant> busyUntil, Instant failedAt) {
        for (int j = from; j < count; j++) {
            Instant startAt = concurrency == 0 || busyUntil.size() < concurrency - 1 ? t0 : busyUntil.poll();
            if (startAt == null || startAt.isAfter(failedAt)) {
                return;
            }
            Strand aborted = new Strand(new VirtualClock(startAt), started);
            execution.event(aborted, "MapIterationStarted", "mapIterationStartedEventDetails", iteration(j));
            aborted.clock.advanceTo(failedAt);
            execution.event(aborted, "MapIterationAborted", "mapIterationAbortedEventDetails", iteration(j));
        }
    }

    private ObjectNode iteration(int index) {
        ObjectNode details = ExecutionHistory.details();
        details.put("index", index);
        details.put("name", name);
        return details;
    }

    private long resolveConcurrency(JsonNode effective, JsonNode context) {
        if (maxConcurrencyPath == null) {
            return 0;
        }
        JsonNode v = read(maxConcurrencyPath, effective, context);
        if (!Json.isIntegral(v) || v.asLong() < 0) {
            throw StatesError.runtime("The MaxConcurrencyPath parameter does not reference a valid non-negative integer: "
                    + Json.write(v));
        }
        return v.asLong();
    }

    private static JsonNode read(String path, JsonNode input, JsonNode context) {
        try {
            return JsonPaths.read(path, input, context);
        } catch (JsonPaths.NoMatch e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }
}
