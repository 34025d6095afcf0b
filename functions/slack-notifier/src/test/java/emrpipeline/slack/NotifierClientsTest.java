package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The notifier's Secrets Manager client goes where {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} says. */
class NotifierClientsTest {

    @Test
    void theSecretsManagerClientGoesWhereItsEndpointVariableSays() throws Exception {
        try (LoopbackEndpoint secrets = new LoopbackEndpoint()) {
            ClientEnvironment environment = ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.uri().toString())).withCredentials(secrets.credentials());
            try (SecretsManagerClient client = NotifierClients.secretsManager(environment)) {
                assertThrows(SdkException.class, () -> client.getSecretValue(r -> r.secretId("emr-pipeline/slack-webhook")));
            }
            assertEquals(1, secrets.requests());
        }
    }
}
