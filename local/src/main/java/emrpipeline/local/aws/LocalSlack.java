package emrpipeline.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import emrpipeline.local.asl.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A Slack incoming webhook on {@code http://127.0.0.1:<port>/services/...}: it records every message posted and
 * answers as Slack does ({@code 200 ok}), or, when told Slack is down, with an error status for every post (429
 * with a {@code Retry-After} header, as Slack rate-limits: https://api.slack.com/apis/rate-limits), or fails the
 * first N posts then accepts (flaky), or accepts the connection and never answers (hangs, until {@link #up()} or
 * {@link #close()}). The notifier function reaches it through the webhook URL kept in {@link LocalSecretsManager}.
 */
public final class LocalSlack implements AutoCloseable {
    /** The path of the local webhook (Slack's are /services/T.../B.../...). */
    public static final String WEBHOOK_PATH = "/services/T0LOCAL00/B0LOCAL00/offline";

    /** One POST: when (virtual time), the body, and the status answered (0: no answer, Slack hung). */
    public record Post(Instant at, String body, int status) {
        /** The body as JSON, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** The message's text (the notification's fallback text), or the body. */
        public String text() {
            JsonNode json = json();
            return json != null && json.path("text").isTextual() ? json.path("text").asText() : body;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<Instant> clock;
    private final List<Post> posts = new ArrayList<>();
    private volatile int downStatus;
    private final java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch hanging;
    /** Seconds a 429 asks the client to wait. */
    static final int RETRY_AFTER_SECONDS = 1;

    public LocalSlack(Supplier<Instant> clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-slack");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The webhook URL to keep in the secret. */
    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + WEBHOOK_PATH;
    }

    /** Slack answers every post with {@code status} (e.g. 503) until {@link #up()}; 0 means up. */
    public void down(int status) {
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a down Slack answers 4xx or 5xx, not " + status);
        }
        this.downStatus = status;
    }

    public void up() {
        this.downStatus = 0;
        this.failuresLeft.set(0);
        hang(false);
    }

    /** The next {@code posts} posts fail with 503, then Slack accepts again. */
    public void flaky(int posts) {
        if (posts < 0) {
            throw new IllegalArgumentException("--slack-flaky counts posts: 0 or more, not " + posts);
        }
        failuresLeft.set(posts);
    }

    /** Slack accepts posts and never answers them, until {@code hang(false)}, {@link #up()} or {@link #close()}. */
    public void hang(boolean hangs) {
        java.util.concurrent.CountDownLatch previous = hanging;
        hanging = hangs ? new java.util.concurrent.CountDownLatch(1) : null;
        if (previous != null) {
            previous.countDown();
        }
    }

    /** Forgets the posts received. */
    public void clear() {
        synchronized (posts) {
            posts.clear();
        }
    }

    /** Every post received, in order. */
    public List<Post> posts() {
        synchronized (posts) {
            return List.copyOf(posts);
        }
    }

    /** The posts Slack accepted (status 200). */
    public List<Post> delivered() {
        return posts().stream().filter(p -> p.status() == 200).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            String answer;
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals(WEBHOOK_PATH)) {
                status = 404;
                answer = "no_service";
            } else if (hanging != null) {
                java.util.concurrent.CountDownLatch latch = hanging;
                synchronized (posts) {
                    posts.add(new Post(clock.get(), body, 0));
                }
                try {
                    latch.await(120, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // the client gave up long ago; closing the exchange drops the connection
            } else if (downStatus != 0) {
                status = downStatus;
                answer = status == 429 ? "rate_limited" : status >= 500 ? "service_unavailable" : "invalid_token";
                if (status == 429) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                }
            } else if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
                answer = "service_unavailable";
            } else if (!isJson(body)) {
                status = 400;
                answer = "invalid_payload";
            } else {
                status = 200;
                answer = "ok";
            }
            synchronized (posts) {
                posts.add(new Post(clock.get(), body, status));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static boolean isJson(String body) {
        try {
            return Json.parse(body).isObject();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        hang(false);
        server.stop(0);
        executor.shutdownNow();
    }
}
