package emrpipeline.sizing;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sizing's SDK client, built once per execution environment by the handler's no-argument constructor, and the
 * same way by the tests that talk to S3Proxy or a loopback endpoint and by the offline runner (which names its
 * local S3 in the {@link ClientEnvironment}).
 */
public final class SizingClients {
    private SizingClients() {
    }

    /**
     * The S3 client of the raw data, the index and the manifests ({@code AWS_ENDPOINT_URL_S3}). Also lets the JDK keep
     * {@value SizingRequestValidator#MAX_LIST_CONCURRENCY} idle connections per host (its default is 5, the system
     * property {@code http.maxConnections}, unless already set): the partitioned listing runs up to that many calls at
     * once and would otherwise open a new (TLS) connection for most of them.
     */
    public static S3Client s3(ClientEnvironment environment) {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(SizingRequestValidator.MAX_LIST_CONCURRENCY));
        }
        return environment.build(S3Client.builder(), "S3");
    }
}
