package emrpipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.Json;
import emrpipeline.local.lambda.LocalFunction;
import emrpipeline.local.lambda.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sample event of events/&lt;function&gt;/ through {@code invoke}, as {@code sam local invoke -e} would send it:
 * the real function with its template environment, against the local services. The events name the bucket
 * {@code my-data}, so the local stack uses that name; they are played in an order that makes each one meaningful
 * (the sizing writes the manifest the ledger later commits; the ledger events follow a run's life).
 */
class SampleEventsTest {
    private static LocalPipeline pipeline;

    /** What one event must give: a response satisfying a check, or an error of a type. */
    private record Expected(String file, String errorType, String what, Predicate<JsonNode> check) {
    }

    private static Expected ok(String file, String what, Predicate<JsonNode> check) {
        return new Expected(file, null, what, check);
    }

    private static Expected error(String file, String errorType) {
        return new Expected(file, errorType, null, null);
    }

    private static final String SIZING = "emrpipeline.sizing.InvalidSizingRequestException";
    private static final String LEDGER = "emrpipeline.ledger.InvalidLedgerRequestException";
    private static final String ALARMS = "emrpipeline.alarms.InvalidAlarmRequestException";
    private static final String SLACK = "emrpipeline.slack.InvalidNotificationException";

    private static final List<Expected> EVENTS = List.of(
            ok("storage-sizing/daily.json", "the three sample objects, manifest written",
                    r -> r.path("newObjectCount").asInt() == 3
                            && r.path("manifestUri").asText().equals("s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json")),
            ok("storage-sizing/from-state-machine.json", "unknown fields ignored", r -> r.path("newObjectCount").asInt() == 3),
            ok("storage-sizing/manual-override.json", "one day's prefix, overridden knobs",
                    r -> r.path("newObjectCount").asInt() == 2 && r.path("coreNodeCount").asInt() == 12),
            ok("storage-sizing/full-reconciliation.json", "a full listing on request",
                    r -> r.path("listingMode").asText().equals("full") && r.path("newObjectCount").asInt() == 3),
            error("storage-sizing/invalid-full-reconciliation.json", SIZING),
            error("storage-sizing/invalid-look-back-partitions.json", SIZING),
            error("storage-sizing/invalid-bucket.json", SIZING),
            error("storage-sizing/invalid-core-node-count.json", SIZING),
            error("storage-sizing/invalid-expansion-factor.json", SIZING),
            error("storage-sizing/invalid-max-gib-above-gp3.json", SIZING),
            error("storage-sizing/invalid-min-above-max.json", SIZING),
            error("storage-sizing/invalid-missing-run-id.json", SIZING),
            error("storage-sizing/invalid-negative-headroom.json", SIZING),
            error("storage-sizing/invalid-raw-prefix.json", SIZING),
            error("storage-sizing/invalid-run-id.json", SIZING),

            ok("run-ledger/begin.json", "lease taken", r -> r.path("status").asText().equals("STARTED")),
            ok("run-ledger/begin-while-running.json", "a live run holds the lease",
                    r -> r.path("status").asText().equals("SKIPPED") && r.path("reason").asText().contains("still active")),
            ok("run-ledger/record-cluster.json", "cluster recorded", r -> r.path("status").asText().equals("CLUSTER_RUNNING")),
            ok("run-ledger/finish-succeeded.json", "the sizing's manifest committed",
                    r -> r.path("status").asText().equals("SUCCEEDED") && r.path("committedObjects").asInt() == 3
                            && r.path("leaseReleased").asBoolean() && r.has("estimatedCostUsd")),
            ok("run-ledger/commit.json", "committing again is idempotent", r -> r.path("committedObjects").asInt() == 3),
            ok("run-ledger/release.json", "nothing left to release", r -> r.has("leaseReleased")),
            ok("run-ledger/close-timed-out.json", "the attempt is closed already: close changes nothing",
                    r -> !r.path("attemptClosed").asBoolean() && !r.path("leaseReleased").asBoolean()),
            error("run-ledger/finish-failed-keep-lease.json", "emrpipeline.ledger.IllegalRunTransitionException"),
            error("run-ledger/finish-failed.json", "emrpipeline.ledger.IllegalRunTransitionException"),
            error("run-ledger/finish-skipped.json", "emrpipeline.ledger.IllegalRunTransitionException"),
            error("run-ledger/invalid-cost-node-count.json", LEDGER),
            error("run-ledger/invalid-manifest-outside-prefix.json", LEDGER),
            error("run-ledger/invalid-missing-execution-arn.json", LEDGER),
            error("run-ledger/invalid-missing-run-id.json", LEDGER),
            error("run-ledger/invalid-unknown-action.json", LEDGER),
            error("run-ledger/invalid-unknown-status.json", LEDGER),

            ok("alarm-lifecycle/create.json", "four alarms", r -> r.path("alarmNames").size() == 4),
            ok("alarm-lifecycle/create-from-state-machine.json", "idempotent: the same four",
                    r -> r.path("alarmNames").size() == 4 && pipeline.cloudWatch().alarms().size() == 4),
            ok("alarm-lifecycle/delete-by-names.json", "two named alarms deleted",
                    r -> r.path("deleted").size() == 2 && r.path("alreadyGone").isEmpty()),
            ok("alarm-lifecycle/delete-by-cluster.json", "the other two",
                    r -> r.path("deleted").size() == 2 && pipeline.cloudWatch().alarms().isEmpty()),
            ok("alarm-lifecycle/sweep.json", "nothing left to sweep", r -> r.path("examined").asInt() == 0),
            error("alarm-lifecycle/invalid-action.json", ALARMS),
            error("alarm-lifecycle/invalid-cluster-id.json", ALARMS),
            error("alarm-lifecycle/invalid-create-without-run-id.json", ALARMS),
            error("alarm-lifecycle/invalid-delete-both.json", ALARMS),
            error("alarm-lifecycle/invalid-delete-foreign-alarm.json", ALARMS),

            ok("slack-notifier/started.json", "delivered", r -> r.path("notified").asBoolean()),
            ok("slack-notifier/cluster-ready.json", "delivered", r -> r.path("notified").asBoolean()),
            ok("slack-notifier/succeeded.json", "delivered", r -> r.path("notified").asBoolean()),
            ok("slack-notifier/failed.json", "delivered", r -> r.path("notified").asBoolean()),
            ok("slack-notifier/skipped.json", "delivered", r -> r.path("notified").asBoolean()),
            ok("slack-notifier/timed-out.json", "delivered", r -> r.path("notified").asBoolean()),
            ok("slack-notifier/cluster-failed.json", "delivered", r -> r.path("notified").asBoolean()),
            // The documentation's sample events name another account's state machine and a cluster of no stack:
            // the janitor leaves them alone (and says so), as it would in a deployed stack.
            ok("run-janitor/execution-failed.json", "another state machine's execution: left alone",
                    r -> r.path("actions").get(0).asText().contains("left alone")),
            ok("run-janitor/execution-timed-out.json", "left alone", r -> r.path("runs").isEmpty()),
            ok("run-janitor/execution-aborted.json", "left alone", r -> r.path("runs").isEmpty()),
            ok("run-janitor/cluster-terminated-with-errors.json", "not this stack's cluster: left alone",
                    r -> r.path("actions").get(0).asText().contains("not this stack's")),
            ok("run-janitor/sweep.json", "no pipeline cluster alive: nothing to do", r -> r.path("runs").isEmpty()),
            error("slack-notifier/invalid-execution-arn.json", SLACK),
            error("slack-notifier/invalid-kind.json", SLACK));

    @BeforeAll
    static void start() {
        pipeline = LocalPipeline.start(new LocalPipeline.Settings(Project.ROOT, null, false,
                Map.of("DataBucketName", "my-data"), Map.of(), 3L));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void everySampleEventGivesItsExpectedResponseOrError() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Expected e : EVENTS) {
            String function = functionOf(e.file());
            LocalFunction.Invocation invocation = pipeline.invoke(function,
                    Files.readAllBytes(Project.ROOT.resolve("events").resolve(e.file())));
            JsonNode payload = Json.parse(invocation.payloadText());
            if (e.errorType() != null) {
                if (!invocation.failed() || !e.errorType().equals(invocation.errorType())) {
                    problems.add(e.file() + ": expected " + e.errorType() + ", got " + invocation.payloadText());
                } else if (payload.path("errorMessage").asText().isEmpty()) {
                    problems.add(e.file() + ": the error says nothing");
                }
            } else if (invocation.failed() || !e.check().test(payload)) {
                problems.add(e.file() + ": expected " + e.what() + ", got " + invocation.payloadText());
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(7, pipeline.slack().delivered().size(), "one message per valid Slack event");
        assertEquals(List.of("raw/day=2026-11-20/orders-0001.csv", "raw/day=2026-11-20/orders-0002.csv",
                "raw/day=2026-11-21/orders-0001.csv"), Scenarios.indexedKeys(pipeline));
    }

    /** Each folder events/&lt;f&gt;/ belongs to the function whose CodeUri is functions/&lt;f&gt;. */
    private static String functionOf(String file) {
        String folder = file.substring(0, file.indexOf('/'));
        return pipeline.functions().definitions().stream().filter(f -> f.codeUri().equals("functions/" + folder))
                .map(SamTemplate.FunctionDefinition::logicalId).findFirst()
                .orElseThrow(() -> new AssertionError("no function has CodeUri functions/" + folder));
    }

    @Test
    void everyFunctionEventOfTheRepositoryHasAnExpectation() throws IOException {
        TreeSet<String> files = new TreeSet<>();
        for (SamTemplate.FunctionDefinition f : pipeline.functions().definitions()) {
            Path folder = Project.ROOT.resolve("events").resolve(f.codeUri().substring("functions/".length()));
            assertTrue(Files.isDirectory(folder), "sample events of " + f.logicalId() + " in " + folder);
            try (Stream<Path> events = Files.list(folder)) {
                events.filter(p -> p.toString().endsWith(".json"))
                        .forEach(p -> files.add(Project.ROOT.resolve("events").relativize(p).toString().replace('\\', '/')));
            }
        }
        TreeSet<String> covered = new TreeSet<>();
        EVENTS.forEach(e -> covered.add(e.file()));
        assertEquals(files, covered);
        assertFalse(files.isEmpty());
    }
}
