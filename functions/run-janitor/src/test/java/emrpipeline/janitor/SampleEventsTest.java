package emrpipeline.janitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample events (verbatim from the AWS documentation's examples: Step Functions' "Execution Failed / Timed Out /
 * Aborted" of https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html, and a recorded EMR "Cluster State
 * Change" to TERMINATED_WITH_ERRORS in the shape of https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-manage-cloudwatch-events.html)
 * through the Lambda Java runtime's own serializer, then the janitor's event validation.
 */
class SampleEventsTest {
    static Path events() {
        return RepositoryFiles.require("events/run-janitor");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String name) {
        return EventLoader.loadEvent(events().resolve(name).toString(), Map.class);
    }

    @Test
    void theExecutionEventsBecomeExecutionEnded() {
        for (String status : List.of("FAILED", "TIMED_OUT", "ABORTED")) {
            JanitorEvent event = JanitorEvents.from(load("execution-" + status.toLowerCase().replace('_', '-') + ".json"));
            assertEquals(new JanitorEvent.ExecutionEnded(
                    "arn:aws:states:us-east-1:012345678912:execution:state-machine-name:execution-name", status), event);
        }
    }

    @Test
    void theClusterEventBecomesClusterFailedWithItsReasonParsed() {
        assertEquals(new JanitorEvent.ClusterFailed("j-1Y4W9F10RFJO6", "Manual run 20181011", "STEP_FAILURE",
                        "Shut down as step failed", "Amazon EMR Cluster j-1Y4W9F10RFJO6 (Manual run 20181011) has terminated "
                        + "with errors at 2018-10-13 14:12 UTC with a reason of STEP_FAILURE."),
                JanitorEvents.from(load("cluster-terminated-with-errors.json")));
    }

    @Test
    void theSweepInput() {
        assertInstanceOf(JanitorEvent.Sweep.class, JanitorEvents.from(load("sweep.json")));
    }

    @Test
    void theReportThroughTheRuntimesSerializerCarriesOnlyWhatApplies() {
        JanitorReport report = new JanitorReport("execution TIMED_OUT", List.of(new JanitorReport.RunCleanup(
                "arn:x", "r1", "TIMED_OUT", List.of("j-1"), List.of("a"), "TIMED_OUT", true, true, "TIMED_OUT")),
                List.of("terminated cluster j-1 of run r1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PojoSerializer<JanitorReport> serializer = JacksonFactory.getInstance().getSerializer(JanitorReport.class);
        serializer.toJson(report, out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"event\":\"execution TIMED_OUT\",\"runs\":[{\"executionArn\":\"arn:x\",\"runId\":\"r1\""), json);
    }
}
