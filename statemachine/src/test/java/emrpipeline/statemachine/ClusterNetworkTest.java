package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With default parameter values the cluster starts in a network the scoped EMR service policy may use: without
 * SubnetIds the stack creates a VPC whose subnets and VPC carry for-use-with-amazon-emr-managed-policies=true
 * (AmazonEMRServicePolicy_v2 launches instances only in tagged subnets and creates its security groups only in a
 * tagged VPC: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEMRServicePolicy_v2.html).
 */
class ClusterNetworkTest {
    private static final String EMR_TAG = "{\"Key\":\"for-use-with-amazon-emr-managed-policies\",\"Value\":\"true\"}";
    private final JsonNode template = CloudFormationTemplate.load();
    private final JsonNode resources = template.path("Resources");

    private List<String> ofType(String type) {
        List<String> names = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                names.add(e.getKey());
            }
        });
        return names;
    }

    @Test
    void theNetworkExistsExactlyWhenNoSubnetsAreGiven() {
        assertEquals("", template.at("/Parameters/SubnetIds/Default").asText(), "subnets are optional");
        assertEquals("{\"Fn::Equals\":[{\"Fn::Join\":[\"\",{\"Ref\":\"SubnetIds\"}]},\"\"]}",
                template.at("/Conditions/CreateClusterNetwork").toString());
        assertEquals("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Fn::Join\":[\"\",{\"Ref\":\"SubnetIds\"}]},\"\"]}]}",
                template.at("/Conditions/HasSubnets").toString(), "the two conditions are each other's negation");
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().startsWith("AWS::EC2::")) {
                assertEquals("CreateClusterNetwork", e.getValue().path("Condition").asText(), e.getKey());
            }
        });
    }

    @Test
    void theVpcAndItsSubnetsCarryTheTagTheEmrServicePolicyRequires() {
        JsonNode vpc = resources.path(ofType("AWS::EC2::VPC").get(0)).path("Properties");
        assertTrue(vpc.path("Tags").toString().contains(EMR_TAG), "EMR creates its security groups only in a tagged VPC");
        assertTrue(vpc.path("EnableDnsHostnames").asBoolean() && vpc.path("EnableDnsSupport").asBoolean(), "EMR needs DNS hostnames");
        List<String> subnets = ofType("AWS::EC2::Subnet");
        assertEquals(List.of("ClusterSubnetA", "ClusterSubnetB"), subnets);
        List<String> zones = new ArrayList<>();
        for (String subnet : subnets) {
            JsonNode properties = resources.path(subnet).path("Properties");
            assertTrue(properties.path("Tags").toString().contains(EMR_TAG), subnet + " is tagged for EMR's instances");
            assertTrue(properties.path("MapPublicIpOnLaunch").asBoolean(), subnet + " is public: no NAT gateway");
            zones.add(properties.path("AvailabilityZone").toString());
        }
        assertEquals(List.of("{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}", "{\"Fn::Select\":[1,{\"Fn::GetAZs\":\"\"}]}"), zones,
                "two Availability Zones for the spot fleet to choose from");
    }

    @Test
    void theSubnetsReachTheInternetAndS3() {
        JsonNode route = resources.path(ofType("AWS::EC2::Route").get(0)).path("Properties");
        assertEquals("0.0.0.0/0", route.path("DestinationCidrBlock").asText());
        assertEquals("{\"Ref\":\"ClusterInternetGateway\"}", route.path("GatewayId").toString());
        assertEquals(2, ofType("AWS::EC2::SubnetRouteTableAssociation").size());
        JsonNode endpoint = resources.path(ofType("AWS::EC2::VPCEndpoint").get(0)).path("Properties");
        assertEquals("Gateway", endpoint.path("VpcEndpointType").asText(), "a gateway endpoint costs nothing");
        assertEquals("{\"Fn::Sub\":\"com.amazonaws.${AWS::Region}.s3\"}", endpoint.path("ServiceName").toString());
    }

    @Test
    void theClusterGetsTheGivenSubnetsOrTheStacksOwn() {
        JsonNode subnets = template.at("/Resources/PipelineStateMachine/Properties/DefinitionSubstitutions/ClusterSubnetIdsJsonBase64/Fn::Base64/Fn::If");
        assertEquals("HasSubnets", subnets.get(0).asText());
        assertTrue(subnets.get(1).toString().contains("{\"Ref\":\"SubnetIds\"}"));
        assertEquals("{\"Fn::Sub\":\"[\\\"${ClusterSubnetA}\\\",\\\"${ClusterSubnetB}\\\"]\"}", subnets.get(2).toString());
    }

    @Test
    void theClusterAlwaysHasASecurityConfiguration() {
        JsonNode name = template.at("/Resources/PipelineStateMachine/Properties/DefinitionSubstitutions/SecurityConfigurationNameBase64/Fn::Base64/Fn::If");
        assertEquals("[\"HasSecurityConfiguration\",{\"Ref\":\"SecurityConfigurationName\"},{\"Ref\":\"ClusterSecurityConfiguration\"}]", name.toString());
        JsonNode own = resources.path("ClusterSecurityConfiguration");
        assertEquals("CreateClusterSecurityConfiguration", own.path("Condition").asText());
        assertEquals("{\"Fn::Equals\":[{\"Ref\":\"SecurityConfigurationName\"},\"\"]}",
                template.at("/Conditions/CreateClusterSecurityConfiguration").toString());
        JsonNode imds = own.at("/Properties/SecurityConfiguration/InstanceMetadataServiceConfiguration");
        assertEquals(2, imds.path("MinimumInstanceMetadataServiceVersion").asInt(), "IMDSv2 only");
        assertEquals(1, imds.path("HttpPutResponseHopLimit").asInt());
    }
}
