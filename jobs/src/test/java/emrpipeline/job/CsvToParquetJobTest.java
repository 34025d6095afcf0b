package emrpipeline.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job in Spark local mode over a bucket bound to a folder ({@link LocalBucket}); one session for the class. */
class CsvToParquetJobTest {
    static final String HEADER = "order_id,ordered_at,customer_id,sku,quantity,unit_price_eur\n";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;
    static LocalBucket bucket;
    static SparkSession spark;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T06:20:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void startSpark() {
        bucket = new LocalBucket(folder);
        spark = bucket.bind(SparkSession.builder()
                        .master("local[2]")
                        .appName("CsvToParquetJobTest")
                        .config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1")
                        .config("spark.sql.shuffle.partitions", "2")
                        .config("spark.sql.session.timeZone", "UTC"))
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @BeforeEach
    void emptyBucket() {
        bucket.clear();
    }

    static RunSummary run(String runId) {
        return new CsvToParquetJob(spark, new OrdersTransformation(), CLOCK).run(JobArguments.parse(
                "--manifest", LocalBucket.uri("emr-pipeline/manifests/" + runId + ".json"),
                "--output", LocalBucket.uri("output/" + runId + "/"), "--run-id", runId, "--job-arguments", "{}"));
    }

    static List<Row> output(String runId) {
        return spark.read().parquet(LocalBucket.uri("output/" + runId + "/")).orderBy("order_id").collectAsList();
    }

    static JsonNode runJson(String runId) throws Exception {
        return JSON.readTree(bucket.read("output/" + runId + "/_run.json"));
    }

    @Test
    void readsExactlyTheManifestsObjectsAndWritesThemAsPartitionedParquet() throws Exception {
        bucket.put("raw/day=2026-11-20/orders-1.csv", HEADER
                + "100001,2026-11-20T08:02:11Z,C-2041,SKU-1187,2,19.90\n"
                + "100002,2026-11-21T00:05:47Z,C-0713,SKU-0042,1,249.00\n");
        // In the same folder, and matched by any listing of it, but not in the manifest: never read.
        bucket.put("raw/day=2026-11-20/orders-2.csv", HEADER + "999999,2026-11-20T09:00:00Z,C-9,SKU-9,9,9.00\n");
        bucket.manifest("r1", "raw/day=2026-11-20/orders-1.csv");

        RunSummary summary = run("r1");

        List<Row> rows = output("r1");
        assertEquals(List.of(100001L, 100002L), rows.stream().map(r -> r.<Long>getAs("order_id")).toList());
        Row first = rows.get(0);
        assertEquals(new BigDecimal("39.80"), first.getAs("line_total_eur"));
        assertEquals("r1", first.getAs("run_id"));
        assertEquals(LocalBucket.uri("raw/day=2026-11-20/orders-1.csv"), first.getAs("source_file"));
        assertEquals(java.sql.Date.valueOf(LocalDate.parse("2026-11-20")), first.getAs("order_date"));
        assertTrue(bucket.keys("output/r1/").stream().anyMatch(k -> k.startsWith("output/r1/order_date=2026-11-21/")
                && k.endsWith(".parquet")), "partitioned by the order's UTC date: " + bucket.keys("output/r1/"));

        JsonNode json = runJson("r1");
        assertEquals(1, json.path("inputObjects").asInt());
        assertEquals(2, json.path("rowsRead").asInt());
        assertEquals(2, json.path("rowsWritten").asInt());
        assertEquals(0, json.path("rowsRejected").asInt());
        assertTrue(json.path("rejected").isNull());
        assertEquals(LocalBucket.uri("output/r1/"), json.path("output").asText());
        assertEquals("2026-11-21T06:20:00Z", json.path("finishedAt").asText());
        assertEquals(summary.manifestSha256(), json.path("manifestSha256").asText());
        assertEquals("3.5.6", json.path("sparkVersion").asText());
    }

    @Test
    void malformedRowsAreCountedAndKeptNotDropped() throws Exception {
        bucket.put("raw/a.csv", HEADER
                + "1,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00\n"
                + "2,2026-11-20T08:00:00Z,C-1,SKU-1,two,1.00\n"            // quantity is not a number
                + "3,2026-11-20T08:00:00Z,C-1,SKU-1,1\n"                   // a field missing
                + "4,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00,surplus\n"      // a field too many
                + "5,yesterday,C-1,SKU-1,1,1.00\n");                      // not a timestamp
        bucket.put("raw/b.csv", HEADER + "6,2026-11-20T09:00:00Z,C-2,SKU-2,3,2.50\n");
        bucket.manifest("r1", "raw/a.csv", "raw/b.csv");

        RunSummary summary = run("r1");

        assertEquals(6, summary.rowsRead());
        assertEquals(4, summary.rowsRejected());
        assertEquals(2, summary.rowsWritten());
        assertEquals(List.of(1L, 6L), output("r1").stream().map(r -> r.<Long>getAs("order_id")).toList());
        List<Row> rejected = spark.read().json(LocalBucket.uri("output/r1/_rejected/")).orderBy("record").collectAsList();
        assertEquals(List.of("2,2026-11-20T08:00:00Z,C-1,SKU-1,two,1.00", "3,2026-11-20T08:00:00Z,C-1,SKU-1,1",
                        "4,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00,surplus", "5,yesterday,C-1,SKU-1,1,1.00"),
                rejected.stream().map(r -> r.<String>getAs("record")).toList());
        assertEquals(LocalBucket.uri("raw/a.csv"), rejected.get(0).getAs("source_file"));
        assertEquals(LocalBucket.uri("output/r1/_rejected/"), runJson("r1").path("rejected").asText());
        assertEquals(2, spark.read().parquet(LocalBucket.uri("output/r1/")).count(), "_rejected/ is not part of the table");
    }

    @Test
    void anEmptyManifestWritesAnEmptyRun() throws Exception {
        bucket.put("raw/a.csv", HEADER + "1,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00\n");
        bucket.manifest("r1");

        RunSummary summary = run("r1");

        assertEquals(0, summary.inputObjects());
        assertEquals(0, summary.rowsRead());
        assertEquals(0, summary.rowsWritten());
        assertEquals(0, runJson("r1").path("rowsWritten").asInt());
        assertTrue(bucket.keys("output/r1/").stream().noneMatch(k -> k.endsWith(".parquet")), String.valueOf(bucket.keys("output/r1/")));
    }

    @Test
    void aReRunReplacesThatRunsOutputAndNothingElse() throws Exception {
        bucket.put("raw/a.csv", HEADER + "1,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00\n");
        bucket.put("raw/b.csv", HEADER + "2,2026-11-22T08:00:00Z,C-1,SKU-1,1,1.00\n");
        bucket.manifest("r1", "raw/a.csv");
        bucket.manifest("r10", "raw/b.csv");
        run("r10");
        List<String> otherRun = bucket.keys("output/r10/");
        // What an earlier, interrupted attempt of r1 left: a partition the manifest has no rows for, rejected lines.
        bucket.put("output/r1/order_date=2026-01-01/part-00000-stale.snappy.parquet", "not parquet");
        bucket.put("output/r1/_rejected/part-00000-stale.json", "{}\n");
        bucket.put("output/other-file.txt", "next to the runs' folders");

        run("r1");
        run("r1");

        List<String> keys = bucket.keys("output/r1/");
        assertTrue(keys.stream().noneMatch(k -> k.contains("stale")), String.valueOf(keys));
        assertFalse(bucket.exists("output/r1/_rejected"), "no rejected lines this time");
        assertEquals(1, output("r1").size());
        assertEquals(otherRun, bucket.keys("output/r10/"), "run r10's output is untouched");
        assertEquals("next to the runs' folders", bucket.read("output/other-file.txt"));
    }

    @Test
    void aKeyWithGlobCharactersNamesOnlyItself() {
        bucket.put("raw/orders[1].csv", HEADER + "1,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00\n");
        // What the glob raw/orders[1].csv would match instead.
        bucket.put("raw/orders1.csv", HEADER + "2,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00\n");
        bucket.manifest("r1", "raw/orders[1].csv");

        run("r1");

        assertEquals(List.of(1L), output("r1").stream().map(r -> r.<Long>getAs("order_id")).toList());
    }

    @Test
    void aManifestWhoseTotalsDoNotAddUpIsRefusedAndNothingIsWritten() {
        bucket.put("raw/a.csv", HEADER + "1,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00\n");
        bucket.manifest("r1", "raw/a.csv");
        String key = "emr-pipeline/manifests/r1.json";
        bucket.put(key, bucket.read(key).replace("\"objectCount\":1", "\"objectCount\":2"));

        InvalidJobInputException e = assertThrows(InvalidJobInputException.class, () -> run("r1"));

        assertEquals("manifest s3://test-bucket/emr-pipeline/manifests/r1.json lists 1 objects but its objectCount is 2",
                e.getMessage());
        assertEquals(List.of(), bucket.keys("output/"));
    }

    @Test
    void aMissingManifestOrObjectFailsTheRun() {
        InvalidJobInputException missing = assertThrows(InvalidJobInputException.class, () -> run("r1"));
        assertEquals("manifest s3://test-bucket/emr-pipeline/manifests/r1.json does not exist", missing.getMessage());

        bucket.put("raw/a.csv", HEADER + "1,2026-11-20T08:00:00Z,C-1,SKU-1,1,1.00\n");
        bucket.manifest("r1", "raw/a.csv");
        bucket.delete("raw/a.csv");
        // The object the manifest names is gone: Spark's "Path does not exist", not a quiet run over nothing.
        Exception gone = assertThrows(Exception.class, () -> run("r1"));
        assertTrue(String.valueOf(gone.getMessage()).contains("raw/a.csv"), gone.toString());
        assertEquals(List.of(), bucket.keys("output/"));
    }

    @Test
    void aHeaderThatDoesNotNameTheSchemasColumnsFailsTheRun() {
        bucket.put("raw/a.csv", "order_id,customer_id,ordered_at,sku,quantity,unit_price_eur\n"
                + "1,C-1,2026-11-20T08:00:00Z,SKU-1,1,1.00\n");
        bucket.manifest("r1", "raw/a.csv");

        Exception e = assertThrows(Exception.class, () -> run("r1"));

        String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(message.contains("CSV header does not conform to the schema"), message);
        assertNull(bucket.keys("output/r1/").stream().filter(k -> k.endsWith("_run.json")).findFirst().orElse(null));
    }
}
