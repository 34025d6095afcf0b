package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.START;
import static emrpipeline.local.asl.Asl.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retry and Catch, with the specification's and the developer guide's error-handling examples. */
class RetryAndCatchTest {

    private static final String TASK = "'Type':'Task','Resource':'arn:aws:states:::lambda:invoke'";

    /** Instants at which the scripted task was called, as seconds after the start. */
    private static List<Long> attemptSeconds(Asl.Script script, String state) {
        return script.callsTo(state).stream()
                .map(c -> Duration.between(START, c.startTime()).toMillis() / 1000).toList();
    }

    @Test
    void complexRetryScenarioFromTheSpecification() {
        String def = "{'StartAt':'X','States':{'X':{" + TASK + ",'Next':'Y','Retry':["
                + "{'ErrorEquals':['ErrorA','ErrorB'],'IntervalSeconds':1,'BackoffRate':2,'MaxAttempts':2},"
                + "{'ErrorEquals':['ErrorC'],'IntervalSeconds':5}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Z'}]},"
                + "'Y':{'Type':'Succeed'},'Z':{'Type':'Pass','End':true}}}";
        Asl.Script script = new Asl.Script().fail("X", "ErrorA", "a").fail("X", "ErrorB", "b")
                .fail("X", "ErrorC", "c").fail("X", "ErrorB", "b again");
        ExecutionResult r = Asl.run(def, "{}", script);
        // waits of one and two seconds (first retrier), then five (second retrier); the fourth error
        // matches the first retrier whose MaxAttempts is spent, so the Catcher sends it to Z.
        assertEquals(List.of(0L, 1L, 3L, 8L), attemptSeconds(script, "X"));
        assertTrue(r.succeeded());
        assertJson("{'Error':'ErrorB','Cause':'b again'}", r.output());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered",
                "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskFailed",
                "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskFailed",
                "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), r.history().types());
    }

    @Test
    void retryIntervalsGrowByBackoffRate() {
        // "four retry attempts after waits of 3, 4.5, 6.75 and 10.125 seconds"
        Asl.Script script = new Asl.Script().always("S", c -> TaskOutcome.failure("States.Timeout", null));
        Asl.run(Asl.single("{" + TASK + ",'Retry':[{'ErrorEquals':['States.Timeout'],'IntervalSeconds':3,"
                + "'MaxAttempts':4,'BackoffRate':1.5}],'End':true}"), "{}", script);
        List<Long> millis = script.callsTo("S").stream()
                .map(c -> Duration.between(START, c.startTime()).toMillis()).toList();
        assertEquals(List.of(0L, 3000L, 7500L, 14250L, 24375L), millis);
    }

    @Test
    void maxDelaySecondsCapsTheInterval() {
        Asl.Script script = new Asl.Script().always("S", c -> TaskOutcome.failure("States.Timeout", null));
        Asl.run(Asl.single("{" + TASK + ",'Retry':[{'ErrorEquals':['States.Timeout'],'IntervalSeconds':3,"
                + "'MaxAttempts':2,'BackoffRate':2.0,'MaxDelaySeconds':4}],'End':true}"), "{}", script);
        assertEquals(List.of(0L, 3L, 7L), attemptSeconds(script, "S"));
    }

    @Test
    void fullJitterWaitsARandomPartOfTheIntervalFromTheSeededRandom() {
        Asl.Script script = new Asl.Script().always("S", c -> TaskOutcome.failure("Boom", null));
        ExecutionResult r = Asl.run(Asl.single("{" + TASK + ",'Retry':[{'ErrorEquals':['Boom'],'IntervalSeconds':10,"
                + "'MaxAttempts':3,'JitterStrategy':'FULL'}],'End':true}"), "{}", script);
        List<TaskCall> calls = script.callsTo("S");
        assertEquals(4, calls.size());
        Instant previous = START;
        long[] caps = {10_000, 20_000, 40_000};
        for (int i = 1; i < calls.size(); i++) {
            long waited = Duration.between(previous, calls.get(i).startTime()).toMillis();
            assertTrue(waited >= 0 && waited <= caps[i - 1], "wait " + i + ": " + waited);
            previous = calls.get(i).startTime();
        }
        // the same seed gives the same waits
        Asl.Script again = new Asl.Script().always("S", c -> TaskOutcome.failure("Boom", null));
        ExecutionResult r2 = Asl.run(Asl.single("{" + TASK + ",'Retry':[{'ErrorEquals':['Boom'],'IntervalSeconds':10,"
                + "'MaxAttempts':3,'JitterStrategy':'FULL'}],'End':true}"), "{}", again);
        assertEquals(r.stopTime(), r2.stopTime());
    }

