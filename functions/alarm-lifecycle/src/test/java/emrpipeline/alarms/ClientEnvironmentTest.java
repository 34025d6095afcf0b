package emrpipeline.alarms;
// Forced copy: every function has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * How {@link ClientEnvironment} reads a function's environment: the documented precedence of the endpoint variables
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). That each client of the function
 * really goes where its variable says is its factory's test.
 */
class ClientEnvironmentTest {

    @Test
    void theRegionIsAwsRegion() {
        assertEquals(Optional.of(Region.EU_WEST_1), ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "eu-west-1")).region());
        assertEquals(Optional.empty(), ClientEnvironment.fromEnvironment(Map.of()).region(), "the SDK's region chain decides");
    }

    @Test
    void aServiceEndpointBeatsTheGlobalOne() {
        ClientEnvironment both = ClientEnvironment.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), both.endpoint("S3"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), both.endpoint("DYNAMODB"));
        assertEquals(Optional.empty(), ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "eu-west-1")).endpoint("S3"),
                "no variable: the service's own endpoint");
    }

    @Test
    void endpointsCanBeIgnored() {
        ClientEnvironment ignored = ClientEnvironment.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"));
        assertEquals(Optional.empty(), ignored.endpoint("S3"));
        assertEquals(Optional.empty(), ignored.endpoint("DYNAMODB"));
    }

    @Test
    void anEndpointThatIsNotAUrlIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientEnvironment.fromEnvironment(Map.of("AWS_ENDPOINT_URL_S3", "localhost:9000")).endpoint("S3"));
        assertTrue(e.getMessage().contains("AWS_ENDPOINT_URL_S3") && e.getMessage().contains("localhost:9000"), e.getMessage());
    }
}
