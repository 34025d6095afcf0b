package emrpipeline.janitor;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Cleans up after a run that ended without the state machine's own cleanup, or whose cleanup failed: terminates the
 * run's clusters, deletes their alarms, closes the ledger attempt with the execution's status, releases the lease
 * (only after the clusters are terminating or gone), and tells people once.
 *
 * <p>"Once": people are told only when this call changed something. The ledger's close is conditional (it closes an
 * attempt only if it is not terminal yet, releases the lease only if this execution holds it) and says whether it
 * did; terminating and deleting alarms report what they found. So the event after the state machine's own clean
 * failure (it closed the attempt, released the lease, terminated the cluster, deleted the alarms) and a second
 * delivery of any event find nothing to do and stay quiet: one log line.
 *
 * <p>What is told: when this call closed the attempt, the run's end (FAILED, TIMED_OUT, ABORTED) to the alert topic
 * and Slack, with what was cleaned; when the attempt was already closed (the state machine reported the failure,
 * naming its cleanup step that failed) but something was left, CLEANED_UP, saying what the janitor cleaned.
 */
final class RunJanitor {
    private static final Logger LOG = LogManager.getLogger(RunJanitor.class);
    /** Clusters of an execution are looked for from a little before its start (clocks and API latency). */
    static final Duration BEFORE_START = Duration.ofMinutes(10);

    private final SfnClient sfn;
    private final SnsClient sns;
    private final PipelineClusters clusters;
    private final PipelineFunctions functions;
    private final JanitorSettings settings;
    private final Clock clock;

    RunJanitor(SfnClient sfn, SnsClient sns, PipelineClusters clusters, PipelineFunctions functions,
               JanitorSettings settings, Clock clock) {
        this.sfn = sfn;
        this.sns = sns;
        this.clusters = clusters;
        this.functions = functions;
        this.settings = settings;
        this.clock = clock;
    }

    JanitorReport handle(JanitorEvent event) {
        return switch (event.kind()) {
            case EXECUTION_ENDED -> afterExecution((JanitorEvent.ExecutionEnded) event);
            case CLUSTER_FAILED -> afterClusterFailure((JanitorEvent.ClusterFailed) event);
            case SWEEP -> sweep();
        };
    }

    // ------------------------------------------------------------------ execution status change

    JanitorReport afterExecution(JanitorEvent.ExecutionEnded ended) {
        List<String> actions = new ArrayList<>();
        if (!settings.ownsExecution(ended.executionArn())) {
            actions.add("execution " + ended.executionArn() + " is not of " + settings.stateMachineArn() + ": left alone");
            LOG.info(actions.get(0));
            return new JanitorReport("execution " + ended.status(), List.of(), actions);
        }
        DescribeExecutionResponse execution = sfn.describeExecution(DescribeExecutionRequest.builder().executionArn(ended.executionArn()).build());
        if (execution.status() == ExecutionStatus.RUNNING) {
            actions.add("execution " + execution.name() + " is still running: nothing to do");
            LOG.info(actions.get(0));
            return new JanitorReport("execution " + ended.status(), List.of(), actions);
        }
        JanitorReport.RunCleanup cleanup = cleanUp(execution.executionArn(), execution.name(),
                runIdOf(execution.input(), execution.name()), execution.statusAsString(), execution.error(),
                execution.cause(), execution.startDate(), actions);
        return new JanitorReport("execution " + ended.status(), List.of(cleanup), actions);
    }