    @Test
    void maxAttemptsZeroNeverRetriesAndLaterRetriersAreNotConsulted() {
        // "a Retrier which will retry any error except for States.Timeout"
        String retry = "'Retry':[{'ErrorEquals':['States.Timeout'],'MaxAttempts':0},{'ErrorEquals':['States.ALL']}]";
        Asl.Script timeouts = new Asl.Script().always("S", c -> TaskOutcome.failure("States.Timeout", null));
        ExecutionResult r = Asl.run(Asl.single("{" + TASK + "," + retry + ",'End':true}"), "{}", timeouts);
        assertEquals(1, timeouts.calls.size());
        assertEquals("States.Timeout", r.error());

        Asl.Script others = new Asl.Script().always("S", c -> TaskOutcome.failure("Other", null));
        Asl.run(Asl.single("{" + TASK + "," + retry + ",'End':true}"), "{}", others);
        assertEquals(4, others.calls.size()); // the default MaxAttempts is 3
    }

    @Test
    void retriedTaskThatSucceedsContinues() {
        Asl.Script script = new Asl.Script().fail("S", "Lambda.ServiceException", "503").succeed("S", "{'ok':true}");
        ExecutionResult r = Asl.run(Asl.single("{" + TASK + ",'Retry':[{'ErrorEquals':['Lambda.ServiceException'],"
                + "'IntervalSeconds':2}],'End':true}"), "{}", script);
        assertJson("{'ok':true}", r.output());
        assertEquals(Duration.ofSeconds(2), r.duration());
        assertEquals(1, script.calls.get(1).retryCount());
        assertEquals(2, script.calls.get(1).attempt());
        assertEquals(1, script.calls.get(1).context().at("/State/RetryCount").asInt());
    }

    @Test
    void retryCountIsAvailableToParametersOnEveryAttempt() {
        Asl.Script script = new Asl.Script().fail("S", "E", null).fail("S", "E", null);
        Asl.run(Asl.single("{" + TASK + ",'Parameters':{'n.$':'$$.State.RetryCount'},'Retry':[{'ErrorEquals':['E']}],"
                + "'End':true}"), "{}", script);
        assertEquals(List.of(0, 1, 2), script.calls.stream().map(c -> c.parameters().get("n").asInt()).toList());
    }

    @Test
    void catchResultPathAddsTheErrorOutputToTheInput() {
        String def = "{'StartAt':'S','States':{'S':{" + TASK + ",'Catch':["
                + "{'ErrorEquals':['java.lang.Exception'],'ResultPath':'$.error-info','Next':'RecoveryState'},"
                + "{'ErrorEquals':['States.ALL'],'Next':'EndState'}],'End':true},"
                + "'RecoveryState':{'Type':'Pass','End':true},'EndState':{'Type':'Pass','End':true}}}";
        ExecutionResult java = Asl.run(def, "{'in':1}", new Asl.Script().fail("S", "java.lang.Exception", "boom"));
        assertJson("{'in':1,'error-info':{'Error':'java.lang.Exception','Cause':'boom'}}", java.output());
        assertEquals("RecoveryState", lastStateName(java));

        ExecutionResult other = Asl.run(def, "{'in':1}", new Asl.Script().fail("S", "Other", "why"));
        assertJson("{'Error':'Other','Cause':'why'}", other.output());
        assertEquals("EndState", lastStateName(other));
    }

    private static String lastStateName(ExecutionResult r) {
        List<ExecutionHistory.Event> events = r.history().events();
        return events.get(events.size() - 2).details().get("name").asText();
    }

    @Test
    void catchersAreScannedInOrder() {
        String def = "{'StartAt':'S','States':{'S':{" + TASK + ",'Catch':["
                + "{'ErrorEquals':['A','B'],'Next':'First'},{'ErrorEquals':['B'],'Next':'Second'}],'End':true},"
                + "'First':{'Type':'Pass','Result':1,'End':true},'Second':{'Type':'Pass','Result':2,'End':true}}}";
        assertJson("1", Asl.run(def, "{}", new Asl.Script().fail("S", "B", null)).output());
    }

    @Test
    void uncaughtErrorFailsTheExecutionWithItsNameAndCause() {
        ExecutionResult r = Asl.run(Asl.single("{" + TASK + ",'Catch':[{'ErrorEquals':['Other'],'Next':'S'}],'End':true}"),
                "{}", new Asl.Script().fail("S", "Lambda.Unknown", "out of memory"));
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("Lambda.Unknown", r.error());
        assertEquals("out of memory", r.cause());
    }

