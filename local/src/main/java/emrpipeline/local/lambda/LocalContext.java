package emrpipeline.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The {@link Context} of one local invocation, as Lambda fills it: request id, names, {@code $LATEST}, memory, log
 * group and stream, and the time left before the function's Timeout (counted in real time from the start of the
 * invocation: the handler runs for real here).
 */
final class LocalContext implements Context {
    private final SamTemplate.FunctionDefinition function;
    private final String requestId;
    private final long deadlineNanos;

    LocalContext(SamTemplate.FunctionDefinition function, String requestId, long startedNanos) {
        this.function = function;
        this.requestId = requestId;
        this.deadlineNanos = startedNanos + function.timeoutSeconds() * 1_000_000_000L;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.functionName();
    }

    @Override
    public String getLogStreamName() {
        return LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]" + requestId.replace("-", "");
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.arn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return LambdaRuntime.getLogger();
    }
}