    /**
     * Terminates the execution's live clusters, deletes the alarms of all its clusters, closes its ledger attempt
     * and releases its lease (in that order: the lease is free only once no cluster of the run can still run), and
     * tells people if anything changed.
     */
    private JanitorReport.RunCleanup cleanUp(String executionArn, String executionName, String runId, String status,
                                             String error, String cause, Instant startedAt, List<String> actions) {
        Instant from = (startedAt == null ? clock.instant().minus(settings.sweepLookBack()) : startedAt).minus(BEFORE_START);
        List<PipelineCluster> ofRun = clusters.ofExecution(executionName, from);
        List<String> terminated = ofRun.stream().filter(PipelineCluster::isAlive).map(PipelineCluster::id).toList();
        clusters.terminate(terminated);
        terminated.forEach(id -> actions.add("terminated cluster " + id + " of run " + runId));
        List<String> alarms = new ArrayList<>();
        for (PipelineCluster cluster : ofRun) {
            List<String> deleted = functions.deleteAlarms(cluster.id());
            if (!deleted.isEmpty()) {
                actions.add("deleted " + deleted.size() + " alarms of cluster " + cluster.id());
            }
            alarms.addAll(deleted);
        }
        String cleaned = cleanedText(terminated, alarms);
        PipelineFunctions.LedgerClose closed = closeAttempt(runId, executionArn, status, error, cause,
                "the execution ended " + status + "; the run janitor " + (cleaned == null ? "found nothing left" : cleaned));
        if (closed.attemptClosed()) {
            actions.add("closed the ledger attempt of run " + runId + " as " + closed.status());
        }
        if (closed.leaseReleased()) {
            actions.add("released the lease held by " + executionName);
        }
        String told = null;
        if (closed.attemptClosed()) {
            told = status;
            String what = cleanupText(cleaned, closed.leaseReleased());
            publish("emr-pipeline run " + words(status), "emr-pipeline run " + runId + " ended " + status
                    + " without the state machine's own cleanup. Error: " + orNone(error) + ". Cause: "
                    + (cause == null || cause.isBlank() ? "(none given)" : cause) + ". Cleanup: " + what
                    + ". Execution: " + executionArn);
            functions.notifySlack(notification(status, runId, executionArn, executionName)
                    .add("error", error == null ? "" : error).add("cause", cause == null ? "" : cause)
                    .add("reason", "the execution ended " + status).add("cleanup", what));
        } else if (!terminated.isEmpty() || !alarms.isEmpty() || closed.leaseReleased()) {
            told = "CLEANED_UP";
            String what = cleanupText(cleaned, closed.leaseReleased());
            publish("emr-pipeline: cleaned up after run", "emr-pipeline run " + runId + " (" + status
                    + ", already reported) had left resources behind. " + what + ". Execution: " + executionArn);
            functions.notifySlack(notification("CLEANED_UP", runId, executionArn, executionName).add("cleanup", what));
        }
        if (told == null) {
            actions.add("nothing left of run " + runId + " (" + status + "): the state machine had cleaned up; nobody told again");
        } else {
            actions.add("told the alert topic and Slack: " + told);
        }
        LOG.info("run " + runId + " " + executionArn + " " + status + ": " + String.join("; ", actions));
        return new JanitorReport.RunCleanup(executionArn, runId, status, terminated, alarms, closed.status(),
                closed.attemptClosed(), closed.leaseReleased(), told);
    }

    // ------------------------------------------------------------------ EMR cluster state change

