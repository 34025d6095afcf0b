package emrpipeline.slack;

import java.net.http.HttpClient;
import java.time.Duration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The notifier's clients, built once per execution environment by the handler's no-argument constructor, and the
 * same way by the tests that talk to a loopback endpoint and by the offline runner: the Secrets Manager client that
 * reads the webhook secret and the HTTP client that posts to the webhook.
 */
public final class NotifierClients {
    /** The webhook's TCP connect timeout; each attempt is also bounded by its own request timeout. */
    static final Duration WEBHOOK_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Secrets Manager is asked at most once per cache period: a slow answer must not eat the delivery's budget. */
    static final Duration SECRETS_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SECRETS_SOCKET_TIMEOUT = Duration.ofSeconds(3);

    private NotifierClients() {
    }

    /** The client of the webhook secret ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER}). */
    public static SecretsManagerClient secretsManager(ClientEnvironment environment) {
        return environment.build(SecretsManagerClient.builder(), "SECRETS_MANAGER",
                http -> http.connectionTimeout(SECRETS_CONNECT_TIMEOUT).socketTimeout(SECRETS_SOCKET_TIMEOUT), override -> { });
    }

    /** The webhook client: HTTP/1.1 (one short POST), never follows redirects (the URL is a credential). */
    public static HttpClient webhook() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(WEBHOOK_CONNECT_TIMEOUT)
                .build();
    }
}
