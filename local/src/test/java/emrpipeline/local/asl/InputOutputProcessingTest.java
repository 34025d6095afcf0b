package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.assertJson;
import static emrpipeline.local.asl.Asl.json;
import static emrpipeline.local.asl.Asl.run;
import static emrpipeline.local.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The specification's "Input and Output Processing" and "Payload Template" examples, one rule per test. */
class InputOutputProcessingTest {

    @Test
    void payloadTemplateSpecExampleResolvesPathsContextPathsAndIntrinsics() {
        List<String> problems = new ArrayList<>();
        PayloadTemplate template = PayloadTemplate.compile(json("{'flagged': true, 'parts': {'first.$': '$.vals[0]',"
                + " 'last3.$': '$.vals[-3:]'}, 'weekday.$': '$$.DayOfWeek',"
                + " 'formattedOutput.$': 'States.Format(`Today is {}`, $$.DayOfWeek)'}"), "/Parameters", problems);
        assertEquals(List.of(), problems);
        assertJson("{'flagged': true, 'parts': {'first': 0, 'last3': [30, 40, 50]}, 'weekday': 'TUESDAY',"
                        + " 'formattedOutput': 'Today is TUESDAY'}",
                template.evaluate(json("{'flagged': 7, 'vals': [0, 10, 20, 30, 40, 50]}"), json("{'DayOfWeek': 'TUESDAY'}"),
                        new Random(1)));
    }

