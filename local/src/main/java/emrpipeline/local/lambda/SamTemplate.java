package emrpipeline.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml evaluated as CloudFormation would for one stack: parameters (defaults, overrides, their
 * constraints), conditions, and the intrinsic functions the template uses ({@code Ref}, {@code Fn::Sub},
 * {@code Fn::GetAtt}, {@code Fn::Join}, {@code Fn::If}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::Equals},
 * {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Fn::FindInMap}, {@code Condition}) with the pseudo parameters of a local
 * stack. Resources get the physical names CloudFormation would give them when the template names them, and
 * {@code <stack>-<LogicalId>} otherwise (CloudFormation adds a random suffix there; a fixed name keeps local runs
 * reproducible).
 */
public final class SamTemplate {
    private static final List<String> INTRINSICS = List.of("Ref", "Sub", "GetAtt", "Join", "If", "Select", "Split",
            "Equals", "Not", "And", "Or", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Condition", "Transform");
    private static final Pattern SUB_PLACEHOLDER = Pattern.compile("\\$\\{([^}!][^}]*)}");
    /** The value of {@code !Ref AWS::NoValue}: removed from the list or map that holds it. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private final JsonNode template;
    private final String stackName;
    private final String region;
    private final String accountId;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();

    private SamTemplate(JsonNode template, Map<String, String> overrides, String stackName, String region, String accountId) {
        this.template = template;
        this.stackName = stackName;
        this.region = region;
        this.accountId = accountId;
        resolveParameters(overrides);
        template.path("Conditions").fieldNames().forEachRemaining(this::condition);
    }

    /** Loads and evaluates a template; parameter values that break the template's constraints are refused. */
    public static SamTemplate load(Path file, Map<String, String> parameterOverrides, String stackName, String region,
                                   String accountId) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(text, parameterOverrides, stackName, region, accountId);
    }

    public static SamTemplate parse(String yamlText, Map<String, String> parameterOverrides, String stackName,
                                    String region, String accountId) {
        return new SamTemplate(readYaml(yamlText), parameterOverrides, stackName, region, accountId);
    }

    /** The names of the parameters a template declares. */
    /**
     * The template as JSON, unevaluated: short-form intrinsics become their long form ({@code !Ref X} is
     * {@code {"Ref": "X"}}, {@code !Sub s} is {@code {"Fn::Sub": s}}).
     */
    public static JsonNode readYaml(String yamlText) {
        return new ObjectMapper().valueToTree(new Yaml(new IntrinsicConstructor()).load(yamlText));
    }

    public static Set<String> declaredParameters(String yamlText) {
        Object document = new Yaml(new IntrinsicConstructor()).load(yamlText);
        Set<String> names = new java.util.LinkedHashSet<>();
        new ObjectMapper().valueToTree(document).path("Parameters").fieldNames().forEachRemaining(names::add);
        return names;
    }

    public JsonNode json() {
        return template;
    }

    public String stackName() {
        return stackName;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /** Parameter values as the stack sees them (a CommaDelimitedList is a {@code List<String>}). */
    public Map<String, Object> parameters() {
        return Map.copyOf(parameters);
    }

    public JsonNode resource(String logicalId) {
        JsonNode resource = template.path("Resources").get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    /** Logical ids of the resources of a type (e.g. {@code AWS::Serverless::Function}), in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText()) && resourceExists(e.getKey())) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    /** False when the resource's Condition is false (CloudFormation does not create it). */
    public boolean resourceExists(String logicalId) {
        JsonNode condition = template.path("Resources").path(logicalId).get("Condition");
        return condition == null || condition(condition.asText());
    }

    /** The function resources of the template, evaluated (SAM Globals applied). */
    public List<FunctionDefinition> functions() {
        List<FunctionDefinition> functions = new ArrayList<>();
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            functions.add(function(id));
        }
        return functions;
    }

    public FunctionDefinition function(String logicalId) {
        JsonNode resource = resource(logicalId);
        if (!"AWS::Serverless::Function".equals(resource.path("Type").asText())) {
            throw new IllegalArgumentException(logicalId + " is not an AWS::Serverless::Function");
        }
        JsonNode properties = resource.path("Properties");
        JsonNode globals = template.path("Globals").path("Function");
        String handler = string(property(properties, globals, "Handler"));
        String[] parts = handler.split("::", 2);
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variables : List.of(globals.path("Environment").path("Variables"),
                properties.path("Environment").path("Variables"))) {
            variables.fields().forEachRemaining(v -> {
                Object value = evaluate(v.getValue());
                if (value != NO_VALUE) {
                    environment.put(v.getKey(), scalar(value, logicalId + " Environment " + v.getKey()));
                }
            });
        }
        JsonNode timeout = property(properties, globals, "Timeout");
        JsonNode memory = property(properties, globals, "MemorySize");
        JsonNode runtime = property(properties, globals, "Runtime");
        JsonNode alias = property(properties, globals, "AutoPublishAlias");
        String name = physicalId(logicalId);
        return new FunctionDefinition(logicalId, name, functionArn(name), parts[0], parts.length > 1 ? parts[1] : "handleRequest",
                timeout.isMissingNode() ? 3 : Integer.parseInt(string(timeout)),
                memory.isMissingNode() ? 128 : Integer.parseInt(string(memory)),
                runtime.isMissingNode() ? null : string(runtime),
                string(properties.path("CodeUri")), Map.copyOf(environment),
                alias.isMissingNode() ? null : string(alias));
    }

