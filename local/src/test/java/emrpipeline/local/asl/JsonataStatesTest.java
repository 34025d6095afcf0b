package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSONata Task states as the definition uses them: Arguments and Output evaluated on {@code $states}, a Catcher's
 * Output, Step Functions' rule for an expression that returns nothing, {@code $parse}, and the validation of the
 * fields each query language allows.
 */
class JsonataStatesTest {
    private static final String TASK = "'Type':'Task','QueryLanguage':'JSONata','Resource':'arn:aws:states:::lambda:invoke'";

    @Test
    void argumentsAreEvaluatedOnTheInputAndTheContextAndStaticValuesAreCopied() {
        Asl.Script script = new Asl.Script();
        Asl.run(Asl.single("{" + TASK + ",'Arguments':{'FunctionName':'f','Payload':{'run':'{% $states.input.config.runId %}',"
                + "'execution':'{% $states.context.Execution.Name %}','n':'{% $states.input.n * 2 %}','fixed':[1,'two',null]}},'End':true}"),
                "{'config':{'runId':'r-1'},'n':21}", script);
        assertJson("{'FunctionName':'f','Payload':{'run':'r-1','execution':'run-1','n':42,'fixed':[1,'two',null]}}",
                script.callsTo("S").get(0).parameters());
    }

    @Test
    void theOutputIsTheResultUnlessOutputSaysOtherwise() {
        Asl.Script script = new Asl.Script().succeed("S", "{'Payload':{'ok':true}}").succeed("T", "{'Payload':{'ok':true}}");
        ExecutionResult r = Asl.run("{'StartAt':'S','States':{'S':{" + TASK + ",'Next':'T'},"
                + "'T':{" + TASK + ",'Output':'{% $merge([$states.input, {`t`: $states.result.Payload.ok}]) %}','End':true}}}", "{}", script);
        assertJson("{'Payload':{'ok':true},'t':true}", r.output());
    }

    @Test
    void aFieldWhoseExpressionReturnsNothingFailsTheStateWithQueryEvaluationErrorWhichCatchSees() {
        String definition = "{'StartAt':'S','States':{'S':{" + TASK + ",'Arguments':{'Payload':{'x':'{% $states.input.missing %}'}},"
                + "'Catch':[{'ErrorEquals':['States.QueryEvaluationError'],'Next':'Caught'}],'End':true},"
                + "'Caught':{'Type':'Succeed'}}}";
        Asl.Script script = new Asl.Script();
        ExecutionResult r = Asl.run(definition, "{}", script);
        assertEquals(List.of(), script.calls, "nothing is called with an incomplete request");
        assertEquals("States.QueryEvaluationError", r.output().path("Error").asText(), "Catch without Output passes the Error Output on");
        assertEquals("An error occurred while executing the state 'S'. The JSONata expression '$states.input.missing' specified"
                + " for the field 'Arguments/Payload/x' returned nothing (undefined).", r.output().path("Cause").asText());
        assertTrue(r.history().types().contains("EvaluationFailed"));
    }

    @Test
    void insideOneExpressionAKeyWhoseValueIsUndefinedIsLeftOut() {
        Asl.Script script = new Asl.Script();
        Asl.run(Asl.single("{" + TASK + ",'Arguments':'{% {`a`: $states.input.a, `b`: $states.input.missing} %}','End':true}"), "{'a':1}", script);
        assertJson("{'a':1}", script.callsTo("S").get(0).parameters());
    }

    @Test
    void aCatcherOutputSeesTheInputAndTheErrorOutput() {
        Asl.Script script = new Asl.Script().fail("S", "Lambda.Unknown", null);
        ExecutionResult r = Asl.run("{'StartAt':'S','States':{'S':{" + TASK + ",'Catch':[{'ErrorEquals':['States.ALL'],"
                + "'Output':'{% $merge([$states.input, {`error`: $states.errorOutput}]) %}','Next':'Done'}],'End':true},"
                + "'Done':{'Type':'Succeed'}}}", "{'kept':1}", script);
        assertJson("{'kept':1,'error':{'Error':'Lambda.Unknown','Cause':''}}", r.output());
    }

    @Test
    void parseIsStepFunctionsParseAndEvalIsNotOffered() {
        Asl.Script script = new Asl.Script();
        Asl.run(Asl.single("{" + TASK + ",'Arguments':{'v':'{% $parse($states.input.text).a %}'},'End':true}"), "{'text':'{\\'a\\':[1,2]}'}", script);
        assertJson("{'v':[1,2]}", script.callsTo("S").get(0).parameters());

        ExecutionResult r = Asl.run(Asl.single("{" + TASK + ",'Arguments':{'v':'{% $eval(`1+1`) %}'},'End':true}"), "{}", new Asl.Script());
        assertEquals("States.QueryEvaluationError", r.error());
        assertTrue(r.cause().contains("$eval is not available in Step Functions"), r.cause());
    }

    @Test
    void eachQueryLanguageAllowsOnlyItsOwnFields() {
        assertProblem(Asl.single("{" + TASK + ",'Parameters':{},'End':true}"), "Field 'Parameters' is not supported at /States/S");
        assertProblem(Asl.single("{" + TASK + ",'ResultPath':'$.x','End':true}"), "Field 'ResultPath' is not supported at /States/S");
        assertProblem(Asl.single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Arguments':{},'End':true}"),
                "Arguments is a field of JSONata states (QueryLanguage: JSONata), not of JSONPath ones");
        assertProblem(Asl.single("{" + TASK + ",'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.e','Next':'S'}],'End':true}"),
                "Field 'ResultPath' is not supported in a JSONata Catcher at /States/S/Catch[0]");
        assertProblem("{'QueryLanguage':'JSONata','StartAt':'S','States':{'S':{'Type':'Task','QueryLanguage':'JSONPath',"
                + "'Resource':'arn:aws:states:::lambda:invoke','End':true}}}", "A state of a JSONata definition cannot use JSONPath");
        assertProblem(Asl.single("{" + TASK + ",'Arguments':{'v':'{% $states.input.( %}'},'End':true}"),
                "The JSONata expression '$states.input.(' is not valid");
    }

    @Test
    void aJsonataDefinitionMakesEveryTaskJsonata() {
        Asl.Script script = new Asl.Script();
        ExecutionResult r = Asl.run("{'QueryLanguage':'JSONata','StartAt':'S','States':{'S':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Arguments':{'x':'{% $states.input.x %}'},'End':true}}}", "{'x':'y'}", script);
        assertTrue(r.succeeded());
        assertJson("{'x':'y'}", script.callsTo("S").get(0).parameters());
    }

    private static void assertProblem(String definition, String expected) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(Asl.quotes(definition)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
