package emrpipeline.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback AWS endpoint that answers a few operations with canned successful responses, in whichever wire
 * protocol the caller speaks: AWS Query (form in, XML out, what SDK for Java 2.40 uses for CloudWatch), JSON 1.x
 * ({@code X-Amz-Target}) and Smithy RPC v2 CBOR (what boto3 uses for CloudWatch). Enough for a cold start to
 * make its real calls; nothing is validated or stored.
 */
final class LoopbackAwsService implements AutoCloseable {
    /** An empty CBOR map: the RPC v2 CBOR body of an operation without output members. */
    private static final byte[] EMPTY_CBOR_MAP = {(byte) 0xA0};

    private final HttpServer server;
    private final String xmlNamespace;
    private final Map<String, String> jsonResponses;
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * @param xmlNamespace   the Query protocol's response namespace (for example CloudWatch's)
     * @param jsonResponses  JSON bodies by operation name, for JSON 1.x callers (missing: {@code {}})
     */
    LoopbackAwsService(String xmlNamespace, Map<String, String> jsonResponses) throws IOException {
        this.xmlNamespace = xmlNamespace;
        this.jsonResponses = jsonResponses;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "loopback-aws");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (path.contains("/operation/")) {
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            reply(exchange, EMPTY_CBOR_MAP);
        } else if (target != null) {
            String operation = target.substring(target.indexOf('.') + 1);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            reply(exchange, jsonResponses.getOrDefault(operation, "{}").getBytes(StandardCharsets.UTF_8));
        } else {
            String action = "Unknown";
            for (String pair : body.split("&")) {
                if (pair.startsWith("Action=")) {
                    action = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            reply(exchange, ("<" + action + "Response xmlns=\"" + xmlNamespace + "\"><ResponseMetadata><RequestId>"
                    + java.util.UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
