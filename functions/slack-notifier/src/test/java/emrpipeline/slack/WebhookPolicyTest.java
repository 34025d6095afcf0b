package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookPolicyTest {
    static final String URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    @ParameterizedTest
    @ValueSource(strings = {
            URL,
            "  " + URL + "\n",
            "{\"webhookUrl\": \"" + URL + "\"}",
            "{\"webhookUrl\": \" " + URL + " \", \"channel\": \"#data\"}",
            "https://hooks.slack.com:443/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
            "HTTPS://HOOKS.SLACK.COM/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"})
    void acceptsTheUrlPlainOrInJson(String secret) {
        URI uri = WebhookPolicy.SLACK.parseSecret(secret).uri();

        assertEquals("/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", uri.getPath());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|the secret value is empty",
            "'   '|the secret value is empty",
            "http://hooks.slack.com/services/T0/B0/XXXXXXXXXXXX|the webhook URL is not on https://hooks.slack.com",
            "https://hooks.slack.com.evil.example/services/T0/B0/XXXXXXXXXXXX|the webhook URL is not on https://hooks.slack.com",
            "https://evil.example/hooks.slack.com/services/T0/B0/XXXXXXXXXXXX|the webhook URL is not on https://hooks.slack.com",
            "hooks.slack.com/services/T0/B0/XXXXXXXXXXXX|the webhook URL is not on https://hooks.slack.com",
            "https://user:pw@hooks.slack.com/services/T0/B0/XXXXXXXXXXXX|the webhook URL must not carry user info, a query or a fragment",
            "https://hooks.slack.com/services/T0/B0/XXXXXXXXXXXX?x=1|the webhook URL must not carry user info, a query or a fragment",
            "https://hooks.slack.com:8443/services/T0/B0/XXXXXXXXXXXX|the webhook URL must use the default port",
            "https://hooks.slack.com/triggers/T0/123/XXXXXXXXXXXX|the webhook URL's path does not start with /services/",
            "https://hooks.slack.com/services/|the webhook URL's path does not start with /services/",
            "https://hooks.slack.com/services/T0 B0|the secret value is not a URL",
            "{\"url\": \"https://hooks.slack.com/services/T0/B0/XXXXXXXXXXXX\"}|the secret's JSON has no \"webhookUrl\" string",
            "{\"webhookUrl\": 42}|the secret's JSON has no \"webhookUrl\" string",
            "{\"webhookUrl\": \"https://hooks.slack.com/services/T0/B0/XXXXXXXXXXXX\"|the secret value starts with '{' but is not valid JSON"})
    void rejectsAnythingElseWithoutQuotingIt(String secret, String expected) {
        InvalidWebhookSecretException e = assertThrows(InvalidWebhookSecretException.class, () -> WebhookPolicy.SLACK.parseSecret(secret));

        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("XXXXXXXXXXXX"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/services/T0/B0/X", "http://127.0.0.1/services/x"})
    void aTestPolicyAcceptsItsOwnHostOnly(String secret) {
        WebhookPolicy local = new WebhookPolicy("http", "127.0.0.1", true);

        assertEquals("127.0.0.1", local.parseSecret(secret).uri().getHost());
        assertThrows(InvalidWebhookSecretException.class, () -> local.parseSecret(URL));
        assertThrows(InvalidWebhookSecretException.class, () -> WebhookPolicy.SLACK.parseSecret(secret));
    }

    @ParameterizedTest
    @ValueSource(strings = {URL})
    void theParsedUrlNeverPrintsItself(String secret) {
        assertEquals("WebhookUrl[[redacted]]", WebhookPolicy.SLACK.parseSecret(secret).toString());
    }
}
