package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Transient errors are retried with backoff and jitter, nothing blindly; every task has a time limit. */
class RetryAndTimeoutTest {
    /** The Lambda service errors Step Functions' documentation advises retrying. */
    private static final Set<String> LAMBDA_TRANSIENT = Set.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

    /** The ledger's errors that say "try again": a lost race for the lease item or for the processed index. */
    private static final Set<String> LEDGER_RETRYABLE = Set.of("emrpipeline.ledger.LeaseContentionException",
            "emrpipeline.ledger.IndexCommitConflictException");

    private final PipelineDefinition definition = PipelineDefinition.load(ProjectFiles.DEFINITION);

    @Test
    void noRetrierMatchesStatesAll() {
        definition.states().forEach((name, state) -> state.path("Retry").forEach(retrier -> retrier.path("ErrorEquals")
                .forEach(error -> assertFalse(error.asText().equals("States.ALL"), name + " retries on States.ALL"))));
    }

    @Test
    void everyRetrierBacksOffWithJitter() {
        definition.states().forEach((name, state) -> state.path("Retry").forEach(retrier -> {
            assertTrue(retrier.path("BackoffRate").asDouble(2.0) > 1.0, name + " backs off");
            assertEquals("FULL", retrier.path("JitterStrategy").asText(), name + " spreads retries with full jitter");
            assertTrue(retrier.path("MaxAttempts").asInt(3) <= 6, name + " gives up after a few attempts");
        }));
    }

    @Test
    void theJobAndTheClusterCreationAreNeverRetried() {
        // A retry of createCluster could start a second cluster; a retry of the step would run the job twice.
        assertTrue(definition.state("CreateCluster").path("Retry").isEmpty());
        assertTrue(definition.state("RunJob").path("Retry").isEmpty());
        assertEquals("CONTINUE", definition.state("RunJob").path("Parameters").path("Step").path("ActionOnFailure").asText());
    }

    @Test
    void lambdaTasksRetryTheTransientLambdaErrorsOnly() {
        List<String> wrong = new ArrayList<>();
        definition.states().forEach((name, state) -> {
            if (!"arn:aws:states:::lambda:invoke".equals(state.path("Resource").asText())) {
                return;
            }
            assertFalse(state.path("Retry").isEmpty(), name + " retries transient Lambda errors");
            for (JsonNode retrier : state.path("Retry")) {
                for (JsonNode error : retrier.path("ErrorEquals")) {
                    String name1 = error.asText();
                    if (!LAMBDA_TRANSIENT.contains(name1) && !LEDGER_RETRYABLE.contains(name1)) {
                        wrong.add(name + ": " + name1);
                    }
                }
            }
        });
        assertEquals(List.of(), wrong, "retried errors that are not known to be transient");
    }

    @Test
    void everySyncTaskAndEveryTaskHasATimeLimit() {
        definition.states().forEach((name, state) -> {
            if (!state.path("Type").asText().equals("Task")) {
                return;
            }
            boolean fixed = state.path("TimeoutSeconds").asInt(0) > 0;
            boolean dynamic = state.path("TimeoutSecondsPath").isTextual();
            assertTrue(fixed || dynamic, name + " has TimeoutSeconds");
            if (state.path("Resource").asText().endsWith(".sync") && !fixed) {
                // The job's limit is per run; ValidateExecutionInput bounds it before anything starts.
                assertEquals("$.config.jobTimeoutSeconds", state.path("TimeoutSecondsPath").asText(), name);
            }
        });
        // The job's limit is checked by the run ledger's validate before anything starts (the first state), with the
        // limits of template.yaml's ExecutionLimits; that it fits with room for cleanup: TimeBudgetTest.
        assertEquals("ValidateExecutionInput", definition.startAt());
        assertEquals("validate", definition.request("ValidateExecutionInput").path("Payload").path("action").asText());
    }

    @Test
    void everyLambdaTaskWaitsLongerThanItsFunctionMayRun() {
        // Otherwise Step Functions gives up (States.Timeout) while the function is still working.
        com.fasterxml.jackson.databind.JsonNode template = CloudFormationTemplate.load();
        int globalTimeout = template.at("/Globals/Function/Timeout").asInt(3);
        definition.states().forEach((name, state) -> {
            if (!"arn:aws:states:::lambda:invoke".equals(state.path("Resource").asText())) {
                return;
            }
            String placeholder = definition.request(name).path("FunctionName").asText();
            String function = placeholder.replaceAll("^\\$\\{(\\w+)Arn}$", "$1");
            JsonNode properties = template.path("Resources").path(function).path("Properties");
            assertFalse(properties.isMissingNode(), name + " calls " + placeholder + ", which is not a function of template.yaml");
            int functionTimeout = properties.path("Timeout").asInt(globalTimeout);
            if (name.startsWith("Validate")) {
                // The validation tasks do no listing and write nothing: they answer in well under a minute, and a
                // timeout there starts nothing (the execution fails before BeginRun).
                assertEquals(60, state.path("TimeoutSeconds").asInt(), name);
                return;
            }
            assertTrue(state.path("TimeoutSeconds").asInt() >= functionTimeout + 10,
                    name + " waits " + state.path("TimeoutSeconds").asInt() + " s for " + function + ", which may run " + functionTimeout + " s");
        });
    }
}
