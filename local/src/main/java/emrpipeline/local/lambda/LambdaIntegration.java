package emrpipeline.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskCall;
import emrpipeline.local.asl.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Step Functions' optimized Lambda integration ({@code arn:aws:states:::lambda:invoke}) and plain Lambda ARNs as
 * Task resources, over {@link LocalFunctions}. The Task's {@code Payload} is sent as JSON bytes and the function
 * runs through {@link LocalFunction} (the runtime's serializer in and out).
 *
 * <ul>
 *   <li>Success: {@code lambda:invoke} reports the invoke response with the function's output parsed into
 *       {@code Payload}: {@code {"ExecutedVersion": "$LATEST", "Payload": ..., "SdkHttpMetadata": {...},
 *       "SdkResponseMetadata": {"RequestId"}, "StatusCode": 200}}; a plain Lambda ARN reports the output itself.</li>
 *   <li>Function error: the task fails with the runtime's {@code errorType} as error (the exception's fully
 *       qualified class name) and the whole error document {@code {"errorMessage", "errorType", "stackTrace"}}
 *       as cause.</li>
 *   <li>Unknown function: {@code Lambda.ResourceNotFoundException}.</li>
 * </ul>
 * The task lasts, in virtual time, what the handler took for real.
 */
public final class LambdaIntegration {
    public static final String INVOKE = "arn:aws:states:::lambda:invoke";
    private static final Set<String> INVOKE_PARAMETERS = Set.of("FunctionName", "Payload", "InvocationType", "Qualifier",
            "ClientContext", "LogType");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** One invocation made for a task, for reports and tests. */
    public record Call(String stateName, int attempt, Instant at, String logicalId, JsonNode payload,
                       LocalFunction.Invocation invocation) {
    }

    private final LocalFunctions functions;
    private final Supplier<UUID> ids;
    private final Consumer<Call> listener;

    public LambdaIntegration(LocalFunctions functions, Supplier<UUID> ids, Consumer<Call> listener) {
        this.functions = functions;
        this.ids = ids;
        this.listener = listener;
    }

    public static boolean handles(String resource) {
        return resource.equals(INVOKE) || resource.startsWith("arn:aws:lambda:");
    }

    public TaskOutcome invoke(TaskCall call) {
        boolean optimized = call.resource().equals(INVOKE);
        String functionName;
        JsonNode payload;
        if (optimized) {
            JsonNode p = call.parameters();
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!INVOKE_PARAMETERS.contains(name)) {
                    return TaskOutcome.failure("States.Runtime", "lambda:invoke does not take the parameter '" + name + "'");
                }
            }
            String type = p.path("InvocationType").asText("RequestResponse");
            if (!type.equals("RequestResponse")) {
                return TaskOutcome.failure("States.Runtime", "the offline runner invokes functions with RequestResponse only,"
                        + " not " + type);
            }
            functionName = p.path("FunctionName").asText(null);
            payload = p.has("Payload") ? p.get("Payload") : null;
        } else {
            functionName = call.resource();
            payload = call.parameters();
        }
        Optional<SamTemplate.FunctionDefinition> definition = functions.find(functionName);
        if (definition.isEmpty()) {
            return TaskOutcome.failure("Lambda.ResourceNotFoundException", "Function not found: " + functionName
                    + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
                    + ids.get() + "; Proxy: null)");
        }
        LocalFunction function = functions.get(definition.get());
        String requestId = ids.get().toString();
        byte[] event = (payload == null ? "null" : Json.write(payload)).getBytes(StandardCharsets.UTF_8);
        LocalFunction.Invocation invocation = function.invoke(event, requestId);
        listener.accept(new Call(call.stateName(), call.attempt(), call.startTime(), function.logicalId(), payload, invocation));
        if (invocation.failed()) {
            return TaskOutcome.failure(invocation.errorType(), invocation.payloadText(), invocation.took());
        }
        JsonNode output = Json.parse(invocation.payloadText());
        if (!optimized) {
            return TaskOutcome.success(output, invocation.took());
        }
        return TaskOutcome.success(envelope(output, invocation, call.startTime().plus(invocation.took()),
                functions.executedVersion(functionName)), invocation.took());
    }

    /** The lambda:invoke result around a function's output; {@code executedVersion} is $LATEST or the alias's version. */
    static ObjectNode envelope(JsonNode output, LocalFunction.Invocation invocation, Instant at, String executedVersion) {
        String requestId = invocation.requestId();
        String trace = "Root=1-" + Long.toHexString(at.getEpochSecond()) + "-" + requestId.replace("-", "").substring(0, 24)
                + ";Sampled=0";
        ObjectNode result = Json.object();
        result.put("ExecutedVersion", executedVersion);
        result.set("Payload", output);
        ObjectNode http = result.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        ObjectNode headers = http.putObject("HttpHeaders");
        String[][] values = {
                {"Connection", "keep-alive"},
                {"Content-Length", Integer.toString(invocation.payload().length)},
                {"Content-Type", "application/json"},
                {"Date", HTTP_DATE.format(at)},
                {"X-Amz-Executed-Version", executedVersion},
                {"x-amzn-Remapped-Content-Length", "0"},
                {"x-amzn-RequestId", requestId},
                {"X-Amzn-Trace-Id", trace}};
        for (String[] header : values) {
            all.putArray(header[0]).add(header[1]);
            headers.put(header[0], header[1]);
        }
        http.put("HttpStatusCode", 200);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        result.put("StatusCode", 200);
        return result;
    }
}
