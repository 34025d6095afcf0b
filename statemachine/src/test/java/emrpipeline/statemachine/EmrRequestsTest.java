package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.aws.SdkModelValidator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;

/**
 * The EMR requests in the definition, checked against the AWS SDK v2 EMR model. The createCluster request
 * is built by PrepareClusterRequest and completed with the optional settings the template may merge in.
 */
class EmrRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipelineDefinition definition = PipelineDefinition.load(ProjectFiles.DEFINITION);

    /** The createCluster request with the template's optional settings, as the service would receive it. */
    private ObjectNode clusterRequest(String clusterSettings, String instancesSettings) throws Exception {
        ObjectNode request = definition.state("PrepareClusterRequest").path("Parameters").deepCopy();
        request.setAll((ObjectNode) JSON.readTree(clusterSettings));
        ((ObjectNode) request.get("Instances")).setAll((ObjectNode) JSON.readTree(instancesSettings));
        return request;
    }

    /**
     * Both outcomes of the template's optional settings (no subnet and no security configuration; both set),
     * evaluated from template.yaml's DefinitionSubstitutions with sample parameter values.
     */
    static List<String[]> optionalSettings() {
        JsonNode substitutions = CloudFormationTemplate.load()
                .at("/Resources/PipelineStateMachine/Properties/DefinitionSubstitutions");
        Map<String, Object> parameters = Map.of("SecurityConfigurationName", "pipeline-encryption",
                "SubnetIds", List.of("subnet-0abc", "subnet-0def"));
        List<String[]> variants = new java.util.ArrayList<>();
        for (boolean set : new boolean[] {false, true}) {
            variants.add(new String[] {
                    decode(TemplateExpressions.evaluate(substitutions.get("OptionalClusterSettingsBase64"), parameters, set)),
                    decode(TemplateExpressions.evaluate(substitutions.get("OptionalInstancesSettingsBase64"), parameters, set))});
        }
        return variants;
    }

    private static String decode(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "optional settings {0} / {1}")
    @MethodSource("optionalSettings")
    void theCreateClusterRequestIsARunJobFlowRequest(String clusterSettings, String instancesSettings) throws Exception {
        ObjectNode request = clusterRequest(clusterSettings, instancesSettings);
        assertEquals(List.of(), SdkModelValidator.validate(request, RunJobFlowRequest::builder));
    }

    @Test
    void theCreateClusterRequestFollowsTheIntegrationsRules() throws Exception {
        JsonNode request = clusterRequest("{}", "{}");
        assertTrue(request.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean(false), "createCluster requires KeepJobFlowAliveWhenNoSteps true");
        assertTrue(request.path("Steps").isMissingNode(), "createCluster does not allow Steps");
        assertEquals("$.clusterRequest.request", definition.state("CreateCluster").path("InputPath").asText(),
                "CreateCluster sends exactly the assembled request");
        assertTrue(definition.state("CreateCluster").path("Parameters").isMissingNode());
        assertTrue(request.path("AutoTerminationPolicy").path("IdleTimeout").asInt() > 0, "an idle cluster terminates itself if an execution is stopped");
        assertTrue(request.path("VisibleToAllUsers").asBoolean());
        JsonNode core = request.path("Instances").path("InstanceFleets").get(1);
        assertEquals("CORE", core.path("InstanceFleetType").asText());
        assertTrue(core.path("InstanceTypeConfigs").size() >= 3, "several core instance types for spot capacity");
        JsonNode spot = core.path("LaunchSpecifications").path("SpotSpecification");
        assertEquals("price-capacity-optimized", spot.path("AllocationStrategy").asText());
        assertEquals("SWITCH_TO_ON_DEMAND", spot.path("TimeoutAction").asText());
        for (JsonNode type : core.path("InstanceTypeConfigs")) {
            assertEquals("$.sizing.Payload.ebsGib", type.at("/EbsConfiguration/EbsBlockDeviceConfigs/0/VolumeSpecification/SizeInGB.$").asText(),
                    "EBS size from the sizing function");
        }
        String tags = request.path("Tags").toString();
        assertTrue(tags.contains("emr-pipeline:run-id") && tags.contains("$.config.runId"), "tagged with the run id");
        assertTrue(tags.contains("$$.Execution.Name"), "tagged with the execution name");
        assertTrue(tags.contains("\"Key\":\"for-use-with-amazon-emr-managed-policies\",\"Value\":\"true\""),
                "the tag AmazonEMRServicePolicy_v2 requires");
    }

    @Test
    void theStepIsAStepConfigRunBySparkSubmit() {
        JsonNode parameters = definition.state("RunJob").path("Parameters");
        assertEquals("$.cluster.ClusterId", parameters.path("ClusterId.$").asText());
        assertEquals(List.of(), SdkModelValidator.validate(parameters.path("Step"), StepConfig::builder));
        assertEquals("command-runner.jar", parameters.path("Step").path("HadoopJarStep").path("Jar").asText());
        for (String builder : List.of("PySparkJobArguments", "JarJobArguments")) {
            String args = definition.state(builder).path("Parameters").path("args.$").asText();
            assertTrue(args.startsWith("States.Array('spark-submit'"), builder + " builds a list, not a string");
            assertTrue(args.contains("'--manifest', $.sizing.Payload.manifestUri") && args.contains("'--output', $.plan.outputUri")
                    && args.contains("'--run-id', $.config.runId"), builder + " passes the manifest, the output and the run id");
        }
    }

    @Test
    void terminateClusterNamesTheCluster() {
        for (String state : List.of("TerminateCluster", "CleanupTerminateCluster")) {
            JsonNode parameters = definition.state(state).path("Parameters");
            assertEquals(List.of("ClusterId.$"), iterableToList(parameters.fieldNames()), state);
        }
    }

    @Test
    void theValidatorRejectsUnknownMembersWrongShapesAndInvalidEnumValues() throws Exception {
        ObjectNode request = clusterRequest("{}", "{}");
        request.put("ReleaseLable", "emr-7.12.0");
        ((ObjectNode) request.get("Instances")).put("KeepJobFlowAliveWhenNoSteps", "yes");
        ((ObjectNode) request.at("/Instances/InstanceFleets/1/LaunchSpecifications/SpotSpecification")).put("TimeoutAction", "WAIT_FOREVER");
        request.set("Applications", JSON.readTree("{\"Name\":\"Spark\"}"));
        request.put("Name.$", "not a path");
        List<String> problems = SdkModelValidator.validate(request, RunJobFlowRequest::builder);
        String all = String.join("\n", problems);
        assertTrue(all.contains("has no member ReleaseLable"), all);
        assertTrue(all.contains("KeepJobFlowAliveWhenNoSteps: expected a boolean"), all);
        assertTrue(all.contains("'WAIT_FOREVER' is not one of"), all);
        assertTrue(all.contains("Applications: expected a list"), all);
        assertTrue(all.contains("Name.$: must be a path or an intrinsic function"), all);

        ObjectNode step = definition.state("RunJob").path("Parameters").path("Step").deepCopy();
        step.put("ActionOnFailure", "RETRY");
        String stepProblems = String.join("\n", SdkModelValidator.validate(step, StepConfig::builder));
        assertTrue(stepProblems.contains("'RETRY' is not one of"), stepProblems);
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
