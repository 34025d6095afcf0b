package emrpipeline.local;

import emrpipeline.local.asl.ExecutionContext;
import emrpipeline.local.asl.ExecutionResult;
import emrpipeline.local.aws.LocalCloudWatch;
import emrpipeline.local.aws.LocalEmr;
import emrpipeline.local.aws.LocalSlack;
import emrpipeline.local.aws.LocalSns;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one offline execution did: the interpreter's result (status, output or error, history), every task attempt,
 * and what the stand-ins saw during it: clusters created, alarm changes, Slack posts, SNS messages, and the
 * ledger table afterwards.
 *
 * @param clustersLeftRunning clusters of this run that are not TERMINATED when the execution ends, once what would
 *                            happen by then on its own is applied; a correct pipeline leaves none
 */
public record RunResult(
        ExecutionContext context,
        ExecutionResult execution,
        List<PipelineTasks.Attempt> attempts,
        List<LocalEmr.Cluster> clusters,
        List<LocalEmr.Cluster> clustersLeftRunning,
        List<LocalCloudWatch.Change> alarmChanges,
        List<String> alarmsLeft,
        List<LocalSlack.Post> slackPosts,
        List<LocalSns.Published> alerts,
        List<Map<String, AttributeValue>> ledger,
        String functionLogs,
        List<EventDelivery> events) {

    /**
     * An event the services put on the bus after (or during) the execution and a function its rule targets: the run
     * janitor. {@code actions} is what it said it did (its report's actions), {@code error} its error when it failed.
     */
    public record EventDelivery(java.time.Instant at, String detailType, String function, List<String> actions,
                                String error) {
    }

    /** What the run janitor did, line by line, over every event delivered. */
    public List<String> janitorActions() {
        return events.stream().flatMap(e -> e.error() == null ? e.actions().stream()
                : java.util.stream.Stream.of("failed: " + e.error())).toList();
    }

    public boolean succeeded() {
        return execution.succeeded();
    }

    public Instant start() {
        return execution.startTime();
    }

    /** The ledger's run records of this execution (one per execution: the attempt item). */
    public List<Map<String, AttributeValue>> ledgerRecordsOfThisRun() {
        return ledger.stream()
                .filter(item -> item.containsKey("executionArn")
                        && context.executionArn().equals(item.get("executionArn").s())
                        && !"LEASE".equals(item.get("pk") == null ? null : item.get("pk").s()))
                .toList();
    }

    /** The attempts of one state, in order. */
    public List<PipelineTasks.Attempt> attemptsOf(String state) {
        return attempts.stream().filter(a -> a.stateName().equals(state)).toList();
    }
}
