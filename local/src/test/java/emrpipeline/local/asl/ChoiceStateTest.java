package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Choice rules: the specification's DispatchEvent example and every operator. */
class ChoiceStateTest {

    private static final String DISPATCH = "{'StartAt':'DispatchEvent','States':{"
            + "'DispatchEvent':{'Type':'Choice','Choices':["
            + "{'Not':{'Variable':'$.type','StringEquals':'Private'},'Next':'Public'},"
            + "{'And':[{'Variable':'$.value','IsPresent':true},{'Variable':'$.value','IsNumeric':true},"
            + "{'Variable':'$.value','NumericGreaterThanEquals':20},{'Variable':'$.value','NumericLessThan':30}],"
            + "'Next':'ValueInTwenties'},"
            + "{'Variable':'$.rating','NumericGreaterThanPath':'$.auditThreshold','Next':'StartAudit'}],"
            + "'Default':'RecordEvent'},"
            + "'Public':{'Type':'Succeed'},'ValueInTwenties':{'Type':'Succeed'},'StartAudit':{'Type':'Succeed'},"
            + "'RecordEvent':{'Type':'Succeed'}}}";

    private static String chosen(String input) {
        ExecutionResult r = Asl.run(DISPATCH, input);
        assertTrue(r.succeeded(), () -> r.error() + " " + r.cause());
        return r.history().events().get(r.history().events().size() - 3).details().get("name").asText();
    }

    @Test
    void specExampleGoesToValueInTwenties() {
        assertEquals("ValueInTwenties", chosen("{'type':'Private','value':22}"));
    }

    @Test
    void specExampleNotRule() {
        assertEquals("Public", chosen("{'type':'Public','value':22}"));
    }

    @Test
    void specExamplePathOperator() {
        assertEquals("StartAudit", chosen("{'type':'Private','value':5,'rating':9,'auditThreshold':8}"));
    }

    @Test
    void specExampleDefault() {
        assertEquals("RecordEvent", chosen("{'type':'Private','value':5,'rating':1,'auditThreshold':8}"));
    }

    /** A Choice with one rule {Variable: $.v, op: operand}; returns true when the rule matched. */
    private static boolean matches(String op, String operand, String value) {
        String def = "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.v','" + op + "':" + operand
                + ",'Next':'Yes'}],'Default':'No'},'Yes':{'Type':'Pass','Result':true,'End':true},"
                + "'No':{'Type':'Pass','Result':false,'End':true}}}";
        ExecutionResult r = Asl.run(def, "{'v':" + value + ",'other':" + operand + "}");
        assertTrue(r.succeeded(), () -> r.error() + " " + r.cause());
        return r.output().booleanValue();
    }

