package emrpipeline.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.local.LocalPipeline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** template.yaml evaluated for a local stack: what the runner gives the functions and the state machine. */
class SamTemplateTest {
    static final Path ROOT = Path.of(System.getProperty("emrpipeline.root", "..")).toAbsolutePath().normalize();

    static SamTemplate templateForTests() {
        return template(Map.of());
    }

    private static SamTemplate template(Map<String, String> overrides) {
        Map<String, String> parameters = new LinkedHashMap<>();
        LocalPipeline.LOCAL_PARAMETERS.forEach(parameters::put);
        parameters.putAll(overrides);
        return SamTemplate.load(ROOT.resolve("template.yaml"), parameters, "emr-pipeline", "us-east-1", "123456789012");
    }

    @Test
    void everyFunctionHasAHandlerTheRunnerCanBuild() {
        SamTemplate t = template(Map.of());
        List<String> ids = t.functions().stream().map(SamTemplate.FunctionDefinition::logicalId).toList();
        assertTrue(ids.containsAll(List.of("StorageSizingFunction", "AlarmLifecycleFunction", "RunLedgerFunction",
                "SlackNotifierFunction")), ids.toString());
        for (SamTemplate.FunctionDefinition f : t.functions()) {
            assertEquals("handleRequest", f.handlerMethod(), f.logicalId());
            assertEquals("arn:aws:lambda:us-east-1:123456789012:function:emr-pipeline-" + f.logicalId(), f.arn());
            assertEquals("java21", f.runtime(), "from Globals");
            assertEquals("live", f.alias(), "AutoPublishAlias from Globals");
            assertEquals(f.arn() + ":live", t.ref(f.logicalId() + "Aliaslive"), "Ref of the generated alias is its ARN");
            assertTrue(f.timeoutSeconds() > 0 && f.memoryMb() >= 128, f.toString());
            assertTrue(f.environment().values().stream().noneMatch(v -> v.contains("Ref") || v.contains("${")),
                    f.logicalId() + " environment evaluated: " + f.environment());
        }
    }

    @Test
    void functionEnvironmentsAreEvaluatedWithTheStacksValues() {
        SamTemplate t = template(Map.of("CoreNodeCount", "4"));
        Map<String, String> sizing = t.function("StorageSizingFunction").environment();
        assertEquals("emr-pipeline-local-data", sizing.get("DATA_BUCKET"));
        assertEquals("raw/", sizing.get("RAW_PREFIX"));
        assertEquals("4", sizing.get("CORE_NODE_COUNT"));
        assertEquals("arn:aws:sns:us-east-1:123456789012:emr-pipeline-alerts",
                t.function("AlarmLifecycleFunction").environment().get("ALARM_TOPIC_ARN"));
        assertEquals("emr-pipeline-RunLedgerTable", t.function("RunLedgerFunction").environment().get("LEDGER_TABLE"));
    }

    @Test
    void definitionSubstitutionsFillEveryPlaceholderOfTheDefinition() throws Exception {
        SamTemplate t = template(Map.of());
        Map<String, String> s = t.definitionSubstitutions(LocalPipeline.STATE_MACHINE);
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:emr-pipeline-RunLedgerFunction:live", s.get("RunLedgerFunctionArn"),
                "the state machine invokes the SnapStart alias SAM generates (RunLedgerFunctionAliaslive)");
        assertEquals("arn:aws:sns:us-east-1:123456789012:emr-pipeline-alerts", s.get("AlertTopicArn"));
        assertEquals("s3://emr-pipeline-local-logs/emr-logs/", s.get("LogUri"));
        assertEquals("emr-pipeline-EmrServiceRole", s.get("EmrServiceRoleName"));
        assertEquals("emr-pipeline", s.get("StackName"));
        // Without names the stack's own security configuration and subnets are used.
        assertEquals("emr-pipeline-ClusterSecurityConfiguration", decoded(s.get("SecurityConfigurationNameBase64")));
        assertTrue(decoded(s.get("ClusterSubnetIdsJsonBase64")).matches("\\[\"subnet-[0-9a-f]{17}\",\"subnet-[0-9a-f]{17}\"]"),
                decoded(s.get("ClusterSubnetIdsJsonBase64")));
        String definition = java.nio.file.Files.readString(ROOT.resolve("statemachine/pipeline.asl.json"));
        for (Map.Entry<String, String> e : s.entrySet()) {
            definition = definition.replace("${" + e.getKey() + "}", e.getValue());
        }
        assertFalse(Pattern.compile("\\$\\{[A-Za-z]").matcher(definition).find(), "a placeholder is left");
    }

    private static String decoded(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void conditionsPickTheBranchOfEveryIf() {
        SamTemplate t = template(Map.of("SecurityConfigurationName", "pipeline-encryption", "SubnetIds", "subnet-0abc,subnet-0def"));
        Map<String, String> s = t.definitionSubstitutions(LocalPipeline.STATE_MACHINE);
        assertEquals("pipeline-encryption", decoded(s.get("SecurityConfigurationNameBase64")));
        assertEquals("[\"subnet-0abc\",\"subnet-0def\"]", decoded(s.get("ClusterSubnetIdsJsonBase64")));
        assertTrue(t.condition("HasSubnets"));
        assertFalse(template(Map.of()).condition("HasSubnets"));
    }

    @Test
    void parameterValuesMustMeetTheTemplatesConstraints() {
        assertThrows(IllegalArgumentException.class, () -> template(Map.of("CoreNodeCount", "0")));
        assertThrows(IllegalArgumentException.class, () -> template(Map.of("CoreMarket", "CHEAP")));
        assertThrows(IllegalArgumentException.class, () -> template(Map.of("RawPrefix", "/raw")));
        assertThrows(IllegalArgumentException.class, () -> template(Map.of("NoSuchParameter", "x")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> SamTemplate.load(
                ROOT.resolve("template.yaml"), Map.of(), "s", "us-east-1", "123456789012"));
        assertTrue(missing.getMessage().contains("DataBucketName has no default"), missing.getMessage());
    }
}
