package emrpipeline.bench.coldstart;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * SlackNotifierFunction posting a STARTED update: GetSecretValue from a loopback Secrets Manager, then an HTTPS
 * POST to hooks.slack.com, which the function's JVM resolves to 127.0.0.1 (jdk.net.hosts.file) where a server
 * with a throw-away certificate answers (trusted through javax.net.ssl.trustStore). The production webhook
 * rules stay in force (https, hooks.slack.com, port 443), so the server binds port 443: run as root.
 * boto3 reads the same secret and urllib posts the same-sized payload the same way.
 */
final class SlackNotifierColdStart implements ColdStart.Subject, AutoCloseable {
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:emr-pipeline/slack-AbCdEf";
    private static final String WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    private final Path directory = Files.createTempDirectory("slack-cold-start");
    private final LoopbackAwsService secretsManager;
    private final HttpsServer slack;

    SlackNotifierColdStart() throws Exception {
        Path keystore = directory.resolve("slack.p12");
        Path certificate = directory.resolve("slack.pem");
        Path truststore = directory.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "slack", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=hooks.slack.com",
                "-ext", "SAN=dns:hooks.slack.com", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "slack", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "slack", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", "changeit");
        Files.writeString(directory.resolve("hosts"), "127.0.0.1 hooks.slack.com\n");

        secretsManager = new LoopbackAwsService("", Map.of("GetSecretValue",
                "{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"emr-pipeline/slack\",\"SecretString\":\"" + WEBHOOK + "\",\"VersionId\":\"v1\"}"));
        slack = HttpsServer.create(new InetSocketAddress("127.0.0.1", 443), 0);
        slack.setHttpsConfigurator(new HttpsConfigurator(sslContext(keystore)));
        slack.createContext("/services/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        slack.setExecutor(Executors.newCachedThreadPool());
        slack.start();
    }

    private static SSLContext sslContext(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    @Override
    public String logicalId() {
        return "SlackNotifierFunction";
    }

    @Override
    public String handler() {
        return "emrpipeline.slack.SlackNotifierHandler::handleRequest";
    }

    @Override
    public String event(int run) {
        try {
            return Files.readString(ColdStart.projectRoot().resolve("events/slack-notifier/started.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> functionEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint());
        environment.put("SLACK_WEBHOOK_SECRET_ARN", SECRET_ARN);
        environment.put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + directory.resolve("hosts")
                + " -Djavax.net.ssl.trustStore=" + directory.resolve("trust.p12")
                + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12");
        return environment;
    }

    @Override
    public String pythonScript() {
        return String.join("\n",
                "import socket",
                "resolve = socket.getaddrinfo",
                "socket.getaddrinfo = lambda host, *a, **k: resolve('127.0.0.1' if host == 'hooks.slack.com' else host, *a, **k)",
                "import boto3, json, os, ssl, urllib.request",
                "url = boto3.client('secretsmanager').get_secret_value(SecretId=os.environ['SECRET_ARN'])['SecretString']",
                "event = json.load(open(os.environ['EVENT']))",
                "text = 'emr-pipeline run ' + event['runId'] + ' started: ' + str(event['newObjectCount']) + ' new objects'",
                "payload = {'text': text, 'blocks': [{'type': 'header', 'text': {'type': 'plain_text', 'text': 'Run started'}},",
                "    {'type': 'section', 'fields': [{'type': 'mrkdwn', 'text': '*' + k + '*\\n' + str(v)} for k, v in event.items() if v is not None][:10]}]}",
                "request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={'Content-Type': 'application/json'})",
                "urllib.request.urlopen(request, context=ssl.create_default_context(cafile=os.environ['CA']), timeout=5).read()",
                "print('ok')");
    }

    @Override
    public Map<String, String> pythonEnvironment(int run) {
        return Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint(), "SECRET_ARN", SECRET_ARN,
                "EVENT", ColdStart.projectRoot().resolve("events/slack-notifier/started.json").toString(),
                "CA", directory.resolve("slack.pem").toString(),
                "AWS_ACCESS_KEY_ID", "cold-start", "AWS_SECRET_ACCESS_KEY", "cold-start", "AWS_DEFAULT_REGION", "us-east-1");
    }

    @Override
    public void close() throws Exception {
        slack.stop(0);
        secretsManager.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
