package emrpipeline.janitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Each client of the janitor goes where its {@code AWS_ENDPOINT_URL_<SERVICE>} says. */
class JanitorClientsTest {

    @Test
    void eachClientGoesWhereItsEndpointVariableSays() throws Exception {
        try (LoopbackEndpoint emr = new LoopbackEndpoint(); LoopbackEndpoint sfn = new LoopbackEndpoint();
             LoopbackEndpoint sns = new LoopbackEndpoint(); LoopbackEndpoint lambda = new LoopbackEndpoint()) {
            ClientEnvironment environment = ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                    "AWS_ENDPOINT_URL_EMR", emr.uri().toString(), "AWS_ENDPOINT_URL_SFN", sfn.uri().toString(),
                    "AWS_ENDPOINT_URL_SNS", sns.uri().toString(), "AWS_ENDPOINT_URL_LAMBDA", lambda.uri().toString()))
                    .withCredentials(emr.credentials());
            try (EmrClient emrClient = JanitorClients.emr(environment); SfnClient sfnClient = JanitorClients.stepFunctions(environment);
                 SnsClient snsClient = JanitorClients.sns(environment); LambdaClient lambdaClient = JanitorClients.lambda(environment)) {
                assertThrows(SdkException.class, () -> emrClient.listClusters());
                assertThrows(SdkException.class, () -> sfnClient.listStateMachines());
                assertThrows(SdkException.class, () -> snsClient.listTopics());
                assertThrows(SdkException.class, () -> lambdaClient.listFunctions());
            }
            assertEquals(1, emr.requests());
            assertEquals(1, sfn.requests());
            assertEquals(1, sns.requests());
            assertEquals(1, lambda.requests());
        }
    }
}