    @Test
    void taskReceivesEffectiveInputAfterInputPathAndParameters() {
        Asl.Script script = new Asl.Script().succeed("S", "7");
        ExecutionResult r = run(single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','InputPath':'$.numbers',"
                + "'Parameters':{'a.$':'$.val1','b.$':'$.val2','op':'add'},'ResultPath':'$.sum','End':true}"),
                "{'title': 'Numbers to add', 'numbers': {'val1': 3, 'val2': 4}}", script);
        assertJson("{'a': 3, 'b': 4, 'op': 'add'}", script.calls.get(0).parameters());
        assertJson("{'title': 'Numbers to add', 'numbers': {'val1': 3, 'val2': 4}, 'sum': 7}", r.output());
    }

    @Test
    void resultPathOverwritesAnExistingField() {
        ExecutionResult r = run(single("{'Type':'Pass','Result':6,'ResultPath':'$.master.detail','End':true}"),
                "{'master': {'detail': [1, 2, 3]}}");
        assertJson("{'master': {'detail': 6}}", r.output());
    }

    @Test
    void resultPathCreatesIntermediateFields() {
        ExecutionResult r = run(single("{'Type':'Pass','Result':6,'ResultPath':'$.master.result.sum','End':true}"),
                "{'master': {'detail': [1, 2, 3]}}");
        assertJson("{'master': {'detail': [1, 2, 3], 'result': {'sum': 6}}}", r.output());
    }

    @Test
    void resultPathBuildsSeveralLevels() {
        ExecutionResult r = run(single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'ResultPath':'$.b.greeting','End':true}"), "{'a': 1}", new Asl.Script().succeed("S", "'Hi!'"));
        assertJson("{'a': 1, 'b': {'greeting': 'Hi!'}}", r.output());
    }

    @Test
    void resultPathOnAStringInputFailsWithResultPathMatchFailure() {
        ExecutionResult r = run(single("{'Type':'Pass','Result':1,'ResultPath':'$.x','End':true}"), "'foo'");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("States.ResultPathMatchFailure", r.error());
    }

    @Test
    void resultPathNullKeepsTheRawInput() {
        ExecutionResult r = run(single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','ResultPath':null,"
                + "'End':true}"), "{'keep': true}", new Asl.Script().succeed("S", "{'ignored': 1}"));
        assertJson("{'keep': true}", r.output());
    }

    @Test
    void inputPathNullGivesAnEmptyObject() {
        Asl.Script script = new Asl.Script();
        run(single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','InputPath':null,'End':true}"),
                "{'a': 1}", script);
        assertJson("{}", script.calls.get(0).parameters());
    }

    @Test
    void outputPathNullGivesAnEmptyObject() {
        ExecutionResult r = run(single("{'Type':'Pass','OutputPath':null,'End':true}"), "{'a': 1}");
        assertJson("{}", r.output());
    }

    @Test
    void outputPathSelectsPartOfTheResult() {
        ExecutionResult r = run(single("{'Type':'Pass','Result':{'x':{'y':1}},'ResultPath':'$.r','OutputPath':'$.r.x',"
                + "'End':true}"), "{'a': 1}");
        assertJson("{'y': 1}", r.output());
    }

    @Test
    void pathSelectingSeveralValuesGivesAnArray() {
        ExecutionResult r = run(single("{'Type':'Pass','InputPath':'$.a[0,1]','End':true}"), "{'a': [1, 2, 3, 4]}");
        assertJson("[1, 2]", r.output());
    }

    @Test
    void passResultIsPlacedAtResultPath() {
        ExecutionResult r = run(single("{'Type':'Pass','Result':{'x-datum':0.381018,'y-datum':622.2269926397355},"
                + "'ResultPath':'$.coords','End':true}"), "{'georefOf': 'Home'}");
        assertJson("{'georefOf': 'Home', 'coords': {'x-datum': 0.381018, 'y-datum': 622.2269926397355}}", r.output());
    }

    @Test
    void passWithoutResultOutputsItsEffectiveInput() {
        ExecutionResult r = run(single("{'Type':'Pass','Parameters':{'b.$':'$.a'},'ResultPath':'$.p','End':true}"),
                "{'a': 1}");
        assertJson("{'a': 1, 'p': {'b': 1}}", r.output());
    }

    @Test
    void missingInputPathFailsWithStatesRuntime() {
        ExecutionResult r = run(single("{'Type':'Pass','InputPath':'$.missing','End':true}"), "{'a': 1}");
        assertEquals("States.Runtime", r.error());
        assertTrue(r.cause().startsWith("Invalid path '$.missing' : No results for path"), r.cause());
    }

    @Test
    void missingParametersPathFailsWithTheServiceMessage() {
        ExecutionResult r = run(single("{'Type':'Task','Resource':'arn:aws:states:::glue:startJobRun.sync',"
                + "'Parameters':{'JobName.$':'$.JobName'},'End':true}"), "{}");
        assertEquals("States.Runtime", r.error());
        assertEquals("The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'",
                r.cause());
    }

    @Test
    void statesRuntimeIsNotCaughtByStatesAll() {
        ExecutionResult r = run("{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'x.$':'$.nope'},'Catch':[{'ErrorEquals':['States.ALL'],'Next':'C'}],'End':true},"
                + "'C':{'Type':'Succeed'}}}", "{}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("States.Runtime", r.error());
    }

    @Test
    void resultSelectorShapesTheTaskResultBeforeResultPath() {
        ExecutionResult r = run(single("{'Type':'Task','Resource':'arn:aws:states:::elasticmapreduce:createCluster.sync',"
                + "'ResultSelector':{'ClusterId.$':'$.ClusterId','Region':'eu'},'ResultPath':'$.cluster','End':true}"),
                "{'run': 'r1'}", new Asl.Script().succeed("S", "{'ClusterId': 'j-1', 'ClusterArn': 'arn'}"));
        assertJson("{'run': 'r1', 'cluster': {'ClusterId': 'j-1', 'Region': 'eu'}}", r.output());
    }

    @Test
    void payloadTemplateRecursesIntoArrays() {
        ExecutionResult r = run(single("{'Type':'Pass','Parameters':{'Args':['spark-submit',{'a.$':'$.a'}]},'End':true}"),
                "{'a': 'x'}");
        assertJson("{'Args': ['spark-submit', {'a': 'x'}]}", r.output());
    }

    @Test
    void contextPathsWorkInInputPath() {
        ExecutionResult r = run(single("{'Type':'Pass','InputPath':'$$.Execution.Input','End':true}"), "{'in': 1}");
        assertJson("{'in': 1}", r.output());
    }
}
