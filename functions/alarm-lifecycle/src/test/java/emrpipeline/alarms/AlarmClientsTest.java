package emrpipeline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/** Each client of the alarm function goes where its {@code AWS_ENDPOINT_URL_<SERVICE>} says. */
class AlarmClientsTest {

    @Test
    void eachClientGoesWhereItsEndpointVariableSays() throws Exception {
        try (LoopbackEndpoint cloudWatch = new LoopbackEndpoint(); LoopbackEndpoint emr = new LoopbackEndpoint()) {
            ClientEnvironment environment = ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                    "AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.uri().toString(), "AWS_ENDPOINT_URL_EMR", emr.uri().toString()))
                    .withCredentials(emr.credentials());
            try (CloudWatchClient cw = AlarmClients.cloudWatch(environment); EmrClient emrClient = AlarmClients.emr(environment)) {
                assertThrows(SdkException.class, () -> cw.describeAlarms());
                assertThrows(SdkException.class, () -> emrClient.describeCluster(r -> r.clusterId(TestEnvironment.CLUSTER)));
            }
            assertEquals(1, cloudWatch.requests(), "403 AccessDenied is not retried");
            assertEquals(1, emr.requests());
        }
    }
}
