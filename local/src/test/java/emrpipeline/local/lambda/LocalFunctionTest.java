package emrpipeline.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A handler invoked as the Lambda Java runtime invokes it (its serializer in and out, the runtime client's error
 * document), and the results the Step Functions Lambda integration reports for it.
 */
class LocalFunctionTest {
    private static final SamTemplate.FunctionDefinition GREETING = new SamTemplate.FunctionDefinition("GreetingFunction",
            "stack-GreetingFunction", "arn:aws:lambda:us-east-1:123456789012:function:stack-GreetingFunction",
            GreetingHandler.class.getName(), "handleRequest", 30, 512, "java21", "functions/greeting", Map.of(), "live");

    private final LocalFunction function = new LocalFunction(GREETING, new GreetingHandler());

    private LocalFunction.Invocation invoke(String json) {
        return function.invoke(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "1b6e8f9c-0000-4000-8000-000000000001");
    }

    @Test
    void theEventIsReadByTheRuntimeSerializerAndTheResultWrittenByIt() {
        LocalFunction.Invocation invocation = invoke("{'name':'Ada','times':3,'unknown':'ignored'}");

        assertFalse(invocation.failed(), invocation::payloadText);
        // a JSON number fills a String property; unknown properties are ignored; null record components are left out
        assertEquals("{\"greeting\":\"hello Ada\",\"times\":3,\"remainingMillisPositive\":1}", invocation.payloadText());
        assertEquals("greeting Ada\n", invocation.logs(), "what the handler printed is captured");
    }

    @Test
    void anExceptionBecomesTheRuntimesErrorDocument() {
        LocalFunction.Invocation invocation = invoke("{}");

        assertTrue(invocation.failed());
        String type = GreetingHandler.InvalidGreetingException.class.getName();
        assertEquals(type, invocation.errorType(), "the fully qualified class name, as the runtime reports it");
        JsonNode document = Json.parse(invocation.payloadText());
        assertEquals(List.of("errorMessage", "errorType", "stackTrace"), fieldNames(document));
        assertEquals("name is required", document.path("errorMessage").asText());
        assertEquals(type, document.path("errorType").asText());
        JsonNode trace = document.path("stackTrace");
        assertTrue(trace.get(0).asText().startsWith(GreetingHandler.class.getName() + ".validationFailure("), trace.toString());
        assertTrue(trace.get(trace.size() - 1).asText().startsWith(GreetingHandler.class.getName() + ".handleRequest("),
                "frames below the handler are the runtime's in Lambda, cut here: " + trace);
    }

    @Test
    void theLambdaIntegrationWrapsTheOutputInTheInvokeResponse() {
        LocalFunction.Invocation invocation = invoke("{'name':'Ada'}");

        JsonNode result = LambdaIntegration.envelope(Json.parse(invocation.payloadText()), invocation,
                Instant.parse("2026-11-22T06:00:00Z"), "$LATEST");

        assertEquals(List.of("ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"), fieldNames(result));
        assertEquals("$LATEST", result.path("ExecutedVersion").asText());
        assertEquals("hello Ada", result.at("/Payload/greeting").asText(), "the output parsed, not a string");
        assertEquals(200, result.path("StatusCode").asInt());
        assertEquals(200, result.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertEquals(invocation.requestId(), result.at("/SdkResponseMetadata/RequestId").asText());
        assertEquals(invocation.requestId(), result.at("/SdkHttpMetadata/HttpHeaders/x-amzn-RequestId").asText());
        assertEquals("Sun, 22 Nov 2026 06:00:00 GMT", result.at("/SdkHttpMetadata/HttpHeaders/Date").asText());
        assertEquals("[\"$LATEST\"]", result.at("/SdkHttpMetadata/AllHttpHeaders/X-Amz-Executed-Version").toString());
        assertEquals(String.valueOf(invocation.payload().length),
                result.at("/SdkHttpMetadata/HttpHeaders/Content-Length").asText());
    }

    @Test
    void theHandlersTypeArgumentsAreFoundAsTheRuntimeFindsThem() {
        var types = LocalFunction.requestHandlerTypes(GreetingHandler.class);
        assertEquals(GreetingHandler.Request.class, types[0]);
        assertEquals(GreetingHandler.Result.class, types[1]);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
