package emrpipeline.local;

import static emrpipeline.local.Scenarios.DAY_1;
import static emrpipeline.local.Scenarios.SAMPLE_KEYS;
import static emrpipeline.local.Scenarios.assertNothingLeftRunning;
import static emrpipeline.local.Scenarios.assertRecorded;
import static emrpipeline.local.Scenarios.indexedKeys;
import static emrpipeline.local.Scenarios.payloadOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.local.aws.LocalEmr;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;

/**
 * The real definition, functions and template on the sample data: the first run processes the sample files, the
 * next one finds nothing new and starts no cluster, a file added afterwards is exactly what the next run
 * processes; and a failed run leaves its objects new for the next one (the ledger's promise, proved here with the
 * real sizing and ledger functions).
 */
class DataScenariosTest extends PipelineScenarioTest {
    @Test
    void theFirstRunProcessesTheSampleFilesOnATransientCluster() {
        RunResult r = pipeline.run(day1());

        assertTrue(r.succeeded(), () -> r.execution().error() + " " + r.execution().cause());
        assertEquals("Succeeded", lastState(r));
        assertEquals(3, payloadOf(r, "SizeStorage").path("newObjectCount").asInt());
        assertEquals(SAMPLE_KEYS, indexedKeys(pipeline), "the manifest is committed to the processed index");
        var record = assertRecorded(r, "SUCCEEDED");
        assertEquals("3", record.get("committedObjects").n());
        assertEquals(1, r.clusters().size());
        LocalEmr.Cluster cluster = r.clusters().get(0);
        assertEquals(record.get("clusterId").s(), cluster.id());
        assertEquals(List.of(ClusterState.STARTING, ClusterState.BOOTSTRAPPING, ClusterState.WAITING, ClusterState.RUNNING,
                ClusterState.WAITING, ClusterState.TERMINATING, ClusterState.TERMINATED), states(cluster));
        assertEquals(1, cluster.steps().size());
        assertEquals(4, r.alarmChanges().stream().filter(c -> c.action().equals("created")).count());
        assertEquals(4, r.alarmChanges().stream().filter(c -> c.action().equals("deleted")).count());
        assertNothingLeftRunning(r);
        assertEquals(List.of(), r.alerts(), "no SNS alert on success");
        assertEquals(3, r.slackPosts().size(), "STARTED, CLUSTER_READY, SUCCEEDED");
        assertTrue(r.slackPosts().stream().allMatch(p -> p.status() == 200));
        assertTrue(r.slackPosts().get(2).text().contains("succeeded"), r.slackPosts().get(2).text());
        // the step got the job's main class and jar, the manifest, the output and the run id
        List<String> args = new ArrayList<>();
        cluster.steps().get(0).config().at("/HadoopJarStep/Args").forEach(a -> args.add(a.asText()));
        assertEquals(List.of("spark-submit", "--deploy-mode", "cluster", "--class", "emrpipeline.job.CsvToParquetJob",
                "s3://emr-pipeline-local-data/emr-pipeline/jobs/emr-pipeline-job.jar",
                "--manifest", "s3://emr-pipeline-local-data/emr-pipeline/manifests/day-1.json",
                "--output", "s3://emr-pipeline-local-data/output/day-1/", "--run-id", "day-1", "--job-arguments", "{}"), args);
        // the cluster was asked for with EBS from the sizing and tagged with the run
        assertEquals(payloadOf(r, "SizeStorage").path("ebsGib").asInt(), cluster.request()
                .at("/Instances/InstanceFleets/1/InstanceTypeConfigs/0/EbsConfiguration/EbsBlockDeviceConfigs/0/VolumeSpecification/SizeInGB").asInt());
        assertTrue(cluster.request().path("Tags").toString().contains("\"Value\":\"day-1\""));
        // with default template values, the stack's own security configuration and its two subnets
        assertEquals("emr-pipeline-ClusterSecurityConfiguration", cluster.request().path("SecurityConfiguration").asText());
        assertTrue(cluster.request().at("/Instances/Ec2SubnetIds").toString().matches("\\[\"subnet-[0-9a-f]+\",\"subnet-[0-9a-f]+\"]"),
                cluster.request().at("/Instances/Ec2SubnetIds").toString());
    }

    @Test
    void aSecondRunFindsNothingNewAndStartsNoCluster() {
        assertTrue(pipeline.run(day1()).succeeded());

        RunResult second = pipeline.run(new RunRequest().executionName("day-2").startTime(DAY_1.plus(Duration.ofDays(1))));

        assertTrue(second.succeeded());
        assertEquals("NothingNew", lastState(second));
        assertEquals(0, payloadOf(second, "SizeStorage").path("newObjectCount").asInt());
        assertRecorded(second, "SKIPPED");
        assertEquals(List.of(), second.clusters(), "no cluster for nothing");
        assertEquals(List.of(), second.attemptsOf("CreateCluster"));
        assertEquals(List.of(), second.alarmChanges());
        assertEquals(1, second.slackPosts().size());
        assertTrue(second.slackPosts().get(0).text().contains("skipped"), second.slackPosts().get(0).text());
        assertEquals(SAMPLE_KEYS, indexedKeys(pipeline));
        assertNothingLeftRunning(second);
    }

