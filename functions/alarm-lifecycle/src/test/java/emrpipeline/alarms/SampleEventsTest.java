package emrpipeline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

/**
 * The sample events of {@code events/alarm-lifecycle/} (the ones {@code sam local invoke -e} uses), loaded with the
 * Lambda Java runtime's own serializer and run through the handler; results serialized the way the runtime returns
 * them to Step Functions. They live outside the function folder, so these tests run inside the repository only
 * (in {@code scripts/sam-build}'s scratch copy the folder is alone).
 */
class SampleEventsTest {
    private static Path events() {
        return RepositoryFiles.require("events/alarm-lifecycle");
    }

    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
    private final EmrClient emr = mock(EmrClient.class);
    private final AlarmLifecycleHandler handler = new AlarmLifecycleHandler(cloudWatch.client, emr, TestEnvironment.defaults());

    private static AlarmLifecycleRequest load(String file) {
        return EventLoader.loadEvent(events().resolve(file).toString(), AlarmLifecycleRequest.class);
    }

    private static String json(AlarmLifecycleResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer(AlarmLifecycleResult.class).toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everySampleEventIsCoveredHere() throws IOException {
        try (Stream<Path> files = Files.list(events())) {
            assertEquals(List.of("create-from-state-machine.json", "create.json", "delete-by-cluster.json", "delete-by-names.json",
                            "invalid-action.json", "invalid-cluster-id.json", "invalid-create-without-run-id.json",
                            "invalid-delete-both.json", "invalid-delete-foreign-alarm.json", "sweep.json"),
                    files.map(path -> path.getFileName().toString()).sorted().toList());
        }
    }

    @ParameterizedTest
    @CsvSource({"create.json", "create-from-state-machine.json"})
    void create(String file) {
        String result = json(handler.handleRequest(load(file), null));

        assertEquals("{\"action\":\"create\",\"clusterId\":\"j-2AXXXXXXGAPLF\",\"runId\":\"2026-11-21-daily\",\"alarmNames\":["
                + "\"emr-pipeline-j-2AXXXXXXGAPLF-IsIdle\",\"emr-pipeline-j-2AXXXXXXGAPLF-AppsFailed\","
                + "\"emr-pipeline-j-2AXXXXXXGAPLF-HDFSUtilization\",\"emr-pipeline-j-2AXXXXXXGAPLF-MRUnhealthyNodes\"],"
                + "\"created\":4}", result);
        assertEquals(4, cloudWatch.alarms.size());
    }

    @Test
    void deleteByClusterAfterCreate() {
        handler.handleRequest(load("create.json"), null);

        String result = json(handler.handleRequest(load("delete-by-cluster.json"), null));

        assertEquals("{\"action\":\"delete\",\"clusterId\":\"j-2AXXXXXXGAPLF\",\"deleted\":["
                + "\"emr-pipeline-j-2AXXXXXXGAPLF-AppsFailed\",\"emr-pipeline-j-2AXXXXXXGAPLF-HDFSUtilization\","
                + "\"emr-pipeline-j-2AXXXXXXGAPLF-IsIdle\",\"emr-pipeline-j-2AXXXXXXGAPLF-MRUnhealthyNodes\"],\"alreadyGone\":[]}", result);
        assertTrue(cloudWatch.alarms.isEmpty());
    }

    @Test
    void deleteByClusterWhenNothingWasCreated() {
        assertEquals("{\"action\":\"delete\",\"clusterId\":\"j-2AXXXXXXGAPLF\",\"deleted\":[],\"alreadyGone\":[]}",
                json(handler.handleRequest(load("delete-by-cluster.json"), null)));
    }

    @Test
    void deleteByNames() {
        cloudWatch.existing("emr-pipeline-j-2AXXXXXXGAPLF-IsIdle");

        assertEquals("{\"action\":\"delete\",\"deleted\":[\"emr-pipeline-j-2AXXXXXXGAPLF-IsIdle\"],"
                        + "\"alreadyGone\":[\"emr-pipeline-j-2AXXXXXXGAPLF-AppsFailed\"]}",
                json(handler.handleRequest(load("delete-by-names.json"), null)));
    }

    @Test
    void sweep() {
        cloudWatch.existing("emr-pipeline-j-2AXXXXXXGAPLF-IsIdle");
        when(emr.describeCluster(any(DescribeClusterRequest.class))).thenThrow(InvalidRequestException.builder()
                .statusCode(400).message("Cluster id 'j-2AXXXXXXGAPLF' is not valid.")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidRequestException").build()).build());

        assertEquals("{\"action\":\"sweep\",\"deleted\":[\"emr-pipeline-j-2AXXXXXXGAPLF-IsIdle\"],\"examined\":1,"
                        + "\"clustersChecked\":1,\"kept\":[],\"unrecognized\":[]}",
                json(handler.handleRequest(load("sweep.json"), null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invalid-action.json|action must be create, delete or sweep, got 'terminate'",
            "invalid-cluster-id.json|clusterId must be an EMR cluster id: 'j-' followed by upper-case letters and digits, got 'j-2axxxxxxgaplf'",
            "invalid-create-without-run-id.json|runId is required for create (it names the run in the alarms' description and tag)",
            "invalid-delete-both.json|delete takes clusterId or alarmNames, not both",
            "invalid-delete-foreign-alarm.json|alarmNames[0] 'billing-estimated-charges' is not one of this pipeline's alarms: names start with 'emr-pipeline-'",
    })
    void invalidEventsAreRejectedBeforeAnyCall(String file, String message) {
        // Loaded first: outside the repository the load skips the test, which inside assertThrows would fail it.
        AlarmLifecycleRequest request = load(file);
        InvalidAlarmRequestException error = assertThrows(InvalidAlarmRequestException.class,
                () -> handler.handleRequest(request, null));

        assertEquals(message, error.getMessage());
        assertEquals("emrpipeline.alarms.InvalidAlarmRequestException", error.getClass().getName(), "the errorType a Catch matches");
        verifyNoInteractions(cloudWatch.client, emr);
    }
}
