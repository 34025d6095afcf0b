package emrpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.ExecutionHistory;
import emrpipeline.local.asl.ExecutionResult;
import emrpipeline.local.asl.Json;
import emrpipeline.local.asl.TaskOutcome;
import emrpipeline.local.aws.LocalCloudWatch;
import emrpipeline.local.aws.LocalEmr;
import emrpipeline.local.aws.LocalSlack;
import emrpipeline.local.aws.LocalSns;
import emrpipeline.local.aws.StepRun;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * A run as people read it: the timeline (every state entered, its virtual time and duration, what happened, task
 * attempts and retries), then the ledger rows, the alarms created and deleted, the Slack messages, the SNS alerts,
 * the clusters, the estimated cost and the final status.
 */
final class RunReport {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int CAUSE_CHARS = 160;

    private final RunResult run;
    private final Instant start;

    RunReport(RunResult run) {
        this.run = run;
        this.start = run.start();
    }

    /** One visit of a state. */
    private record Visit(String name, String type, Instant entered, Instant exited) {
    }

    void print(PrintStream out) {
        ExecutionResult execution = run.execution();
        out.println("Execution " + run.context().name() + "  (" + run.context().executionArn() + ")");
        out.println("Started " + DATE_TIME.format(start) + " virtual time; times below are from the start.");
        out.println();
        out.printf("  %-9s %-9s %-30s %s%n", "at", "took", "state", "what happened");
        List<Visit> visits = visits(execution.history());
        for (int i = 0; i < visits.size(); i++) {
            Visit v = visits.get(i);
            String next = i + 1 < visits.size() ? visits.get(i + 1).name() : null;
            List<String> lines = describe(v, next);
            Duration took = v.exited() == null ? Duration.ZERO : Duration.between(v.entered(), v.exited());
            out.printf("  %-9s %-9s %-30s %s%n", "+" + offset(v.entered()), v.type().equals("Task") ? human(took) : "",
                    v.name(), lines.isEmpty() ? "" : lines.get(0));
            for (int l = 1; l < lines.size(); l++) {
                out.printf("  %-9s %-9s %-30s %s%n", "", "", "", lines.get(l));
            }
        }
        out.println();
        printLedger(out);
        printAlarms(out);
        printSlack(out);
        printAlerts(out);
        printClusters(out);
        printSparkSteps(out);
        printJanitor(out);
        printOutcome(out);
    }

    /** What the run janitor did with the events EventBridge delivered (the execution's end, a cluster's). */
    private void printJanitor(PrintStream out) {
        if (run.events().isEmpty()) {
            return;
        }
        out.println("Run janitor (EventBridge events after the execution's end or a cluster's):");
        for (RunResult.EventDelivery e : run.events()) {
            out.println("    +" + offset(e.at()) + "  " + e.detailType() + " -> " + e.function()
                    + (e.error() == null ? "" : "  FAILED " + e.error()));
            e.actions().forEach(a -> out.println("        " + a));
        }
        out.println();
    }

    private List<Visit> visits(ExecutionHistory history) {
        List<Visit> visits = new ArrayList<>();
        for (ExecutionHistory.Event e : history.events()) {
            String type = e.type();
            if (type.endsWith("StateEntered")) {
                visits.add(new Visit(e.details().path("name").asText(), type.substring(0, type.length() - "StateEntered".length()),
                        e.timestamp(), null));
            } else if (type.endsWith("StateExited")) {
                String name = e.details().path("name").asText();
                for (int i = visits.size() - 1; i >= 0; i--) {
                    Visit v = visits.get(i);
                    if (v.name().equals(name) && v.exited() == null) {
                        visits.set(i, new Visit(v.name(), v.type(), v.entered(), e.timestamp()));
                        break;
                    }
                }
            }
        }
        return visits;
    }

