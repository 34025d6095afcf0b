package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code events/storage-sizing/*.json} (the samples for {@code sam local invoke -e}) loaded with the Lambda
 * runtime's own serializer, run through the handler against S3Proxy, its result serialized as the runtime would.
 * The events live outside the function folder: skipped in scripts/sam-build's scratch copy, where they are absent.
 */
class StorageSizingEventsTest extends S3ProxyTest {
    static Path events() {
        return RepositoryFiles.require("events/storage-sizing");
    }
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T06:00:03Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final List<String> RAW = List.of(
            "raw/day=2026-11-20/a.csv", "raw/day=2026-11-20/b.csv", "raw/day=2026-11-21/c.csv");
    /** Expected output fields (a subset of the serialized JSON), by event file. */
    private static final Map<String, String> OUTPUTS = Map.of(
            "daily.json", """
                    {"runId": "2026-11-21-daily", "rawPrefix": "raw/", "pipelinePrefix": "emr-pipeline/",
                     "newObjectCount": 2, "manifestUri": "s3://BUCKET/emr-pipeline/manifests/2026-11-21-daily.json",
                     "manifestCreatedAt": "2026-11-21T06:00:03Z",
                     "ebsGib": 32, "replicationFactor": 1, "coreNodeCount": 2, "volumesPerInstance": 1,
                     "expansionFactor": 3.0, "headroomGib": 16, "minGib": 32, "maxGib": 1024, "reusedManifest": false,
                     "unclampedGib": 17, "listedObjects": 3, "alreadyProcessedObjects": 1, "skippedFolderMarkers": 1,
                     "processedIndexEntries": 1, "listingMode": "full", "listedRanges": 1, "indexFormatVersion": 1,
                     "indexShardsRead": 1}""",
            "full-reconciliation.json", """
                    {"runId": "2026-11-21-reconcile", "newObjectCount": 2, "listingMode": "full",
                     "listingReason": "requested (fullReconciliation: true)", "reusedManifest": false}""",
            "from-state-machine.json", """
                    {"runId": "0b7c9a7e-3f1e-4c4e-9d7a-1d2f3a4b5c6d", "newObjectCount": 2,
                     "manifestUri": "s3://BUCKET/emr-pipeline/manifests/0b7c9a7e-3f1e-4c4e-9d7a-1d2f3a4b5c6d.json",
                     "ebsGib": 32, "reusedManifest": false}""",
            "manual-override.json", """
                    {"runId": "backfill-2026-11-20", "rawPrefix": "raw/day=2026-11-20/", "newObjectCount": 1,
                     "manifestUri": "s3://BUCKET/emr-pipeline/manifests/backfill-2026-11-20.json",
                     "ebsGib": 64, "replicationFactor": 3, "coreNodeCount": 12, "volumesPerInstance": 2,
                     "expansionFactor": 2.5, "headroomGib": 8, "minGib": 64, "maxGib": 2048, "unclampedGib": 9,
                     "reusedManifest": false, "listedObjects": 2, "alreadyProcessedObjects": 1}""");

    /** Expected error field, by event file (all InvalidSizingRequestException). */
    private static final Map<String, String> ERRORS = Map.ofEntries(
            Map.entry("invalid-missing-run-id.json", "runId"),
            Map.entry("invalid-run-id.json", "runId"),
            Map.entry("invalid-bucket.json", "bucket"),
            Map.entry("invalid-raw-prefix.json", "rawPrefix"),
            Map.entry("invalid-core-node-count.json", "coreNodeCount"),
            Map.entry("invalid-expansion-factor.json", "expansionFactor"),
            Map.entry("invalid-negative-headroom.json", "headroomGib"),
            Map.entry("invalid-min-above-max.json", "minGib"),
            Map.entry("invalid-max-gib-above-gp3.json", "maxGib"),
            Map.entry("invalid-full-reconciliation.json", "fullReconciliation"),
            Map.entry("invalid-look-back-partitions.json", "lookBackPartitions"));

    static Stream<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(events())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    @Test
    void everyEventHasAnExpectationAndEveryExpectationAnEvent() throws IOException {
        TreeSet<String> files = new TreeSet<>(eventFiles().toList());
        TreeSet<String> expected = new TreeSet<>(OUTPUTS.keySet());
        expected.addAll(ERRORS.keySet());
        assertEquals(expected, files);
    }

