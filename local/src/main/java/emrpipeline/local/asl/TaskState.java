package emrpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Task: hands the effective input to the {@link TaskInvoker} once per attempt and applies
 * ResultSelector, ResultPath and OutputPath to what it returns. A task error
 * without a cause reaches Retry and Catch with {@code "Cause": ""}, as the service binds it. A
 * {@code .sync} integration whose invoker reports the submitted call's answer also emits
 * {@code TaskSubmitted} between {@code TaskStarted} and the outcome. An attempt whose virtual duration
 * exceeds TimeoutSeconds (or TimeoutSecondsPath) fails with {@code States.Timeout} at the
 * deadline; without either there is no timeout (the service's default is 99999999 s, the
 * specification's 60 s is not what the service does). HeartbeatSeconds is validated and ignored:
 * an invoker reports a whole attempt at once, so there are no heartbeats to miss.
 */
final class TaskState extends RetryableState {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "QueryLanguage", "Next", "End", "InputPath",
            "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Resource", "TimeoutSeconds",
            "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "Credentials");
    private static final long MAX_TIMEOUT = 99_999_999L;

    private final TaskResource resource;
    private final IoProcessing io;
    private final Long timeoutSeconds;
    private final String timeoutSecondsPath;

    private TaskState(String name, String next, String location, TaskResource resource, IoProcessing io,
                      Long timeoutSeconds, String timeoutSecondsPath, RetryPolicy retry, List<Catcher> catchers) {
        super(name, next, location, retry, catchers);
        this.resource = resource;
        this.io = io;
        this.timeoutSeconds = timeoutSeconds;
        this.timeoutSecondsPath = timeoutSecondsPath;
    }

    static TaskState parse(String name, JsonNode node, String location, List<String> problems) {
        StateParsing.checkFields(node, FIELDS, location, problems);
        JsonNode r = node.get("Resource");
        TaskResource resource = null;
        if (r == null || !r.isTextual()) {
            problems.add("These fields are required: [Resource] at " + location);
        } else {
            resource = TaskResource.parse(r.textValue());
            if (resource == null) {
                problems.add("The value of Resource must be an ARN at " + location + "/Resource");
            } else if (resource.isCallback()) {
                problems.add("callback tasks (.waitForTaskToken, $$.Task.Token) are not supported by the offline"
                        + " interpreter at " + location + "/Resource");
            } else if (resource.isActivity()) {
                problems.add("activities are not supported by the offline interpreter at " + location + "/Resource");
            }
        }
        StateParsing.exclusive(node, "TimeoutSeconds", "TimeoutSecondsPath", location, problems);
        StateParsing.exclusive(node, "HeartbeatSeconds", "HeartbeatSecondsPath", location, problems);
        Long timeout = StateParsing.positive(node, "TimeoutSeconds", MAX_TIMEOUT, location, problems);
        Long heartbeat = StateParsing.positive(node, "HeartbeatSeconds", MAX_TIMEOUT, location, problems);
        if (timeout != null && heartbeat != null && heartbeat >= timeout) {
            problems.add("HeartbeatSeconds must be smaller than TimeoutSeconds at " + location + "/HeartbeatSeconds");
        }
        StateParsing.referencePath(node, "HeartbeatSecondsPath", location, problems);
        return new TaskState(name, StateParsing.next(node, location, problems), location, resource,
                IoProcessing.parse(node, location, true, true, true, problems), timeout,
                StateParsing.referencePath(node, "TimeoutSecondsPath", location, problems),
                RetryPolicy.parse(node.get("Retry"), location + "/Retry", problems),
                Catcher.parse(node.get("Catch"), location + "/Catch", problems));
    }

    @Override
    String type() {
        return "Task";
    }

    @Override
    Step attempt(StateRun run, RetryPolicy.Attempts attempts) {
        Execution execution = run.execution;
        Strand strand = run.strand;
        JsonNode context = run.context(attempts.retryCount());
        JsonNode selected = io.selectInput(run.input, context);
        JsonNode effective = io.hasParameters() ? io.effectiveInput(run.input, context, run.random()) : selected;
        Long timeout = timeoutSeconds != null ? timeoutSeconds : resolveTimeout(selected, context);
        Instant start = strand.clock.now();
        Instant deadline = timeout == null ? null : start.plusSeconds(timeout);

        scheduled(run, effective, timeout);
        run.event(prefix() + "Started", resource.lambdaFunction() ? null : "taskStartedEventDetails",
                resource.lambdaFunction() ? null : resourceDetails());

        TaskCall call = new TaskCall(name, resource.arn(), effective.deepCopy(), attempts.retryCount() + 1, start, timeout,
                deadline, strand.clock, context);
        TaskOutcome outcome;
        try {
            outcome = execution.invoker.invoke(call);
            if (outcome == null) {
                throw new IllegalStateException("the TaskInvoker returned no outcome for state '" + name + "'");
            }
        } catch (RuntimeException e) {
            outcome = TaskOutcome.failure(e.getClass().getName(), e.getMessage());
        }
        if (outcome.submitted() != null && !resource.lambdaFunction()) {
            // A .sync integration's call was answered: the service records the answer, then waits for the outcome.
            run.event("TaskSubmitted", "taskSubmittedEventDetails",
                    ExecutionHistory.withPayload(resourceDetails(), "output", outcome.submitted()));
        }
        Instant finished = strand.clock.now().plus(outcome.duration());
        if (deadline != null && finished.isAfter(deadline)) {
            execution.sleepUntil(strand, deadline);
            ObjectNode details = detailsWithResource();
            details.put("error", StatesError.TIMEOUT);
            run.event(prefix() + "TimedOut", detailsKey("TimedOut"), details);
            throw new StatesError(StatesError.TIMEOUT, "");
        }
        execution.sleepUntil(strand, finished);
        if (outcome instanceof TaskOutcome.Failure failure) {
            ObjectNode details = detailsWithResource();
            details.put("error", failure.error());
            if (failure.cause() != null) {
                details.put("cause", failure.cause());
            }
            run.event(prefix() + "Failed", detailsKey("Failed"), details);
            throw new StatesError(failure.error(), failure.cause() == null ? "" : failure.cause());
        }
        JsonNode raw = ((TaskOutcome.Success) outcome).output();
        run.event(prefix() + "Succeeded", detailsKey("Succeeded"),
                ExecutionHistory.withPayload(detailsWithResource(), "output", raw));
        JsonNode result = io.selectResult(raw, context, run.random());
        JsonNode stateOutput = io.output(run.input, result, context);
        run.exited(stateOutput);
        return new Step(next, stateOutput);
    }

    private Long resolveTimeout(JsonNode selected, JsonNode context) {
        if (timeoutSecondsPath == null) {
            return null;
        }
        JsonNode v;
        try {
            v = JsonPaths.read(timeoutSecondsPath, selected, context);
        } catch (JsonPaths.NoMatch e) {
            throw StatesError.runtime("Invalid path '" + timeoutSecondsPath + "' : " + e.getMessage());
        }
        if (!Json.isIntegral(v) || v.asLong() < 1 || v.asLong() > MAX_TIMEOUT) {
            throw StatesError.runtime("The TimeoutSecondsPath parameter does not reference a valid positive integer: "
                    + Json.write(v));
        }
        return v.asLong();
    }

    private void scheduled(StateRun run, JsonNode effective, Long timeout) {
        ObjectNode details = ExecutionHistory.details();
        if (resource.lambdaFunction()) {
            details.put("resource", resource.arn());
            ExecutionHistory.withPayload(details, "input", effective);
            if (timeout != null) {
                details.put("timeoutInSeconds", timeout);
            }
            run.event("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details);
            return;
        }
        details.put("resourceType", resource.resourceType());
        details.put("resource", resource.resource());
        details.put("region", run.execution.region);
        details.put("parameters", Json.write(effective));
        if (timeout != null) {
            details.put("timeoutInSeconds", timeout);
        }
        run.event("TaskScheduled", "taskScheduledEventDetails", details);
    }

    private String prefix() {
        return resource.lambdaFunction() ? "LambdaFunction" : "Task";
    }

    /** e.g. taskFailedEventDetails / lambdaFunctionFailedEventDetails. */
    private String detailsKey(String outcome) {
        return (resource.lambdaFunction() ? "lambdaFunction" : "task") + outcome + "EventDetails";
    }

    private ObjectNode resourceDetails() {
        ObjectNode details = ExecutionHistory.details();
        details.put("resourceType", resource.resourceType());
        details.put("resource", resource.resource());
        return details;
    }

    private ObjectNode detailsWithResource() {
        return resource.lambdaFunction() ? ExecutionHistory.details() : resourceDetails();
    }
}
