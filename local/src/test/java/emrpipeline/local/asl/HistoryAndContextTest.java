package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GetExecutionHistory shape of the history and the context object ($$). */
class HistoryAndContextTest {

    private static JsonNode event(ExecutionResult r, int id) {
        return r.history().toJson().get("events").get(id - 1);
    }

    @Test
    void taskEventsCarryResourceTypeResourceRegionAndJsonStrings() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'FunctionName':'f','Payload.$':'$'},'TimeoutSeconds':5,'End':true}"), "{'a':1}",
                new Asl.Script().succeed("S", "{'StatusCode':200,'Payload':{'b':2}}", Duration.ofMillis(1500)));
        assertJson("{'timestamp':'2024-01-01T06:00:00.000Z','type':'ExecutionStarted','id':1,'previousEventId':0,"
                + "'executionStartedEventDetails':{'input':'{\\'a\\':1}','inputDetails':{'truncated':false},"
                + "'roleArn':'arn:aws:iam::123456789012:role/pipeline-role'}}", event(r, 1));
        assertJson("{'timestamp':'2024-01-01T06:00:00.000Z','type':'TaskStateEntered','id':2,'previousEventId':0,"
                + "'stateEnteredEventDetails':{'name':'S','input':'{\\'a\\':1}','inputDetails':{'truncated':false}}}", event(r, 2));
        assertJson("{'timestamp':'2024-01-01T06:00:00.000Z','type':'TaskScheduled','id':3,'previousEventId':2,"
                + "'taskScheduledEventDetails':{'resourceType':'lambda','resource':'invoke','region':'us-east-1',"
                + "'parameters':'{\\'FunctionName\\':\\'f\\',\\'Payload\\':{\\'a\\':1}}','timeoutInSeconds':5}}", event(r, 3));
        assertJson("{'timestamp':'2024-01-01T06:00:00.000Z','type':'TaskStarted','id':4,'previousEventId':3,"
                + "'taskStartedEventDetails':{'resourceType':'lambda','resource':'invoke'}}", event(r, 4));
        assertJson("{'timestamp':'2024-01-01T06:00:01.500Z','type':'TaskSucceeded','id':5,'previousEventId':4,"
                + "'taskSucceededEventDetails':{'resourceType':'lambda','resource':'invoke',"
                + "'output':'{\\'StatusCode\\':200,\\'Payload\\':{\\'b\\':2}}','outputDetails':{'truncated':false}}}", event(r, 5));
        assertJson("{'timestamp':'2024-01-01T06:00:01.500Z','type':'TaskStateExited','id':6,'previousEventId':5,"
                + "'stateExitedEventDetails':{'name':'S','output':'{\\'StatusCode\\':200,\\'Payload\\':{\\'b\\':2}}',"
                + "'outputDetails':{'truncated':false}}}", event(r, 6));
        assertJson("{'timestamp':'2024-01-01T06:00:01.500Z','type':'ExecutionSucceeded','id':7,'previousEventId':6,"
                + "'executionSucceededEventDetails':{'output':'{\\'StatusCode\\':200,\\'Payload\\':{\\'b\\':2}}',"
                + "'outputDetails':{'truncated':false}}}", event(r, 7));
    }

    @Test
    void syncIntegrationIsSplitIntoResourceTypeAndResource() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Task','Resource':'arn:aws:states:::elasticmapreduce:createCluster.sync',"
                + "'Parameters':{'Name':'c'},'End':true}"), "{}", new Asl.Script().succeed("S", "{'ClusterId':'j-1'}"));
        JsonNode scheduled = event(r, 3).get("taskScheduledEventDetails");
        assertEquals("elasticmapreduce", scheduled.get("resourceType").asText());
        assertEquals("createCluster.sync", scheduled.get("resource").asText());
        assertFalse(scheduled.has("timeoutInSeconds"));
    }

    @Test
    void oneTaskScheduledPerAttemptAndFailuresCarryErrorAndCause() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Retry':[{'ErrorEquals':['Lambda.TooManyRequestsException'],'MaxAttempts':1}],'End':true}"), "{}",
                new Asl.Script().fail("S", "Lambda.TooManyRequestsException", "slow down").fail("S", "Boom", "bang"));
        assertEquals(2, r.history().types().stream().filter("TaskScheduled"::equals).count());
        assertJson("{'resourceType':'lambda','resource':'invoke','error':'Lambda.TooManyRequestsException','cause':'slow down'}",
                event(r, 5).get("taskFailedEventDetails"));
        assertEquals(5, event(r, 6).get("previousEventId").asInt()); // the retry's TaskScheduled follows the failure
        JsonNode failed = event(r, 9);
        assertEquals("ExecutionFailed", failed.get("type").asText());
        assertJson("{'error':'Boom','cause':'bang'}", failed.get("executionFailedEventDetails"));
        assertEquals(8, failed.get("previousEventId").asInt());
    }

    @Test
    void timedOutTaskHasTaskTimedOut() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'TimeoutSeconds':5,'End':true}"), "{}", new Asl.Script().succeed("S", "{}", Duration.ofSeconds(6)));
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskTimedOut",
                "ExecutionFailed"), r.history().types());
        assertJson("{'resourceType':'lambda','resource':'invoke','error':'States.Timeout'}",
                event(r, 5).get("taskTimedOutEventDetails"));
        assertEquals("2024-01-01T06:00:05.000Z", event(r, 5).get("timestamp").asText());
    }

    @Test
    void lambdaFunctionArnsProduceLambdaFunctionEvents() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Task','Resource':'arn:aws:lambda:eu-west-1:123456789012:function:Sizer',"
                + "'End':true}"), "{'x':1}", new Asl.Script().fail("S", "emrpipeline.sizing.InvalidSizingRequestException", "bad"));
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionFailed", "ExecutionFailed"), r.history().types());
        assertJson("{'resource':'arn:aws:lambda:eu-west-1:123456789012:function:Sizer','input':'{\\'x\\':1}',"
                + "'inputDetails':{'truncated':false}}", event(r, 3).get("lambdaFunctionScheduledEventDetails"));
        assertNull(event(r, 4).get("lambdaFunctionStartedEventDetails"));
        assertJson("{'error':'emrpipeline.sizing.InvalidSizingRequestException','cause':'bad'}",
                event(r, 5).get("lambdaFunctionFailedEventDetails"));
    }

    @Test
    void mapAndParallelEventsNameTheirParents() {
        ExecutionResult r = Asl.run("{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'P',"
                + "'States':{'P':{'Type':'Pass','End':true}}},'End':true}}}", "[7]");
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted",
                "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited",
                "ExecutionSucceeded"), r.history().types());
        assertJson("{'length':1}", event(r, 3).get("mapStateStartedEventDetails"));
        assertJson("{'index':0,'name':'M'}", event(r, 4).get("mapIterationStartedEventDetails"));
        assertEquals(3, event(r, 4).get("previousEventId").asInt());
        assertEquals(4, event(r, 5).get("previousEventId").asInt());
        assertEquals(7, event(r, 8).get("previousEventId").asInt());
    }

    @Test
    void mapFailureHistoryInOrder() {
        String def = "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'T','States':{'T':{"
                + "'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true}}},'End':true}}}";
        ExecutionResult r = Asl.run(def, "[1,2,3]", new Asl.Script().succeed("T", "1", Duration.ofSeconds(5))
                .then("T", TaskOutcome.failure("Broken", "item 1", Duration.ofSeconds(2))));
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapIterationStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "MapIterationStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "MapIterationStarted",
                "TaskFailed", "MapIterationFailed", "MapIterationAborted", "MapIterationAborted", "MapStateFailed",
                "ExecutionFailed"), r.history().types());
        assertEquals(Duration.ofSeconds(2), r.duration());
    }

    @Test
    void idsFollowTimeOrderAndPreviousEventIdsPointBackwards() {
        ExecutionResult r = Asl.run("{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
                + "{'StartAt':'W1','States':{'W1':{'Type':'Wait','Seconds':20,'End':true}}},"
                + "{'StartAt':'W2','States':{'W2':{'Type':'Wait','Seconds':10,'End':true}}}],'End':true}}}", "{}");
        List<ExecutionHistory.Event> events = r.history().events();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).id());
            assertTrue(events.get(i).previousEventId() < events.get(i).id());
            assertTrue(i == 0 || !events.get(i).timestamp().isBefore(events.get(i - 1).timestamp()));
        }
        assertEquals("W2", events.stream().filter(e -> e.type().equals("WaitStateExited")).findFirst()
                .orElseThrow().details().get("name").asText());
    }

    @Test
    void historyIsWrittenAsJson(@TempDir Path dir) throws Exception {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Pass','End':true}"), "{}");
        Path file = dir.resolve("history.json");
        r.history().write(file);
        JsonNode written = Json.parse(Files.readString(file));
        assertEquals(4, written.get("events").size());
        assertEquals("PassStateExited", written.get("events").get(2).get("type").asText());
    }

    @Test
    void contextObjectOfATaskState() {
        Asl.Script script = new Asl.Script();
        Asl.run(Asl.single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'ctx.$':'$$'},"
                + "'End':true}"), "{'in':1}", script);
        assertJson("{'Execution':{'Id':'arn:aws:states:us-east-1:123456789012:execution:pipeline:run-1','Input':{'in':1},"
                + "'StartTime':'2024-01-01T06:00:00.000Z','Name':'run-1',"
                + "'RoleArn':'arn:aws:iam::123456789012:role/pipeline-role','RedriveCount':0},"
                + "'StateMachine':{'Id':'arn:aws:states:us-east-1:123456789012:stateMachine:pipeline','Name':'pipeline'},"
                + "'State':{'Name':'S','EnteredTime':'2024-01-01T06:00:00.000Z','RetryCount':0}}",
                script.calls.get(0).parameters().get("ctx"));
    }

    @Test
    void contextObjectOfAPassStateHasNoRetryCount() {
        ExecutionResult r = Asl.run("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':30,'Next':'S'},"
                + "'S':{'Type':'Pass','Parameters':{'state.$':'$$.State'},'End':true}}}", "{}");
        assertJson("{'state':{'Name':'S','EnteredTime':'2024-01-01T06:00:30.000Z'}}", r.output());
    }

    @Test
    void executionContextDerivesRegionAndMachineName() {
        ExecutionContext ctx = new ExecutionContext("arn:aws:states:eu-west-1:1:execution:m:e", "e",
                "arn:aws:states:eu-west-1:1:stateMachine:m", "arn:aws:iam::1:role/r", Asl.START);
        assertEquals("eu-west-1", ctx.region());
        assertEquals("m", ctx.stateMachineName());
    }
    @Test
    void aSyncTaskRecordsTheSubmittedCallsAnswerBetweenStartedAndTheOutcome() {
        // GetExecutionHistory's TaskSubmitted (taskSubmittedEventDetails: resourceType, resource, output) for .sync
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Task','Resource':'arn:aws:states:::elasticmapreduce:addStep.sync',"
                + "'Parameters':{'ClusterId':'j-1','Step':{}},'End':true}"), "{}",
                new Asl.Script().then("S", TaskOutcome.failure("States.TaskFailed", "{}", Duration.ofMinutes(3))
                        .afterSubmission(Asl.json("{'StepId':'s-1'}"))));
        List<String> types = r.history().types();
        assertEquals(List.of("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskFailed"),
                types.subList(types.indexOf("TaskScheduled"), types.indexOf("TaskFailed") + 1));
        JsonNode submitted = event(r, types.indexOf("TaskSubmitted") + 1);
        assertJson("{'resourceType':'elasticmapreduce','resource':'addStep.sync','output':'{\\'StepId\\':\\'s-1\\'}',"
                + "'outputDetails':{'truncated':false}}", submitted.get("taskSubmittedEventDetails"));
        assertEquals("2024-01-01T06:00:00.000Z", submitted.get("timestamp").asText(), "submitted when the call was answered");

        ExecutionResult plain = Asl.run(Asl.single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'FunctionName':'f'},'End':true}"), "{}");
        assertFalse(plain.history().types().contains("TaskSubmitted"), "a request-response task submits nothing");
    }
}
