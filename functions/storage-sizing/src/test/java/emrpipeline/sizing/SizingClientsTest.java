package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** The sizing's S3 client goes where {@code AWS_ENDPOINT_URL_S3} says. */
class SizingClientsTest {

    @Test
    void theS3ClientGoesWhereItsEndpointVariableSays() throws Exception {
        try (LoopbackEndpoint s3 = new LoopbackEndpoint()) {
            ClientEnvironment environment = ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL_S3", s3.uri().toString())).withCredentials(s3.credentials());
            try (S3Client client = SizingClients.s3(environment)) {
                assertThrows(SdkException.class, () -> client.listObjectsV2(r -> r.bucket("data")));
            }
            assertEquals(1, s3.requests());
        }
    }
}
