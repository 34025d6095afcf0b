package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunUpdateFormatterTest {
    final Redactor redactor = new Redactor();
    final NotificationValidator validator = new NotificationValidator(redactor);
    final RunUpdateFormatter formatter = new RunUpdateFormatter("us-east-1", redactor);

    DocumentContext format(NotificationRequest request) {
        String json = formatter.format(validator.validate(request)).toJson();
        SlackMessageTest.assertWithinLimits(json);
        return JsonPath.parse(json);
    }

    /** A request with its kind and run id r1 and nothing else. */
    private static NotificationRequest kindAndRunIdOnly(String kind) {
        NotificationRequest request = new NotificationRequest();
        request.setKind(kind);
        request.setRunId("r1");
        return request;
    }

    static List<String> fields(DocumentContext json) {
        return json.read("$.blocks[?(@.fields)].fields[*].text");
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void everythingHugeStillFitsEveryLimit(NotificationKind kind) {
        String huge = "<&>é🚀`".repeat(20_000);   // 140,000 characters before escaping
        NotificationRequest request = Requests.of(kind);
        request.setRunId(huge);
        request.setExecutionName(huge);
        request.setManifestUri(huge);
        request.setError(huge);
        request.setCause(huge);
        request.setReason(huge);
        request.setNewObjectCount(String.valueOf(Long.MAX_VALUE));
        request.setNewBytes(String.valueOf(Long.MAX_VALUE));
        request.setEbsGib(String.valueOf(Long.MAX_VALUE));
        request.setCoreNodeCount(String.valueOf(Long.MAX_VALUE));
        request.setDurationSeconds(String.valueOf(Long.MAX_VALUE));
        request.setClusterHours("9".repeat(18));
        request.setEstimatedCostUsd("9".repeat(18));
        request.setClusterId("j-" + "A".repeat(64));

        DocumentContext json = format(request);   // asserts every limit

        assertEquals("header", json.read("$.blocks[0].type"));
    }

    @Test
    void withoutAnExecutionArnTheFunctionsRegionIsUsed() {
        NotificationRequest request = Requests.of(NotificationKind.CLUSTER_READY);
        request.setExecutionArn(null);

        List<String> fields = fields(format(request));

        assertTrue(fields.contains("*Region*\nus-east-1"), fields::toString);
        assertTrue(fields.contains("*Execution*\n2026-11-21-daily-0600"), fields::toString);   // no ARN: no link
        assertTrue(fields.contains("*Cluster*\n<https://us-east-1.console.aws.amazon.com/emr/home?region=us-east-1"
                + "#/clusterDetails/j-2AXXXXXXGAPLF|j-2AXXXXXXGAPLF>"), fields::toString);
    }

    @Test
    void theExecutionArnsRegionAndPartitionWin() {
        NotificationRequest request = Requests.of(NotificationKind.CLUSTER_READY);
        request.setExecutionArn("arn:aws-cn:states:cn-northwest-1:123456789012:execution:sm:run-1");
        request.setExecutionName(null);

        List<String> fields = fields(format(request));

        assertTrue(fields.contains("*Execution*\n<https://console.amazonaws.cn/states/home?region=cn-northwest-1"
                + "#/v2/executions/details/arn:aws-cn:states:cn-northwest-1:123456789012:execution:sm:run-1|run-1>"), fields::toString);
        assertTrue(fields.contains("*Region*\ncn-northwest-1"), fields::toString);
    }

    @Test
    void noLinksWhereTheConsoleIsUnknown() {
        NotificationRequest request = Requests.of(NotificationKind.CLUSTER_READY);
        request.setExecutionArn(null);

        List<String> fields = fields(JsonPath.parse(new RunUpdateFormatter(null, redactor).format(validator.validate(request)).toJson()));

        assertTrue(fields.contains("*Cluster*\nj-2AXXXXXXGAPLF"), fields::toString);
        assertFalse(fields.stream().anyMatch(f -> f.startsWith("*Region*")), fields::toString);
    }

    @Test
    void onlyKnownFiguresAreShown() {
        DocumentContext json = format(kindAndRunIdOnly("SUCCEEDED"));

        assertEquals(List.of("*Run*\nr1", "*Region*\nus-east-1"), fields(json));
        assertEquals("Run r1 succeeded.", json.read("$.text"));
    }

    @Test
    void aFailureWithoutDetailsStillSaysSo() {
        DocumentContext json = format(kindAndRunIdOnly("FAILED"));

        assertEquals("Run r1 failed: unknown error: no cause was reported", json.read("$.text"));
        List<String> sections = json.read("$.blocks[?(@.type == 'section' && @.text)].text.text");
        assertEquals(List.of("*Error:* `unknown`", "*Cause*\n```\nno cause was reported\n```"), sections);
    }

    @Test
    void aTimeoutWithItsEmptyCauseSaysWhatHappenedAndWhatTheJanitorCleaned() {
        DocumentContext json = format(Requests.of(NotificationKind.TIMED_OUT));

        assertEquals(":hourglass: Run timed out: 2026-11-21-daily", json.read("$.blocks[0].text.text"));
        assertEquals("Run 2026-11-21-daily timed out: States.Timeout: no cause: the state or the execution ran longer "
                + "than its TimeoutSeconds", json.read("$.text"));
        List<String> sections = json.read("$.blocks[?(@.type == 'section' && @.text)].text.text");
        assertTrue(sections.contains("*Cleanup:* the run janitor terminated cluster j-2AXXXXXXGAPLF, deleted 4 alarms and released the lease"),
                sections::toString);
    }

    @Test
    void aFailedStepShowsEmrsReasonNotTheFirstLineOfItsJson() {
        NotificationRequest request = Requests.of(NotificationKind.FAILED);
        request.setCause(FailureReasonTest.FAILED_STEP);
        request.setCleanup("alarms deleted; CleanupTerminateCluster FAILED (States.TaskFailed): the cluster may still be running");

        DocumentContext json = format(request);

        String text = json.read("$.text");
        assertTrue(text.startsWith("Run 2026-11-21-daily failed: States.TaskFailed: step emr-pipeline 2026-11-21-daily: "
                + "Unknown Error.: Exception in thread"), text);
        List<String> sections = json.read("$.blocks[?(@.type == 'section' && @.text)].text.text");
        assertTrue(sections.contains("*Cleanup:* alarms deleted; CleanupTerminateCluster FAILED (States.TaskFailed): the cluster may still be running"),
                sections::toString);
    }

    @Test
    void everyKindHasItsOwnHeadline() {
        java.util.Set<String> headlines = new java.util.HashSet<>();
        for (NotificationKind kind : NotificationKind.values()) {
            String headline = format(Requests.of(kind)).read("$.blocks[0].text.text");
            assertTrue(headlines.add(headline.substring(0, headline.indexOf(':', 1))), headline);
        }
    }

    @Test
    void mrkdwnInCallerTextIsEscaped() {
        NotificationRequest request = Requests.of(NotificationKind.SKIPPED);
        request.setRunId("a<b>&c");
        request.setReason("<!channel> run <https://evil.example|here>");

        DocumentContext json = format(request);

        assertTrue(fields(json).contains("*Run*\na&lt;b&gt;&amp;c"));
        assertEquals(":fast_forward: Run skipped: a<b>&c", json.read("$.blocks[0].text.text"));   // plain_text: not escaped
        List<String> sections = json.read("$.blocks[?(@.type == 'section' && @.text)].text.text");
        assertEquals("*Reason:* &lt;!channel&gt; run &lt;https://evil.example|here&gt;", sections.get(0));
        assertEquals("Run a&lt;b&gt;&amp;c skipped: &lt;!channel&gt; run &lt;https://evil.example|here&gt;.", json.read("$.text"));
    }

    @Test
    void jsonCausesArePrettyPrintedAndCodeFencesDefused() {
        assertEquals("{\n  \"Error\": \"x\",\n  \"n\": 1\n}", FailureReason.readable("E", "{\"Error\":\"x\",\"n\":1}"));
        assertEquals("{not json}", FailureReason.readable("E", "{not json}"));
        NotificationRequest request = Requests.of(NotificationKind.FAILED);
        request.setCause("before ``` after");

        List<String> sections = format(request).read("$.blocks[?(@.type == 'section' && @.text)].text.text");

        assertTrue(sections.contains("*Cause*\n```\nbefore ''' after\n```"), sections::toString);
    }

    @Test
    void longLambdaStackTracesAreShortened() {
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            frames.append(i == 0 ? "" : ",").append("\"f").append(i).append("()\"");
        }
        String cause = "{\"errorType\":\"E\",\"errorMessage\":\"m\",\"stackTrace\":[" + frames + "]}";

        String readable = FailureReason.readable("E", cause);

        assertTrue(readable.startsWith("E: m\n  f0()\n  f1()"), readable);
        assertTrue(readable.endsWith("\n  f9()\n  … 15 more"), readable);
    }
}
