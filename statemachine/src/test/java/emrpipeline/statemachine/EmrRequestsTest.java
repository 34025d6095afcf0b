package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.aws.SdkModelValidator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;

/**
 * The EMR requests in the definition, checked against the AWS SDK v2 EMR model. CreateCluster's Parameters are
 * the whole RunJobFlow request: no member is optional, the template always supplies subnets and a security
 * configuration (the given ones or the stack's own).
 */
class EmrRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipelineDefinition definition = PipelineDefinition.load(ProjectFiles.DEFINITION);
    private final JsonNode substitutions = CloudFormationTemplate.load()
            .at("/Resources/PipelineStateMachine/Properties/DefinitionSubstitutions");

    private ObjectNode clusterRequest() {
        return definition.request("CreateCluster").deepCopy();
    }

    @Test
    void theCreateClusterRequestIsARunJobFlowRequest() {
        assertEquals(List.of(), SdkModelValidator.validate(clusterRequest(), RunJobFlowRequest::builder));
    }

    @Test
    void theCreateClusterRequestFollowsTheIntegrationsRules() {
        JsonNode createCluster = definition.state("CreateCluster");
        assertTrue(createCluster.path("InputPath").isMissingNode(), "the request is the documented Parameters field, not the input");
        JsonNode request = clusterRequest();
        assertTrue(request.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean(false), "createCluster requires KeepJobFlowAliveWhenNoSteps true");
        assertTrue(request.path("Steps").isMissingNode(), "createCluster does not allow Steps");
        assertTrue(request.path("AutoTerminationPolicy").path("IdleTimeout").asInt() > 0, "an idle cluster terminates itself if an execution is stopped");
        assertTrue(request.path("VisibleToAllUsers").asBoolean());
        assertEquals("States.Base64Decode('${SecurityConfigurationNameBase64}')", request.path("SecurityConfiguration.$").asText());
        assertEquals("States.StringToJson(States.Base64Decode('${ClusterSubnetIdsJsonBase64}'))",
                request.path("Instances").path("Ec2SubnetIds.$").asText());
        JsonNode core = request.path("Instances").path("InstanceFleets").get(1);
        assertEquals("CORE", core.path("InstanceFleetType").asText());
        assertEquals("$.coreCapacity.spot", core.path("TargetSpotCapacity.$").asText());
        assertEquals("$.coreCapacity.onDemand", core.path("TargetOnDemandCapacity.$").asText());
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
        assertTrue(tags.contains("\"Key\":\"emr-pipeline:stack\",\"Value\":\"${StackName}\""),
                "tagged with the stack: the state machine's IAM policy only lets it create and touch such clusters");
        assertTrue(tags.contains("\"Key\":\"for-use-with-amazon-emr-managed-policies\",\"Value\":\"true\""),
                "the tag AmazonEMRServicePolicy_v2 requires");
        assertEquals("$$.State.EnteredTime", createCluster.path("ResultSelector").path("requestedAt.$").asText(),
                "the ledger prices a cluster from the moment it was requested");
        assertEquals("$.cluster.requestedAt", definition.request("RecordCluster").path("Payload").path("clusterRequestedAt.$").asText());
    }

    /** Both outcomes of each Fn::If: the values the definition decodes are a security configuration name and a subnet list. */
    @ParameterizedTest(name = "template values given: {0}")
    @ValueSource(booleans = {true, false})
    void theTemplateAlwaysGivesASecurityConfigurationAndSubnets(boolean given) throws Exception {
        Map<String, Object> parameters = Map.of("SecurityConfigurationName", "pipeline-encryption",
                "SubnetIds", List.of("subnet-0abc", "subnet-0def"),
                "ClusterSecurityConfiguration", "stack-security-configuration",
                "ClusterSubnetA", "subnet-0aaa", "ClusterSubnetB", "subnet-0bbb");
        String name = decode(TemplateExpressions.evaluate(substitutions.get("SecurityConfigurationNameBase64"), parameters, given));
        assertEquals(given ? "pipeline-encryption" : "stack-security-configuration", name);
        JsonNode subnets = JSON.readTree(decode(TemplateExpressions.evaluate(substitutions.get("ClusterSubnetIdsJsonBase64"), parameters, given)));
        assertEquals(given ? JSON.readTree("[\"subnet-0abc\",\"subnet-0def\"]") : JSON.readTree("[\"subnet-0aaa\",\"subnet-0bbb\"]"), subnets);

        ObjectNode resolved = clusterRequest();
        resolved.remove("SecurityConfiguration.$");
        resolved.put("SecurityConfiguration", name);
        ObjectNode instances = (ObjectNode) resolved.get("Instances");
        instances.remove("Ec2SubnetIds.$");
        instances.set("Ec2SubnetIds", subnets);
        assertEquals(List.of(), SdkModelValidator.validate(resolved, RunJobFlowRequest::builder));
    }

    @Test
    void theCoreCapacityIsAllSpotOrAllOnDemand() {
        JsonNode spot = definition.state("SpotCoreCapacity").path("Parameters");
        JsonNode onDemand = definition.state("OnDemandCoreCapacity").path("Parameters");
        assertEquals("$.sizing.Payload.coreNodeCount", spot.path("spot.$").asText());
        assertEquals(0, spot.path("onDemand").asInt(-1));
        assertEquals(0, onDemand.path("spot").asInt(-1));
        assertEquals("$.sizing.Payload.coreNodeCount", onDemand.path("onDemand.$").asText());
        for (String state : List.of("SpotCoreCapacity", "OnDemandCoreCapacity")) {
            assertEquals("CreateCluster", definition.state(state).path("Next").asText(), state);
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void theStepIsAStepConfigRunBySparkSubmit() {
        JsonNode parameters = definition.request("RunJob");
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
            JsonNode parameters = definition.request(state);
            assertEquals(List.of("ClusterId.$"), iterableToList(parameters.fieldNames()), state);
        }
    }

    @Test
    void theValidatorRejectsUnknownMembersWrongShapesAndInvalidEnumValues() throws Exception {
        ObjectNode request = clusterRequest();
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

        ObjectNode step = definition.request("RunJob").path("Step").deepCopy();
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
