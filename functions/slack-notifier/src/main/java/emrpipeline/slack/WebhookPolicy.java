package emrpipeline.slack;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which webhook URLs the function posts to. Production always uses {@link #SLACK}: {@code https} on
 * {@code hooks.slack.com}, port 443, path {@code /services/...}, no user info, query or fragment. No
 * environment variable can widen it; tests build another policy (for the JDK's {@code HttpServer} on
 * {@code http://127.0.0.1:<port>}) and hand it to the handler's test constructor.
 *
 * <p>The secret value is either the URL itself or a JSON object {@code {"webhookUrl": "<url>"}}; white space
 * around either is ignored. Error messages never quote the value.
 */
public record WebhookPolicy(String scheme, String host, boolean anyPort) {
    public static final WebhookPolicy SLACK = new WebhookPolicy("https", "hooks.slack.com", false);
    static final String PATH_PREFIX = "/services/";
    static final String JSON_KEY = "webhookUrl";

    /** The webhook URL in a secret value, or {@link InvalidWebhookSecretException} saying what is wrong (never the value). */
    WebhookUrl parseSecret(String secretValue) {
        if (secretValue == null || secretValue.isBlank()) {
            throw new InvalidWebhookSecretException("the secret value is empty");
        }
        String text = secretValue.strip();
        if (text.startsWith("{")) {
            text = fromJson(text);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidWebhookSecretException("the secret value is not a URL");
        }
        if (uri.getScheme() == null || !scheme.equals(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || !host.equalsIgnoreCase(uri.getHost())) {
            throw new InvalidWebhookSecretException("the webhook URL is not on " + scheme + "://" + host);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidWebhookSecretException("the webhook URL must not carry user info, a query or a fragment");
        }
        if (!anyPort && uri.getPort() != -1 && uri.getPort() != 443) {
            throw new InvalidWebhookSecretException("the webhook URL must use the default port");
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith(PATH_PREFIX) || path.length() == PATH_PREFIX.length()) {
            throw new InvalidWebhookSecretException("the webhook URL's path does not start with " + PATH_PREFIX);
        }
        return new WebhookUrl(uri);
    }

    private static String fromJson(String text) {
        JsonValue value;
        try {
            value = Json.parse(text);
        } catch (ParseException e) {
            throw new InvalidWebhookSecretException("the secret value starts with '{' but is not valid JSON");
        }
        JsonValue url = value.isObject() ? ((JsonObject) value).get(JSON_KEY) : null;
        if (url == null || !url.isString()) {
            throw new InvalidWebhookSecretException("the secret's JSON has no \"" + JSON_KEY + "\" string");
        }
        return url.asString().strip();
    }
}
