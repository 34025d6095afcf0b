package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The execution input's check, fed as the Lambda runtime's serializer hands the state machine's payload over. */
class ExecutionInputValidatorTest {
    static final ExecutionInputValidator VALIDATOR = new ExecutionInputValidator(new ExecutionInputLimits("emr-pipeline", 60, 14400));

    /** The validate request's executionInput as the runtime deserializes it from JSON. */
    static Object input(String json) {
        LedgerRequest r = JacksonFactory.getInstance().getSerializer(LedgerRequest.class)
                .fromJson("{\"action\":\"validate\",\"executionInput\":" + json.replace('\'', '"') + "}");
        return r.getExecutionInput();
    }

    @Test
    void aValidInputGivesTheRunIdItsOwnOrTheExecutionsName() {
        assertEquals("day-1", VALIDATOR.validate(input("{}"), "day-1"));
        assertEquals("rerun.7", VALIDATOR.validate(input("{'runId':'rerun.7','trigger':'manual','coreMarket':'ON_DEMAND',"
                + "'jobTimeoutSeconds':3600,'jobArguments':{'a':{'b':[1]}},'sizing':{'coreNodeCount':3,'expansionFactor':2.5,"
                + "'rawPrefix':'raw/day=1/','fullReconciliation':true,'lookBackPartitions':2,'fullReconciliationDays':14}}"), "x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]|input: must be a JSON object",
            "7|input: must be a JSON object",
            "{'runid':'a'}|runid: is not a setting of the pipeline",
            "{'runId':7}|runId: must be a JSON string, got a number",
            "{'runId':'a b'}|runId: must be 1 to 80 characters",
            "{'runId':'a:b'}|runId: must be 1 to 80 characters",
            "{'trigger':'cron'}|trigger: must be \"manual\" or \"schedule\"",
            "{'coreMarket':'spot'}|coreMarket: must be \"SPOT\" or \"ON_DEMAND\"",
            "{'jobTimeoutSeconds':90.5}|jobTimeoutSeconds: must be a whole number",
            "{'jobTimeoutSeconds':600.0}|jobTimeoutSeconds: must be a whole number",
            "{'jobTimeoutSeconds':'600'}|jobTimeoutSeconds: must be a JSON number",
            "{'jobTimeoutSeconds':59}|jobTimeoutSeconds: must be 60 to 14400",
            "{'jobTimeoutSeconds':39600}|jobTimeoutSeconds: must be 60 to 14400",
            "{'jobArguments':'{}'}|jobArguments: must be a JSON object",
            "{'sizing':[]}|sizing: must be a JSON object",
            "{'sizing':{'nodes':2}}|sizing.nodes: is not a sizing knob",
            "{'sizing':{'coreNodeCount':2.5}}|sizing.coreNodeCount: must be a whole number",
            "{'sizing':{'coreNodeCount':10001}}|sizing.coreNodeCount: must be at most 10000",
            "{'sizing':{'volumesPerInstance':65}}|sizing.volumesPerInstance: must be at most 64",
            "{'sizing':{'rawPrefix':1}}|sizing.rawPrefix: must be a JSON string",
            "{'sizing':{'fullReconciliation':'true'}}|sizing.fullReconciliation: must be a JSON boolean",
            "{'sizing':{'lookBackPartitions':1.5}}|sizing.lookBackPartitions: must be a whole number"})
    void eachRefusalNamesTheField(String json, String message) {
        InvalidExecutionInputException e = assertThrows(InvalidExecutionInputException.class,
                () -> VALIDATOR.validate(input(json), "day-1"));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void theDefaultRunIdIsCheckedTooAndTheClusterNameFitsEmr() {
        assertTrue(assertThrows(InvalidExecutionInputException.class, () -> VALIDATOR.validate(input("{}"), "ünï"))
                .getMessage().startsWith("runId: (not given, so the execution's name"));
        ExecutionInputValidator longStack = new ExecutionInputValidator(new ExecutionInputLimits("s".repeat(128), 60, 14400));
        String runId = "r".repeat(80);
        assertEquals(runId, longStack.validate(input("{}"), runId), "128 + 1 + 80 <= 256");
        ExecutionInputValidator longerStack = new ExecutionInputValidator(new ExecutionInputLimits("s".repeat(200), 60, 14400));
        assertTrue(assertThrows(InvalidExecutionInputException.class, () -> longerStack.validate(input("{}"), runId))
                .getMessage().contains("EMR allows 256"));
        assertTrue(assertThrows(InvalidExecutionInputException.class, () -> VALIDATOR.validate(
                Map.of("jobArguments", Map.of("big", "x".repeat(6000))), "d")).getMessage().startsWith("jobArguments: is "));
    }

    /** The runtime reports the exception's class name as errorType; the state machine catches it by that name. */
    @Test
    void theStateMachineCatchesTheErrorByTheNameTheRuntimeReports() {
        assertTrue(RepositoryFiles.text("statemachine/pipeline.asl.json").contains('"' + InvalidExecutionInputException.class.getName() + '"'),
                "statemachine/pipeline.asl.json catches " + InvalidExecutionInputException.class.getName());
    }
}