    @Test
    void aFileAddedAfterARunIsExactlyWhatTheNextRunProcesses() {
        assertTrue(pipeline.run(day1()).succeeded());
        String added = pipeline.addRawObject("day=2026-11-22/orders-0001.csv",
                "order_id,ordered_at\n100013,2026-11-22T07:00:00Z\n".getBytes(StandardCharsets.UTF_8));

        RunResult next = pipeline.run(new RunRequest().executionName("day-2").startTime(DAY_1.plus(Duration.ofDays(1))));

        assertTrue(next.succeeded());
        assertEquals(1, payloadOf(next, "SizeStorage").path("newObjectCount").asInt());
        String manifest = pipeline.s3().client().getObjectAsBytes(b -> b.bucket(pipeline.dataBucket())
                .key("emr-pipeline/manifests/day-2.json")).asUtf8String();
        assertTrue(manifest.contains("\"key\":\"" + added + "\""), manifest);
        assertEquals(1, Scenarios.json(manifest).path("objects").size(), manifest);
        assertEquals("1", assertRecorded(next, "SUCCEEDED").get("committedObjects").n());
        List<String> all = new ArrayList<>(SAMPLE_KEYS);
        all.add(added);
        assertEquals(all, indexedKeys(pipeline));
        assertNothingLeftRunning(next);
    }

    /** Owed by the run-ledger issue: a failed run's objects are new again for the next sizing. */
    @Test
    void afterAFailedRunTheNextSizingSeesThoseObjectsAsNew() {
        RunResult failed = pipeline.run(day1()
                .stepFails(new LocalEmr.StepFailure("Unknown Error.", "Step failed with exitCode 1")));
        assertEquals("FAILED", failed.execution().status().toString());
        assertRecorded(failed, "FAILED");
        assertEquals(List.of(), indexedKeys(pipeline), "a failed run commits nothing");

        RunResult next = pipeline.run(new RunRequest().executionName("day-2").startTime(DAY_1.plus(Duration.ofDays(1))));

        assertTrue(next.succeeded(), () -> next.execution().error() + " " + next.execution().cause());
        assertEquals(3, payloadOf(next, "SizeStorage").path("newObjectCount").asInt(), "the failed run's objects are new again");
        assertEquals("s3://emr-pipeline-local-data/emr-pipeline/manifests/day-2.json",
                payloadOf(next, "SizeStorage").path("manifestUri").asText(), "a new manifest for the new run");
        assertEquals(SAMPLE_KEYS, indexedKeys(pipeline));
        assertNothingLeftRunning(next);
    }

    /** A raw object rewritten in place (same key, new ETag) is new again: the index holds (key, ETag) pairs. */
    @Test
    void anOverwrittenKeyInTheWatermarksPartitionIsProcessedAgainByTheNextRun() {
        assertTrue(pipeline.run(day1()).succeeded());
        String rewritten = pipeline.addRawObject("day=2026-11-21/orders-0001.csv",
                "order_id,ordered_at\n100012,2026-11-21T09:00:00Z\n100099,2026-11-21T23:59:00Z\n".getBytes(StandardCharsets.UTF_8));

        RunResult next = pipeline.run(new RunRequest().executionName("day-2").startTime(DAY_1.plus(Duration.ofDays(1))));

        assertTrue(next.succeeded(), () -> next.execution().error() + " " + next.execution().cause());
        var sizing = payloadOf(next, "SizeStorage");
        assertEquals("incremental", sizing.path("listingMode").asText(), sizing.toString());
        assertEquals("raw/day=2026-11-21", sizing.path("listingStartAfter").asText(), "from the watermark's partition on");
        assertEquals(1, sizing.path("newObjectCount").asInt());
        assertEquals(1, sizing.path("listedObjects").asInt(), "only the watermark's partition was listed");
        assertTrue(manifestOf("day-2").contains("\"key\":\"" + rewritten + "\""));
        assertEquals(4, pipeline.processedIndex().size(), "both versions of the key are indexed");
        assertNothingLeftRunning(next);
    }

