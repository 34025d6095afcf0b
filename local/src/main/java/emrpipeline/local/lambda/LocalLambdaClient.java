package emrpipeline.local.lambda;

import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The {@link LambdaClient} a function gets (the run janitor invokes the other functions): a synchronous Invoke
 * routed to the local function the FunctionName names (logical id, name, ARN or alias ARN, as
 * {@link LocalFunctions#find} resolves it), answered as Lambda answers it: status 200, the function's result as the
 * payload, {@code FunctionError: Unhandled} and the error document when it threw, the executed version.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
public final class LocalLambdaClient implements LambdaClient {
    private final Supplier<LocalFunctions> functions;
    private final Supplier<UUID> ids;
    private final BiConsumer<String, LocalFunction.Invocation> listener;

    /** {@code functions} late: the functions' services hold this client before the functions exist. */
    public LocalLambdaClient(Supplier<LocalFunctions> functions, Supplier<UUID> ids,
                             BiConsumer<String, LocalFunction.Invocation> listener) {
        this.functions = functions;
        this.ids = ids;
        this.listener = listener;
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request) {
        if (request.invocationType() != null && !"RequestResponse".equals(request.invocationTypeAsString())) {
            throw new UnsupportedOperationException("the offline Lambda invokes synchronously (RequestResponse) only");
        }
        LocalFunctions all = functions.get();
        SamTemplate.FunctionDefinition definition = all.find(request.functionName()).orElseThrow(() ->
                (ResourceNotFoundException) ResourceNotFoundException.builder().statusCode(404)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").serviceName("Lambda")
                                .errorMessage("Function not found: " + request.functionName()).build())
                        .message("Function not found: " + request.functionName()).build());
        byte[] event = request.payload() == null ? "{}".getBytes() : request.payload().asByteArray();
        LocalFunction.Invocation invocation = all.get(definition).invoke(event, ids.get().toString());
        listener.accept(definition.logicalId(), invocation);
        InvokeResponse.Builder response = InvokeResponse.builder().statusCode(200)
                .payload(SdkBytes.fromByteArray(invocation.payload()))
                .executedVersion(all.executedVersion(request.functionName()));
        if (invocation.failed()) {
            response.functionError("Unhandled");
        }
        return response.build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
