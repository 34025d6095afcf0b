package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.START;
import static emrpipeline.local.asl.Asl.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Wait, Succeed, Fail and the machine's own TimeoutSeconds, all on the virtual clock. */
class FlowStatesTest {

    /** Nothing in the interpreter can sleep (it has no sleeper, only the VirtualClock): a day's Wait takes no time. */
    @Test
    void waitSecondsMovesTheVirtualClock() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Wait','Seconds':86400,'End':true}"), "{'a':1}");
        assertEquals(Duration.ofDays(1), r.duration());
        assertJson("{'a':1}", r.output());
    }

    @Test
    void waitUntilTimestamp() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Wait','Timestamp':'2024-01-01T07:30:00Z','End':true}"), "{}");
        assertEquals(Instant.parse("2024-01-01T07:30:00Z"), r.stopTime());
    }

    @Test
    void waitUntilATimestampInThePastDoesNotWait() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Wait','Timestamp':'2016-03-14T01:59:00Z','End':true}"), "{}");
        assertEquals(Duration.ZERO, r.duration());
    }

    @Test
    void waitSecondsPathAndTimestampPathReadTheEffectiveInput() {
        assertEquals(Duration.ofSeconds(90), Asl.run(Asl.single("{'Type':'Wait','InputPath':'$.w','SecondsPath':'$.s',"
                + "'End':true}"), "{'w':{'s':90}}").duration());
        assertEquals(Instant.parse("2024-01-01T06:10:00Z"), Asl.run(Asl.single("{'Type':'Wait',"
                + "'TimestampPath':'$.expirydate','End':true}"), "{'expirydate':'2024-01-01T06:10:00Z'}").stopTime());
    }

    @Test
    void waitSecondsPathWithABadValueFailsWithStatesRuntime() {
        assertEquals("States.Runtime", Asl.run(Asl.single("{'Type':'Wait','SecondsPath':'$.s','End':true}"), "{'s':'ten'}").error());
        assertEquals("States.Runtime", Asl.run(Asl.single("{'Type':'Wait','SecondsPath':'$.s','End':true}"), "{'s':-1}").error());
        assertEquals("States.Runtime", Asl.run(Asl.single("{'Type':'Wait','TimestampPath':'$.t','End':true}"), "{'t':'noon'}").error());
    }

    @Test
    void succeedPassesItsInputThroughInputPathAndOutputPath() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Succeed','InputPath':'$.a','OutputPath':'$.b'}"), "{'a':{'b':2}}");
        assertJson("2", r.output());
    }

    @Test
    void failWithErrorAndCause() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Fail','Error':'ErrorA','Cause':'Kaiju attack'}"), "{}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("ErrorA", r.error());
        assertEquals("Kaiju attack", r.cause());
        assertEquals(java.util.List.of("ExecutionStarted", "FailStateEntered", "ExecutionFailed"), r.history().types());
    }

    @Test
    void failWithErrorPathAndCausePath() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Fail','Comment':'my error comment','ErrorPath':'$.Error',"
                + "'CausePath':'$.Cause'}"), "{'Error':'States.TaskFailed','Cause':'upstream'}");
        assertEquals("States.TaskFailed", r.error());
        assertEquals("upstream", r.cause());
    }

    @Test
    void failCausePathMayBeAnIntrinsicFunction() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Fail','Error':'RunFailed',"
                + "'CausePath':'States.Format(`run {} failed in {}`, $.runId, $$.State.Name)'}"), "{'runId':'r1'}");
        assertEquals("run r1 failed in S", r.cause());
    }

    @Test
    void failWithoutErrorHasNoErrorName() {
        ExecutionResult r = Asl.run(Asl.single("{'Type':'Fail'}"), "{}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertNull(r.error());
        assertNull(r.cause());
    }

    @Test
    void failErrorPathThatIsNotAStringFailsWithStatesRuntime() {
        assertEquals("States.Runtime", Asl.run(Asl.single("{'Type':'Fail','ErrorPath':'$.e'}"), "{'e':1}").error());
    }

    @Test
    void machineTimeoutEndsTheExecutionTimedOut() {
        ExecutionResult r = Asl.run("{'TimeoutSeconds':60,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':120,"
                + "'Next':'Done'},'Done':{'Type':'Succeed'}}}", "{}");
        assertEquals(ExecutionResult.Status.TIMED_OUT, r.status());
        assertEquals("States.Timeout", r.error());
        assertEquals(START.plusSeconds(60), r.stopTime());
        assertEquals(java.util.List.of("ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"), r.history().types());
    }

    @Test
    void machineTimeoutCutsALongTaskShort() {
        ExecutionResult r = Asl.run("{'TimeoutSeconds':600,'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::elasticmapreduce:createCluster.sync',"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Caught'}],'End':true},'Caught':{'Type':'Succeed'}}}", "{}",
                new Asl.Script().succeed("T", "{}", Duration.ofHours(1)));
        assertEquals(ExecutionResult.Status.TIMED_OUT, r.status());
        assertEquals(Duration.ofMinutes(10), r.duration());
    }

    @Test
    void machineTimeoutAppliesToRetryIntervals() {
        ExecutionResult r = Asl.run("{'TimeoutSeconds':10,'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Retry':[{'ErrorEquals':['E'],'IntervalSeconds':30}],"
                + "'End':true}}}", "{}", new Asl.Script().always("T", c -> TaskOutcome.failure("E", null)));
        assertEquals(ExecutionResult.Status.TIMED_OUT, r.status());
        assertEquals(Duration.ofSeconds(10), r.duration());
    }

    @Test
    void endlessLoopsStopAtTheHistoryLimit() {
        ExecutionResult r = Asl.run("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'C'},"
                + "'C':{'Type':'Choice','Choices':[{'Variable':'$.stop','IsPresent':true,'Next':'E'}],'Default':'A'},"
                + "'E':{'Type':'Succeed'}}}", "{}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("States.Runtime", r.error());
    }
}
