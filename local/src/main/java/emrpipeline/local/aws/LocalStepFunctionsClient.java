package emrpipeline.local.aws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The {@link SfnClient} the functions get (the run janitor asks DescribeExecution): the executions the offline runner
 * ran or is running, as DescribeExecution shows them. An unknown ARN is ExecutionDoesNotExist, as the service
 * answers for an execution whose history expired. Other operations are not implemented.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
 */
public final class LocalStepFunctionsClient implements SfnClient {

    /** One execution as DescribeExecution shows it; stopDate, error and cause are null while it runs. */
    public record Execution(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
                            Instant startDate, Instant stopDate, String input, String error, String cause) {
    }

    private final Map<String, Execution> executions = new LinkedHashMap<>();

    public synchronized void record(Execution execution) {
        executions.put(execution.executionArn(), execution);
    }

    public synchronized void clear() {
        executions.clear();
    }

    @Override
    public synchronized DescribeExecutionResponse describeExecution(DescribeExecutionRequest request) {
        Execution e = executions.get(request.executionArn());
        if (e == null) {
            throw (ExecutionDoesNotExistException) AwsErrors.error(ExecutionDoesNotExistException.builder(), 400, "SFN",
                    "ExecutionDoesNotExist", "Execution Does Not Exist: '" + request.executionArn() + "'");
        }
        return DescribeExecutionResponse.builder().executionArn(e.executionArn()).stateMachineArn(e.stateMachineArn())
                .name(e.name()).status(e.status()).startDate(e.startDate()).stopDate(e.stopDate()).input(e.input())
                .error(e.error()).cause(e.cause()).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
