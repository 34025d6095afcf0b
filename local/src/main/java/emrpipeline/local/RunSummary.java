package emrpipeline.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.aws.LocalEmr;
import emrpipeline.local.aws.LocalSlack;
import emrpipeline.local.aws.LocalSns;
import emrpipeline.local.aws.StepRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code --summary FILE}: one JSON document of what a run left behind, for scripts and tests:
 * <pre>{"execution": {"status", "error", "cause"}, "clusters": [{"id", "state"}], "alarmsLeft": [names],
 *  "ledger": [{"runId", "executionArn", "status"}], "leaseHolder": ARN or null,
 *  "slack": [{"kind", "delivered"}], "snsAlerts": [subject or message], "janitor": [actions],
 *  "sparkSteps": [{"id", "cluster", "state", "ran", "note"?, "realSeconds"?, "failure"?: {"reason", "message"},
 *                  "logFile"?, "output"?, "runJson"?, "parquetFiles"?: [{"key", "bytes", "rows"}], "rows"?}]}</pre>
 * Cluster states are read after the janitor ran, at the latest virtual instant of the run (what would happen by
 * then on its own, an auto-termination, applied). A Slack post's kind is its context line's kind. A Spark step that
 * really ran (Spark local mode) has its real time, its failure or, when it completed, its output folder, the job's
 * {@code _run.json} and every Parquet file with the rows its footer counts; a simulated one says why ({@code note}).
 */
final class RunSummary {
    private RunSummary() {
    }

    static ObjectNode of(RunResult run, LocalPipeline pipeline) {
        ObjectNode summary = Json.object();
        ObjectNode execution = summary.putObject("execution");
        execution.put("status", run.execution().status().name());
        execution.put("error", run.execution().error());
        execution.put("cause", run.execution().cause());
        Instant after = run.execution().stopTime();
        for (RunResult.EventDelivery e : run.events()) {
            if (e.at().isAfter(after)) {
                after = e.at();
            }
        }
        ArrayNode clusters = summary.putArray("clusters");
        pipeline.emr().notTerminatedAt(after); // applies what happens on its own by then (auto-termination)
        for (LocalEmr.Cluster c : run.clusters()) {
            ObjectNode cluster = clusters.addObject();
            cluster.put("id", c.id());
            cluster.put("state", c.stateAt(after).toString());
        }
        ArrayNode alarms = summary.putArray("alarmsLeft");
        pipeline.cloudWatch().alarms().forEach(a -> alarms.add(a.alarmName()));
        ArrayNode ledger = summary.putArray("ledger");
        String leaseHolder = null;
        for (Map<String, AttributeValue> item : pipeline.ledgerItems()) {
            if ("LEASE".equals(s(item, "pk"))) {
                leaseHolder = s(item, "leaseOwner");
                continue;
            }
            ObjectNode row = ledger.addObject();
            row.put("runId", s(item, "runId"));
            row.put("executionArn", s(item, "executionArn"));
            row.put("status", s(item, "runStatus"));
        }
        summary.put("leaseHolder", leaseHolder);
        ArrayNode slack = summary.putArray("slack");
        for (LocalSlack.Post post : pipeline.slack().posts()) {
            if (post.at() != null && post.at().isBefore(run.start())) {
                continue;
            }
            ObjectNode row = slack.addObject();
            row.put("kind", kind(post));
            row.put("delivered", post.status() == 200);
        }
        ArrayNode alerts = summary.putArray("snsAlerts");
        for (LocalSns.Published p : pipeline.sns().published()) {
            if (!p.at().isBefore(run.start())) {
                alerts.add(p.subject() != null ? p.subject() : p.message());
            }
        }
        ArrayNode janitor = summary.putArray("janitor");
        run.janitorActions().forEach(janitor::add);
        ArrayNode steps = summary.putArray("sparkSteps");
        for (LocalEmr.Cluster c : run.clusters()) {
            for (LocalEmr.Step step : c.steps()) {
                sparkStep(steps.addObject(), c, step);
            }
        }
        return summary;
    }

    private static void sparkStep(ObjectNode row, LocalEmr.Cluster cluster, LocalEmr.Step step) {
        row.put("id", step.id());
        row.put("cluster", cluster.id());
        row.put("state", step.last().state().toString());
        StepRun ran = step.run();
        row.put("ran", ran != null && ran.ran());
        if (ran == null || !ran.ran()) {
            row.put("note", ran == null ? "simulated: the job did not run (--no-spark, --step-fails or --step-duration)"
                    : "simulated: " + ran.note());
            return;
        }
        row.put("realSeconds", ran.took().toMillis() / 1000.0);
        if (ran.failure() != null) {
            ObjectNode failure = row.putObject("failure");
            failure.put("reason", ran.failure().reason());
            failure.put("message", ran.failure().message());
        }
        if (ran.logFile() != null) {
            row.put("logFile", ran.logFile());
        }
        StepRun.JobOutput output = ran.output();
        if (output == null) {
            return;
        }
        row.put("output", output.folder());
        row.set("runJson", output.runJson() == null ? null : Json.parse(output.runJson()));
        ArrayNode files = row.putArray("parquetFiles");
        for (StepRun.ParquetFile file : output.parquetFiles()) {
            ObjectNode f = files.addObject();
            f.put("key", file.key());
            f.put("bytes", file.size());
            f.put("rows", file.rows());
        }
        if (output.parquetFiles().stream().allMatch(f -> f.rows() >= 0)) {
            row.put("rows", output.rows());
        } else {
            row.putNull("rows"); // a footer could not be read (its file's rows are -1)
        }
    }

    static void write(RunResult run, LocalPipeline pipeline, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(of(run, pipeline)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary to " + file, e);
        }
    }

    /** The notification's kind, from the message's context line ("emr-pipeline · timed out"). */
    static String kind(LocalSlack.Post post) {
        var json = post.json();
        if (json != null) {
            for (var block : json.path("blocks")) {
                if ("context".equals(block.path("type").asText())) {
                    for (var element : block.path("elements")) {
                        String text = element.path("text").asText();
                        int dot = text.indexOf("emr-pipeline · ");
                        if (dot >= 0) {
                            return text.substring(dot + "emr-pipeline · ".length()).toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
                        }
                    }
                }
            }
        }
        return "UNKNOWN";
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
