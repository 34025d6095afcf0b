package emrpipeline.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Amazon S3 as S3Proxy (in-process, on a loopback port) over a folder: {@code <folder>/<bucket>/<key>}, so the
 * data survives between runs; or in memory. Clients are the real SDK S3 client with the URL-connection HTTP
 * client, path-style addressing and fixed credentials. Objects must be written through the S3 API (a file copied
 * into the folder by hand has no ETag, and the pipeline identifies objects by key and ETag).
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final Region region;
    private final S3Client client;

    private LocalS3(S3Proxy proxy, URI endpoint, Region region) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.region = region;
        this.client = newClient(b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(new OmitExpectContinue())));
    }

    /** S3 over {@code folder} (created if needed); {@code null}: in memory. */
    public static LocalS3 start(Path folder, String region) {
        BlobStore store;
        if (folder == null) {
            store = new TransientNio2BlobStore();
        } else {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the S3 folder " + folder, e);
            }
            store = new FilesystemNio2BlobStore(folder.toAbsolutePath().toString());
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(5);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start: " + e, e);
        }
        return new LocalS3(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), Region.of(region));
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * The runner's own client (sample data, {@code add}, tests). It sends PUTs without {@code Expect: 100-continue}:
     * with that header the URL-connection client now and then fails a PUT to S3Proxy with "Unexpected end of file
     * from server" (the functions' clients keep their production settings).
     */
    public S3Client client() {
        return client;
    }

    /**
     * A new client pointed at this S3, configured further by {@code customizer} (a function's production settings,
     * such as an execution interceptor). The caller closes it.
     */
    public S3Client newClient(Consumer<S3ClientBuilder> customizer) {
        S3ClientBuilder builder = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create());
        customizer.accept(builder);
        return builder.build();
    }

    /** Removes {@code Expect: 100-continue}, so the body goes with the request and the answer comes after it. */
    static final class OmitExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("Expect").isEmpty() ? request : request.toBuilder().removeHeader("Expect").build();
        }
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop: " + e, e);
        }
    }
}