    /** A bucket with three raw objects and a folder marker; the index holds a.csv. */
    private static String seededBucket() throws Exception {
        String bucket = "events-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        for (String key : RAW) {
            s3.put(bucket, key, "content of " + key);
        }
        s3.put(bucket, "raw/day=2026-11-21/", new byte[0]);
        s3.put(bucket, "emr-pipeline/index/processed.tsv.gz", ProcessedIndexTest.indexBytes(
                List.<String[]>of(new String[] {RAW.get(0), md5Hex("content of " + RAW.get(0))})));
        return bucket;
    }

    private static String md5Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static StorageSizingHandler handler(String bucket) {
        return new StorageSizingHandler(s3.client(), SizingDefaults.fromEnvironment(Map.of(
                "DATA_BUCKET", bucket, "RAW_PREFIX", "raw/", "PIPELINE_PREFIX", "emr-pipeline/",
                "CORE_NODE_COUNT", "2", "VOLUMES_PER_INSTANCE", "1", "EXPANSION_FACTOR", "3.0", "HEADROOM_GIB", "16",
                "MIN_GIB", "32", "MAX_GIB", "1024")), CLOCK);
    }

    /** The result as the Lambda runtime would write it. */
    private static JsonNode serialized(StorageSizingResult result) throws IOException {
        PojoSerializer<StorageSizingResult> serializer = JacksonFactory.getInstance()
                .getSerializer(StorageSizingResult.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(result, out);
        return JSON.readTree(out.toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void eventGivesItsExpectedResult(String file) throws Exception {
        StorageSizingRequest request = EventLoader.loadEvent(events().resolve(file).toString(), StorageSizingRequest.class);
        String bucket = seededBucket();
        StorageSizingHandler handler = handler(bucket);

        if (ERRORS.containsKey(file)) {
            InvalidSizingRequestException e = assertThrows(InvalidSizingRequestException.class,
                    () -> handler.handleRequest(request, null));
            assertEquals(ERRORS.get(file), e.field(), e.getMessage());
            assertEquals("emrpipeline.sizing.InvalidSizingRequestException", e.getClass().getName(),
                    "the errorType a Step Functions Catch matches");
            assertTrue(s3.client().listObjectsV2(r -> r.bucket(bucket).prefix("emr-pipeline/manifests/"))
                    .contents().isEmpty(), "nothing written");
            return;
        }

        JsonNode actual = serialized(handler.handleRequest(request, null));
        JsonNode expected = JSON.readTree(OUTPUTS.get(file).replace("BUCKET", bucket));
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            assertNotNull(actual.get(field.getKey()), field.getKey() + " missing from " + actual);
            if (field.getValue().isNumber()) {
                assertEquals(0, field.getValue().decimalValue().compareTo(actual.get(field.getKey()).decimalValue()),
                        field.getKey() + " in " + actual);
                assertEquals(field.getValue().isIntegralNumber(), actual.get(field.getKey()).isIntegralNumber(),
                        field.getKey() + " type in " + actual);
            } else {
                assertEquals(field.getValue(), actual.get(field.getKey()), field.getKey() + " in " + actual);
            }
        }
        assertEquals(bucket, actual.get("bucket").asText());
        assertTrue(actual.get("ebsGib").isInt() && actual.get("ebsGib").asInt() >= 1, "EMR wants a whole SizeInGB");
        actual.fields().forEachRemaining(f -> assertFalse(f.getValue().isNull(), f.getKey() + " is null"));

        // newBytes and the hash follow from the objects the manifest lists
        JsonNode manifest = JSON.readTree(s3.get(bucket, actual.get("manifestUri").asText()
                .substring(("s3://" + bucket + "/").length())));
        List<ListedObject> objects = new ArrayList<>();
        long bytes = 0;
        for (JsonNode o : manifest.get("objects")) {
            objects.add(new ListedObject(o.get("key").asText(), o.get("etag").asText(), o.get("size").asLong(), 0));
            assertEquals(md5Hex("content of " + o.get("key").asText()), o.get("etag").asText());
            bytes += o.get("size").asLong();
        }
        assertEquals(bytes, actual.get("newBytes").asLong());
        assertEquals(ManifestTest.documentedSha256(objects), actual.get("manifestSha256").asText());

        // Lambda or Step Functions retrying the same event gets the same manifest back, rewritten never
        JsonNode retried = serialized(handler.handleRequest(request, null));
        assertTrue(retried.get("reusedManifest").asBoolean());
        assertEquals(actual.get("manifestSha256"), retried.get("manifestSha256"));
        assertEquals(actual.get("ebsGib"), retried.get("ebsGib"));
        assertFalse(retried.has("listedObjects"), "null fields are left out: " + retried);
    }

    @Test
    void nothingNewLeavesTheManifestFieldsOut() throws Exception {
        String bucket = "events-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        StorageSizingRequest request = EventLoader.loadEvent(events().resolve("daily.json").toString(),
                StorageSizingRequest.class);
        JsonNode actual = serialized(handler(bucket).handleRequest(request, null));
        assertEquals(0, actual.get("newObjectCount").asLong());
        assertEquals(32, actual.get("ebsGib").asInt());
        assertFalse(actual.has("manifestUri"), actual.toString());
        assertFalse(actual.has("manifestSha256"), actual.toString());
    }
}
