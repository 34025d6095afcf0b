package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void emrActionsTheSyncIntegrationsNeedAreGrantedOnClusters() {
        for (String action : List.of("elasticmapreduce:AddTags", "elasticmapreduce:DescribeCluster", "elasticmapreduce:TerminateJobFlows",
                "elasticmapreduce:AddJobFlowSteps", "elasticmapreduce:DescribeStep", "elasticmapreduce:CancelSteps")) {
            List<JsonNode> statements = allowing(action);
            assertEquals(1, statements.size(), action + " is granted once");
            assertEquals("{\"Fn::Sub\":\"arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/*\"}",
                    CloudFormationTemplate.strings(statements.get(0).path("Resource")).get(0), action);
        }
        assertEquals(1, allowing("elasticmapreduce:RunJobFlow").size());
        assertEquals(1, allowing("iam:CreateServiceLinkedRole").size(), "EMR can create AWSServiceRoleForEMRCleanup");
        JsonNode serviceLinked = allowing("iam:CreateServiceLinkedRole").get(0);
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
