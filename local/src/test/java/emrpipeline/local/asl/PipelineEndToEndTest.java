package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A realistic definition (src/test/resources/pipeline-like.asl.json: Task with Retry and Catch,
 * Choice, Parallel, Map, Wait, .sync EMR tasks, a cleanup path ending in Fail) run end to end
 * with a scripted invoker standing in for Lambda and EMR.
 */
class PipelineEndToEndTest {
    private static final String INPUT = "{'runId':'2024-01-01-daily','alarmMetrics':['IsIdle','AppsFailed','HDFSUtilization']}";

    private static StateMachine machine() throws IOException {
        try (InputStream in = PipelineEndToEndTest.class.getResourceAsStream("/pipeline-like.asl.json")) {
            return StateMachine.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Lambda answers {"Payload": ...} by function name; EMR takes virtual minutes. */
    private static Asl.Script services() {
        return new Asl.Script()
                .always("BeginRun", c -> lambda("{'status':'STARTED'}"))
                .always("SizeStorage", c -> lambda("{'newObjectCount':2,'ebsGib':64,'manifestUri':'s3://b/m/r.json'}"))
                .always("NotifyStarted", c -> lambda("{'notified':true}"))
                .always("CreateCluster", c -> TaskOutcome.success(Asl.json("{'ClusterId':'j-ABC','ClusterArn':'arn:emr'}"),
                        Duration.ofMinutes(8)))
                .always("PutAlarm", c -> TaskOutcome.success(payload(c), Duration.ofSeconds(1)))
                .always("RunJob", c -> TaskOutcome.success(Asl.json("{'Step':{'Status':{'State':'COMPLETED'}}}"),
                        Duration.ofMinutes(45)))
                .always("TerminateCluster", c -> TaskOutcome.success(Asl.json("{}"), Duration.ofMinutes(2)))
                .always("TerminateAfterFailure", c -> TaskOutcome.success(Asl.json("{}"), Duration.ofMinutes(2)))
                .always("CompleteRun", c -> lambda("{'durationSeconds':3500}"))
                .always("MarkFailed", c -> lambda("{'status':'FAILED'}"));
    }

    private static TaskOutcome lambda(String payload) {
        ObjectNode out = Json.object();
        out.put("StatusCode", 200);
        out.set("Payload", Asl.json(payload));
        return TaskOutcome.success(out);
    }

    private static ObjectNode payload(TaskCall c) {
        ObjectNode out = Json.object();
        ObjectNode p = out.putObject("Payload");
        p.put("alarm", c.parameters().at("/Payload/metric").asText() + "-" + c.parameters().at("/Payload/clusterId").asText());
        return out;
    }

    private static ExecutionResult run(Asl.Script script) throws IOException {
        return new AslInterpreter(machine(), script).withRandom(new Random(7)).run(Asl.json(INPUT), Asl.CONTEXT);
    }

    @Test
    void happyPathRunsEveryStepAndRecordsTheHistory() throws IOException {
        Asl.Script script = services();
        ExecutionResult r = run(script);
        assertTrue(r.succeeded(), () -> r.error() + " " + r.cause());
        assertJson("{'runId':'2024-01-01-daily','alarmMetrics':['IsIdle','AppsFailed','HDFSUtilization'],"
                + "'begin':{'status':'STARTED'},'sizing':{'newObjectCount':2,'ebsGib':64,'manifestUri':'s3://b/m/r.json'},"
                + "'cluster':{'clusterId':'j-ABC'},'alarms':[{'alarm':'IsIdle-j-ABC'},{'alarm':'AppsFailed-j-ABC'},"
                + "{'alarm':'HDFSUtilization-j-ABC'}],'completed':{'durationSeconds':3500}}", r.output());
        // 8 min cluster + 2 s of alarms (3 alarms, 2 at a time) + 60 s wait + 45 min job + 2 min terminate
        assertEquals(Duration.ofMinutes(56).plusSeconds(2), r.duration());
        assertJson("{'FunctionName':'RunLedgerFunction','Payload':{'action':'begin','runId':'2024-01-01-daily',"
                + "'executionArn':'arn:aws:states:us-east-1:123456789012:execution:pipeline:run-1','executionName':'run-1'}}",
                script.callsTo("BeginRun").get(0).parameters());
        assertJson("{'Name':'emr-pipeline-2024-01-01-daily','Instances':{'EbsGib':64}}",
                script.callsTo("CreateCluster").get(0).parameters());
        assertJson("['spark-submit','s3://b/m/r.json','2024-01-01-daily']",
                script.callsTo("RunJob").get(0).parameters().at("/Step/HadoopJarStep/Args"));
        assertEquals(List.of(
                "ExecutionStarted",
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",     // BeginRun
                "ChoiceStateEntered", "ChoiceStateExited",                                                 // LeaseTaken?
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",     // SizeStorage
                "ChoiceStateEntered", "ChoiceStateExited",                                                 // AnythingNew?
                "ParallelStateEntered", "ParallelStateStarted",                                             // StartCluster
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",     // NotifyStarted
                "TaskStateEntered", "TaskScheduled", "TaskStarted",                                         // CreateCluster
                "TaskSucceeded", "TaskStateExited",                                                         // ... 8 min later
                "ParallelStateSucceeded", "ParallelStateExited",
                "MapStateEntered", "MapStateStarted",                                                       // CreateAlarms
                "MapIterationStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "MapIterationStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskStateExited", "MapIterationSucceeded",
                "TaskSucceeded", "TaskStateExited", "MapIterationSucceeded",
                "MapIterationStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskStateExited", "MapIterationSucceeded",
                "MapStateSucceeded", "MapStateExited",
                "WaitStateEntered", "WaitStateExited",                                                     // SettleDown
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",     // RunJob
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",     // TerminateCluster
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",     // CompleteRun
                "ExecutionSucceeded"), r.history().types());
    }

    @Test
    void aFailedJobTerminatesTheClusterMarksTheRunFailedAndFailsWithTheOriginalError() throws IOException {
        Asl.Script script = services().fail("RunJob", "States.TaskFailed", "Step failed: spark exited 1");
        ExecutionResult r = run(script);
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("States.TaskFailed", r.error());
        assertEquals("{\"Error\":\"States.TaskFailed\",\"Cause\":\"Step failed: spark exited 1\"}", r.cause());
        assertEquals(1, script.callsTo("TerminateAfterFailure").size());
        assertJson("{'ClusterId':'j-ABC'}", script.callsTo("TerminateAfterFailure").get(0).parameters());
        assertJson("{'action':'finish','status':'FAILED','runId':'2024-01-01-daily','error':{'Error':'States.TaskFailed',"
                + "'Cause':'Step failed: spark exited 1'}}", script.callsTo("MarkFailed").get(0).parameters().get("Payload"));
        assertEquals(0, script.callsTo("TerminateCluster").size());
        assertEquals(0, script.callsTo("CompleteRun").size());
        List<String> types = r.history().types();
        assertEquals(List.of("FailStateEntered", "ExecutionFailed"), types.subList(types.size() - 2, types.size()));
    }

    @Test
    void aSizingFailureNeedsNoClusterTermination() throws IOException {
        Asl.Script script = services().fail("SizeStorage", "emrpipeline.sizing.InvalidSizingRequestException", "runId missing");
        ExecutionResult r = run(script);
        assertEquals("emrpipeline.sizing.InvalidSizingRequestException", r.error());
        assertEquals(0, script.callsTo("TerminateAfterFailure").size());
        assertEquals(1, script.callsTo("MarkFailed").size());
    }

    @Test
    void aClusterThatNeverStartsTimesOutAndIsCleanedUp() throws IOException {
        Asl.Script script = services().succeed("CreateCluster", "{'ClusterId':'j-SLOW'}", Duration.ofHours(2));
        ExecutionResult r = run(script);
        assertEquals("States.Timeout", r.error());
        // a timeout's Error Output has an empty Cause, as the service binds it; the definition passes $.error on
        assertJson("{'Error':'States.Timeout','Cause':''}", script.callsTo("MarkFailed").get(0).parameters().at("/Payload/error"));
        assertTrue(r.history().types().contains("TaskTimedOut"));
    }

    @Test
    void transientLambdaErrorsAreRetriedWithJitter() throws IOException {
        Asl.Script script = services().fail("BeginRun", "Lambda.TooManyRequestsException", "Rate exceeded")
                .fail("BeginRun", "Lambda.ServiceException", "503");
        ExecutionResult r = run(script);
        assertTrue(r.succeeded());
        List<TaskCall> calls = script.callsTo("BeginRun");
        assertEquals(3, calls.size());
        Duration first = Duration.between(calls.get(0).startTime(), calls.get(1).startTime());
        Duration second = Duration.between(calls.get(1).startTime(), calls.get(2).startTime());
        assertTrue(first.compareTo(Duration.ofSeconds(2)) <= 0, first::toString);
        assertTrue(second.compareTo(Duration.ofSeconds(4)) <= 0, second::toString);
    }

    @Test
    void aSkippedRunSucceedsWithoutWork() throws IOException {
        Asl.Script script = services().then("BeginRun", lambda("{'status':'SKIPPED'}"));
        ExecutionResult r = run(script);
        assertTrue(r.succeeded());
        assertEquals(1, script.calls.size());
    }
}