    @ParameterizedTest(name = "{0} {1} on {2} is {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "StringEquals|'abc'|'abc'|true", "StringEquals|'abc'|'abd'|false", "StringEquals|'1'|1|false",
        "StringLessThan|'b'|'a'|true", "StringLessThan|'b'|'b'|false", "StringGreaterThan|'b'|'c'|true",
        "StringLessThanEquals|'b'|'b'|true", "StringGreaterThanEquals|'b'|'a'|false",
        "NumericEquals|5|5.0|true", "NumericEquals|5|'5'|false", "NumericLessThan|5|4.99|true",
        "NumericGreaterThan|5|5|false", "NumericLessThanEquals|5|5|true", "NumericGreaterThanEquals|5|6|true",
        "BooleanEquals|true|true|true", "BooleanEquals|true|'true'|false",
        "TimestampEquals|'2016-03-14T01:59:00Z'|'2016-03-14T02:59:00+01:00'|true",
        "TimestampLessThan|'2016-03-14T01:59:00Z'|'2016-03-14T01:58:59.5Z'|true",
        "TimestampGreaterThan|'2016-03-14T01:59:00Z'|'2016-03-14T01:59:01Z'|true",
        "TimestampLessThanEquals|'2016-03-14T01:59:00Z'|'2016-03-14T01:59:00Z'|true",
        "TimestampGreaterThanEquals|'2016-03-14T01:59:00Z'|'2016-03-14T01:58:00Z'|false",
        "TimestampEquals|'2016-03-14T01:59:00Z'|'2016-03-14t01:59:00z'|false",
        "IsNull|true|null|true", "IsNull|true|0|false", "IsNull|false|'x'|true",
        "IsNumeric|true|1.5|true", "IsNumeric|true|'1.5'|false",
        "IsString|true|'x'|true", "IsString|true|1|false",
        "IsBoolean|true|false|true", "IsBoolean|true|'false'|false",
        "IsTimestamp|true|'2016-03-14T01:59:00Z'|true", "IsTimestamp|true|'2016-03-14'|false",
        "IsPresent|true|1|true", "IsPresent|false|null|false",
        "StringMatches|'foo*.log'|'foo23.log'|true", "StringMatches|'*.log'|'zebra.log'|true",
        "StringMatches|'foo*.*'|'foobar.zebra'|true", "StringMatches|'foo*.log'|'foo23.txt'|false",
        "StringMatches|'a\\\\*b'|'a*b'|true", "StringMatches|'a\\\\*b'|'axb'|false",
        "StringMatches|'back\\\\\\\\slash'|'back\\\\slash'|true",
    })
    void operator(String op, String operand, String value, boolean expected) {
        assertEquals(expected, matches(op, operand.replace('\'', '"'), value.replace('\'', '"')));
    }

    @ParameterizedTest(name = "{0}Path")
    @CsvSource(quoteCharacter = '"', value = {"StringEquals,'a','a'", "NumericLessThan,2,1", "BooleanEquals,true,true",
        "TimestampGreaterThan,'2020-01-01T00:00:00Z','2021-01-01T00:00:00Z'", "StringGreaterThanEquals,'a','b'",
        "NumericGreaterThanEquals,1,1", "TimestampLessThanEquals,'2020-01-01T00:00:00Z','2020-01-01T00:00:00Z'"})
    void pathOperatorsCompareWithAnotherPath(String op, String other, String value) {
        String def = "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.v','" + op
                + "Path':'$.other','Next':'Yes'}],'Default':'No'},'Yes':{'Type':'Pass','Result':true,'End':true},"
                + "'No':{'Type':'Pass','Result':false,'End':true}}}";
        ExecutionResult r = Asl.run(def, "{'v':" + value.replace('\'', '"') + ",'other':" + other.replace('\'', '"') + "}");
        assertEquals(true, r.output().booleanValue(), () -> r.error() + " " + r.cause());
    }

    @Test
    void isPresentFalseMatchesAMissingField() {
        assertTrue(matchesMissing("'IsPresent':false"));
    }

    @Test
    void comparingAMissingVariableFailsWithStatesRuntime() {
        ExecutionResult r = Asl.run("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.nope',"
                + "'StringEquals':'x','Next':'Y'}],'Default':'Y'},'Y':{'Type':'Succeed'}}}", "{}");
        assertEquals("States.Runtime", r.error());
        assertEquals("Invalid path '$.nope': The choice state's condition path references an invalid value.", r.cause());
    }

    private static boolean matchesMissing(String rule) {
        ExecutionResult r = Asl.run("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.nope',"
                + rule + ",'Next':'Yes'}],'Default':'No'},'Yes':{'Type':'Pass','Result':true,'End':true},"
                + "'No':{'Type':'Pass','Result':false,'End':true}}}", "{}");
        return r.output().booleanValue();
    }

    @Test
    void orMatchesWhenAnyRuleMatches() {
        ExecutionResult r = Asl.run("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Or':["
                + "{'Variable':'$.a','NumericEquals':1},{'Variable':'$.a','NumericEquals':2}],'Next':'Y'}],"
                + "'Default':'N'},'Y':{'Type':'Pass','Result':'y','End':true},'N':{'Type':'Pass','Result':'n','End':true}}}",
                "{'a':2}");
        assertJson("'y'", r.output());
    }

    @Test
    void noMatchWithoutDefaultFailsWithNoChoiceMatched() {
        ExecutionResult r = Asl.run("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a',"
                + "'NumericEquals':1,'Next':'Y'}]},'Y':{'Type':'Succeed'}}}", "{'a':2}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("States.NoChoiceMatched", r.error());
    }

    @Test
    void choiceOutputIsItsInputThroughInputPathAndOutputPath() {
        ExecutionResult r = Asl.run("{'StartAt':'C','States':{'C':{'Type':'Choice','InputPath':'$.in','OutputPath':'$.x',"
                + "'Choices':[{'Variable':'$.x','NumericEquals':1,'Next':'Y'}]},'Y':{'Type':'Succeed'}}}", "{'in':{'x':1}}");
        assertJson("1", r.output());
    }
}