    JanitorReport afterClusterFailure(JanitorEvent.ClusterFailed failed) {
        List<String> actions = new ArrayList<>();
        if (failed.clusterName() != null && !failed.clusterName().startsWith(settings.clusterNamePrefix())) {
            actions.add("cluster " + failed.clusterId() + " (" + failed.clusterName() + ") is not this stack's: left alone");
            LOG.info(actions.get(0));
            return new JanitorReport("cluster TERMINATED_WITH_ERRORS", List.of(), actions);
        }
        PipelineCluster cluster = clusters.describe(failed.clusterId()).orElse(null);
        if (cluster == null) {
            actions.add("cluster " + failed.clusterId() + " does not carry this stack's tag: left alone");
            return new JanitorReport("cluster TERMINATED_WITH_ERRORS", List.of(), actions);
        }
        List<String> alarms = functions.deleteAlarms(cluster.id());
        if (!alarms.isEmpty()) {
            actions.add("deleted " + alarms.size() + " alarms of cluster " + cluster.id());
        }
        String reason = (failed.code() == null ? "" : failed.code() + ": ")
                + (failed.message() == null ? "no reason given" : failed.message());
        String runId = cluster.runId() == null ? cluster.name() : cluster.runId();
        String executionArn = cluster.executionName() == null ? null : settings.executionArn(cluster.executionName());
        publish("emr-pipeline cluster ended with errors", "EMR cluster " + cluster.id() + " (" + cluster.name()
                + ") of emr-pipeline run " + runId + " ended TERMINATED_WITH_ERRORS. Reason: " + reason
                + (executionArn == null ? "" : ". Execution: " + executionArn));
        JsonObject slack = notification("CLUSTER_FAILED", runId, executionArn, cluster.executionName())
                .add("clusterId", cluster.id()).add("error", "TERMINATED_WITH_ERRORS").add("cause", reason);
        functions.notifySlack(slack);
        actions.add("told the alert topic and Slack: cluster " + cluster.id() + " of run " + runId
                + " ended with errors (" + reason + ")");
        LOG.info(String.join("; ", actions));
        return new JanitorReport("cluster TERMINATED_WITH_ERRORS", List.of(new JanitorReport.RunCleanup(executionArn,
                runId, "TERMINATED_WITH_ERRORS", List.of(), alarms, null, null, null, "CLUSTER_FAILED")), actions);
    }

    // ------------------------------------------------------------------ daily sweep

