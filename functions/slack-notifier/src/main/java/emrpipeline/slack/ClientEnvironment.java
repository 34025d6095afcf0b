package emrpipeline.slack;
// Forced copy: every function has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Where this function's SDK clients point and how they talk, read from an environment: in Lambda the process
 * environment; in tests and the offline runner a map naming local endpoints. Every client of the function is built
 * by {@link #build}, so production, tests and the runner get the same configuration (the SDK's Lambda archetype
 * calls this a {@code DependencyFactory}):
 * <ul>
 * <li>region from {@code AWS_REGION} (absent: the SDK's default region chain);</li>
 * <li>endpoint from {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}, unless
 *     {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true (the SDKs' documented precedence:
 *     https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html; the service names are the table's
 *     https://docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html);</li>
 * <li>credentials from the SDK's default chain (Lambda: its environment, or the container credentials SnapStart
 *     functions get), unless {@link #withCredentials} names others (tests, the runner);</li>
 * <li>the URL-connection HTTP client (the Apache and Netty clients are excluded from the jar);</li>
 * <li>no request carries {@code Expect: 100-continue} ({@link #WITHOUT_EXPECT_CONTINUE}).</li>
 * </ul>
 */
public final class ClientEnvironment {
    /**
     * Removes the {@code Expect: 100-continue} header that the S3 client adds to every PutObject and UploadPart with a
     * body (no other client sends it). With the header, the URL-connection client (SDK 2.40) (1) drops the body of an
     * answer the server sends in place of {@code 100 Continue}: a conditional PUT refused on its headers (412) arrives
     * without S3's error code (the SDK says so: "Unable to read response payload ... Using another HTTP client
     * implementation (e.g. Apache) removes this limitation"), and (2) turns a pooled keep-alive connection that the
     * server has closed into an {@code UncheckedIOException} that the SDK does not retry. Without it the body goes with
     * the headers and both come back as ordinary answers. S3 documents the header as optional
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTCommonRequestHeaders.html); what it saves is the upload of a
     * body S3 refuses, and ours are small and rarely refused. The tests that pin this: run-ledger's
     * {@code ExpectContinueTest}.
     */
    public static final ExecutionInterceptor WITHOUT_EXPECT_CONTINUE = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("Expect").isEmpty() ? request : request.toBuilder().removeHeader("Expect").build();
        }
    };

    private final Map<String, String> variables;
    private final AwsCredentialsProvider credentials;

    private ClientEnvironment(Map<String, String> variables, AwsCredentialsProvider credentials) {
        this.variables = Map.copyOf(variables);
        this.credentials = credentials;
    }

    /** Clients as the environment {@code variables} configures them, with the default credentials chain. */
    public static ClientEnvironment fromEnvironment(Map<String, String> variables) {
        return new ClientEnvironment(variables, null);
    }

    /** The same, with {@code credentials} in place of the default chain (a local endpoint's fixed keys). */
    public ClientEnvironment withCredentials(AwsCredentialsProvider credentials) {
        return new ClientEnvironment(variables, credentials);
    }

    /** {@code AWS_REGION}; empty: the SDK's default region chain decides. */
    public Optional<Region> region() {
        String region = variables.get("AWS_REGION");
        return region == null || region.isBlank() ? Optional.empty() : Optional.of(Region.of(region.trim()));
    }

    /**
     * The endpoint configured for {@code service} (the {@code <SERVICE>} of {@code AWS_ENDPOINT_URL_<SERVICE>}, such as
     * {@code S3}, {@code DYNAMODB} or {@code SECRETS_MANAGER}); empty: the SDK's own endpoint for the region.
     */
    public Optional<URI> endpoint(String service) {
        if ("true".equals(variables.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").trim().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        for (String name : new String[] {"AWS_ENDPOINT_URL_" + service, "AWS_ENDPOINT_URL"}) {
            String url = variables.get(name);
            if (url != null && !url.isBlank()) {
                URI uri = URI.create(url.trim());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException(name + " must be a URL with a scheme and a host, not '" + url + "'");
                }
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    /** A client of {@code service} from {@code builder}, configured as described above. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String service) {
        return build(builder, service, http -> { }, override -> { });
    }

    /**
     * A client of {@code service} from {@code builder}, configured as described above, with the function's own
     * settings of its HTTP client ({@code http}: timeouts) and of its override configuration ({@code override}: a
     * retry strategy), which cannot undo the rules above.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String service, Consumer<UrlConnectionHttpClient.Builder> http,
            Consumer<ClientOverrideConfiguration.Builder> override) {
        UrlConnectionHttpClient.Builder httpClient = UrlConnectionHttpClient.builder();
        http.accept(httpClient);
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder();
        override.accept(overrides);
        overrides.addExecutionInterceptor(WITHOUT_EXPECT_CONTINUE);
        builder.httpClientBuilder(httpClient).overrideConfiguration(overrides.build());
        region().ifPresent(builder::region);
        endpoint(service).ifPresent(builder::endpointOverride);
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder.build();
    }
}