    /**
     * Late files: a file that arrives in a partition older than the watermark's is not listed by an incremental run
     * (look-back 0); a run with a look-back of one partition lists it, and so does a full reconciliation (on request
     * in the execution input, or after FullReconciliationDays).
     */
    @Test
    void aLateFileBeforeTheWatermarkIsFoundByTheLookBackOrAReconciliation() {
        RunResult first = pipeline.run(day1());
        assertTrue(first.succeeded());
        assertEquals("full", payloadOf(first, "SizeStorage").path("listingMode").asText(), "the first run lists everything");
        var state = pipeline.processedIndexRoot().listing("raw/");
        assertEquals("day=2026-11-21/", state.watermark());
        assertEquals(List.of("day=2026-11-20/"), state.previousPartitions());
        assertEquals(DAY_1, state.lastFullListingAt());

        String late = pipeline.addRawObject("day=2026-11-20/orders-0003.csv",
                "order_id,ordered_at\n100020,2026-11-20T23:59:59Z\n".getBytes(StandardCharsets.UTF_8));
        RunResult incremental = pipeline.run(new RunRequest().executionName("day-2").startTime(DAY_1.plus(Duration.ofDays(1))));
        assertTrue(incremental.succeeded());
        assertEquals("NothingNew", lastState(incremental), "the late file lies before the watermark's partition");
        assertEquals("incremental", payloadOf(incremental, "SizeStorage").path("listingMode").asText());

        RunResult lookBack = pipeline.run(new RunRequest().executionName("day-3").startTime(DAY_1.plus(Duration.ofDays(2)))
                .input(Scenarios.json("{'sizing': {'lookBackPartitions': 1}}")));
        assertTrue(lookBack.succeeded(), () -> lookBack.execution().error() + " " + lookBack.execution().cause());
        var sized = payloadOf(lookBack, "SizeStorage");
        assertEquals("incremental", sized.path("listingMode").asText());
        assertEquals("raw/day=2026-11-20", sized.path("listingStartAfter").asText(), "one committed partition earlier");
        assertEquals(1, sized.path("newObjectCount").asInt());
        assertTrue(manifestOf("day-3").contains(late));
        assertEquals(4, pipeline.processedIndex().size());
    }

    @Test
    void aFullReconciliationAfterItsIntervalOrOnRequestFindsWhatIncrementalRunsCannot() {
        assertTrue(pipeline.run(day1()).succeeded());
        String rewritten = pipeline.addRawObject("day=2026-11-20/orders-0002.csv",
                "order_id,ordered_at\n100011,2026-11-20T11:00:00Z\n".getBytes(StandardCharsets.UTF_8));
        for (int day = 1; day <= 6; day++) {
            RunResult r = pipeline.run(new RunRequest().executionName("day-" + (day + 1)).startTime(DAY_1.plus(Duration.ofDays(day))));
            assertEquals("NothingNew", lastState(r), "day " + (day + 1) + ": incremental, the rewrite lies before the watermark");
        }
        // seven days after the first run's full listing (committed), a run reconciles by itself
        RunResult periodic = pipeline.run(new RunRequest().executionName("day-8").startTime(DAY_1.plus(Duration.ofDays(7))));
        assertTrue(periodic.succeeded());
        var sizing = payloadOf(periodic, "SizeStorage");
        assertEquals("full", sizing.path("listingMode").asText(), sizing.toString());
        assertTrue(sizing.path("listingReason").asText().startsWith("periodic reconciliation"), sizing.toString());
        assertEquals(1, sizing.path("newObjectCount").asInt());
        assertEquals(1, sizing.path("missedByIncrementalListing").asInt(), "what only a full listing finds is counted");
        assertTrue(manifestOf("day-8").contains(rewritten));

        String late = pipeline.addRawObject("day=2026-11-20/orders-0009.csv", "order_id\n1\n".getBytes(StandardCharsets.UTF_8));
        RunResult incremental = pipeline.run(new RunRequest().executionName("day-9").startTime(DAY_1.plus(Duration.ofDays(8))));
        assertEquals("NothingNew", lastState(incremental), "the reconciliation was committed: incremental again");
        RunResult requested = pipeline.run(new RunRequest().executionName("asked").startTime(DAY_1.plus(Duration.ofDays(8)))
                .input(Scenarios.json("{'sizing': {'fullReconciliation': true}}")));
        assertTrue(requested.succeeded(), () -> requested.execution().error() + " " + requested.execution().cause());
        assertEquals("requested (fullReconciliation: true)", payloadOf(requested, "SizeStorage").path("listingReason").asText());
        assertTrue(manifestOf("asked").contains(late));
        assertEquals(5, pipeline.processedIndex().size());
    }

