package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Least privilege in template.yaml, as the design and the Step Functions documentation define it. */
class TemplateIamTest {
    /** Actions that accept no resource-level permission, so '*' is the only choice (see the template's comments). */
    private static final Map<String, String> STAR_ONLY = Map.ofEntries(
            Map.entry("elasticmapreduce:RunJobFlow", "the cluster has no ARN before it is created"),
            Map.entry("elasticmapreduce:PutAutoTerminationPolicy", "checked within RunJobFlow before the cluster has an"
                    + " ARN; the docs do not say against which resource, and '*' works whatever the answer"),
            Map.entry("elasticmapreduce:ListClusters", "ListClusters supports no resource-level permission (the janitor's search)"),
            Map.entry("logs:CreateLogDelivery", "CloudWatch Logs vended log delivery"),
            Map.entry("logs:GetLogDelivery", "CloudWatch Logs vended log delivery"),
            Map.entry("logs:UpdateLogDelivery", "CloudWatch Logs vended log delivery"),
            Map.entry("logs:DeleteLogDelivery", "CloudWatch Logs vended log delivery"),
            Map.entry("logs:ListLogDeliveries", "CloudWatch Logs vended log delivery"),
            Map.entry("logs:PutResourcePolicy", "CloudWatch Logs vended log delivery"),
            Map.entry("logs:DescribeResourcePolicies", "CloudWatch Logs vended log delivery"),
            Map.entry("logs:DescribeLogGroups", "CloudWatch Logs vended log delivery"));

    private final JsonNode template = CloudFormationTemplate.load();
    private final List<JsonNode> stateMachine = CloudFormationTemplate.policyStatements(template).get("PipelineStateMachine");

