package emrpipeline.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server (the JDK's {@code HttpServer} on 127.0.0.1) standing in for Slack's incoming webhooks.
 * Answers each POST with the next scripted {@link Reply} (200 "ok" when the script is empty) and records what
 * it received.
 */
final class FakeSlack implements AutoCloseable {
    /** The webhook path a test's secret points at; shaped like a real token path. */
    static final String WEBHOOK_PATH = "/services/T0TESTTEAM/B0TESTHOOK/s3cr3tT0kenAbCdEf123456";

    /** One scripted answer: a status, a body, headers; {@code hang} never answers (until the server closes). */
    record Reply(int status, String body, Map<String, String> headers, boolean hang) {
        static Reply ok() {
            return new Reply(200, "ok", Map.of(), false);
        }

        static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), false);
        }

        static Reply tooManyRequests(String retryAfter) {
            return new Reply(429, "rate_limited", Map.of("Retry-After", retryAfter), false);
        }

        static Reply neverAnswer() {
            return new Reply(0, "", Map.of(), true);
        }
    }

    /** What one request carried. */
    record Received(String method, String path, String contentType, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-slack");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private volatile CountDownLatch release = new CountDownLatch(1);

    FakeSlack() throws IOException {
        // The JDK server's separate header and body writes otherwise wait on the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + WEBHOOK_PATH);
    }

    /** The policy tests use instead of {@link WebhookPolicy#SLACK}: plain http on this server. */
    static WebhookPolicy policy() {
        return new WebhookPolicy("http", "127.0.0.1", true);
    }

    /** Forgets earlier replies and requests, releases hanging ones, and scripts the next replies. */
    synchronized void script(Reply... replies) {
        release.countDown();
        release = new CountDownLatch(1);
        script.clear();
        received.clear();
        script.addAll(List.of(replies));
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        CountDownLatch latch;
        synchronized (this) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            reply = script.isEmpty() ? Reply.ok() : script.poll();
            latch = release;
        }
        try (exchange) {
            if (reply.hang()) {
                try {
                    latch.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
