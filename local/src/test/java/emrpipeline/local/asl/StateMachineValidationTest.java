package emrpipeline.local.asl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Definitions the service refuses are refused, each diagnostic naming the state and field. */
class StateMachineValidationTest {

    private static DefinitionException.Diagnostic only(String definition) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(Asl.quotes(definition)));
        assertEquals(1, e.diagnostics().size(), e::getMessage);
        return e.diagnostics().get(0);
    }

    private static void assertDiagnostic(String code, String messagePart, String location, String definition) {
        DefinitionException.Diagnostic d = only(definition);
        assertEquals(code, d.code(), d::toString);
        assertTrue(d.message().contains(messagePart), d::toString);
        assertEquals(location, d.location(), d::toString);
    }

    @Test
    void helloWorldIsValid() {
        assertDoesNotThrow(() -> StateMachine.parse(Asl.quotes("{'Comment':'A simple minimal example of the States language',"
                + "'StartAt':'Hello World','States':{'Hello World':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:123456789012:function:HelloWorld','End':true}}}")));
    }

    @Test
    void notJson() {
        assertEquals("INVALID_JSON_DESCRIPTION", only("not a definition").code());
    }

    @Test
    void duplicateKeysInJson() {
        assertEquals("INVALID_JSON_DESCRIPTION",
                only("{'StartAt':'A','States':{'A':{'Type':'Succeed'},'A':{'Type':'Succeed'}}}").code());
    }

    @Test
    void missingNextTargetAndNoTerminalStateAreBothReported() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(Asl.quotes(
                "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'NOPE'}}}")));
        assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at"
                + " /States/A/Next, MISSING_END_STATE: Workflow has no terminal state at /'", e.getMessage());
    }

    @Test
    void missingStartAtTarget() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(Asl.quotes(
                "{'StartAt':'Not sure','States':{'Pass One':{'Type':'Pass','Next':'Success'},'Success':{'Type':'Succeed'}}}")));
        assertEquals("MISSING_TRANSITION_TARGET: Missing 'Next' target: Not sure at /StartAt", e.diagnostics().get(0).toString());
        assertEquals("MISSING_TRANSITION_TARGET: State \"Pass One\" is not reachable. at /States/Pass One",
                e.diagnostics().get(1).toString());
    }

    @Test
    void missingDefaultChoiceAndCatchTargets() {
        assertDiagnostic("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X", "/States/C/Default",
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true,'Next':'E'}],"
                        + "'Default':'X'},'E':{'Type':'Succeed'}}}");
        assertDiagnostic("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X", "/States/C/Choices[0]/Next",
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true,'Next':'X'}],"
                        + "'Default':'E'},'E':{'Type':'Succeed'}}}");
        assertDiagnostic("MISSING_TRANSITION_TARGET", "Missing 'Next' target: X", "/States/T/Catch[0]/Next",
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                        + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'X'}],'End':true}}}");
    }

    @Test
    void unreachableState() {
        assertDiagnostic("MISSING_TRANSITION_TARGET", "State \"Unreachable pass\" is not reachable.",
                "/States/Unreachable pass", "{'StartAt':'Pass One','States':{'Pass One':{'Type':'Pass','Next':'Pass Two'},"
                        + "'Pass Two':{'Type':'Pass','Next':'Success'},'Unreachable pass':{'Type':'Pass','Next':'Success'},"
                        + "'Success':{'Type':'Succeed'}}}");
    }

    /** One refusal per row: the definition yields exactly this one diagnostic. */
    @ParameterizedTest(name = "{1} at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # diagnostic code | its message contains | at | the definition (single quotes read as double quotes)
            SCHEMA_VALIDATION_FAILED | These fields are required: [States, StartAt] | / | {}
            SCHEMA_VALIDATION_FAILED | Field 'Coment' is not supported | / | {'Coment':'x','StartAt':'A','States':{'A':{'Type':'Succeed'}}}
            SCHEMA_VALIDATION_FAILED | Value is not a valid state type: 'Sleep' | /States/A/Type | {'StartAt':'A','States':{'A':{'Type':'Sleep','End':true}}}
            MISSING_END_STATE | Workflow has no terminal state | / | {'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'}}}
            SCHEMA_VALIDATION_FAILED | Only one of Next or End | /States/A | {'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}}}
            SCHEMA_VALIDATION_FAILED | One of Next or End must be set | /States/A | {'StartAt':'A','States':{'A':{'Type':'Pass'}}}
            SCHEMA_VALIDATION_FAILED | Field 'Catch' is not supported | /States/P | {'StartAt':'P','States':{'P':{'Type':'Pass','Catch':[{'ErrorEquals':['States.ALL'],'Next':'P'}],'End':true}}}
            SCHEMA_VALIDATION_FAILED | The value for the field 'x.$' must be a STRING | /States/P/Parameters | {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'x.$':5},'End':true}}}
            SCHEMA_VALIDATION_FAILED | must be a valid JSONPath | /States/P/Parameters/nested | {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'nested':{'x.$':'$.a[?'}},'End':true}}}
            SCHEMA_VALIDATION_FAILED | The field 'x' is defined twice | /States/P/Parameters | {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'x':1,'x.$':'$.a'},'End':true}}}
            SCHEMA_VALIDATION_FAILED | ResultPath must be a Reference Path | /States/P/ResultPath | {'StartAt':'P','States':{'P':{'Type':'Pass','ResultPath':'$.a[*]','End':true}}}
            SCHEMA_VALIDATION_FAILED | ResultPath must be a Reference Path | /States/P/ResultPath | {'StartAt':'P','States':{'P':{'Type':'Pass','ResultPath':'$$.Execution','End':true}}}
            SCHEMA_VALIDATION_FAILED | exactly one of Seconds, SecondsPath, Timestamp or TimestampPath | /States/W | {'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}}}
            SCHEMA_VALIDATION_FAILED | RFC 3339 | /States/W/Timestamp | {'StartAt':'W','States':{'W':{'Type':'Wait','Timestamp':'2016-03-14 01:59:00','End':true}}}
            """)
    void definitionsTheServiceRefuses(String code, String messagePart, String location, String definition) {
        assertDiagnostic(code, messagePart, location, definition);
    }

    @Test
    void statesReachedOnlyThroughACatcherAreReachable() {
        assertDoesNotThrow(() -> StateMachine.parse(Asl.quotes("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::lambda:invoke','Catch':[{'ErrorEquals':['States.ALL'],'Next':'F'}],'End':true},"
                + "'F':{'Type':'Fail','Error':'E'}}}")));
    }

    @Test
    void choiceCannotEnd() {
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "Field 'End' is not supported", "/States/C",
                "{'StartAt':'C','States':{'C':{'Type':'Choice','End':true,'Choices':[{'Variable':'$.a','IsPresent':true,"
                        + "'Next':'E'}]},'E':{'Type':'Succeed'}}}");
    }

    @Test
    void statesAllMustBeAloneInErrorEquals() {
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "States.ALL must appear alone", "/States/T/Retry[0]/ErrorEquals",
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                        + "'Retry':[{'ErrorEquals':['States.ALL','X']}],'End':true}}}");
    }

    @Test
    void statesAllMustBeInTheLastCatcher() {
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "States.ALL must appear in the last element",
                "/States/T/Catch[0]/ErrorEquals", "{'StartAt':'T','States':{'T':{'Type':'Task',"
                        + "'Resource':'arn:aws:states:::lambda:invoke','Catch':[{'ErrorEquals':['States.ALL'],'Next':'E'},"
                        + "{'ErrorEquals':['X'],'Next':'E'}],'End':true},'E':{'Type':'Succeed'}}}");
    }

    @Test
    void retrierFieldRanges() {
        String base = "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Retry':[{'ErrorEquals':['X'],%s}],'End':true}}}";
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "BackoffRate must be a number greater than or equal to 1.0",
                "/States/T/Retry[0]", String.format(base, "'BackoffRate':0.5"));
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "IntervalSeconds must be an integer", "/States/T/Retry[0]",
                String.format(base, "'IntervalSeconds':0"));
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "MaxAttempts must be an integer", "/States/T/Retry[0]",
                String.format(base, "'MaxAttempts':-1"));
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "JitterStrategy must be FULL or NONE", "/States/T/Retry[0]",
                String.format(base, "'JitterStrategy':'SAMPLE'"));
    }

    @Test
    void timeoutSecondsOnlyOnTask() {
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "Field 'TimeoutSeconds' is not supported", "/States/P",
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','TimeoutSeconds':5,'Branches':[{'StartAt':'A','States':"
                        + "{'A':{'Type':'Succeed'}}}],'End':true}}}");
    }

    @Test
    void choiceRuleShapes() {
        String base = "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[%s],'Default':'E'},'E':{'Type':'Succeed'}}}";
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "must have a string field 'Next'", "/States/C/Choices[0]",
                String.format(base, "{'Variable':'$.a','IsPresent':true}"));
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "Field 'Next' is not supported in a nested Choice Rule",
                "/States/C/Choices[0]/Not", String.format(base, "{'Not':{'Variable':'$.a','IsPresent':true,'Next':'E'},'Next':'E'}"));
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "exactly one comparison operator", "/States/C/Choices[0]",
                String.format(base, "{'Variable':'$.a','IsPresent':true,'IsNull':true,'Next':'E'}"));
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "wrong type", "/States/C/Choices[0]",
                String.format(base, "{'Variable':'$.a','NumericEquals':'1','Next':'E'}"));
        assertDiagnostic("SCHEMA_VALIDATION_FAILED", "non-empty array", "/States/C/Choices[0]",
                String.format(base, "{'And':[],'Next':'E'}"));
    }

    @Test
    void duplicateStateNamesAcrossBranches() {
        assertDiagnostic("DUPLICATE_STATE_NAME", "Duplicate State name: A", "/States/A",
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'A','States':{'A':{'Type':'Succeed'}}}],"
                        + "'Next':'A'},'A':{'Type':'Succeed'}}}");
    }

    @Test
    void branchStatesCannotTargetOuterStates() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(Asl.quotes(
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'A','States':{'A':{'Type':'Pass',"
                        + "'Next':'Outer'}}}],'Next':'Outer'},'Outer':{'Type':'Succeed'}}}")));
        assertEquals("MISSING_TRANSITION_TARGET: Missing 'Next' target: Outer at /States/P/Branches[0]/States/A/Next",
                e.diagnostics().get(0).toString());
    }

    @Test
    void unsupportedFeaturesSayWhy() {
        List<String> definitions = List.of(
                "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Succeed'}}}",
                "{'StartAt':'A','States':{'A':{'Type':'Pass','QueryLanguage':'JSONata','End':true}}}",
                "{'StartAt':'A','States':{'A':{'Type':'Pass','Assign':{'x':1},'End':true}}}",
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken','End':true}}}",
                "{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},"
                        + "'StartAt':'A','States':{'A':{'Type':'Succeed'}}},'End':true}}}");
        for (String d : definitions) {
            String message = only(d).message();
            assertTrue(message.contains("not supported by the offline interpreter")
                    || message.contains("supported by the offline interpreter in Task states only"), d + ": " + message);
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(Asl.quotes(
                "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','Bogus':1},'B':{'Type':'Task','End':true}}}")));
        assertEquals(2, e.diagnostics().size(), e::getMessage);
        assertTrue(e.getMessage().startsWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "), e.getMessage());
    }
}
