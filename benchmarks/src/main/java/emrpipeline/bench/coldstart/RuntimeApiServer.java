package emrpipeline.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A loopback stand-in for the Lambda Runtime API (2018-06-01), enough for one invocation: the runtime
 * interface client asks for the next event, gets {@code event}, and posts a response or an error. The time
 * the answer arrives is what a cold start ends with. With SnapStart (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start)
 * the client first runs the beforeCheckpoint hooks and calls {@code restore/next}, where Lambda takes the snapshot;
 * here it is answered at once (no snapshot), and the client runs the afterRestore hooks and asks for the event.
 */
final class RuntimeApiServer implements AutoCloseable {

    /** What the function answered, and when ({@link System#nanoTime()}). */
    record Answer(boolean error, String body, String errorType, long receivedAtNanos) {
    }

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final String event;
    private final String requestId = UUID.randomUUID().toString();
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private volatile boolean delivered;
    private volatile long restoreNextAtNanos;

    RuntimeApiServer(String event) throws IOException {
        this.event = event;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    Answer awaitAnswer(long timeoutSeconds) throws Exception {
        return answer.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** When the runtime called restore/next (its init phase and beforeCheckpoint hooks done); 0 if it did not. */
    long restoreNextAtNanos() {
        return restoreNextAtNanos;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals(PREFIX + "restore/next")) {
            restoreNextAtNanos = System.nanoTime();
            reply(exchange, 200, "{}");
        } else if (path.equals(PREFIX + "invocation/next")) {
            if (delivered) {
                // One invocation per cold start: park the runtime until it is stopped.
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            delivered = true;
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", requestId);
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:cold-start");
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
            exchange.getResponseHeaders().add("Lambda-Runtime-Client-Context", "");
            exchange.getResponseHeaders().add("Lambda-Runtime-Cognito-Identity", "");
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Tenant-Id", "");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply(exchange, 200, event);
        } else if (path.equals(PREFIX + "invocation/" + requestId + "/response")) {
            answer.complete(new Answer(false, body, null, System.nanoTime()));
            reply(exchange, 202, "{}");
        } else if (path.equals(PREFIX + "invocation/" + requestId + "/error") || path.equals(PREFIX + "init/error")) {
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            answer.complete(new Answer(true, body, errorType, System.nanoTime()));
            reply(exchange, 202, "{}");
        } else {
            reply(exchange, 404, "{}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
