package emrpipeline.bench.slack;

import com.sun.net.httpserver.HttpServer;
import emrpipeline.slack.NotificationRequest;
import emrpipeline.slack.NotificationResult;
import emrpipeline.slack.NotifierSettings;
import emrpipeline.slack.SlackNotifierHandler;
import emrpipeline.slack.WebhookPolicy;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * {@code benchmarks/run slack-notify [ITERATIONS]}: the Slack notifier's warm cost per invocation, for each kind
 * of update, on this machine:
 * <ul>
 *   <li>"format": validation, Block Kit formatting and JSON (the handler with no secret configured);</li>
 *   <li>"deliver": the whole invocation against a local HTTP server answering 200 "ok" (the webhook secret cached),
 *       so loopback HTTP instead of the Internet round trip to Slack, which dominates in production.</li>
 * </ul>
 * Prints the median and the 95th percentile of the per-invocation times and the payload size. Cold start is
 * measured by the lead's shared harness, not here.
 */
public final class NotifyBenchmark {
    private static final String EXECUTION_ARN =
            "arn:aws:states:eu-west-1:123456789012:execution:emr-pipeline-Pipeline:2026-11-21-daily-0600";

    private NotifyBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        AtomicLong payloadBytes = new AtomicLong();
        // Without TCP_NODELAY the JDK server's small header and body writes wait on the client's delayed ACK
        // (about 40 ms a response): an artefact of the stand-in, not of the function. Read once, before the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            payloadBytes.set(exchange.getRequestBody().readAllBytes().length);
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        server.start();
        try {
            String webhook = "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0BENCH/B0BENCH/benchmarktoken";
            SecretsManagerClient secrets = new SecretsManagerClient() {
                @Override
                public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
                    return GetSecretValueResponse.builder().secretString(webhook).build();
                }

                @Override
                public String serviceName() {
                    return "secretsmanager";
                }

                @Override
                public void close() {
                }
            };
            WebhookPolicy local = new WebhookPolicy("http", "127.0.0.1", true);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            SlackNotifierHandler formatOnly = new SlackNotifierHandler(null, http,
                    NotifierSettings.defaults("", "eu-west-1").withWebhookPolicy(local), (message, level) -> { });
            SlackNotifierHandler delivering = new SlackNotifierHandler(secrets, http,
                    NotifierSettings.defaults("arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-AbCdEf", "eu-west-1")
                            .withWebhookPolicy(local), (message, level) -> { });

            System.out.printf(Locale.ROOT, "slack-notify: %d invocations per row after %d warm-up, %s, %d cores%n",
                    iterations, iterations / 2, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-24s %12s %12s %12s %12s %14s%n",
                    "request", "format p50", "format p95", "deliver p50", "deliver p95", "payload bytes");
            for (Map.Entry<String, NotificationRequest> entry : requests().entrySet()) {
                NotificationRequest request = entry.getValue();
                long[] format = time(formatOnly, request, iterations);
                long[] deliver = time(delivering, request, iterations);
                System.out.printf(Locale.ROOT, "%-24s %9.1f µs %9.1f µs %9.1f µs %9.1f µs %14d%n", entry.getKey(),
                        format[0] / 1e3, format[1] / 1e3, deliver[0] / 1e3, deliver[1] / 1e3, payloadBytes.get());
            }
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** p50 and p95 of the per-invocation nanoseconds, after a warm-up of half as many invocations. */
    private static long[] time(SlackNotifierHandler handler, NotificationRequest request, int iterations) {
        for (int i = 0; i < iterations / 2; i++) {
            check(handler.handleRequest(request, null));
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            NotificationResult result = handler.handleRequest(request, null);
            nanos[i] = System.nanoTime() - start;
            check(result);
        }
        Arrays.sort(nanos);
        return new long[] {nanos[iterations / 2], nanos[(int) (iterations * 0.95)]};
    }

    private static void check(NotificationResult result) {
        if (!result.notified() && !"not configured".equals(result.reason())) {
            throw new IllegalStateException("benchmark delivery failed: " + result);
        }
    }

    private static Map<String, NotificationRequest> requests() {
        Map<String, NotificationRequest> requests = new LinkedHashMap<>();
        for (String kind : new String[] {"STARTED", "CLUSTER_READY", "SUCCEEDED", "FAILED", "SKIPPED"}) {
            requests.put(kind, request(kind));
        }
        NotificationRequest hugeCause = request("FAILED");
        hugeCause.setCause("x".repeat(50_000));
        requests.put("FAILED, 50,000-char cause", hugeCause);
        return requests;
    }

    private static NotificationRequest request(String kind) {
        NotificationRequest request = new NotificationRequest();
        request.setKind(kind);
        request.setRunId("2026-11-21-daily");
        request.setExecutionArn(EXECUTION_ARN);
        request.setExecutionName("2026-11-21-daily-0600");
        request.setClusterId("j-2AXXXXXXGAPLF");
        request.setNewObjectCount("1234");
        request.setNewBytes("13207024640");
        request.setEbsGib("96");
        request.setCoreNodeCount("2");
        request.setDurationSeconds("3725.4");
        request.setClusterHours("3.25");
        request.setEstimatedCostUsd("1.8375");
        request.setManifestUri("s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json");
        if (kind.equals("FAILED")) {
            request.setError("States.TaskFailed");
            request.setCause("{\"errorMessage\":\"Step failed: exit code 1\",\"errorType\":\"StepFailedException\","
                    + "\"stackTrace\":[\"emrpipeline.job.Main.run(Main.java:42)\"]}");
        }
        if (kind.equals("SKIPPED")) {
            request.setReason("previous run still active");
        }
        return request;
    }
}
