package emrpipeline.ledger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The run ledger's SDK clients, built once per execution environment by the handler's no-argument constructor,
 * and the same way by the tests that talk to DynamoDB Local, S3Proxy or a loopback endpoint and by the offline
 * runner (which names its local endpoints in the {@link ClientEnvironment}).
 */
public final class LedgerClients {
    private LedgerClients() {
    }

    /** The ledger table's client ({@code AWS_ENDPOINT_URL_DYNAMODB}). */
    public static DynamoDbClient dynamoDb(ClientEnvironment environment) {
        return environment.build(DynamoDbClient.builder(), "DYNAMODB");
    }

    /** The client of the processed index and the manifests ({@code AWS_ENDPOINT_URL_S3}). */
    public static S3Client s3(ClientEnvironment environment) {
        return environment.build(S3Client.builder(), "S3");
    }
}
