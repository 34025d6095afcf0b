package emrpipeline.slack;
// Forced copy: every function has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A loopback HTTP endpoint standing in for AWS, that counts the requests reaching it (each answered 403
 * AccessDenied, which the SDK does not retry), and a credentials provider that counts how often a client asks it:
 * what the SnapStart tests need to prove that priming makes no network call and resolves no credentials.
 * (Each function's tests have this class: each function is built alone.)
 */
final class LoopbackEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger credentialLookups = new AtomicInteger();

    LoopbackEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<Error><Code>AccessDenied</Code><Message>loopback</Message></Error>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests that reached the endpoint. */
    int requests() {
        return requests.get();
    }

    /** Times a client asked {@link #credentials()} for credentials. */
    int credentialLookups() {
        return credentialLookups.get();
    }

    /**
     * The function's clients pointed here, as {@code AWS_REGION} and {@code AWS_ENDPOINT_URL} do in a function's
     * environment, with {@link #credentials()}.
     */
    ClientEnvironment clients(String region) {
        return ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", region, "AWS_ENDPOINT_URL", uri().toString()))
                .withCredentials(credentials());
    }

    AwsCredentialsProvider credentials() {
        return () -> {
            credentialLookups.incrementAndGet();
            return AwsBasicCredentials.create("AKIALOOPBACK00000000", "loopback");
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
