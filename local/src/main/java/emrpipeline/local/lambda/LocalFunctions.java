package emrpipeline.local.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The functions of template.yaml, found by logical id, function name or ARN (what a Task's FunctionName may
 * hold). Each is built on first use by {@link HandlerFactories}, with the environment Lambda would give it:
 * the template's variables (Globals and the function's own, evaluated), overridden by the caller's, the
 * variables Lambda itself sets ({@code AWS_REGION}, {@code AWS_LAMBDA_FUNCTION_NAME}, ...), and the local
 * endpoints of its clients ({@code AWS_ENDPOINT_URL_S3}), which the functions' client factories honour.
 */
public final class LocalFunctions {
    private final Map<String, SamTemplate.FunctionDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, LocalFunction> built = new LinkedHashMap<>();
    private final FunctionServices services;
    private final Map<String, Map<String, String>> overrides;
    private final String region;

    /**
     * @param overrides environment variables by logical id, replacing or adding to the template's
     *                  (as {@code sam local invoke --env-vars} does)
     */
    public LocalFunctions(SamTemplate template, FunctionServices services, Map<String, Map<String, String>> overrides) {
        RuntimeLogger.install();
        for (SamTemplate.FunctionDefinition f : template.functions()) {
            definitions.put(f.logicalId(), f);
        }
        for (String id : overrides.keySet()) {
            if (!definitions.containsKey(id)) {
                throw new IllegalArgumentException("environment given for " + id + ", which is not a function of template.yaml "
                        + definitions.keySet());
            }
        }
        this.services = services;
        this.overrides = Map.copyOf(overrides);
        this.region = template.region();
    }

    public List<SamTemplate.FunctionDefinition> definitions() {
        return List.copyOf(definitions.values());
    }

    /**
     * The function a FunctionName refers to: a logical id, a name, an ARN (with or without :$LATEST), or its alias
     * ({@code <name or ARN>:<AutoPublishAlias>}).
     */
    public Optional<SamTemplate.FunctionDefinition> find(String functionName) {
        if (functionName == null) {
            return Optional.empty();
        }
        String name = functionName.endsWith(":$LATEST") ? functionName.substring(0, functionName.length() - 8) : functionName;
        for (SamTemplate.FunctionDefinition f : definitions.values()) {
            if (f.logicalId().equals(name) || f.functionName().equals(name) || f.arn().equals(name)
                    || f.alias() != null && (name.equals(f.aliasArn()) || name.equals(f.functionName() + ":" + f.alias()))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The version a FunctionName runs, as Lambda reports it ({@code ExecutedVersion}): through the alias, the version
     * SAM published for it (offline, every function has one published version, 1); otherwise {@code $LATEST}.
     */
    public String executedVersion(String functionName) {
        Optional<SamTemplate.FunctionDefinition> f = find(functionName);
        if (f.isEmpty() || f.get().alias() == null) {
            return "$LATEST";
        }
        return functionName.endsWith(":" + f.get().alias()) ? "1" : "$LATEST";
    }

    /** The function, its handler built on first use. */
    public synchronized LocalFunction get(SamTemplate.FunctionDefinition definition) {
        LocalFunction function = built.get(definition.logicalId());
        if (function == null) {
            function = new LocalFunction(definition, HandlerFactories.create(definition, services, environment(definition)));
            built.put(definition.logicalId(), function);
        }
        return function;
    }

    /** The environment the function runs with. */
    public Map<String, String> environment(SamTemplate.FunctionDefinition f) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.functionName());
        if (f.runtime() != null) {
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime());
        }
        env.put("LAMBDA_TASK_ROOT", "/var/task");
        env.putAll(services.endpointVariables());
        env.putAll(f.environment());
        env.putAll(overrides.getOrDefault(f.logicalId(), Map.of()));
        return env;
    }
}