    /**
     * Pipeline clusters still alive whose execution is not running any more (its status-change event was lost, or
     * the janitor failed on it): cleaned up as for that event. A cluster whose execution no longer exists (its
     * history expired) is terminated all the same.
     */
    JanitorReport sweep() {
        List<String> actions = new ArrayList<>();
        List<JanitorReport.RunCleanup> runs = new ArrayList<>();
        Map<String, List<PipelineCluster>> byExecution = new LinkedHashMap<>();
        List<PipelineCluster> alive = clusters.alive(clock.instant().minus(settings.sweepLookBack()));
        for (PipelineCluster cluster : alive) {
            byExecution.computeIfAbsent(cluster.executionName() == null ? "" : cluster.executionName(),
                    k -> new ArrayList<>()).add(cluster);
        }
        for (Map.Entry<String, List<PipelineCluster>> entry : byExecution.entrySet()) {
            String name = entry.getKey();
            DescribeExecutionResponse execution = null;
            if (!name.isEmpty()) {
                try {
                    execution = sfn.describeExecution(DescribeExecutionRequest.builder().executionArn(settings.executionArn(name)).build());
                } catch (ExecutionDoesNotExistException gone) {
                    execution = null;
                }
            }
            if (execution != null && execution.status() == ExecutionStatus.RUNNING) {
                continue; // its run is alive: the cluster is in use
            }
            if (execution != null) {
                runs.add(cleanUp(execution.executionArn(), execution.name(), runIdOf(execution.input(), execution.name()),
                        execution.statusAsString(), execution.error(), execution.cause(), execution.startDate(), actions));
            } else {
                List<String> ids = entry.getValue().stream().map(PipelineCluster::id).toList();
                clusters.terminate(ids);
                List<String> alarms = new ArrayList<>();
                for (String id : ids) {
                    alarms.addAll(functions.deleteAlarms(id));
                }
                String runId = entry.getValue().get(0).runId() == null ? entry.getValue().get(0).name() : entry.getValue().get(0).runId();
                String what = "terminated " + String.join(", ", ids) + " (its execution " + (name.isEmpty() ? "is not tagged" : name + " no longer exists")
                        + ")" + (alarms.isEmpty() ? "" : " and deleted " + alarms.size() + " alarms");
                actions.add(what);
                publish("emr-pipeline: cleaned up after run", "emr-pipeline run " + runId + ": the daily sweep " + what + ".");
                functions.notifySlack(notification("CLEANED_UP", runId, null, null).add("cleanup", "the daily sweep " + what));
                runs.add(new JanitorReport.RunCleanup(null, runId, null, ids, alarms, null, null, null, "CLEANED_UP"));
            }
        }
        if (runs.isEmpty()) {
            actions.add("sweep: " + alive.size() + " live pipeline clusters, all of running executions: nothing to do");
        }
        LOG.info("sweep: " + String.join("; ", actions));
        return new JanitorReport("sweep", runs, actions);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The ledger's close, for an execution that ended FAILED, TIMED_OUT or ABORTED. A run id the ledger refuses
     * (an input refused before BeginRun) has no attempt and no lease: nothing to close.
     */
    private PipelineFunctions.LedgerClose closeAttempt(String runId, String executionArn, String status, String error,
                                                       String cause, String reason) {
        if (!JanitorEvents.ENDED.contains(status)) {
            return new PipelineFunctions.LedgerClose(null, false, false); // SUCCEEDED: the state machine closed it
        }
        try {
            return functions.close(runId, executionArn, status, error, cause, reason);
        } catch (PipelineFunctionException e) {
            if ("emrpipeline.ledger.InvalidLedgerRequestException".equals(e.errorType())) {
                LOG.info("the ledger refuses run id " + runId + " (" + e.getMessage() + "): no attempt was recorded for it");
                return new PipelineFunctions.LedgerClose(null, false, false);
            }
            throw e;
        }
    }

    /** The run id the definition uses: the input's runId when it is a string, else the execution's name. */
    static String runIdOf(String input, String executionName) {
        if (input != null && !input.isBlank()) {
            try {
                JsonValue json = Json.parse(input);
                if (json.isObject()) {
                    JsonValue runId = json.asObject().get("runId");
                    if (runId != null && runId.isString() && !runId.asString().isBlank()) {
                        return runId.asString();
                    }
                }
            } catch (ParseException notJson) {
                // the execution's name, as the definition's default
            }
        }
        return executionName;
    }

    private void publish(String subject, String message) {
        try {
            sns.publish(PublishRequest.builder().topicArn(settings.alertTopicArn()).subject(subject).message(message).build());
        } catch (SdkException e) {
            // Never lose the cleanup for the alert: the ledger record and the log keep what happened.
            LOG.error("could not publish to the alert topic (" + subject + "): " + e.getMessage() + "; message: " + message);
        }
    }

    private static JsonObject notification(String kind, String runId, String executionArn, String executionName) {
        JsonObject n = new JsonObject().add("kind", kind).add("runId", runId);
        if (executionArn != null) {
            n.add("executionArn", executionArn);
        }
        if (executionName != null) {
            n.add("executionName", executionName);
        }
        return n;
    }

    private static String cleanedText(List<String> terminated, List<String> alarms) {
        List<String> parts = new ArrayList<>();
        if (!terminated.isEmpty()) {
            parts.add("terminated cluster" + (terminated.size() == 1 ? " " : "s ") + String.join(", ", terminated));
        }
        if (!alarms.isEmpty()) {
            parts.add("deleted " + alarms.size() + " alarm" + (alarms.size() == 1 ? "" : "s"));
        }
        return parts.isEmpty() ? null : String.join(" and ", parts);
    }

    private static String cleanupText(String cleaned, boolean leaseReleased) {
        String what = cleaned == null ? "the run janitor found no cluster or alarm left" : "the run janitor " + cleaned;
        return what + (leaseReleased ? " and released the lease" : "");
    }

    private static String words(String status) {
        return switch (status) {
            case "TIMED_OUT" -> "timed out";
            case "ABORTED" -> "stopped";
            default -> "failed";
        };
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "(none)" : s;
    }
}
