package emrpipeline.local.asl;

import static emrpipeline.local.asl.Asl.assertJson;
import static emrpipeline.local.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Intrinsic functions, with the examples of the ASL specification (Appendix B) and of the Step
 * Functions developer guide. Expressions are written with ` for the apostrophes of intrinsic
 * string literals.
 */
class IntrinsicFunctionsTest {

    /** Evaluates {@code expression} as the value of a {@code "v.$"} Parameters field of a Pass state. */
    private static JsonNode eval(String expression, String input) {
        ExecutionResult r = new AslInterpreter(StateMachine.parse(definition(expression)), new Asl.Script())
                .withRandom(new java.util.Random(42)).run(json(input), Asl.CONTEXT);
        if (!r.succeeded()) {
            throw new StatesError(r.error(), r.cause());
        }
        return r.output().get("v");
    }

    /** A one-Pass-state definition whose Parameters are {"v.$": expression} (` → '). */
    private static String definition(String expression) {
        com.fasterxml.jackson.databind.node.ObjectNode state = Json.object();
        state.put("Type", "Pass").put("End", true).putObject("Parameters").put("v.$", expression.replace('`', '\''));
        com.fasterxml.jackson.databind.node.ObjectNode machine = Json.object().put("StartAt", "S");
        machine.putObject("States").set("S", state);
        return Json.write(machine);
    }

    private static StatesError failure(String expression, String input) {
        return assertThrows(StatesError.class, () -> eval(expression, input));
    }

    @Test
    void formatWithLiteralTemplate() {
        assertJson("'Hello, my name is Arnav.'", eval("States.Format(`Hello, my name is {}.`, $.name)", "{'name':'Arnav'}"));
    }

    @Test
    void formatWithTemplateFromAPath() {
        assertJson("'Hello, my name is Arnav.'",
                eval("States.Format($.template, $.name)", "{'name':'Arnav','template':'Hello, my name is {}.'}"));
    }

    @Test
    void formatSpecExampleRendersNumbersNaturally() {
        assertJson("'Your name is Foo, we are in the year 2020'",
                eval("States.Format(`Your name is {}, we are in the year {}`, $.name, 2020)", "{'name':'Foo','zebra':'stripe'}"));
    }

    @Test
    void formatEscapesApostropheAndBraces() {
        // JSON "States.Format('Welcome to {} {}\\'s playlist.', ...)" from the specification
        assertEquals("Welcome to Jane Doe's playlist.",
                eval("States.Format(`Welcome to {} {}\\`s playlist.`, $.firstName, $.lastName)",
                        "{'firstName':'Jane','lastName':'Doe'}").textValue());
        assertEquals("{literal} x", eval("States.Format(`\\{literal\\} {}`, $.a)", "{'a':'x'}").textValue());
        assertEquals("back\\slash", eval("States.Format(`back\\\\slash`)", "{}").textValue());
    }

    @Test
    void formatRendersBooleansAndNull() {
        assertJson("'true null 1.5'", eval("States.Format(`{} {} {}`, $.t, $.n, $.d)", "{'t':true,'n':null,'d':1.5}"));
    }

    @Test
    void formatRejectsObjectArguments() {
        assertEquals("States.IntrinsicFailure", failure("States.Format(`{}`, $.o)", "{'o':{'a':1}}").error());
    }

    @Test
    void formatNeedsAsManyArgumentsAsPlaceholders() {
        assertEquals("States.IntrinsicFailure", failure("States.Format(`{} {}`, $.a)", "{'a':1}").error());
    }

    @Test
    void stringToJsonParsesEscapedJson() {
        assertJson("{'foo':'bar'}", eval("States.StringToJson($.escapedJsonString)", "{'escapedJsonString':'{\\'foo\\': \\'bar\\'}'}"));
        assertJson("{'number':20}", eval("States.StringToJson($.someString)", "{'someString':'{\\'number\\': 20}','zebra':'stripe'}"));
    }

    @Test
    void stringToJsonFailsOnNonJson() {
        assertEquals("States.IntrinsicFailure", failure("States.StringToJson($.s)", "{'s':'{nope'}").error());
    }

    @Test
    void jsonToStringWritesCompactJson() {
        assertJson("'{\\'name\\':\\'Foo\\',\\'year\\':2020}'", eval("States.JsonToString($.someJson)",
                "{'someJson':{'name':'Foo','year':2020},'zebra':'stripe'}"));
    }

    @Test
    void arrayCollectsItsArguments() {
        assertJson("['Foo', 2020, {'random':'abcdefg'}, null]",
                eval("States.Array(`Foo`, 2020, $.someJson, null)", "{'someJson':{'random':'abcdefg'},'zebra':'stripe'}"));
        assertJson("[123456]", eval("States.Array($.Id)", "{'Id':123456}"));
        assertJson("[]", eval("States.Array()", "{}"));
    }

    @Test
    void arrayPartitionChunksTheArray() {
        assertJson("[[1,2,3,4],[5,6,7,8],[9]]", eval("States.ArrayPartition($.inputArray,4)", "{'inputArray':[1,2,3,4,5,6,7,8,9]}"));
    }

    @Test
    void arrayPartitionNeedsAPositiveChunkSize() {
        assertEquals("States.IntrinsicFailure", failure("States.ArrayPartition($.a, 0)", "{'a':[1]}").error());
    }

    @Test
    void arrayContainsFindsAValue() {
        assertJson("true", eval("States.ArrayContains($.inputArray, $.lookingFor)", "{'inputArray':[1,2,3,4,5,6,7,8,9],'lookingFor':5}"));
        assertJson("false", eval("States.ArrayContains($.inputArray, 10)", "{'inputArray':[1,2,3]}"));
        assertJson("true", eval("States.ArrayContains($.a, $.o)", "{'a':[{'x':[1]}],'o':{'x':[1]}}"));
    }

    @Test
    void arrayRangeCountsByStep() {
        assertJson("[1,3,5,7,9]", eval("States.ArrayRange(1, 9, 2)", "{}"));
        assertJson("[5,4,3]", eval("States.ArrayRange(5, 3, -1)", "{}"));
    }

    @Test
    void arrayRangeRejectsZeroStepAndMoreThan1000Items() {
        assertEquals("States.IntrinsicFailure", failure("States.ArrayRange(1, 9, 0)", "{}").error());
        assertEquals("States.IntrinsicFailure", failure("States.ArrayRange(1, 1001, 1)", "{}").error());
        assertEquals(1000, eval("States.ArrayRange(1, 1000, 1)", "{}").size());
    }

    @Test
    void arrayGetItemReturnsTheIndexedValue() {
        assertJson("6", eval("States.ArrayGetItem($.inputArray, $.index)", "{'inputArray':[1,2,3,4,5,6,7,8,9],'index':5}"));
    }

    @Test
    void arrayGetItemOutOfBoundsFails() {
        assertEquals("States.IntrinsicFailure", failure("States.ArrayGetItem($.a, 3)", "{'a':[1,2,3]}").error());
    }

    @Test
    void arrayLengthCountsItems() {
        assertJson("9", eval("States.ArrayLength($.inputArray)", "{'inputArray':[1,2,3,4,5,6,7,8,9]}"));
    }

    @Test
    void arrayUniqueKeepsFirstOccurrences() {
        assertJson("[1,2,3,4]", eval("States.ArrayUnique($.inputArray)", "{'inputArray':[1,2,3,3,3,3,3,3,4]}"));
    }

    @Test
    void base64EncodeAndDecode() {
        assertJson("'RGF0YSB0byBlbmNvZGU='", eval("States.Base64Encode($.input)", "{'input':'Data to encode'}"));
        // The guide prints "Decoded data" for this input: the real decoding is the encoded text.
        assertJson("'Data to encode'", eval("States.Base64Decode($.base64)", "{'base64':'RGF0YSB0byBlbmNvZGU='}"));
    }

    @Test
    void base64RejectsMoreThan10000Characters() {
        String big = "a".repeat(10_001);
        assertEquals("States.IntrinsicFailure", failure("States.Base64Encode($.s)", "{'s':'" + big + "'}").error());
    }

    @Test
    void hashWithEveryAlgorithm() {
        String in = "{'Data':'input data'}";
        // The guide's SHA-1 example drops two digits: aaff4a450a104cd177d28d18d7485e8cae074b7.
        assertJson("'aaff4a450a104cd177d28d18d74485e8cae074b7'", eval("States.Hash($.Data, `SHA-1`)", in));
        assertJson("'812f45842bc6d66ee14572ce20db8e86'", eval("States.Hash($.Data, `MD5`)", in));
        assertJson("'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'", eval("States.Hash($.Data, `SHA-256`)", in));
        assertEquals(96, eval("States.Hash($.Data, `SHA-384`)", in).textValue().length());
        assertEquals(128, eval("States.Hash($.Data, `SHA-512`)", in).textValue().length());
    }

    @Test
    void hashRejectsUnknownAlgorithms() {
        assertEquals("States.IntrinsicFailure", failure("States.Hash($.Data, `SHA-3`)", "{'Data':'x'}").error());
    }

    @Test
    void jsonMergeIsShallow() {
        assertJson("{'a': {'a3': 1, 'a4': 2}, 'b': 2, 'c': 3}", eval("States.JsonMerge($.json1, $.json2, false)",
                "{'json1': {'a': {'a1': 1, 'a2': 2}, 'b': 2}, 'json2': {'a': {'a3': 1, 'a4': 2}, 'c': 3}}"));
    }

    @Test
    void jsonMergeRejectsDeepMerge() {
        assertEquals("States.IntrinsicFailure", failure("States.JsonMerge($.a, $.b, true)", "{'a':{},'b':{}}").error());
    }

    @Test
    void mathRandomIsWithinStartInclusiveEndExclusiveAndSeedable() {
        for (int i = 0; i < 50; i++) {
            long v = eval("States.MathRandom($.start, $.end)", "{'start':1,'end':999}").asLong();
            assertTrue(v >= 1 && v < 999, "out of range: " + v);
        }
        assertEquals(eval("States.MathRandom(1, 999, 1234)", "{}"), eval("States.MathRandom(1, 999, 1234)", "{}"));
    }

    @Test
    void mathRandomNeedsIntegers() {
        assertEquals("States.IntrinsicFailure", failure("States.MathRandom(1.5, 9)", "{}").error());
    }

    @Test
    void mathAddAddsIntegers() {
        assertJson("110", eval("States.MathAdd($.value1, $.step)", "{'value1':111,'step':-1}"));
    }

    @Test
    void mathAddRejectsDecimals() {
        assertEquals("States.IntrinsicFailure", failure("States.MathAdd(1.5, 1)", "{}").error());
    }

    @Test
    void stringSplitOnEachDelimiterCharacter() {
        assertJson("['1','2','3','4','5']", eval("States.StringSplit($.inputString, $.splitter)", "{'inputString':'1,2,3,4,5','splitter':','}"));
        assertJson("['This','is','a','test','string']",
                eval("States.StringSplit($.inputString, $.splitter)", "{'inputString':'This.is+a,test=string','splitter':'.+,='}"));
    }

    @Test
    void uuidIsVersion4() {
        String uuid = eval("States.UUID()", "{}").textValue();
        assertTrue(uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), uuid);
        JsonNode two = eval("States.Array(States.UUID(), States.UUID())", "{}");
        assertNotEquals(two.get(0), two.get(1));
    }

    @Test
    void nestedFunctionsFromTheGuide() {
        String arn = "{'ImageRecipe':{'Arn':'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe.name/1.0.0'}}";
        assertJson("'my-recipe.name'", eval("States.Format(`{}.{}`, States.ArrayGetItem(States.StringSplit("
                + "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, `/`), 1), `.`), 0), States.ArrayGetItem("
                + "States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, `/`), 1), `.`), 1))", arn));
    }

    @Test
    void contextPathArguments() {
        assertJson("'run-1'", eval("States.Format(`{}`, $$.Execution.Name)", "{}"));
    }

    @Test
    void missingPathArgumentFailsWithStatesRuntime() {
        assertEquals("States.Runtime", failure("States.ArrayLength($.nope)", "{}").error());
    }

    @Test
    void malformedInvocationsAreRejectedWithTheDefinition() {
        for (String bad : new String[] {"States.Nope($.a)", "States.ArrayLength($.a, $.b)", "States.Format(`open \\q`)",
                "States.Format(`unterminated)", "States.Array(", "not a function"}) {
            DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachine.parse(definition(bad)), bad);
            assertEquals("SCHEMA_VALIDATION_FAILED", e.diagnostics().get(0).code(), bad);
            assertEquals("/States/S/Parameters", e.diagnostics().get(0).location(), bad);
        }
    }
}