    /**
     * The {@code AWS::Lambda::Alias} SAM generates for a function with {@code AutoPublishAlias}, by its logical id
     * {@code <function LogicalId>Alias<alias name>} (whose {@code Ref} is the alias ARN); empty for any other id.
     * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html
     */
    Optional<FunctionDefinition> generatedAlias(String logicalId) {
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            if (logicalId.startsWith(id + "Alias")) {
                FunctionDefinition function = function(id);
                if (function.alias() != null && logicalId.equals(id + "Alias" + function.alias())) {
                    return Optional.of(function);
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode property(JsonNode properties, JsonNode globals, String name) {
        return properties.has(name) ? properties.get(name) : globals.path(name);
    }

    /** A state machine's DefinitionSubstitutions, evaluated. */
    public Map<String, String> definitionSubstitutions(String stateMachineLogicalId) {
        Map<String, String> values = new LinkedHashMap<>();
        resource(stateMachineLogicalId).path("Properties").path("DefinitionSubstitutions").fields()
                .forEachRemaining(e -> values.put(e.getKey(), scalar(evaluate(e.getValue()), e.getKey())));
        return values;
    }

    /** Evaluates an expression; the result is a String, Number, Boolean, List or Map. */
    public Object evaluate(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            for (JsonNode element : node) {
                Object value = evaluate(element);
                if (value != NO_VALUE) {
                    values.add(value);
                }
            }
            return values;
        }
        if (node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            switch (function) {
                case "Ref":
                    return ref(argument.asText());
                case "Fn::Sub":
                    return sub(argument);
                case "Fn::GetAtt":
                    return getAtt(argument);
                case "Fn::Join":
                    return join(argument);
                case "Fn::If":
                    return evaluate(argument.get(condition(argument.get(0).asText()) ? 1 : 2));
                case "Fn::Select": {
                    List<?> list = list(evaluate(argument.get(1)));
                    return list.get(Integer.parseInt(string(argument.get(0))));
                }
                case "Fn::Split": {
                    String text = scalar(evaluate(argument.get(1)), "Fn::Split");
                    return List.of(text.split(Pattern.quote(argument.get(0).asText()), -1));
                }
                case "Fn::Equals":
                    return Boolean.toString(String.valueOf(evaluate(argument.get(0))).equals(String.valueOf(evaluate(argument.get(1)))));
                case "Fn::Not":
                    return Boolean.toString(!truth(argument.get(0)));
                case "Fn::And": {
                    boolean all = true;
                    for (JsonNode c : argument) {
                        all &= truth(c);
                    }
                    return Boolean.toString(all);
                }
                case "Fn::Or": {
                    boolean any = false;
                    for (JsonNode c : argument) {
                        any |= truth(c);
                    }
                    return Boolean.toString(any);
                }
                case "Condition":
                    return Boolean.toString(condition(argument.asText()));
                case "Fn::FindInMap": {
                    JsonNode value = json().path("Mappings").path(string(argument.get(0))).path(string(argument.get(1)))
                            .path(string(argument.get(2)));
                    if (value.isMissingNode()) {
                        throw new IllegalArgumentException("Fn::FindInMap: no " + argument + " in Mappings");
                    }
                    return value.isTextual() ? value.asText() : value.isValueNode() ? value.asText() : evaluate(value);
                }
                case "Fn::Base64":
                    return java.util.Base64.getEncoder().encodeToString(
                            scalar(evaluate(argument), "Fn::Base64").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                default:
                    if (function.startsWith("Fn::")) {
                        throw new IllegalArgumentException("the offline runner does not evaluate " + function);
                    }
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            Object value = evaluate(e.getValue());
            if (value != NO_VALUE) {
                map.put(e.getKey(), value);
            }
        });
        return map;
    }

    /** Evaluates an expression that must give a string (numbers and booleans as their text). */
    public String string(JsonNode node) {
        return scalar(evaluate(node), String.valueOf(node));
    }

    private boolean truth(JsonNode node) {
        return Boolean.parseBoolean(String.valueOf(evaluate(node)));
    }

    /** A condition's value (evaluated once). */
    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = template.path("Conditions").get(name);
        if (definition == null) {
            throw new IllegalArgumentException("template.yaml has no condition " + name);
        }
        boolean value = truth(definition);
        conditions.put(name, value);
        return value;
    }

    /** {@code Ref}: a parameter's value, a pseudo parameter, or a resource's physical id. */
    public Object ref(String name) {
        switch (name) {
            case "AWS::StackName":
                return stackName;
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return accountId;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/local";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        JsonNode resource = template.path("Resources").get(name);
        if (resource == null) {
            Optional<FunctionDefinition> aliased = generatedAlias(name);
            if (aliased.isPresent()) {
                return aliased.get().aliasArn();
            }
            throw new IllegalArgumentException("Ref to unknown parameter or resource " + name);
        }
        String type = resource.path("Type").asText();
        String id = physicalId(name);
        return switch (type) {
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + accountId + ":" + id;
            case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" ->
                    "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + id;
            case "AWS::KMS::Key" -> "00000000-0000-4000-8000-" + String.format("%012x", Math.abs((long) name.hashCode()));
            case "AWS::EC2::Subnet" -> "subnet-" + String.format("%017x", Math.abs((long) name.hashCode()));
            case "AWS::EC2::VPC" -> "vpc-" + String.format("%017x", Math.abs((long) name.hashCode()));
            default -> id;
        };
    }

    /**
     * The physical name of a resource: its name property when the template sets one (FunctionName, TopicName,
     * TableName, BucketName, RoleName, LogGroupName, Name, ...), else {@code <stack>-<LogicalId>}.
     */
    public String physicalId(String logicalId) {
        JsonNode properties = resource(logicalId).path("Properties");
        for (String property : List.of("FunctionName", "TopicName", "TableName", "BucketName", "RoleName",
                "InstanceProfileName", "LogGroupName", "AliasName", "Name")) {
            if (properties.has(property)) {
                return string(properties.get(property));
            }
        }
        return stackName + "-" + logicalId;
    }

    private Object getAtt(JsonNode argument) {
        String resource;
        String attribute;
        if (argument.isTextual()) {
            String[] parts = argument.asText().split("\\.", 2);
            resource = parts[0];
            attribute = parts[1];
        } else {
            resource = argument.get(0).asText();
            attribute = string(argument.get(1));
        }
        String type = resource(resource).path("Type").asText();
        String id = physicalId(resource);
        if (attribute.equals("Arn")) {
            return switch (type) {
                case "AWS::Serverless::Function", "AWS::Lambda::Function" -> functionArn(id);
                case "AWS::IAM::Role" -> "arn:aws:iam::" + accountId + ":role/" + id;
                case "AWS::IAM::InstanceProfile" -> "arn:aws:iam::" + accountId + ":instance-profile/" + id;
                case "AWS::S3::Bucket" -> "arn:aws:s3:::" + id;
                case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + id;
                case "AWS::KMS::Key" -> "arn:aws:kms:" + region + ":" + accountId + ":key/" + ref(resource);
                case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + id + ":*";
                case "AWS::SNS::Topic" -> ref(resource);
                default -> throw new IllegalArgumentException("the offline runner does not know " + type + ".Arn");
            };
        }
        if (attribute.equals("TopicName") || attribute.equals("Name")) {
            return id;
        }
        if (attribute.equals("TopicArn")) {
            return ref(resource);
        }
        throw new IllegalArgumentException("the offline runner does not know " + resource + "." + attribute);
    }

    private String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    private String sub(JsonNode argument) {
        String text;
        Map<String, Object> variables = new LinkedHashMap<>();
        if (argument.isArray()) {
            text = argument.get(0).asText();
            argument.get(1).fields().forEachRemaining(e -> variables.put(e.getKey(), evaluate(e.getValue())));
        } else {
            text = argument.asText();
        }
        Matcher matcher = SUB_PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value;
            if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                ObjectMapper mapper = new ObjectMapper();
                value = getAtt(mapper.getNodeFactory().textNode(name));
            } else {
                value = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(scalar(value, "${" + name + "}")));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private String join(JsonNode argument) {
        String separator = argument.get(0).asText();
        List<String> parts = new ArrayList<>();
        for (Object part : list(evaluate(argument.get(1)))) {
            if (part instanceof List<?> inner) {
                inner.forEach(p -> parts.add(String.valueOf(p)));
            } else {
                parts.add(scalar(part, "Fn::Join"));
            }
        }
        return String.join(separator, parts);
    }

    private static List<?> list(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        throw new IllegalArgumentException("expected a list, got " + value);
    }

    private static String scalar(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(i -> items.add(String.valueOf(i)));
            return String.join(",", items);
        }
        throw new IllegalArgumentException(what + " does not evaluate to a string: " + value);
    }

    private void resolveParameters(Map<String, String> overrides) {
        Set<String> declared = new java.util.HashSet<>();
        template.path("Parameters").fieldNames().forEachRemaining(declared::add);
        for (String name : overrides.keySet()) {
            if (!declared.contains(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Parameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode declaration = entry.getValue();
            String value = overrides.containsKey(name) ? overrides.get(name)
                    : declaration.has("Default") ? declaration.get("Default").asText() : null;
            if (value == null) {
                problems.add(name + " has no default: give it a value (--parameter " + name + "=...)");
                continue;
            }
            String problem = ParameterConstraints.check(declaration, value);
            if (problem != null) {
                problems.add(name + "=" + value + ": " + problem);
                continue;
            }
            String type = declaration.path("Type").asText("String");
            if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
                parameters.put(name, value.isEmpty() ? List.of("") : List.of(value.split(",", -1)));
            } else {
                parameters.put(name, value);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("template parameters: " + String.join("; ", problems));
        }
    }

    /** A function of the template, evaluated. */
    /**
     * A function of the template. {@code alias} is its {@code AutoPublishAlias} ({@code null} without one): SAM
     * publishes a version on every change and points that alias at it.
     */
    public record FunctionDefinition(String logicalId, String functionName, String arn, String handlerClass,
                                     String handlerMethod, int timeoutSeconds, int memoryMb, String runtime,
                                     String codeUri, Map<String, String> environment, String alias) {
        /** The alias's ARN ({@code <function ARN>:<alias>}), {@code null} without an alias. */
        public String aliasArn() {
            return alias == null ? null : arn + ":" + alias;
        }
    }

    /** The CloudFormation parameter constraints: AllowedValues, AllowedPattern, Min/MaxLength, Min/MaxValue. */
    static final class ParameterConstraints {
        private ParameterConstraints() {
        }

        static String check(JsonNode declaration, String value) {
            String type = declaration.path("Type").asText("String");
            JsonNode allowed = declaration.get("AllowedValues");
            if (allowed != null) {
                boolean found = false;
                for (JsonNode a : allowed) {
                    found |= a.asText().equals(value);
                }
                if (!found) {
                    return "not one of " + allowed;
                }
            }
            JsonNode pattern = declaration.get("AllowedPattern");
            if (pattern != null && !Pattern.compile(pattern.asText()).matcher(value).matches()) {
                return "does not match " + pattern.asText();
            }
            if (declaration.has("MinLength") && value.length() < declaration.get("MinLength").asInt()) {
                return "shorter than " + declaration.get("MinLength").asInt();
            }
            if (declaration.has("MaxLength") && value.length() > declaration.get("MaxLength").asInt()) {
                return "longer than " + declaration.get("MaxLength").asInt();
            }
            if (type.equals("Number")) {
                double number;
                try {
                    number = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return "not a number";
                }
                if (declaration.has("MinValue") && number < declaration.get("MinValue").asDouble()) {
                    return "below " + declaration.get("MinValue").asText();
                }
                if (declaration.has("MaxValue") && number > declaration.get("MaxValue").asDouble()) {
                    return "above " + declaration.get("MaxValue").asText();
                }
            }
            return null;
        }
    }

    /** SnakeYAML constructor that turns {@code !Ref X} into {@code {"Ref": "X"}} and {@code !Sub s} into {@code {"Fn::Sub": s}}. */
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