    private List<String> describe(Visit v, String next) {
        List<String> lines = new ArrayList<>();
        switch (v.type()) {
            case "Choice" -> lines.add("-> " + next);
            case "Succeed" -> lines.add("execution succeeds");
            case "Fail" -> lines.add("execution fails: " + run.execution().error());
            case "Task" -> {
                List<PipelineTasks.Attempt> attempts = run.attempts().stream()
                        .filter(a -> a.stateName().equals(v.name()) && !a.start().isBefore(v.entered())
                                && (v.exited() == null || !a.start().isAfter(v.exited())))
                        .toList();
                for (int i = 0; i < attempts.size(); i++) {
                    PipelineTasks.Attempt a = attempts.get(i);
                    String label = attempts.size() > 1 ? "attempt " + a.attempt() + " (+" + offset(a.start()) + "): " : "";
                    boolean last = i == attempts.size() - 1;
                    String after = last ? (next == null ? "" : " -> caught, next " + next) : " -> retried";
                    if (a.timedOut()) {
                        lines.add(label + "TIMED OUT after " + a.timeoutSeconds() + " s (States.Timeout)" + after);
                    } else if (a.failed()) {
                        lines.add(label + "FAILED " + a.failure().error() + ": " + shortCause(a.failure().cause())
                                + (a.injected() != null ? " [injected]" : "") + after);
                    } else {
                        lines.add(label + success(a));
                    }
                }
                if (attempts.isEmpty()) {
                    lines.add("(no attempt recorded)");
                }
            }
            default -> {
            }
        }
        return lines;
    }

    private String success(PipelineTasks.Attempt a) {
        JsonNode output = ((TaskOutcome.Success) a.outcome()).output();
        JsonNode payload = output.path("Payload");
        if (a.function() != null) {
            return a.function() + ": " + FunctionSummaries.of(a.function(), a.parameters().path("Payload"), payload);
        }
        String resource = a.resource();
        if (resource.contains("elasticmapreduce:createCluster")) {
            String id = output.path("ClusterId").asText();
            LocalEmr.Cluster c = cluster(id);
            String market = a.parameters().at("/Instances/InstanceFleets/1/TargetSpotCapacity").asInt(0) > 0 ? "spot" : "on-demand";
            return "EMR cluster " + id + " (" + a.parameters().path("ReleaseLabel").asText() + ", core on " + market + ", EBS "
                    + a.parameters().at("/Instances/InstanceFleets/1/InstanceTypeConfigs/0/EbsConfiguration/EbsBlockDeviceConfigs/0/VolumeSpecification/SizeInGB").asText()
                    + " GiB): " + (c == null ? "WAITING" : path(c, a.start(), a.start().plus(a.took()))) ;
        }
        if (resource.contains("elasticmapreduce:addStep")) {
            JsonNode step = output.path("Step");
            return "step " + step.path("Id").asText() + " '" + step.path("Name").asText() + "': "
                    + step.path("Status").path("State").asText() + " (PENDING -> RUNNING -> "
                    + step.path("Status").path("State").asText() + ")";
        }
        if (resource.contains("elasticmapreduce:terminateCluster")) {
            String id = a.parameters().path("ClusterId").asText();
            LocalEmr.Cluster c = cluster(id);
            return "EMR cluster " + id + ": " + (c == null ? "TERMINATED" : path(c, a.start(), a.start().plus(a.took())));
        }
        if (resource.contains("sns:publish")) {
            return "SNS alert to " + a.parameters().path("TopicArn").asText() + ": \"" + a.parameters().path("Subject").asText()
                    + "\"";
        }
        return "succeeded";
    }

