package emrpipeline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;

/**
 * The retry policy of the production clients, seen on the wire: real SDK clients built by {@link AlarmClients}
 * (pointed at a loopback endpoint by their {@link ClientEnvironment}, and with the production retry strategy
 * backing off for no time: the waits are the SDK's, the decisions to retry are what is tested) against a JDK HTTP
 * server on loopback that answers in each service's own protocol. CloudWatch in SDK 2.40.2 speaks AWS Query (the client is built on
 * {@code AwsQueryProtocolFactory}: form-encoded request, XML response and {@code <ErrorResponse>} errors); EMR speaks
 * AWS JSON 1.1 ({@code X-Amz-Target}, {@code {"__type": ...}} errors).
 */
class ThrottlingRetryTest {
    private static final String CW_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static HttpServer server;
    private static final Deque<Reply> replies = new ArrayDeque<>();
    private static final List<Recorded> requests = new ArrayList<>();

    private record Reply(int status, String contentType, String body) {
    }

    private record Recorded(String path, Map<String, String> headers, String body) {
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Reply reply;
            synchronized (replies) {
                requests.add(new Recorded(exchange.getRequestURI().getPath(), headers, body));
                reply = replies.isEmpty() ? new Reply(500, "text/plain", "no scripted reply") : replies.poll();
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", "4f7c0d7e-0000-4000-8000-000000000000");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @BeforeEach
    void clear() {
        synchronized (replies) {
            replies.clear();
            requests.clear();
        }
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static ClientEnvironment environment() {
        return ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", endpoint().toString()))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    }

    /** The production strategy, backing off for no time. */
    private static StandardRetryStrategy withoutWaits() {
        return AlarmClients.retryStrategy().toBuilder().backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build();
    }

    private static CloudWatchClient cloudWatch() {
        return AlarmClients.cloudWatch(environment(), withoutWaits());
    }

    private static EmrClient emr() {
        return AlarmClients.emr(environment(), withoutWaits());
    }

    private static void script(Reply... scripted) {
        synchronized (replies) {
            replies.addAll(List.of(scripted));
        }
    }

    private static Reply cloudWatchError(String code, String message) {
        return new Reply(400, "text/xml", "<ErrorResponse xmlns=\"" + CW_NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>4f7c0d7e-0000-4000-8000-000000000000</RequestId>"
                + "</ErrorResponse>");
    }

    private static Reply putMetricAlarmOk() {
        return new Reply(200, "text/xml", "<PutMetricAlarmResponse xmlns=\"" + CW_NS + "\"><ResponseMetadata>"
                + "<RequestId>4f7c0d7e-0000-4000-8000-000000000000</RequestId></ResponseMetadata></PutMetricAlarmResponse>");
    }

    @Test
    void throttlingThatLastsGivesUpAfterFiveAttempts() {
        for (int i = 0; i < 6; i++) {
            script(cloudWatchError("Throttling", "Rate exceeded"));
        }

        try (CloudWatchClient client = cloudWatch()) {
            CloudWatchException error = assertThrows(CloudWatchException.class,
                    () -> new ClusterAlarms(client, TestEnvironment.settings()).create(TestEnvironment.CLUSTER, TestEnvironment.RUN));
            assertTrue(error.isThrottlingException(), error.toString());
        }
        assertEquals(5, requests.size(), "five attempts, then the throttling error reaches the caller");
    }

    @Test
    void cloudWatchThrottlingIsRetriedByTheClientUntilItSucceeds() {
        script(cloudWatchError("Throttling", "Rate exceeded"), cloudWatchError("Throttling", "Rate exceeded"), putMetricAlarmOk());
        AlarmSettings settings = TestEnvironment.settings();
        ConfiguredAlarm hdfs = new ConfiguredAlarm(ClusterMetric.HDFS_UTILIZATION, 80, 1);
        AlarmSettings oneAlarm = new AlarmSettings(settings.topicArn(), settings.namePrefix(), settings.region(), List.of(hdfs));

        try (CloudWatchClient client = cloudWatch()) {
            List<String> names = new ClusterAlarms(client, oneAlarm).create(TestEnvironment.CLUSTER, TestEnvironment.RUN);
            assertEquals(List.of("emr-pipeline-j-2AXXXXXXGAPLF-HDFSUtilization"), names);
        }

        assertEquals(3, requests.size(), "two throttled attempts, then the successful one");
        for (Recorded request : requests) {
            assertTrue(request.headers().get("content-type").startsWith("application/x-www-form-urlencoded"),
                    request.headers().get("content-type"));
            assertEquals(requests.get(0).body(), request.body(), "every attempt sends the same request");
        }
        Map<String, String> form = requests.get(2).form();
        assertEquals("PutMetricAlarm", form.get("Action"));
        assertEquals("2010-08-01", form.get("Version"));
        assertEquals("emr-pipeline-j-2AXXXXXXGAPLF-HDFSUtilization", form.get("AlarmName"));
        assertEquals("AWS/ElasticMapReduce", form.get("Namespace"));
        assertEquals("HDFSUtilization", form.get("MetricName"));
        assertEquals("JobFlowId", form.get("Dimensions.member.1.Name"));
        assertEquals("j-2AXXXXXXGAPLF", form.get("Dimensions.member.1.Value"));
        assertEquals("Maximum", form.get("Statistic"));
        assertEquals("300", form.get("Period"));
        assertEquals("1", form.get("EvaluationPeriods"));
        assertEquals("GreaterThanThreshold", form.get("ComparisonOperator"));
        assertEquals(80.0, Double.parseDouble(form.get("Threshold")));
        assertEquals("ignore", form.get("TreatMissingData"));
        assertEquals(TestEnvironment.TOPIC_ARN, form.get("AlarmActions.member.1"));
        assertEquals("emr-pipeline:run-id", form.get("Tags.member.1.Key"));
        assertEquals("2026-11-21-daily", form.get("Tags.member.1.Value"));
    }

    @Test
    void aNonRetryableCloudWatchErrorIsNotRetried() {
        script(cloudWatchError("InvalidParameterValue", "The parameter Threshold is invalid."));

        try (CloudWatchClient client = cloudWatch()) {
            CloudWatchException error = assertThrows(CloudWatchException.class,
                    () -> new ClusterAlarms(client, TestEnvironment.settings()).create(TestEnvironment.CLUSTER, TestEnvironment.RUN));
            assertEquals("InvalidParameterValue", error.awsErrorDetails().errorCode());
            assertFalse(error.isThrottlingException());
        }
        assertEquals(1, requests.size());
    }

    @Test
    void emrThrottlingIsRetriedByTheClientToo() {
        script(new Reply(400, "application/x-amz-json-1.1", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"),
                new Reply(200, "application/x-amz-json-1.1",
                        "{\"Cluster\":{\"Id\":\"j-2AXXXXXXGAPLF\",\"Status\":{\"State\":\"TERMINATED\"}}}"));

        try (EmrClient client = emr()) {
            ClusterState state = client.describeCluster(DescribeClusterRequest.builder().clusterId("j-2AXXXXXXGAPLF").build())
                    .cluster().status().state();
            assertEquals(ClusterState.TERMINATED, state);
        }

        assertEquals(2, requests.size());
        assertEquals("ElasticMapReduce.DescribeCluster", requests.get(1).headers().get("x-amz-target"));
        assertEquals("{\"ClusterId\":\"j-2AXXXXXXGAPLF\"}", requests.get(1).body());
    }
}
