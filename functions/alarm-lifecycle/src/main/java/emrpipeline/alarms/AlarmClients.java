package emrpipeline.alarms;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.EmrClientBuilder;

/**
 * Builds the production SDK clients: region from the default provider chain ({@code AWS_REGION} in Lambda), the
 * URL-connection HTTP client, endpoints from {@code AWS_ENDPOINT_URL[_<SERVICE>]} when set (the SDK does that), and
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

    public static ClientOverrideConfiguration overrideConfiguration() {
        return ClientOverrideConfiguration.builder().retryStrategy(retryStrategy()).build();
    }

    /** The production CloudWatch client. */
    public static CloudWatchClient cloudWatch() {
        return cloudWatchBuilder().build();
    }

    /** The production EMR client. */
    public static EmrClient emr() {
        return emrBuilder().build();
    }

    /** The production configuration, open for tests to point at a local endpoint with fixed credentials. */
    static CloudWatchClientBuilder cloudWatchBuilder() {
        return CloudWatchClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrideConfiguration());
    }

    static EmrClientBuilder emrBuilder() {
        return EmrClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(overrideConfiguration());
    }
}
