package emrpipeline.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** template.yaml as JSON, with the short intrinsic forms expanded ({@code !Ref X} becomes {"Ref": "X"}). */
final class CloudFormationTemplate {
    private static final List<String> INTRINSICS = List.of("Ref", "Sub", "GetAtt", "Join", "If", "Select", "Split",
            "Equals", "Not", "And", "Or", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Condition", "Transform");

    private CloudFormationTemplate() {
    }

    static JsonNode load() {
        Yaml yaml = new Yaml(new IntrinsicConstructor());
        Object document = yaml.load(ProjectFiles.read(ProjectFiles.TEMPLATE));
        return new ObjectMapper().valueToTree(document);
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

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String name : INTRINSICS) {
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                this.yamlConstructors.put(new Tag("!" + name), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = scalar.getValue();
                        } else if (node instanceof SequenceNode sequence) {
                            value = constructSequence(sequence);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }
    }
}
