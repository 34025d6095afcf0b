package emrpipeline.sizing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy in-process (a real S3 API over HTTP, objects in memory), behind an {@link S3ProxyFront}: one per test
 * class. Its client is the function's own.
 */
final class S3ProxyServer implements AutoCloseable {
    private final S3Proxy proxy;
    private final S3ProxyFront front;
    private final S3Client client;

    S3ProxyServer() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .build();
        proxy.start(); // Jetty's start returns once the server accepts connections
        front = new S3ProxyFront(proxy.getPort());
        client = SizingClients.s3(ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_S3", front.endpoint().toString()))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))));
    }

    S3Client client() {
        return client;
    }

    void createBucket(String bucket) {
        client.createBucket(r -> r.bucket(bucket));
    }

    void put(String bucket, String key, byte[] content) {
        client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    void put(String bucket, String key, String content) {
        put(bucket, key, content.getBytes(StandardCharsets.UTF_8));
    }

    byte[] get(String bucket, String key) {
        return client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void close() throws Exception {
        client.close();
        front.close();
        proxy.stop();
    }

    /**
     * An S3Client that records the name of every call and runs {@code before} ahead of it, then delegates:
     * to prove what a sizing did or did not call, and to stage races.
     */
    static final class Recording {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final S3Client client;

        Recording(S3Client delegate, Consumer<String> before) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(delegate, args);
                }
                calls.add(method.getName());
                before.accept(method.getName());
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            client = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                    handler);
        }

        Recording(S3Client delegate) {
            this(delegate, name -> { });
        }

        long count(String method) {
            return calls.stream().filter(method::equals).count();
        }
    }
}
