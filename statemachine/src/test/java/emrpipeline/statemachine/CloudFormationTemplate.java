package emrpipeline.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.lambda.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** template.yaml as JSON (the offline runner's reader: short intrinsic forms expanded, {@code !Ref X} is {"Ref": "X"}). */
final class CloudFormationTemplate {
    private CloudFormationTemplate() {
    }

    static JsonNode load() {
        return SamTemplate.readYaml(ProjectFiles.read(ProjectFiles.TEMPLATE));
    }

    /** The policy statements of every resource, keyed by the resource's logical id. */
    static Map<String, List<JsonNode>> policyStatements(JsonNode template) {
        Map<String, List<JsonNode>> byResource = new LinkedHashMap<>();
        template.path("Resources").fields().forEachRemaining(resource -> {
            List<JsonNode> statements = new ArrayList<>();
            JsonNode properties = resource.getValue().path("Properties");
            for (JsonNode policy : properties.path("Policies")) {
                policy.path("Statement").forEach(statements::add);                      // SAM inline statements
                policy.path("PolicyDocument").path("Statement").forEach(statements::add); // AWS::IAM::Role policies
            }
            properties.path("PolicyDocument").path("Statement").forEach(statement -> {
                if (!resource.getValue().path("Type").asText().equals("AWS::S3::BucketPolicy")
                        && !resource.getValue().path("Type").asText().equals("AWS::SNS::TopicPolicy")) {
                    statements.add(statement);
                }
            });
            if (!statements.isEmpty()) {
                byResource.put(resource.getKey(), statements);
            }
        });
        return byResource;
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.isTextual() ? value.asText() : value.toString()));
        } else if (!node.isMissingNode()) {
            values.add(node.isTextual() ? node.asText() : node.toString());
        }
        return values;
    }
}
