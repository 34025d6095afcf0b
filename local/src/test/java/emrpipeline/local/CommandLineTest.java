package emrpipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as people type them: run (its report and --history), invoke, add, and usage errors. */
class CommandLineTest {

    /** The result of one command: exit status and what it printed. */
    record Outcome(int status, String out, String err) {
    }

    static Outcome main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            try {
                status = Main.run(args, o, e);
            } catch (Main.UsageException usage) {
                e.println(usage.getMessage());
                status = 2;
            }
        }
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runPrintsTheTimelineTheLedgerTheAlarmsSlackAlertsCostAndStatusAndWritesTheHistory(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.json");
        Path summaryFile = dir.resolve("summary.json");
        Outcome o = main("run", "--data-dir", dir.toString(), "--seed", "11", "--start", "2026-11-22T06:00:00Z",
                "--name", "cli-run", "--fail", "SizeStorage=Lambda.ServiceException@1", "--history", history.toString(),
                "--summary", summaryFile.toString());

        assertEquals(0, o.status(), o.out() + o.err());
        String out = o.out();
        for (String expected : List.of("sample data uploaded to raw/", "Execution cli-run", "BeginRun", "RunLedgerFunction: begin: STARTED",
                "attempt 1 (+00:00:00): FAILED Lambda.ServiceException", "[injected] -> retried",
                "attempt 2", "3 new objects", "CreateCluster", "STARTING -> BOOTSTRAPPING -> WAITING",
                "Ledger: 1 run record", "SUCCEEDED", "CloudWatch alarms: 4 created, 4 deleted, 0 left",
                "Slack: 3 posts, 3 delivered", "SNS alerts: none", "EMR clusters: 1 created", "Estimated cost:",
                "Final status: SUCCEEDED (last state Succeeded)", "History: ",
                "COMPLETED after", "of real time (Spark local[2] in a child JVM",
                "output s3://emr-pipeline-local-data/output/cli-run/",
                "_run.json: 3 objects read, 12 rows read, 12 written, 0 rejected", "Parquet: 2 files, 12 rows")) {
            assertTrue(out.contains(expected), () -> "missing '" + expected + "' in\n" + out);
        }
        assertTrue(Files.isRegularFile(dir.resolve("logs/cli-run.log")), "function logs are kept");
        String logs = Files.readString(dir.resolve("logs/cli-run.log"));
        assertTrue(Pattern.compile("(?m)^StorageSizingFunction ([0-9a-f]{8}) \\| \\S+ \\S+ \\1[0-9a-f-]+ INFO  StorageSizingHandler - sized run cli-run: 3 new objects")
                .matcher(logs).find(), "each function's log4j2 lines, with the request id the runtime puts in the MDC:\n" + logs);
        assertTrue(Files.isDirectory(dir.resolve("s3/emr-pipeline-local-data/raw")), "S3 lives in the data folder");
        // The Parquet the job wrote, where a newcomer finds it: in the data folder, readable by parquet-java.
        Path day = dir.resolve("s3/emr-pipeline-local-data/output/cli-run/order_date=2026-11-20");
        List<Path> parquet;
        try (var files = Files.list(day)) {
            parquet = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertEquals(1, parquet.size(), parquet.toString());
        assertEquals(9, ParquetRows.read(Files.readAllBytes(parquet.get(0))).size(), "the sample's nine orders of 2026-11-20");

        assertTrue(!o.out().contains("\u001b") && !o.err().contains("\u001b"), "no ANSI escape code in the output");

        // --summary: the Spark step that really ran, where its output is, its Parquet files and their rows.
        JsonNode step = Json.parse(Files.readString(summaryFile)).path("sparkSteps").path(0);
        assertTrue(step.path("ran").asBoolean(), step.toString());
        assertEquals("COMPLETED", step.path("state").asText());
        assertEquals("s3://emr-pipeline-local-data/output/cli-run/", step.path("output").asText());
        assertEquals(12, step.path("rows").asLong(), step.toString());
        assertEquals(12, step.path("runJson").path("rowsWritten").asLong(), step.toString());
        assertEquals(2, step.path("parquetFiles").size(), step.toString());
        long rows = 0;
        for (JsonNode file : step.path("parquetFiles")) {
            assertTrue(file.path("key").asText().matches("output/cli-run/order_date=2026-11-2[01]/part-.*\\.parquet"), file.toString());
            assertTrue(Files.isRegularFile(dir.resolve("s3/emr-pipeline-local-data").resolve(file.path("key").asText())), file.toString());
            assertTrue(file.path("bytes").asLong() > 0, file.toString());
            rows += file.path("rows").asLong();
        }
        assertEquals(12, rows, "the rows of the files' footers add up");

        JsonNode events = Json.parse(Files.readString(history)).path("events");
        assertEquals("ExecutionStarted", events.get(0).path("type").asText());
        assertEquals("ExecutionSucceeded", events.get(events.size() - 1).path("type").asText());
        List<String> sizeStorageScheduled = new ArrayList<>();
        Map<Long, JsonNode> byId = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertEquals(i + 1, e.path("id").asLong(), "ids count from 1");
            long previous = e.path("previousEventId").asLong();
            assertTrue(previous >= 0 && previous < e.path("id").asLong(), e.toString());
            assertTrue(e.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), e.toString());
            byId.put(e.path("id").asLong(), e);
            if (e.path("type").asText().equals("TaskScheduled")) {
                JsonNode details = e.path("taskScheduledEventDetails");
                assertEquals("us-east-1", details.path("region").asText());
                JsonNode parameters = Json.parse(details.path("parameters").asText());
                if (details.path("resourceType").asText().equals("lambda")) {
                    assertEquals("invoke", details.path("resource").asText());
                    if (parameters.path("FunctionName").asText().endsWith(":function:emr-pipeline-StorageSizingFunction:live")) {
                        sizeStorageScheduled.add(parameters.toString());
                    }
                }
            }
        }
        assertEquals(3, sizeStorageScheduled.size(), "one TaskScheduled per attempt: ValidateSizing, then SizeStorage twice");
        assertEquals(0, events.get(0).path("previousEventId").asLong());
        JsonNode createCluster = find(events, "TaskScheduled", "createCluster.sync");
        assertEquals("elasticmapreduce", createCluster.at("/taskScheduledEventDetails/resourceType").asText());
        assertEquals(3600, createCluster.at("/taskScheduledEventDetails/timeoutInSeconds").asInt());
        JsonNode failed = find(events, "TaskFailed", "invoke");
        assertEquals("Lambda.ServiceException", failed.at("/taskFailedEventDetails/error").asText());
        JsonNode succeeded = find(events, "TaskSucceeded", "invoke");
        JsonNode output = Json.parse(succeeded.at("/taskSucceededEventDetails/output").asText());
        assertEquals(200, output.path("StatusCode").asInt(), "lambda:invoke output is the invoke response");
        assertEquals("TaskStarted", byId.get(succeeded.path("previousEventId").asLong()).path("type").asText());
    }

    private static JsonNode find(JsonNode events, String type, String resource) {
        for (JsonNode e : events) {
            if (e.path("type").asText().equals(type)) {
                for (JsonNode details : e) {
                    if (details.isObject() && resource.equals(details.path("resource").asText())) {
                        return e;
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " for " + resource);
    }

    @Test
    void aFailedRunExitsWithStatus1AndSaysWhy() {
        Outcome o = main("run", "--in-memory", "--seed", "5", "--step-fails", "--start", "2026-11-22T06:00:00Z");

        assertEquals(1, o.status(), o.out() + o.err());
        assertTrue(o.out().contains("Final status: FAILED (last state Failed)"), o.out());
        assertTrue(o.out().contains("SNS alerts: 1"), o.out());
        assertTrue(o.out().contains("FAILED States.TaskFailed: step FAILED"), o.out());
        assertTrue(o.out().contains("FAILED, simulated (the job did not run"), o.out());
    }

    @Test
    void invokePrintsTheResponseOrTheErrorLikeSamLocalInvoke() {
        Outcome ok = main("invoke", "StorageSizingFunction", "-e", "events/storage-sizing/daily.json", "--in-memory", "--seed", "1");
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertEquals(3, Json.parse(ok.out()).path("newObjectCount").asInt(), ok.out());

        Outcome error = main("invoke", "StorageSizingFunction", "-e", "events/storage-sizing/invalid-missing-run-id.json",
                "--in-memory", "--env", "MIN_GIB=40");
        assertEquals(1, error.status(), error.out() + error.err());
        assertEquals("emrpipeline.sizing.InvalidSizingRequestException", Json.parse(error.out()).path("errorType").asText());
        assertTrue(error.err().contains("StorageSizingFunction"), error.err());
    }

    @Test
    void usageErrorsExitWithStatus2() {
        assertEquals(2, main("run", "--no-such-option").status());
        assertEquals(2, main("invoke", "NoSuchFunction", "-e", "events/storage-sizing/daily.json", "--in-memory").status());
        assertEquals(2, main("run", "--in-memory", "--parameter", "CoreNodeCount=0").status(), "template constraints hold");
        assertEquals(2, main("frobnicate").status());
        assertEquals(0, main("help").status());
    }
}
