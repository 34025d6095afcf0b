package emrpipeline.local.aws;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets Manager with a fixed set of secrets (ARN to SecretString), for {@code GetSecretValue} by complete ARN or
 * name. Offline it holds the Slack webhook secret, whose value is the URL of {@link LocalSlack}.
 */
public final class LocalSecretsManager implements SecretsManagerClient {
    private final Map<String, String> secrets;

    public LocalSecretsManager(Map<String, String> secretsByArn) {
        this.secrets = Map.copyOf(secretsByArn);
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            String arn = secret.getKey();
            String name = arn.substring(arn.indexOf(":secret:") + ":secret:".length());
            String nameWithoutSuffix = name.replaceFirst("-[A-Za-z0-9]{6}$", "");
            if (arn.equals(request.secretId()) || name.equals(request.secretId())
                    || nameWithoutSuffix.equals(request.secretId())) {
                return GetSecretValueResponse.builder().arn(arn).name(nameWithoutSuffix).secretString(secret.getValue())
                        .versionId("00000000-0000-0000-0000-000000000001").versionStages("AWSCURRENT")
                        .createdDate(Instant.EPOCH).build();
            }
        }
        throw (ResourceNotFoundException) AwsErrors.error(ResourceNotFoundException.builder(), 400, "SecretsManager",
                "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
