package emrpipeline.local.aws;

import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * The {@link SnsClient} the functions get (the run janitor publishes alerts): Publish, over the same {@link LocalSns}
 * and with the same checks as the state machine's sns:publish task. Other operations are not implemented (the SDK
 * interface's defaults throw {@link UnsupportedOperationException}).
 */
public final class LocalSnsClient implements SnsClient {
    private final LocalSns sns;
    private final Supplier<Instant> clock;

    public LocalSnsClient(LocalSns sns, Supplier<Instant> clock) {
        this.sns = sns;
        this.clock = clock;
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        String topic = request.topicArn() != null ? request.topicArn() : request.targetArn();
        String problem = topic == null ? "InvalidParameterException Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"
                : sns.problem(topic, request.subject(), request.message());
        if (problem != null) {
            String code = problem.substring(0, problem.indexOf(' '));
            throw (SnsException) AwsErrors.error(SnsException.builder(), code.equals("NotFoundException") ? 404 : 400, "SNS",
                    code, problem.substring(code.length() + 1));
        }
        return PublishResponse.builder().messageId(sns.record(clock.get(), topic, request.subject(), request.message())).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
