package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.START;
import static emrpipeline.local.asl.Asl.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parallel and inline Map, with the specification's examples. */
class ParallelAndMapTest {

    private static final String FUN_WITH_MATH = "{'StartAt':'FunWithMath','States':{'FunWithMath':{'Type':'Parallel',"
            + "'Branches':[{'StartAt':'Add','States':{'Add':{'Type':'Task','Resource':'arn:aws:states:::task:Add','End':true}}},"
            + "{'StartAt':'Subtract','States':{'Subtract':{'Type':'Task','Resource':'arn:aws:states:::task:Subtract',"
            + "'End':true}}}],'End':true}}}";

    private static Asl.Script math() {
        return new Asl.Script()
                .always("Add", c -> TaskOutcome.success(Json.number(c.parameters().get(0).asLong() + c.parameters().get(1).asLong()),
                        Duration.ofSeconds(30)))
                .always("Subtract", c -> TaskOutcome.success(Json.number(c.parameters().get(0).asLong() - c.parameters().get(1).asLong()),
                        Duration.ofSeconds(50)));
    }

    @Test
    void parallelSpecExampleOutputsOneElementPerBranch() {
        ExecutionResult r = Asl.run(FUN_WITH_MATH, "[3, 2]", math());
        assertJson("[5, 1]", r.output());
    }

    @Test
    void parallelBranchesRunConcurrentlyInVirtualTime() {
        ExecutionResult r = Asl.run(FUN_WITH_MATH, "[3, 2]", math());
        assertEquals(Duration.ofSeconds(50), r.duration());
        assertEquals(List.of("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
                "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskStateExited", "TaskSucceeded", "TaskStateExited",
                "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"), r.history().types());
    }

    @Test
    void aFailingBranchFailsTheParallelWithItsOwnError() {
        String def = "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Fail','Error':'BranchBroke','Cause':'why'}}},"
                + "{'StartAt':'B','States':{'B':{'Type':'Succeed'}}}],'End':true}}}";
        ExecutionResult r = Asl.run(def, "{}");
        assertEquals("BranchBroke", r.error());
        assertEquals("why", r.cause());
        assertTrue(r.history().types().contains("ParallelStateFailed"));
    }

    @Test
    void parallelRetryAndCatch() {
        String def = "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
                + "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true}}}],"
                + "'Retry':[{'ErrorEquals':['Flaky'],'IntervalSeconds':4,'MaxAttempts':1}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.err','Next':'Cleanup'}],'End':true},"
                + "'Cleanup':{'Type':'Pass','End':true}}}";
        Asl.Script script = new Asl.Script().fail("T", "Flaky", "1").fail("T", "Flaky", "2");
        ExecutionResult r = Asl.run(def, "{'run':1}", script);
        assertEquals(2, script.calls.size());
        assertEquals(START.plusSeconds(4), script.calls.get(1).startTime());
        assertJson("{'run':1,'err':{'Error':'Flaky','Cause':'2'}}", r.output());
    }

    @Test
    void parallelParametersAndResultSelector() {
        String def = "{'StartAt':'P','States':{'P':{'Type':'Parallel','Parameters':{'x.$':'$.a'},"
                + "'ResultSelector':{'first.$':'$[0].x','second.$':'$[1]'},'ResultPath':'$.r','Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}},"
                + "{'StartAt':'B','States':{'B':{'Type':'Pass','Result':'b','End':true}}}],'End':true}}}";
        assertJson("{'a':1,'r':{'first':1,'second':'b'}}", Asl.run(def, "{'a':1}").output());
    }

    private static final String SHIPPED = "{'ship-date':'2016-03-14T01:59:00Z','detail':{'delivery-partner':'UQS',"
            + "'shipped':[{'prod':'R31','dest-code':9511,'quantity':1344},{'prod':'S39','dest-code':9511,'quantity':40},"
            + "{'prod':'R31','dest-code':9833,'quantity':12},{'prod':'R40','dest-code':9860,'quantity':887},"
            + "{'prod':'R40','dest-code':9511,'quantity':1220}]}}";

    @Test
    void mapSpecExampleRunsTheProcessorPerItem() {
        String def = "{'StartAt':'Validate-All','States':{'Validate-All':{'Type':'Map','InputPath':'$.detail',"
                + "'ItemsPath':'$.shipped','MaxConcurrency':0,'ItemProcessor':{'StartAt':'Validate','States':{'Validate':{"
                + "'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:ship-val','End':true}}},"
                + "'ResultPath':'$.detail.shipped','End':true}}}";
        Asl.Script script = new Asl.Script().always("Validate", c -> TaskOutcome.success(Json.NODES.textNode(
                c.parameters().get("prod").asText() + "-ok")));
        ExecutionResult r = Asl.run(def, SHIPPED, script);
        assertJson("{'prod':'R31','dest-code':9511,'quantity':1344}", script.calls.get(0).parameters());
        assertJson("{'delivery-partner':'UQS','shipped':['R31-ok','S39-ok','R31-ok','R40-ok','R40-ok']}",
                r.output().get("detail"));
    }