    @Test
    void taskFailedMatchesEveryErrorButTimeout() {
        String def = "{'StartAt':'S','States':{'S':{" + TASK + ",'TimeoutSeconds':2,"
                + "'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'Fallback'}],'End':true},"
                + "'Fallback':{'Type':'Pass','Result':'Hello, AWS Step Functions!','End':true}}}";
        assertJson("'Hello, AWS Step Functions!'", Asl.run(def, "{}", new Asl.Script().fail("S", "HandledError", "error")).output());
        ExecutionResult timedOut = Asl.run(def, "{}", new Asl.Script().succeed("S", "{}", Duration.ofSeconds(10)));
        assertEquals("States.Timeout", timedOut.error());
    }

    @Test
    void timeoutSecondsTurnsASlowTaskIntoStatesTimeoutAtTheDeadline() {
        String def = "{'StartAt':'HelloWorld','States':{'HelloWorld':{" + TASK + ",'TimeoutSeconds':2,"
                + "'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'fallback'}],'End':true},"
                + "'fallback':{'Type':'Pass','Result':'Hello, AWS Step Functions!','End':true}}}";
        ExecutionResult r = Asl.run(def, "{}", new Asl.Script().succeed("HelloWorld", "{}", Duration.ofSeconds(10)));
        assertJson("'Hello, AWS Step Functions!'", r.output());
        assertEquals(Duration.ofSeconds(2), r.duration());
        assertTrue(r.history().types().contains("TaskTimedOut"));
    }

    @Test
    void aCaughtTaskErrorWithoutACauseHasAnEmptyCause() {
        // The service binds "Cause": "" for a task error that has none (a timeout, a failure reported without cause),
        // so a path to $.error.Cause always selects something.
        String def = "{'StartAt':'S','States':{'S':{" + TASK + ",'TimeoutSeconds':1,"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Report'}],'End':true},"
                + "'Report':{'Type':'Pass','Parameters':{'cause.$':'$.error.Cause','error.$':'$.error.Error'},'End':true}}}";
        ExecutionResult timedOut = Asl.run(def, "{}", new Asl.Script().succeed("S", "{}", Duration.ofSeconds(2)));
        assertJson("{'cause':'','error':'States.Timeout'}", timedOut.output());
        ExecutionResult failed = Asl.run(def, "{}", new Asl.Script().fail("S", "Custom.Error", null));
        assertJson("{'cause':'','error':'Custom.Error'}", failed.output());
    }

    @Test
    void timeoutRetriedWithBackoff() {
        Asl.Script script = new Asl.Script().always("HelloWorld", c -> TaskOutcome.success(Asl.json("{}"), Duration.ofSeconds(11)));
        ExecutionResult r = Asl.run("{'StartAt':'HelloWorld','States':{'HelloWorld':{" + TASK + ",'TimeoutSeconds':2,"
                + "'Retry':[{'ErrorEquals':['States.Timeout'],'IntervalSeconds':1,'MaxAttempts':2,'BackoffRate':2.0}],"
                + "'End':true}}}", "{}", script);
        assertEquals(List.of(0L, 3L, 7L), attemptSeconds(script, "HelloWorld"));
        assertEquals(Duration.ofSeconds(9), r.duration());
        assertEquals("States.Timeout", r.error());
    }

    @Test
    void timeoutSecondsPathComesFromTheInput() {
        ExecutionResult r = Asl.run(Asl.single("{" + TASK + ",'TimeoutSecondsPath':'$.t','End':true}"), "{'t':5}",
                new Asl.Script().succeed("S", "{}", Duration.ofSeconds(6)));
        assertEquals("States.Timeout", r.error());
        assertEquals(Duration.ofSeconds(5), r.duration());
    }

    @Test
    void aTaskTakingExactlyItsTimeoutSucceeds() {
        ExecutionResult r = Asl.run(Asl.single("{" + TASK + ",'TimeoutSeconds':5,'End':true}"), "{}",
                new Asl.Script().succeed("S", "1", Duration.ofSeconds(5)));
        assertTrue(r.succeeded());
    }

    @Test
    void anInvokerExceptionIsATaskFailureNamedAfterItsClass() {
        ExecutionResult r = Asl.run(Asl.single("{" + TASK + ",'End':true}"), "{}",
                new Asl.Script().always("S", c -> {
                    throw new IllegalStateException("kaput");
                }));
        assertEquals("java.lang.IllegalStateException", r.error());
        assertEquals("kaput", r.cause());
    }

    @Test
    void resultPathMatchFailureCanBeCaught() {
        ExecutionResult r = Asl.run("{'StartAt':'S','States':{'S':{" + TASK + ",'ResultPath':'$.x',"
                + "'Catch':[{'ErrorEquals':['States.ResultPathMatchFailure'],'Next':'C'}],'End':true},"
                + "'C':{'Type':'Pass','End':true}}}", "'foo'", new Asl.Script());
        assertEquals("States.ResultPathMatchFailure", r.output().get("Error").asText());
    }
}
