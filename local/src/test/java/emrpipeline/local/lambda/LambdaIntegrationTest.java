package emrpipeline.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskCall;
import emrpipeline.local.asl.TaskOutcome;
import emrpipeline.local.asl.VirtualClock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** lambda:invoke for what is not a function of the template, or not a synchronous invoke. */
class LambdaIntegrationTest {
    private final LambdaIntegration lambda = new LambdaIntegration(
            new LocalFunctions(SamTemplateTest.templateForTests(), new FunctionServices(null, null, null, null, null, null), Map.of()),
            () -> new UUID(1, 1), call -> { });

    private TaskOutcome invoke(String parameters) {
        Instant at = Instant.parse("2026-11-22T06:00:00Z");
        return lambda.invoke(new TaskCall("T", LambdaIntegration.INVOKE, Json.parse(parameters.replace('\'', '"')), 1, at, 60L,
                at.plusSeconds(60), new VirtualClock(at), Json.object()));
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        TaskOutcome.Failure f = (TaskOutcome.Failure) invoke(
                "{'FunctionName':'arn:aws:lambda:us-east-1:123456789012:function:nope','Payload':{}}");
        assertEquals("Lambda.ResourceNotFoundException", f.error());
        assertTrue(f.cause().startsWith("Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"), f.cause());
    }

    @Test
    void onlySynchronousInvokesAndKnownParametersAreAccepted() {
        assertEquals("States.Runtime", ((TaskOutcome.Failure) invoke(
                "{'FunctionName':'StorageSizingFunction','InvocationType':'Event'}")).error());
        assertEquals("States.Runtime", ((TaskOutcome.Failure) invoke("{'FunctionName':'StorageSizingFunction','Payload.x':1}")).error());
    }

    @Test
    void functionsAreFoundByLogicalIdNameOrArn() {
        LocalFunctions functions = new LocalFunctions(SamTemplateTest.templateForTests(),
                new FunctionServices(null, null, null, null, null, null), Map.of("StorageSizingFunction", Map.of("MIN_GIB", "40")));
        SamTemplate.FunctionDefinition f = functions.find("StorageSizingFunction").orElseThrow();
        assertEquals(f, functions.find("emr-pipeline-StorageSizingFunction").orElseThrow());
        assertEquals(f, functions.find(f.arn() + ":$LATEST").orElseThrow());
        assertEquals(f, functions.find(f.aliasArn()).orElseThrow(), "the SnapStart alias");
        assertEquals(f, functions.find(f.functionName() + ":live").orElseThrow());
        assertEquals("1", functions.executedVersion(f.aliasArn()), "the alias runs the published version");
        assertEquals("$LATEST", functions.executedVersion(f.arn()));
        assertTrue(functions.find(f.arn() + ":other").isEmpty(), "an alias the template does not define");
        Map<String, String> env = functions.environment(f);
        assertEquals("40", env.get("MIN_GIB"), "overrides win over template.yaml");
        assertEquals("us-east-1", env.get("AWS_REGION"));
        assertEquals("emr-pipeline-StorageSizingFunction", env.get("AWS_LAMBDA_FUNCTION_NAME"));
    }
}
