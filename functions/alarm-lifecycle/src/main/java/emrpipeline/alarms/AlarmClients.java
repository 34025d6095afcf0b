package emrpipeline.alarms;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * The alarm function's SDK clients, built once per execution environment by the handler's no-argument constructor,
 * and the same way by the tests that talk to a loopback endpoint ({@link ClientEnvironment} names it), with
 * {@link #retryStrategy()}.
 */
public final class AlarmClients {
    /**
     * Attempts per call, first one included. CloudWatch's alarm APIs have low request quotas (PutMetricAlarm and
     * DeleteAlarms a few per second per account and region) and answer {@code Throttling} beyond them; the state
     * machine does not retry this function on SDK errors, so the client absorbs bursts itself.
     */
    public static final int MAX_ATTEMPTS = 5;

    private AlarmClients() {
    }

    /**
     * The SDK's standard strategy (AWS retryable and throttling error codes, exponential backoff with full jitter,
     * a longer base delay for throttling, the client-side token bucket), with {@value #MAX_ATTEMPTS} attempts.
     * A new instance per client: the token bucket is per strategy instance.
     */
    public static StandardRetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
    }

    /** The CloudWatch client ({@code AWS_ENDPOINT_URL_CLOUDWATCH}). */
    public static CloudWatchClient cloudWatch(ClientEnvironment environment) {
        return cloudWatch(environment, retryStrategy());
    }

    /** The EMR client of the sweep ({@code AWS_ENDPOINT_URL_EMR}). */
    public static EmrClient emr(ClientEnvironment environment) {
        return emr(environment, retryStrategy());
    }

    /** For tests: the production client with {@code retries} (the production strategy without its waits). */
    static CloudWatchClient cloudWatch(ClientEnvironment environment, StandardRetryStrategy retries) {
        return environment.build(CloudWatchClient.builder(), "CLOUDWATCH", http -> { }, override -> override.retryStrategy(retries));
    }

    static EmrClient emr(ClientEnvironment environment, StandardRetryStrategy retries) {
        return environment.build(EmrClient.builder(), "EMR", http -> { }, override -> override.retryStrategy(retries));
    }
}
