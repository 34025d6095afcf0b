package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationValidatorTest {
    final NotificationValidator validator = new NotificationValidator(new Redactor());

    @Test
    void aFullRequestBecomesANotification() {
        Notification n = validator.validate(Requests.of(NotificationKind.SUCCEEDED));

        assertEquals(NotificationKind.SUCCEEDED, n.kind());
        assertEquals("2026-11-21-daily", n.runId());
        assertEquals("eu-west-1", n.executionArn().region());
        assertEquals("aws", n.executionArn().partition());
        assertEquals("emr-pipeline-Pipeline", n.executionArn().stateMachine());
        assertEquals("2026-11-21-daily-0600", n.executionArn().name());
        assertEquals(1234L, n.newObjectCount());
        assertEquals(13207024640L, n.newBytes());
        assertEquals(new BigDecimal("3725.4"), n.durationSeconds());
        assertEquals(new BigDecimal("1.8375"), n.estimatedCostUsd());
        assertEquals("j-2AXXXXXXGAPLF", n.clusterId());
    }

    @Test
    void onlyKindAndRunIdAreRequired() {
        NotificationRequest request = new NotificationRequest();
        request.setKind("skipped");   // any case
        request.setRunId(" r1 ");
        request.setExecutionArn("  ");
        request.setCause("");

        Notification n = validator.validate(request);

        assertEquals(NotificationKind.SKIPPED, n.kind());
        assertEquals("r1", n.runId());
        assertNull(n.executionArn());
        assertNull(n.cause());
        assertNull(n.displayExecutionName());
    }

    @Test
    void numbersMayComeInAnyJsonNumberSpelling() {
        Notification n = validator.validate(with(r -> {
            r.setNewBytes("1.5E10");
            r.setEbsGib("64.0");
            r.setDurationSeconds("12");
        }));

        assertEquals(15_000_000_000L, n.newBytes());
        assertEquals(64L, n.ebsGib());
        assertEquals(new BigDecimal("12"), n.durationSeconds());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kind||kind is required (one of STARTED, CLUSTER_READY, SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, ABORTED, CLEANED_UP, CLUSTER_FAILED)",
            "kind|FINISHED|kind 'FINISHED' is not one of STARTED, CLUSTER_READY, SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, ABORTED, CLEANED_UP, CLUSTER_FAILED",
            "runId||runId is required",
            "runId|'  '|runId is required",
            "executionArn|arn:aws:states:eu-west-1:123456789012:stateMachine:emr-pipeline|executionArn 'arn:aws:states:eu-west-1:123456789012:stateMachine:emr-pipeline' is not a Step Functions execution ARN (arn:<partition>:states:<region>:<account>:execution:<stateMachine>:<name>)",
            "executionArn|not-an-arn|executionArn 'not-an-arn' is not a Step Functions execution ARN (arn:<partition>:states:<region>:<account>:execution:<stateMachine>:<name>)",
            "clusterId|cluster-1|clusterId 'cluster-1' is not an EMR cluster id (j- followed by upper-case letters and digits)",
            "newObjectCount|abc|newObjectCount 'abc' is not a number",
            "newBytes|-1|newBytes '-1' must not be negative",
            "ebsGib|1.5|ebsGib '1.5' is not a whole number that fits in 64 bits",
            "coreNodeCount|1e30|coreNodeCount '1e30' is too large",
            "durationSeconds|NaN|durationSeconds 'NaN' is not a number",
            "estimatedCostUsd|-0.01|estimatedCostUsd '-0.01' must not be negative"})
    void invalidInputNamesTheFieldAndTheReason(String field, String value, String message) {
        NotificationRequest request = with(r -> set(r, field, value));

        InvalidNotificationException e = assertThrows(InvalidNotificationException.class, () -> validator.validate(request));

        assertEquals(message, e.getMessage());
    }

    @Test
    void anEmptyRequestIsInvalid() {
        assertEquals("the request is empty: kind and runId are required",
                assertThrows(InvalidNotificationException.class, () -> validator.validate(null)).getMessage());
    }

    @Test
    void longValuesAreShortenedInMessages() {
        NotificationRequest request = with(r -> r.setClusterId("j-" + "x".repeat(500)));

        String message = assertThrows(InvalidNotificationException.class, () -> validator.validate(request)).getMessage();

        assertEquals("clusterId 'j-" + "x".repeat(78) + "…' is not an EMR cluster id (j- followed by upper-case letters and digits)", message);
    }

    @Test
    void executionArnsOfEveryPartitionAndKindParse() {
        assertEquals("aws-cn", ExecutionArn.parse("arn:aws-cn:states:cn-north-1:123456789012:execution:sm:e1").orElseThrow().partition());
        assertEquals("us-gov-west-1", ExecutionArn.parse("arn:aws-us-gov:states:us-gov-west-1:123456789012:execution:sm:e1").orElseThrow().region());
        assertEquals("e1", ExecutionArn.parse("arn:aws:states:us-east-1:123456789012:express:sm:e1").orElseThrow().name());
        assertEquals("sm/map-run", ExecutionArn.parse("arn:aws:states:us-east-1:123456789012:execution:sm/map-run:e1").orElseThrow().stateMachine());
        assertEquals(java.util.Optional.empty(), ExecutionArn.parse("arn:aws:states:us-east-1:123456789012:execution:sm:e1|<x>"));
    }

    private static NotificationRequest with(Consumer<NotificationRequest> change) {
        NotificationRequest request = Requests.of(NotificationKind.STARTED);
        change.accept(request);
        return request;
    }

    private static void set(NotificationRequest request, String field, String value) {
        switch (field) {
            case "kind" -> request.setKind(value);
            case "runId" -> request.setRunId(value);
            case "executionArn" -> request.setExecutionArn(value);
            case "clusterId" -> request.setClusterId(value);
            case "newObjectCount" -> request.setNewObjectCount(value);
            case "newBytes" -> request.setNewBytes(value);
            case "ebsGib" -> request.setEbsGib(value);
            case "coreNodeCount" -> request.setCoreNodeCount(value);
            case "durationSeconds" -> request.setDurationSeconds(value);
            case "estimatedCostUsd" -> request.setEstimatedCostUsd(value);
            default -> throw new IllegalArgumentException(field);
        }
    }
}