    /**
     * A pipeline that ran before the index was sharded has one object {@code index/processed.tsv.gz}: the sizing
     * reads it as it is, the first commit migrates it to the root and shards and leaves a tombstone in its place.
     */
    @Test
    void theFormat1IndexIsReadAndThenMigratedByTheFirstCommit() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (String key : SAMPLE_KEYS) {
            String etag = pipeline.s3().client().headObject(b -> b.bucket(pipeline.dataBucket()).key(key)).eTag().replace("\"", "");
            lines.append(key).append('\t').append(etag).append('\n');
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        String legacy = "emr-pipeline/index/processed.tsv.gz";
        pipeline.s3().client().putObject(b -> b.bucket(pipeline.dataBucket()).key(legacy),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(gz.toByteArray()));

        RunResult nothing = pipeline.run(day1());
        assertEquals("NothingNew", lastState(nothing), "the format-1 index says the sample files are processed");
        assertEquals(1, payloadOf(nothing, "SizeStorage").path("indexFormatVersion").asInt());

        String added = pipeline.addRawObject("day=2026-11-22/orders-0001.csv", "order_id\n7\n".getBytes(StandardCharsets.UTF_8));
        RunResult migrating = pipeline.run(new RunRequest().executionName("day-2").startTime(DAY_1.plus(Duration.ofDays(1))));
        assertTrue(migrating.succeeded(), () -> migrating.execution().error() + " " + migrating.execution().cause());
        assertEquals(1, payloadOf(migrating, "SizeStorage").path("newObjectCount").asInt());
        List<String> all = new ArrayList<>(SAMPLE_KEYS);
        all.add(added);
        assertEquals(all, indexedKeys(pipeline), "the format-1 pairs and the new one, in format 2");
        assertEquals(legacy, pipeline.processedIndexRoot().migratedFrom().key());
        String tombstone;
        try (var in = new java.util.zip.GZIPInputStream(pipeline.s3().client().getObject(b -> b.bucket(pipeline.dataBucket()).key(legacy)))) {
            tombstone = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(tombstone.startsWith("emr-pipeline processed index moved to format 2") && !tombstone.contains("\t"),
                "an older version reading it stops: " + tombstone);

        RunResult after = pipeline.run(new RunRequest().executionName("day-3").startTime(DAY_1.plus(Duration.ofDays(2))));
        assertEquals("NothingNew", lastState(after));
        assertEquals(2, payloadOf(after, "SizeStorage").path("indexFormatVersion").asInt());
    }

    private static String manifestOf(String runId) {
        return pipeline.s3().client().getObjectAsBytes(b -> b.bucket(pipeline.dataBucket())
                .key("emr-pipeline/manifests/" + runId + ".json")).asUtf8String();
    }

    @Test
    void everySampleExecutionInputRunsTheWholePipeline() throws Exception {
        for (String name : List.of("manual-run", "scheduled-run", "rerun-run-id", "run-with-overrides")) {
            pipeline.reset();
            RunResult r = pipeline.run(new RunRequest().executionName("input-" + name).startTime(DAY_1)
                    .input(emrpipeline.local.asl.Json.parse(Project.read("events/state-machine/" + name + ".json"))));
            assertTrue(r.succeeded(), () -> name + ": " + r.execution().error() + " " + r.execution().cause());
            var record = assertRecorded(r, "SUCCEEDED");
            assertEquals(name.equals("scheduled-run") ? "schedule" : "manual", record.get("trigger").s(), name);
            assertEquals(SAMPLE_KEYS, indexedKeys(pipeline), name);
            assertNothingLeftRunning(r);
            var core = r.clusters().get(0).request().at("/Instances/InstanceFleets/1");
            switch (name) {
                case "rerun-run-id" -> assertEquals("s3://emr-pipeline-local-data/emr-pipeline/manifests/3f2b7c1e-9d4a-4e8b-a6c5-0e1f2d3c4b5a.json",
                        payloadOf(r, "SizeStorage").path("manifestUri").asText());
                case "run-with-overrides" -> {
                    assertEquals(4, core.path("TargetOnDemandCapacity").asInt(), "ON_DEMAND core nodes from the sizing");
                    assertEquals(0, core.path("TargetSpotCapacity").asInt());
                    assertEquals(2048, payloadOf(r, "SizeStorage").path("maxGib").asInt());
                    assertEquals(7200L, r.attemptsOf("RunJob").get(0).timeoutSeconds(), "jobTimeoutSeconds");
                    assertTrue(r.clusters().get(0).steps().get(0).config().toString().contains("{\\\"mode\\\":\\\"full-refresh\\\"}"),
                            r.clusters().get(0).steps().get(0).config().toString());
                }
                default -> assertEquals(2, core.path("TargetSpotCapacity").asInt(), name + ": spot core nodes by default");
            }
        }
    }

    private static List<ClusterState> states(LocalEmr.Cluster cluster) {
        return cluster.transitions().stream().map(LocalEmr.Transition::state).toList();
    }

    static String lastState(RunResult r) {
        var events = r.execution().history().events();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type().endsWith("StateEntered")) {
                return events.get(i).details().path("name").asText();
            }
        }
        return null;
    }
}
