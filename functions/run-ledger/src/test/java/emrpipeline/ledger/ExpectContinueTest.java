package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Why the functions' S3 clients send no {@code Expect: 100-continue} ({@link ClientEnvironment#WITHOUT_EXPECT_CONTINUE}):
 * two things a real S3 endpoint may do, played by a loopback server byte for byte, and what the production client
 * ({@link LedgerClients#s3}) and the SDK's default client (same HTTP client, with the header) make of them. If a
 * later SDK makes the default client pass, the rule can go.
 */
class ExpectContinueTest {
    private static final StaticCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    /**
     * S3 may refuse a request on its headers alone and then never reads the body (with {@code Expect}: "If the
     * message is rejected based on the headers, the body of the message is not sent", S3 common request headers).
     * A conditional PUT of an existing key is such a request: 412 PreconditionFailed.
     */
    @Test
    void aConditionalPutRefusedOnItsHeadersReportsS3sErrorCode() throws Exception {
        try (LoopbackS3 s3 = new LoopbackS3(LoopbackS3.Behaviour.REFUSE_CONDITIONAL_PUTS);
             S3Client production = LedgerClients.s3(s3.environment())) {
            S3Exception refused = assertThrows(S3Exception.class, () -> conditionalPut(production));
            assertEquals(412, refused.statusCode());
            assertEquals("PreconditionFailed", refused.awsErrorDetails().errorCode(), "S3's answer arrives whole");
        }
        try (LoopbackS3 s3 = new LoopbackS3(LoopbackS3.Behaviour.REFUSE_CONDITIONAL_PUTS);
             S3Client sdkDefault = s3.sdkDefaultClient()) {
            S3Exception withExpect = assertThrows(S3Exception.class, () -> conditionalPut(sdkDefault));
            assertEquals(412, withExpect.statusCode());
            assertNull(withExpect.awsErrorDetails().errorCode(), "the SDK default loses the body of an answer sent in"
                    + " place of 100 Continue: " + withExpect.getMessage());
        }
    }

    /**
     * A server may close a keep-alive connection while it sits in the client's pool (here: right after each answer,
     * without saying so). The next PUT goes out on the dead connection and fails; the production client retries it
     * on a new one, the SDK default (waiting for 100 Continue) throws an I/O error the SDK does not retry. (The JDK's
     * pool is per JVM and endpoint: each client gets its own server.)
     */
    @Test
    void aPutOnAPooledConnectionTheServerClosedIsRetriedOnANewOne() throws Exception {
        try (LoopbackS3 s3 = new LoopbackS3(LoopbackS3.Behaviour.CLOSE_AFTER_EACH_ANSWER);
             S3Client production = LedgerClients.s3(s3.environment())) {
            put(production, "a");
            put(production, "b");
            assertEquals(2, s3.stored.get(), "both PUTs landed, once each");
        }
        try (LoopbackS3 s3 = new LoopbackS3(LoopbackS3.Behaviour.CLOSE_AFTER_EACH_ANSWER);
             S3Client sdkDefault = s3.sdkDefaultClient()) {
            put(sdkDefault, "c");
            UncheckedIOException lost = assertThrows(UncheckedIOException.class, () -> put(sdkDefault, "d"));
            // (Its words, "end of file" or "connection reset", depend on whether the server's FIN or its RST arrives
            // first; what matters is that the SDK gave up on an I/O error instead of retrying.)
            assertInstanceOf(IOException.class, lost.getCause(), lost.toString());
            assertEquals(1, s3.stored.get());
        }
    }

    private static void conditionalPut(S3Client s3) {
        s3.putObject(r -> r.bucket("bucket").key("index/v2/root.json").ifNoneMatch("*"), RequestBody.fromString("{}"));
    }

    private static void put(S3Client s3, String key) {
        s3.putObject(r -> r.bucket("bucket").key(key), RequestBody.fromString("content of " + key));
    }

    /** An HTTP/1.1 server on loopback that answers S3 PutObject requests as {@link Behaviour} says. */
    static final class LoopbackS3 implements AutoCloseable {
        enum Behaviour {
            /** 412 to every conditional PUT: before the body when the request expects 100-continue, after it otherwise. */
            REFUSE_CONDITIONAL_PUTS,
            /** 200 to every PUT, after reading its body; then the connection is closed without a word. */
            CLOSE_AFTER_EACH_ANSWER
        }

        final AtomicInteger stored = new AtomicInteger();
        private final ServerSocket server;
        private final Behaviour behaviour;
        private final Thread acceptor;

        LoopbackS3(Behaviour behaviour) throws IOException {
            this.behaviour = behaviour;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.acceptor = new Thread(this::accept, "loopback-s3");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        ClientEnvironment environment() {
            return ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + server.getLocalPort())).withCredentials(KEYS);
        }

        /** What the SDK builds when told nothing but the endpoint: the same HTTP client, Expect: 100-continue on PUTs. */
        S3Client sdkDefaultClient() {
            return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.getLocalPort())).credentialsProvider(KEYS).build();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    Thread serve = new Thread(() -> serve(connection), "loopback-s3-connection");
                    serve.setDaemon(true);
                    serve.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                while (true) {
                    Map<String, String> headers = readHeaders(in);
                    if (headers == null) {
                        return; // the client closed the connection
                    }
                    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                    boolean conditional = headers.containsKey("if-none-match") || headers.containsKey("if-match");
                    if (behaviour == Behaviour.REFUSE_CONDITIONAL_PUTS && conditional) {
                        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                            preconditionFailed(out, true); // the body is never read: the connection cannot be reused
                            return;
                        }
                        in.readNBytes(length);
                        preconditionFailed(out, false);
                        continue;
                    }
                    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    in.readNBytes(length);
                    stored.incrementAndGet();
                    out.write(("HTTP/1.1 200 OK\r\nETag: \"0123456789abcdef0123456789abcdef\"\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (behaviour == Behaviour.CLOSE_AFTER_EACH_ANSWER) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away mid-request: nothing to answer
            }
        }

        private static void preconditionFailed(OutputStream out, boolean close) throws IOException {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PreconditionFailed</Code><Message>At least"
                    + " one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition>"
                    + "<RequestId>LOOPBACK</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 412 Precondition Failed\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                    + (close ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }

        /** The request's header fields, lower-cased names; null at the end of the stream. */
        private static Map<String, String> readHeaders(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            for (int b; matched < 4; ) {
                b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
            }
            Map<String, String> headers = new java.util.HashMap<>();
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            return headers;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
