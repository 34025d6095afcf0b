package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Each client of the ledger goes where its {@code AWS_ENDPOINT_URL_<SERVICE>} says (the SDKs' names for the services). */
class LedgerClientsTest {

    @Test
    void eachClientGoesWhereItsEndpointVariableSays() throws Exception {
        try (LoopbackEndpoint dynamoDb = new LoopbackEndpoint(); LoopbackEndpoint s3 = new LoopbackEndpoint()) {
            ClientEnvironment environment = ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.uri().toString(), "AWS_ENDPOINT_URL_S3", s3.uri().toString()))
                    .withCredentials(s3.credentials());
            try (DynamoDbClient dynamo = LedgerClients.dynamoDb(environment); S3Client s3Client = LedgerClients.s3(environment)) {
                assertThrows(SdkException.class, () -> dynamo.listTables());
                assertThrows(SdkException.class, () -> s3Client.listObjectsV2(r -> r.bucket("data")));
            }
            assertEquals(1, dynamoDb.requests());
            assertEquals(1, s3.requests());
        }
    }
}
