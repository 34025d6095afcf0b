package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizingRequestValidatorTest {
    static final SizingDefaults DEFAULTS = SizingDefaults.fromEnvironment(Map.of(
            "DATA_BUCKET", "my-data",
            "RAW_PREFIX", "raw/",
            "PIPELINE_PREFIX", "emr-pipeline/",
            "CORE_NODE_COUNT", "2",
            "VOLUMES_PER_INSTANCE", "1",
            "EXPANSION_FACTOR", "3.0",
            "HEADROOM_GIB", "16",
            "MIN_GIB", "32",
            "MAX_GIB", "1024"));

    private final SizingRequestValidator validator = new SizingRequestValidator(DEFAULTS);

    static StorageSizingRequest request(String runId) {
        StorageSizingRequest r = new StorageSizingRequest();
        r.setRunId(runId);
        return r;
    }

    @Test
    void defaultsComeFromTheEnvironment() {
        SizingJob job = validator.validate(request("2026-11-21-daily"));
        assertEquals("my-data", job.bucket());
        assertEquals("raw/", job.rawPrefix());
        assertEquals("emr-pipeline/", job.pipelinePrefix());
        assertEquals(new EbsSizing.Parameters(2, 1, new BigDecimal("3.0"), new BigDecimal("16"), 32, 1024), job.ebs());
        assertEquals(16, job.listConcurrency(), "LIST_CONCURRENCY unset: built-in default");
        assertEquals("emr-pipeline/manifests/2026-11-21-daily.json", job.manifestKey());
        assertEquals("emr-pipeline/index/processed.tsv.gz", job.processedIndexKey());
        assertEquals("s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json", job.manifestUri());
    }

    @Test
    void everyFieldCanBeOverriddenByTheInput() {
        StorageSizingRequest r = request("backfill.2026_11");
        r.setBucket("other.bucket-1");
        r.setRawPrefix("");
        r.setPipelinePrefix("ops/pipeline/");
        r.setCoreNodeCount("12");
        r.setVolumesPerInstance("4.0");
        r.setExpansionFactor("2.5");
        r.setHeadroomGib("0");
        r.setMinGib("1");
        r.setMaxGib("16384");
        r.setListConcurrency("64");
        SizingJob job = validator.validate(r);
        assertEquals(new SizingJob("backfill.2026_11", "other.bucket-1", "", "ops/pipeline/",
                new EbsSizing.Parameters(12, 4, new BigDecimal("2.5"), new BigDecimal("0"), 1, 16384), 64, false, 0, 7), job);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "2026-11-21", "0b7c9a7e-3f1e-4c4e-9d7a-1d2f3a4b5c6d", "Run_1.retry-2",
            "x23456789012345678901234567890123456789012345678901234567890123456789012345678901"})
    void runIdsThatAreSafeKeys(String runId) {
        if (runId.length() <= 80) {
            assertEquals(runId, validator.validate(request(runId)).runId());
        } else {
            assertRejected(request(runId), "runId");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-leading-dash", ".hidden", "a/b", "../x", "with space", "ünïcode", "a:b", "a*"})
    void runIdsThatAreNot(String runId) {
        assertRejected(request(runId), "runId");
    }

    @Test
    void missingRunIdOrInput() {
        assertRejected(request(null), "runId");
        InvalidSizingRequestException e = assertThrows(InvalidSizingRequestException.class, () -> validator.validate(null));
        assertEquals("runId", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "ab", "My-Bucket", "my_bucket", "-bucket", "bucket-", "my..bucket", "192.168.1.1",
            "xn--bucket", "sthree-data", "data-s3alias", "data--ol-s3", "a.mrap",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void invalidBucketNames(String bucket) {
        StorageSizingRequest r = request("run-1");
        r.setBucket(bucket);
        assertRejected(r, "bucket");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my.data.bucket", "a-b-c", "123"})
    void validBucketNames(String bucket) {
        StorageSizingRequest r = request("run-1");
        r.setBucket(bucket);
        assertEquals(bucket, validator.validate(r).bucket());
    }

    @ParameterizedTest
    @CsvSource(value = {
            "rawPrefix, /raw/", "rawPrefix, raw/../secret/", "rawPrefix, ..", "rawPrefix, raw",
            "rawPrefix, emr-pipeline/raw/", "rawPrefix, emr-pipeline/",
            "pipelinePrefix, ''", "pipelinePrefix, /emr-pipeline/", "pipelinePrefix, a/../b/",
            "pipelinePrefix, emr-pipeline",
    })
    void invalidPrefixes(String field, String value) {
        StorageSizingRequest r = request("run-1");
        set(field, r, value);
        assertRejected(r, field);
    }

    @Test
    void listingKnobsHaveDefaultsAndCanBeSetPerRun() {
        SizingJob defaults = validator.validate(request("run-1"));
        assertEquals(false, defaults.fullReconciliationRequested());
        assertEquals(0, defaults.lookBackPartitions(), "LOOK_BACK_PARTITIONS unset: built-in default");
        assertEquals(7, defaults.fullReconciliationDays(), "FULL_RECONCILIATION_DAYS unset: built-in default");
        StorageSizingRequest r = request("run-1");
        r.setFullReconciliation("true");
        r.setLookBackPartitions("31");
        r.setFullReconciliationDays("0");
        SizingJob job = validator.validate(r);
        assertEquals(true, job.fullReconciliationRequested());
        assertEquals(31, job.lookBackPartitions());
        assertEquals(0, job.fullReconciliationDays());
        SizingJob fromEnvironment = new SizingRequestValidator(SizingDefaults.fromEnvironment(
                environment("LOOK_BACK_PARTITIONS", "2", "FULL_RECONCILIATION_DAYS", "30"))).validate(request("run-1"));
        assertEquals(2, fromEnvironment.lookBackPartitions());
        assertEquals(30, fromEnvironment.fullReconciliationDays());
    }

    @ParameterizedTest
    @CsvSource(value = {
            "fullReconciliation, yes", "fullReconciliation, 1", "fullReconciliation, ''", "fullReconciliation, TRUE!",
            "lookBackPartitions, -1", "lookBackPartitions, 32", "lookBackPartitions, 1.5", "lookBackPartitions, two",
            "fullReconciliationDays, -7", "fullReconciliationDays, 367", "fullReconciliationDays, 7d",
    })
    void invalidListingKnobsNameTheirField(String field, String value) {
        StorageSizingRequest r = request("run-1");
        set(field, r, value);
        InvalidSizingRequestException e = assertRejected(r, field);
        assertTrue(e.getMessage().contains(value.isEmpty() ? "\"\"" : value), e.getMessage());
    }

    @Test
    void aBadListingDefaultNamesItsEnvironmentVariable() {
        InvalidSizingRequestException e = assertThrows(InvalidSizingRequestException.class,
                () -> new SizingRequestValidator(SizingDefaults.fromEnvironment(
                        environment("FULL_RECONCILIATION_DAYS", "weekly"))).validate(request("run-1")));
        assertEquals("fullReconciliationDays", e.field());
        assertTrue(e.getMessage().contains("FULL_RECONCILIATION_DAYS"), e.getMessage());
    }

    @Test
    void emptyRawPrefixIsTheWholeBucket() {
        StorageSizingRequest r = request("run-1");
        r.setRawPrefix("");
        assertEquals("", validator.validate(r).rawPrefix());
    }

    @Test
    void pipelinePrefixMayLieInsideTheRawPrefix() {
        StorageSizingRequest r = request("run-1");
        r.setPipelinePrefix("raw/_pipeline/");
        assertEquals("raw/_pipeline/", validator.validate(r).pipelinePrefix());
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(value = {
            "coreNodeCount, 0", "coreNodeCount, -1", "coreNodeCount, abc", "coreNodeCount, 2.5", "coreNodeCount, ''",
            "coreNodeCount, 1e3", "coreNodeCount, 99999999999",
            "volumesPerInstance, 0", "volumesPerInstance, x",
            "expansionFactor, abc", "expansionFactor, -1", "expansionFactor, 0", "expansionFactor, 0.0",
            "expansionFactor, NaN", "expansionFactor, ''",
            "headroomGib, -0.5", "headroomGib, lots", "headroomGib, 16385",
            "minGib, 0", "minGib, -3", "minGib, 1.5",
            "maxGib, 16385", "maxGib, 0", "maxGib, big",
            "listConcurrency, 0", "listConcurrency, 65", "listConcurrency, many",
    })
    void invalidKnobs(String field, String value) {
        StorageSizingRequest r = request("run-1");
        set(field, r, value);
        InvalidSizingRequestException e = assertRejected(r, field);
        assertTrue(e.getMessage().contains(" must ") && e.getMessage().endsWith(", got \"" + value + "\""), e.getMessage());
    }

    @Test
    void minAboveMaxNamesMinGib() {
        StorageSizingRequest r = request("run-1");
        r.setMinGib("600");
        r.setMaxGib("500");
        InvalidSizingRequestException e = assertRejected(r, "minGib");
        assertEquals("minGib: must not exceed maxGib (500), got 600", e.getMessage());
    }

    @Test
    void numbersMayArriveAsJsonFloats() {
        StorageSizingRequest r = request("run-1");
        r.setCoreNodeCount("4.0");
        r.setMinGib(" 64 ");
        assertEquals(4, validator.validate(r).ebs().coreNodeCount());
        assertEquals(64, validator.validate(r).ebs().minGib());
    }

    @Test
    void aBadEnvironmentValueNamesTheFieldAndTheVariable() {
        SizingDefaults broken = SizingDefaults.fromEnvironment(Map.of(
                "DATA_BUCKET", "my-data", "RAW_PREFIX", "raw/", "PIPELINE_PREFIX", "emr-pipeline/",
                "CORE_NODE_COUNT", "two", "VOLUMES_PER_INSTANCE", "1", "EXPANSION_FACTOR", "3", "HEADROOM_GIB", "16",
                "MIN_GIB", "32", "MAX_GIB", "1024"));
        InvalidSizingRequestException e = assertThrows(InvalidSizingRequestException.class,
                () -> new SizingRequestValidator(broken).validate(request("run-1")));
        assertEquals("coreNodeCount", e.field());
        assertEquals("coreNodeCount: must be a whole number from 1 to 2147483647, got \"two\""
                + " (from environment variable CORE_NODE_COUNT)", e.getMessage());
        StorageSizingRequest fixed = request("run-1");
        fixed.setCoreNodeCount("3");
        assertEquals(3, new SizingRequestValidator(broken).validate(fixed).ebs().coreNodeCount());
    }

    @Test
    void aMissingDefaultIsReportedWhenTheInputLacksTheField() {
        SizingDefaults none = SizingDefaults.fromEnvironment(Map.of());
        InvalidSizingRequestException e = assertThrows(InvalidSizingRequestException.class,
                () -> new SizingRequestValidator(none).validate(request("run-1")));
        assertEquals("bucket: required: not in the input and environment variable DATA_BUCKET is not set",
                e.getMessage());
    }

    /** A complete environment plus {@code extra} name/value pairs. */
    private static Map<String, String> environment(String... extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("DATA_BUCKET", "b-1", "RAW_PREFIX", "raw/",
                "PIPELINE_PREFIX", "p/", "CORE_NODE_COUNT", "2", "VOLUMES_PER_INSTANCE", "1", "EXPANSION_FACTOR", "3",
                "HEADROOM_GIB", "1", "MIN_GIB", "1", "MAX_GIB", "2"));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    private InvalidSizingRequestException assertRejected(StorageSizingRequest r, String field) {
        InvalidSizingRequestException e = assertThrows(InvalidSizingRequestException.class, () -> validator.validate(r));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        return e;
    }

    static void set(String field, StorageSizingRequest r, String value) {
        Map<String, BiConsumer<StorageSizingRequest, String>> setters = Map.ofEntries(
                Map.entry("bucket", StorageSizingRequest::setBucket),
                Map.entry("rawPrefix", StorageSizingRequest::setRawPrefix),
                Map.entry("pipelinePrefix", StorageSizingRequest::setPipelinePrefix),
                Map.entry("coreNodeCount", StorageSizingRequest::setCoreNodeCount),
                Map.entry("volumesPerInstance", StorageSizingRequest::setVolumesPerInstance),
                Map.entry("expansionFactor", StorageSizingRequest::setExpansionFactor),
                Map.entry("headroomGib", StorageSizingRequest::setHeadroomGib),
                Map.entry("minGib", StorageSizingRequest::setMinGib),
                Map.entry("maxGib", StorageSizingRequest::setMaxGib),
                Map.entry("listConcurrency", StorageSizingRequest::setListConcurrency),
                Map.entry("fullReconciliation", StorageSizingRequest::setFullReconciliation),
                Map.entry("lookBackPartitions", StorageSizingRequest::setLookBackPartitions),
                Map.entry("fullReconciliationDays", StorageSizingRequest::setFullReconciliationDays));
        setters.get(field).accept(r, value);
    }
}
