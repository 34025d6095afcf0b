package emrpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.TaskCall;
import emrpipeline.local.asl.TaskInvoker;
import emrpipeline.local.asl.TaskOutcome;
import emrpipeline.local.aws.EmrIntegration;
import emrpipeline.local.aws.LocalSns;
import emrpipeline.local.lambda.LambdaIntegration;
import emrpipeline.local.lambda.LocalFunctions;
import emrpipeline.local.lambda.SamTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state machine's Task states, offline: injected faults first, then by resource to the Lambda integration
 * (the real handlers), the EMR integration (in-memory EMR) or SNS (recorded). Every attempt is recorded.
 */
public final class PipelineTasks implements TaskInvoker {

    /**
     * One task attempt: what was called and what came of it ({@code injected}: the fault that replaced the call;
     * {@code lambda}: the function invocation made, for Lambda tasks that reached their function).
     */
    public record Attempt(String stateName, int attempt, Instant start, Duration took, Long timeoutSeconds, String resource,
                          String function, JsonNode parameters, TaskOutcome outcome, Fault injected,
                          LambdaIntegration.Call lambda) {
        /** True when the attempt outlasted the state's TimeoutSeconds (the interpreter reports States.Timeout). */
        public boolean timedOut() {
            return timeoutSeconds != null && took.compareTo(Duration.ofSeconds(timeoutSeconds)) > 0;
        }

        public boolean failed() {
            return outcome instanceof TaskOutcome.Failure;
        }

        public TaskOutcome.Failure failure() {
            return (TaskOutcome.Failure) outcome;
        }
    }

    private final LambdaIntegration lambda;
    private final EmrIntegration emr;
    private final LocalSns sns;
    private final LocalFunctions functions;
    private final List<Fault> faults;
    private final List<Attempt> attempts = new ArrayList<>();
    private LambdaIntegration.Call lastLambdaCall;

    PipelineTasks(LocalFunctions functions, Supplier<UUID> ids, EmrIntegration emr, LocalSns sns, List<Fault> faults,
                  Consumer<LambdaIntegration.Call> listener) {
        this.lambda = new LambdaIntegration(functions, ids, call -> {
            lastLambdaCall = call;
            listener.accept(call);
        });
        this.emr = emr;
        this.sns = sns;
        this.functions = functions;
        this.faults = List.copyOf(faults);
    }

    @Override
    public TaskOutcome invoke(TaskCall call) {
        String function = functionOf(call).orElse(null);
        Fault fault = matchingFault(call, function);
        lastLambdaCall = null;
        TaskOutcome outcome;
        if (fault != null) {
            outcome = TaskOutcome.failure(fault.error(), fault.causeOrDefault());
        } else if (LambdaIntegration.handles(call.resource())) {
            outcome = lambda.invoke(call);
        } else if (EmrIntegration.handles(call.resource())) {
            outcome = emr.invoke(call);
        } else if (call.resource().startsWith("arn:aws:states:::sns:")) {
            outcome = sns.invoke(call);
        } else {
            outcome = TaskOutcome.failure("States.Runtime", "The offline runner does not implement the resource "
                    + call.resource());
        }
        synchronized (attempts) {
            attempts.add(new Attempt(call.stateName(), call.attempt(), call.startTime(), outcome.duration(),
                    call.timeoutSeconds(), call.resource(),
                    function, call.parameters(), outcome, fault, lastLambdaCall));
        }
        return outcome;
    }

    List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** The logical id of the function a Lambda task calls. */
    private Optional<String> functionOf(TaskCall call) {
        if (!LambdaIntegration.handles(call.resource())) {
            return Optional.empty();
        }
        String name = call.resource().equals(LambdaIntegration.INVOKE)
                ? call.parameters().path("FunctionName").asText(null) : call.resource();
        return functions.find(name).map(SamTemplate.FunctionDefinition::logicalId);
    }

    private Fault matchingFault(TaskCall call, String function) {
        for (Fault fault : faults) {
            if (!fault.appliesTo(call.attempt())) {
                continue;
            }
            String target = fault.target();
            boolean matches = target.equals(call.stateName()) || target.equals(call.resource());
            if (!matches && function != null) {
                matches = functions.find(target).map(f -> f.logicalId().equals(function)).orElse(false);
            }
            if (matches) {
                return fault;
            }
        }
        return null;
    }
}