    private List<JsonNode> allowing(String action) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode statement : stateMachine) {
            if (CloudFormationTemplate.strings(statement.path("Action")).contains(action)) {
                found.add(statement);
            }
        }
        return found;
    }

    @Test
    void passRoleOnExactlyTheTwoEmrRolesAndOnlyToTheirServices() {
        Set<String> roles = new TreeSet<>();
        for (JsonNode statement : allowing("iam:PassRole")) {
            roles.addAll(CloudFormationTemplate.strings(statement.path("Resource")));
            String passedTo = statement.at("/Condition/StringLike/iam:PassedToService").asText();
            assertTrue(passedTo.equals("elasticmapreduce.amazonaws.com*") || passedTo.equals("ec2.amazonaws.com*"),
                    "PassRole is limited with iam:PassedToService: " + statement);
        }
        assertEquals(new TreeSet<>(List.of("{\"Fn::GetAtt\":\"EmrInstanceRole.Arn\"}", "{\"Fn::GetAtt\":\"EmrServiceRole.Arn\"}")), roles);
    }

    @Test
    void syncIntegrationsMayManageExactlyTheirThreeManagedRules() {
        Set<String> rules = new TreeSet<>();
        for (String action : List.of("events:PutTargets", "events:PutRule", "events:DescribeRule")) {
            for (JsonNode statement : allowing(action)) {
                rules.addAll(CloudFormationTemplate.strings(statement.path("Resource")));
            }
        }
        String prefix = "{\"Fn::Sub\":\"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/";
        assertEquals(new TreeSet<>(List.of(
                prefix + "StepFunctionsGetEventForEMRAddJobFlowStepsRule\"}",
                prefix + "StepFunctionsGetEventForEMRRunJobFlowRule\"}",
                prefix + "StepFunctionsGetEventForEMRTerminateJobFlowsRule\"}")), rules);
    }

    /** The cluster actions of the .sync integrations (https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html). */
    private static final List<String> CLUSTER_ACTIONS = List.of("elasticmapreduce:DescribeCluster", "elasticmapreduce:TerminateJobFlows",
            "elasticmapreduce:AddJobFlowSteps", "elasticmapreduce:DescribeStep", "elasticmapreduce:CancelSteps");
    private static final String CLUSTERS = "{\"Fn::Sub\":\"arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/*\"}";
    private static final String THIS_STACK = "{\"Ref\":\"AWS::StackName\"}";

    @Test
    void clustersAreCreatedOnlyWithThisStacksTagAndTouchedOnlyWhenTheyCarryIt() {
        List<JsonNode> create = allowing("elasticmapreduce:RunJobFlow");
        assertEquals(1, create.size());
        assertEquals(THIS_STACK, create.get(0).at("/Condition/StringEquals/aws:RequestTag~1emr-pipeline:stack").toString(),
                "RunJobFlow only for a request that tags the cluster with this stack");
        for (String action : CLUSTER_ACTIONS) {
            List<JsonNode> statements = allowing(action);
            assertEquals(1, statements.size(), action + " is granted once");
            assertEquals(CLUSTERS, CloudFormationTemplate.strings(statements.get(0).path("Resource")).get(0), action);
            assertEquals(THIS_STACK, statements.get(0).at("/Condition/StringEquals/aws:ResourceTag~1emr-pipeline:stack").toString(),
                    action + " only on this stack's clusters");
        }
        // The IAM conditions and the definition agree: every cluster is tagged emr-pipeline:stack = the stack name.
        JsonNode tags = PipelineDefinition.load(ProjectFiles.DEFINITION).request("CreateCluster").path("Tags");
        assertTrue(tags.toString().contains("{\"Key\":\"emr-pipeline:stack\",\"Value\":\"${StackName}\"}"), tags.toString());
        assertEquals(THIS_STACK, template.at("/Resources/PipelineStateMachine/Properties/DefinitionSubstitutions/StackName").toString());
    }

    @Test
    void theAutoTerminationPolicyOfTheRequestMayBeApplied() {
        // https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-auto-termination-policy.html
        assertTrue(PipelineDefinition.load(ProjectFiles.DEFINITION).request("CreateCluster").has("AutoTerminationPolicy"));
        List<JsonNode> statements = allowing("elasticmapreduce:PutAutoTerminationPolicy");
        assertEquals(1, statements.size());
        assertEquals(List.of("elasticmapreduce:PutAutoTerminationPolicy"),
                CloudFormationTemplate.strings(statements.get(0).path("Action")), "granted alone, not with other actions");
        assertEquals(List.of("*"), CloudFormationTemplate.strings(statements.get(0).path("Resource")));
        // '*' is safe because nothing but the cluster creation applies a policy: no task calls the API itself.
        // (The grant sits in the state machine's own policies, on the role SAM creates for Step Functions alone.)
        String definition = PipelineDefinition.load(ProjectFiles.DEFINITION).root().toString().toLowerCase(java.util.Locale.ROOT);
        assertFalse(definition.contains("putautoterminationpolicy"), "no task calls PutAutoTerminationPolicy itself");
    }

    @Test
    void noStatementGrantsNothing() {
        // Tags travel in RunJobFlow; the .sync integrations' documented policies have no AddTags.
        assertEquals(List.of(), allowing("elasticmapreduce:AddTags"));
        // iam:AWSServiceName is a condition key of CreateServiceLinkedRole only: PutRolePolicy under it grants nothing.
        assertEquals(List.of(), allowing("iam:PutRolePolicy"));
        assertEquals(1, allowing("iam:CreateServiceLinkedRole").size(), "EMR can create AWSServiceRoleForEMRCleanup");
        JsonNode serviceLinked = allowing("iam:CreateServiceLinkedRole").get(0);
        assertEquals(List.of("iam:CreateServiceLinkedRole"), CloudFormationTemplate.strings(serviceLinked.path("Action")));
        assertTrue(serviceLinked.path("Resource").toString().contains("AWSServiceRoleForEMRCleanup"));
        assertTrue(serviceLinked.at("/Condition/StringLike/iam:AWSServiceName").toString().contains("elasticmapreduce.amazonaws.com"));
    }

    @Test
    void theStateMachineInvokesExactlyThePipelinesFunctionAliases() {
        Set<String> resources = new TreeSet<>();
        for (JsonNode statement : allowing("lambda:InvokeFunction")) {
            resources.addAll(CloudFormationTemplate.strings(statement.path("Resource")));
        }
        Set<String> aliases = new TreeSet<>();
        for (String function : List.of("AlarmLifecycleFunction", "RunLedgerFunction", "SlackNotifierFunction", "StorageSizingFunction")) {
            aliases.add("{\"Ref\":\"" + function + "Aliaslive\"}");
        }
        assertEquals(aliases, resources, "the SnapStart aliases the tasks invoke, not $LATEST nor any other version");
    }

    @Test
    void noResourceStarExceptWhereTheApiLeavesNoChoice() {
        List<String> unexpected = new ArrayList<>();
        CloudFormationTemplate.policyStatements(template).forEach((resource, statements) -> {
            for (JsonNode statement : statements) {
                if (!"Allow".equals(statement.path("Effect").asText())
                        || !CloudFormationTemplate.strings(statement.path("Resource")).contains("*")) {
                    continue;
                }
                for (String action : CloudFormationTemplate.strings(statement.path("Action"))) {
                    if (!STAR_ONLY.containsKey(action)) {
                        unexpected.add(resource + ": " + action);
                    }
                }
            }
        });
        assertEquals(List.of(), unexpected, "actions granted on '*' although they accept resource-level permissions");
    }

    @Test
    void noStatementGrantsAWildcardAction() {
        CloudFormationTemplate.policyStatements(template).forEach((resource, statements) -> {
            for (JsonNode statement : statements) {
                for (String action : CloudFormationTemplate.strings(statement.path("Action"))) {
                    assertTrue(!action.endsWith(":*") && !action.equals("*"), resource + " grants " + action);
                }
            }
        });
    }
}