    @Test
    void mapItemSelectorSeesTheContextItem() {
        String def = "{'StartAt':'Validate-All','States':{'Validate-All':{'Type':'Map','InputPath':'$.detail',"
                + "'ItemsPath':'$.shipped','MaxConcurrency':0,'ItemSelector':{'parcel.$':'$$.Map.Item.Value',"
                + "'courier.$':'$.delivery-partner','index.$':'$$.Map.Item.Index'},'ItemProcessor':{'StartAt':'Validate',"
                + "'States':{'Validate':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:ship-val',"
                + "'End':true}}},'ResultPath':'$.detail.shipped','End':true}}}";
        Asl.Script script = new Asl.Script();
        Asl.run(def, SHIPPED, script);
        assertJson("{'parcel':{'prod':'R31','dest-code':9511,'quantity':1344},'courier':'UQS','index':0}",
                script.calls.get(0).parameters());
        assertEquals(5, script.calls.size());
    }

    @Test
    void mapLegacyIteratorAndParameters() {
        String def = "{'StartAt':'M','States':{'M':{'Type':'Map','Parameters':{'v.$':'$$.Map.Item.Value'},"
                + "'Iterator':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}";
        assertJson("[{'v':1},{'v':2}]", Asl.run(def, "[1,2]").output());
    }

    @Test
    void mapMaxConcurrencyOneRunsItemsOneAfterTheOther() {
        String def = "{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':%d,'ItemProcessor':{'StartAt':'T',"
                + "'States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true}}},'End':true}}}";
        Asl.Script one = new Asl.Script().always("T", c -> TaskOutcome.success(c.parameters(), Duration.ofSeconds(10)));
        ExecutionResult serial = Asl.run(String.format(def, 1), "[1,2,3,4]", one);
        assertEquals(Duration.ofSeconds(40), serial.duration());
        assertEquals(List.of(0L, 10L, 20L, 30L), one.calls.stream()
                .map(c -> Duration.between(START, c.startTime()).toSeconds()).toList());

        Asl.Script two = new Asl.Script().always("T", c -> TaskOutcome.success(c.parameters(), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(20), Asl.run(String.format(def, 2), "[1,2,3,4]", two).duration());
        Asl.Script all = new Asl.Script().always("T", c -> TaskOutcome.success(c.parameters(), Duration.ofSeconds(10)));
        ExecutionResult unbounded = Asl.run(String.format(def, 0), "[1,2,3,4]", all);
        assertEquals(Duration.ofSeconds(10), unbounded.duration());
        assertJson("[1,2,3,4]", unbounded.output());
    }

    @Test
    void mapFailureAbortsStartedIterationsAndFailsWithTheIterationError() {
        String def = "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'T','States':{'T':{"
                + "'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true}}},'End':true}}}";
        Asl.Script script = new Asl.Script().succeed("T", "1", Duration.ofSeconds(5)).fail("T", "Broken", "item 1");
        ExecutionResult r = Asl.run(def, "[1,2,3]", script);
        assertEquals("Broken", r.error());
        assertEquals(2, script.calls.size());
        List<String> types = r.history().types();
        assertTrue(types.contains("MapIterationFailed"), types::toString);
        assertTrue(types.contains("MapIterationAborted"), types::toString);
        assertEquals("MapStateFailed", types.get(types.size() - 2));
    }

    @Test
    void mapItemsPathMustSelectAnArray() {
        ExecutionResult r = Asl.run("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':"
                + "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}", "{'items':'nope'}");
        assertEquals("States.Runtime", r.error());
    }

    @Test
    void mapOfNothingIsAnEmptyArray() {
        ExecutionResult r = Asl.run("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':"
                + "{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'ResultPath':'$.out','End':true}}}", "{'items':[]}");
        assertJson("{'items':[],'out':[]}", r.output());
    }

    @Test
    void mapMaxConcurrencyPath() {
        String def = "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrencyPath':'$.n',"
                + "'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'End':true}}},'End':true}}}";
        Asl.Script script = new Asl.Script().always("T", c -> TaskOutcome.success(c.parameters(), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(30), Asl.run(def, "{'n':1,'items':[1,2,3]}", script).duration());
    }
}