    private LocalEmr.Cluster cluster(String id) {
        return run.clusters().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    /** The cluster's states from {@code from} to {@code to}: STARTING -> BOOTSTRAPPING -> WAITING. */
    private static String path(LocalEmr.Cluster cluster, Instant from, Instant to) {
        List<String> states = new ArrayList<>();
        for (LocalEmr.Transition<ClusterState> t : cluster.transitions()) {
            if (!t.at().isAfter(to) && (!t.at().isBefore(from) || t == cluster.transitionAt(from))) {
                String s = t.state().toString();
                if (states.isEmpty() || !states.get(states.size() - 1).equals(s)) {
                    states.add(s);
                }
            }
        }
        return String.join(" -> ", states);
    }

    private void printLedger(PrintStream out) {
        List<Map<String, AttributeValue>> runs = run.ledger().stream().filter(i -> "RUN".equals(s(i, "recordType"))).toList();
        out.println("Ledger: " + runs.size() + " run record" + (runs.size() == 1 ? "" : "s"));
        for (Map<String, AttributeValue> r : runs) {
            boolean mine = run.context().executionArn().equals(s(r, "executionArn"));
            StringBuilder line = new StringBuilder(mine ? "  * " : "    ");
            line.append(String.format("%-28s %-15s", s(r, "runId"), s(r, "runStatus")));
            line.append(" started ").append(s(r, "startedAt"));
            if (s(r, "durationSeconds") != null) {
                line.append(", ").append(human(Duration.ofSeconds(Long.parseLong(s(r, "durationSeconds")))));
            }
            if (s(r, "clusterId") != null) {
                line.append(", cluster ").append(s(r, "clusterId"));
            }
            if (s(r, "clusterHours") != null) {
                line.append(", ").append(s(r, "clusterHours")).append(" cluster-hours");
            }
            if (s(r, "estimatedCostUsd") != null) {
                line.append(", est. $").append(s(r, "estimatedCostUsd"));
            }
            if (s(r, "committedObjects") != null) {
                line.append(", committed ").append(FunctionSummaries.plural(Long.parseLong(s(r, "committedObjects")), "object"));
            }
            if (s(r, "error") != null) {
                line.append(", error ").append(s(r, "error")).append(" in ").append(s(r, "failedState"));
            }
            if (s(r, "reason") != null) {
                line.append(" (").append(truncate(s(r, "reason"), 100)).append(")");
            }
            out.println(line);
        }
        Map<String, AttributeValue> lease = run.ledger().stream().filter(i -> "LEASE".equals(s(i, "pk"))).findFirst().orElse(null);
        out.println("  lease: " + (lease == null ? "free" : "held by " + s(lease, "leaseOwner") + " until " + s(lease, "leaseExpiresAt")));
        out.println();
    }

    private void printAlarms(PrintStream out) {
        List<LocalCloudWatch.Change> changes = run.alarmChanges();
        long created = changes.stream().filter(c -> c.action().equals("created")).count();
        long deleted = changes.stream().filter(c -> c.action().equals("deleted")).count();
        out.println("CloudWatch alarms: " + created + " created, " + deleted + " deleted, " + run.alarmsLeft().size() + " left");
        for (LocalCloudWatch.Change c : changes) {
            out.println("    +" + offset(c.at()) + "  " + c.action() + "  " + c.alarmName());
        }
        for (String name : run.alarmsLeft()) {
            out.println("    left: " + name);
        }
        out.println();
    }

    private void printSlack(PrintStream out) {
        List<LocalSlack.Post> posts = run.slackPosts();
        long delivered = posts.stream().filter(p -> p.status() == 200).count();
        out.println("Slack: " + posts.size() + " post" + (posts.size() == 1 ? "" : "s") + ", " + delivered + " delivered");
        for (LocalSlack.Post p : posts) {
            out.println("    +" + offset(p.at()) + "  " + (p.status() == 200 ? "" : p.status() == 0 ? "[no answer] " : "[HTTP " + p.status() + "] ")
                    + truncate(p.text().replaceAll("\\R+", " "), 150));
        }
        out.println();
    }

    private void printAlerts(PrintStream out) {
        List<LocalSns.Published> alerts = run.alerts();
        out.println("SNS alerts: " + (alerts.isEmpty() ? "none" : alerts.size()));
        for (LocalSns.Published a : alerts) {
            out.println("    +" + offset(a.at()) + "  \"" + a.subject() + "\": " + truncate(a.message(), 200));
        }
        out.println();
    }

    private void printClusters(PrintStream out) {
        out.println("EMR clusters: " + (run.clusters().isEmpty() ? "none created" : run.clusters().size() + " created"));
        for (LocalEmr.Cluster c : run.clusters()) {
            LocalEmr.Transition<ClusterState> last = c.last();
            out.println("    " + c.id() + "  " + last.state() + " at +" + offset(last.at())
                    + (last.message() == null ? "" : " (" + last.code() + ": " + last.message() + ")"));
        }
        if (!run.clustersLeftRunning().isEmpty()) {
            out.println("    NOT TERMINATED: " + run.clustersLeftRunning().stream().map(LocalEmr.Cluster::id).toList());
        }
        out.println();
    }

    /** The steps: how each ran (Spark local mode or simulated), and what a real run wrote. */
    private void printSparkSteps(PrintStream out) {
        List<LocalEmr.Step> steps = run.clusters().stream().flatMap(c -> c.steps().stream()).toList();
        if (steps.isEmpty()) {
            return;
        }
        for (LocalEmr.Step step : steps) {
            StepRun ran = step.run();
            String state = step.last().state().toString();
            if (ran == null || !ran.ran()) {
                out.println("Spark step " + step.id() + ": " + state + ", simulated"
                        + (ran == null ? " (the job did not run: --no-spark, --step-fails or --step-duration)" : " (" + ran.note() + ")"));
                continue;
            }
            out.println("Spark step " + step.id() + ": " + state + " after " + human(ran.took()) + " of real time ("
                    + ran.note() + ")");
            StepRun.JobOutput output = ran.output();
            if (output == null) {
                continue;
            }
            out.println("    output " + output.folder());
            JsonNode summary = output.runJson() == null ? null : Json.parse(output.runJson());
            if (summary != null) {
                out.println("    _run.json: " + FunctionSummaries.plural(summary.path("inputObjects").asLong(), "object") + " read, "
                        + summary.path("rowsRead").asLong() + " rows read, " + summary.path("rowsWritten").asLong() + " written, "
                        + summary.path("rowsRejected").asLong() + " rejected"
                        + (summary.path("rejected").isTextual() ? " (in " + summary.path("rejected").asText() + ")" : ""));
            }
            out.println("    Parquet: " + FunctionSummaries.plural(output.parquetFiles().size(), "file") + ", "
                    + output.rows() + " rows");
            for (StepRun.ParquetFile file : output.parquetFiles()) {
                out.printf("      %7s rows %9s  %s%n", file.rows() < 0 ? "?" : file.rows(), file.size() + " B",
                        file.key().substring(Math.max(0, file.key().length() - relativeLength(output.folder(), file.key()))));
            }
        }
        out.println();
    }

    /** The length of the key past the output folder's own key. */
    private static int relativeLength(String folder, String key) {
        String folderKey = folder.replaceFirst("^s3://[^/]+/", "");
        return key.startsWith(folderKey) ? key.length() - folderKey.length() : key.length();
    }

    private void printOutcome(PrintStream out) {
        Map<String, AttributeValue> record = run.ledgerRecordsOfThisRun().stream().findFirst().orElse(null);
        if (record != null && s(record, "estimatedCostUsd") != null) {
            out.println("Estimated cost: $" + s(record, "estimatedCostUsd") + " (" + s(record, "clusterHours") + " cluster-hours"
                    + (s(record, "costNote") == null ? "" : "; " + s(record, "costNote")) + ")");
        } else if (record != null && s(record, "costNote") != null) {
            out.println("Estimated cost: none (" + s(record, "costNote") + ")");
        } else {
            out.println("Estimated cost: none (no cluster ran, or the run was not closed with its cost)");
        }
        ExecutionResult e = run.execution();
        String status = e.status().toString();
        List<Visit> visits = visits(e.history());
        String end = visits.isEmpty() ? "" : " (last state " + visits.get(visits.size() - 1).name() + ")";
        out.println("Final status: " + status + end + " after " + human(e.duration()) + " of virtual time"
                + (e.succeeded() ? "" : e.error() == null ? " -- stopped" : " -- " + e.error() + ": " + shortCause(e.cause())));
    }

    static String shortCause(String cause) {
        if (cause == null) {
            return "(no cause)";
        }
        String text = cause;
        try {
            JsonNode json = Json.parse(cause);
            if (json.has("errorMessage")) {
                text = json.path("errorMessage").asText();
            } else if (json.has("Step")) {
                JsonNode details = json.path("Step").path("Status").path("FailureDetails");
                text = "step " + json.path("Step").path("Status").path("State").asText() + ": "
                        + details.path("Reason").asText("") + " " + details.path("Message").asText("");
            } else if (json.has("Cluster")) {
                JsonNode reason = json.path("Cluster").path("Status").path("StateChangeReason");
                text = "cluster " + json.path("Cluster").path("Status").path("State").asText() + ": "
                        + reason.path("Code").asText("") + " " + reason.path("Message").asText("");
            }
        } catch (IllegalArgumentException notJson) {
            // plain text
        }
        return truncate(text, CAUSE_CHARS);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null) {
            return null;
        }
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return v.n();
        }
        if (v.bool() != null) {
            return v.bool().toString();
        }
        return v.toString();
    }

    private String offset(Instant at) {
        long seconds = Math.max(0, Duration.between(start, at).toSeconds());
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis == 0 ? "0s" : String.format("%.1fs", millis / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 60) {
            return millis % 1000 == 0 ? s + "s" : String.format("%.1fs", millis / 1000.0);
        }
        if (s < 3600) {
            return (s / 60) + "m " + String.format("%02ds", s % 60);
        }
        return (s / 3600) + "h " + String.format("%02dm", (s / 60) % 60);
    }
}
