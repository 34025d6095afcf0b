package emrpipeline.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Amazon S3 as S3Proxy (in-process, on a loopback port) over a folder: {@code <folder>/<bucket>/<key>}, so the
 * data survives between runs; or in memory; behind an {@link S3ProxyFront} (S3Proxy answers a refused PUT before
 * reading its body and then drops the connection: the front makes that an ordinary answer). Clients are the functions' own (their factories, pointed here by
 * {@code AWS_ENDPOINT_URL_S3}) with fixed credentials. Objects must be written through the S3 API (a file copied
 * into the folder by hand has no ETag, and the pipeline identifies objects by key and ETag).
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";

    private final S3Proxy proxy;
    private final S3ProxyFront front;
    private final URI endpoint;
    private final Region region;
    private final S3Client client;

    private LocalS3(S3Proxy proxy, S3ProxyFront front, Region region) {
        this.proxy = proxy;
        this.front = front;
        this.endpoint = front.endpoint();
        this.region = region;
        // Configured as the functions configure theirs (any function's factory would do: they share ClientEnvironment).
        this.client = emrpipeline.sizing.SizingClients.s3(emrpipeline.sizing.ClientEnvironment.fromEnvironment(Map.of(
                "AWS_REGION", region.id(), "AWS_ENDPOINT_URL_S3", endpoint.toString())).withCredentials(credentials()));
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
            proxy.start(); // Jetty's start returns once the server accepts connections
            return new LocalS3(proxy, new S3ProxyFront(proxy.getPort()), Region.of(region));
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start: " + e, e);
        }
    }

    /** Where clients send S3 requests: S3Proxy's {@link S3ProxyFront}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The runner's own client (sample data, {@code add}, tests), configured as the functions configure theirs. The
     * functions build their own from {@link #endpointVariables()} and {@link #credentials()}.
     */
    public S3Client client() {
        return client;
    }

    /** What points a function's S3 client here: {@code AWS_ENDPOINT_URL_S3}, as in a function's environment. */
    public Map<String, String> endpointVariables() {
        return Map.of("AWS_ENDPOINT_URL_S3", endpoint.toString());
    }

    /** The fixed keys S3Proxy accepts. */
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() {
        client.close();
        try {
            front.close();
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop: " + e, e);
        }
    }
}
