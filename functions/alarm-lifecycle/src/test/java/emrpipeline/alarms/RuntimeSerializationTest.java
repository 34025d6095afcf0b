package emrpipeline.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request and result types through the Lambda Java runtime's own serializer (aws-lambda-java-serialization). */
class RuntimeSerializationTest {

    private static String json(AlarmLifecycleResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer(AlarmLifecycleResult.class).toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theRequestBeanIsFilledAndUnknownFieldsAreIgnored() {
        PojoSerializer<AlarmLifecycleRequest> serializer = JacksonFactory.getInstance().getSerializer(AlarmLifecycleRequest.class);

        AlarmLifecycleRequest request = serializer.fromJson("{\"action\":\"create\",\"clusterId\":\"j-1\",\"runId\":20261121,"
                + "\"executionArn\":\"arn:aws:states:eu-west-1:123456789012:execution:x:y\"}");

        assertEquals("create", request.getAction());
        assertEquals("j-1", request.getClusterId());
        assertEquals("20261121", request.getRunId(), "a JSON number coerces into the String field");
        assertNull(request.getAlarmNames());
        assertEquals(List.of("a", "b"), serializer.fromJson("{\"action\":\"delete\",\"alarmNames\":[\"a\",\"b\"]}").getAlarmNames());
    }

    @Test
    void eachActionsResultCarriesOnlyItsOwnFields() {
        assertEquals("{\"action\":\"create\",\"clusterId\":\"j-1\",\"runId\":\"r\",\"alarmNames\":[\"p-j-1-IsIdle\"],\"created\":1}",
                json(AlarmLifecycleResult.created("j-1", "r", List.of("p-j-1-IsIdle"))));
        assertEquals("{\"action\":\"delete\",\"clusterId\":\"j-1\",\"deleted\":[\"p-j-1-IsIdle\"],\"alreadyGone\":[]}",
                json(AlarmLifecycleResult.deleted("j-1", new AlarmDeletion(List.of("p-j-1-IsIdle"), List.of()))));
        assertEquals("{\"action\":\"delete\",\"deleted\":[],\"alreadyGone\":[\"p-j-1-IsIdle\"]}",
                json(AlarmLifecycleResult.deleted(null, new AlarmDeletion(List.of(), List.of("p-j-1-IsIdle")))));
        assertEquals("{\"action\":\"sweep\",\"deleted\":[\"p-j-2-IsIdle\"],\"examined\":3,\"clustersChecked\":2,"
                        + "\"kept\":[\"p-j-1-IsIdle\"],\"unrecognized\":[\"p-manual\"]}",
                json(AlarmLifecycleResult.swept(new AlarmSweep(3, 2, List.of("p-j-2-IsIdle"), List.of("p-j-1-IsIdle"), List.of("p-manual")))));
    }

    /** The runtime reports an exception's class name as errorType: the contract page names each one that way. */
    @Test
    void theContractPageNamesEachErrorAsTheRuntimeReportsIt() {
        String page = RepositoryFiles.text("docs/functions/alarm-lifecycle.md");
        for (Class<?> error : List.of(InvalidAlarmRequestException.class, InvalidAlarmConfigurationException.class,
                AlarmSweepIncompleteException.class)) {
            assertTrue(page.contains(error.getName()), "docs/functions/alarm-lifecycle.md names " + error.getName());
        }
    }
}
