package emrpipeline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/** The SnapStart hooks, called as the runtime calls them, on the production clients: priming sends nothing. */
class SnapStartHooksTest {
    private static final String EVENT = "events/alarm-lifecycle/create-from-state-machine.json";

    @Test
    void primingBuildsTheAlarmAndClusterRequestsSendsNothingAndResolvesNoCredentials() throws Exception {
        try (LoopbackEndpoint aws = new LoopbackEndpoint();
             CloudWatchClient cloudWatch = AlarmClients.cloudWatch(aws.clients("eu-west-1"));
             EmrClient emr = AlarmClients.emr(aws.clients("eu-west-1"))) {
            SnapStartHooks hooks = new AlarmLifecycleHandler(cloudWatch, emr, TestEnvironment.defaults()).snapStartHooks();

            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);

            assertEquals(0, aws.requests(), "no network call");
            assertEquals(0, aws.credentialLookups(), "no credentials resolved before the snapshot");
            List<SdkHttpRequest> primed = hooks.primed();
            assertEquals(3, primed.size(), primed.toString());
            assertTrue(primed.stream().allMatch(r -> r.firstMatchingHeader("Authorization").orElse("").contains("AKIAPRIMINGONLY")));
            assertEquals("ElasticMapReduce.DescribeCluster", primed.get(2).firstMatchingHeader("X-Amz-Target").orElse(""),
                    "the sweep's EMR call");

            assertThrows(SdkException.class, () -> emr.describeCluster(b -> b.clusterId(TestEnvironment.CLUSTER)));
            assertTrue(aws.requests() > 0, "the clients do reach the endpoint when they really call");
            assertTrue(aws.credentialLookups() > 0);
        }
    }

    @Test
    void thePrimingEventIsTheStateMachinesSampleCreate() throws Exception {
        try (var in = SnapStartHooks.class.getResourceAsStream(SdkPriming.PRIMING_EVENT)) {
            assertEquals(RepositoryFiles.text(EVENT), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
