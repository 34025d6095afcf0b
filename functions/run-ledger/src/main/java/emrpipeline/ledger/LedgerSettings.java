package emrpipeline.ledger;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The function's configuration, from its environment (set by template.yaml parameters).
 *
 * @param tableName          {@code LEDGER_TABLE}: the DynamoDB run ledger table
 * @param dataBucket         {@code DATA_BUCKET}: the bucket of raw data and pipeline objects
 * @param pipelinePrefix     {@code PIPELINE_PREFIX}: prefix of manifests/ and index/, ending with '/'
 * @param leaseDuration      {@code LEASE_SECONDS}, or ({@code MAX_RUN_MINUTES} + {@code LEASE_MARGIN_MINUTES}) minutes
 * @param prices             {@code PRICE_TABLE_JSON}, {@code SPOT_PRICE_FACTOR}, {@code EBS_GP3_USD_PER_GIB_MONTH}
 * @param indexGzipLevel     Deflater level of the processed index (see {@link #DEFAULT_INDEX_GZIP_LEVEL})
 * @param commitMaxAttempts  conditional PUTs tried before {@link IndexCommitConflictException}
 * @param commitBackoffBase  first backoff after a conflict (doubled each time, full jitter, capped)
 */
public record LedgerSettings(
        String tableName,
        String dataBucket,
        String pipelinePrefix,
        Duration leaseDuration,
        PriceTable prices,
        int indexGzipLevel,
        int commitMaxAttempts,
        Duration commitBackoffBase) {

    /**
     * Level 1 (BEST_SPEED). The index is sorted keys that share long prefixes, which LZ77 finds at any level: level 1
     * costs a fraction of the CPU of the default level 6 for an index only modestly larger (numbers in
     * docs/performance.md). A commit rewrites the shards it touches, so CPU matters more than bytes.
     */
    public static final int DEFAULT_INDEX_GZIP_LEVEL = 1;
    public static final int DEFAULT_COMMIT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_COMMIT_BACKOFF_BASE = Duration.ofMillis(200);
    public static final int DEFAULT_LEASE_MARGIN_MINUTES = 30;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public LedgerSettings {
        require(tableName != null && !tableName.isBlank(), "LEDGER_TABLE is required");
        require(dataBucket != null && BUCKET.matcher(dataBucket).matches(), "DATA_BUCKET must be a bucket name, got " + dataBucket);
        require(pipelinePrefix != null && pipelinePrefix.endsWith("/") && !pipelinePrefix.startsWith("/"),
                "PIPELINE_PREFIX must end with '/' and not start with '/', got " + pipelinePrefix);
        require(leaseDuration != null && !leaseDuration.isNegative() && !leaseDuration.isZero(),
                "the lease duration must be positive");
        require(prices != null, "prices are required");
        require(indexGzipLevel >= 0 && indexGzipLevel <= 9, "the gzip level must be 0..9");
        require(commitMaxAttempts >= 1, "commitMaxAttempts must be >= 1");
        require(commitBackoffBase != null && !commitBackoffBase.isNegative(), "commitBackoffBase must be >= 0");
    }

    /** Settings with the default gzip level and commit retry policy. */
    public static LedgerSettings of(String tableName, String dataBucket, String pipelinePrefix, Duration leaseDuration,
                                    PriceTable prices) {
        return new LedgerSettings(tableName, dataBucket, pipelinePrefix, leaseDuration, prices,
                DEFAULT_INDEX_GZIP_LEVEL, DEFAULT_COMMIT_MAX_ATTEMPTS, DEFAULT_COMMIT_BACKOFF_BASE);
    }

    /** Reads the environment; a missing or invalid value is a {@link LedgerConfigurationException}. */
    public static LedgerSettings fromEnvironment(Map<String, String> env) {
        Duration lease;
        String leaseSeconds = env.get("LEASE_SECONDS");
        if (leaseSeconds != null && !leaseSeconds.isBlank()) {
            lease = Duration.ofSeconds(positive(leaseSeconds, "LEASE_SECONDS"));
        } else {
            String maxRun = env.get("MAX_RUN_MINUTES");
            require(maxRun != null && !maxRun.isBlank(), "MAX_RUN_MINUTES (or LEASE_SECONDS) is required");
            String margin = env.getOrDefault("LEASE_MARGIN_MINUTES", String.valueOf(DEFAULT_LEASE_MARGIN_MINUTES));
            long minutes = positive(maxRun, "MAX_RUN_MINUTES") + nonNegative(margin, "LEASE_MARGIN_MINUTES");
            lease = Duration.ofMinutes(minutes);
        }
        PriceTable prices = PriceTable.fromConfiguration(env.get("PRICE_TABLE_JSON"), env.get("SPOT_PRICE_FACTOR"),
                env.get("EBS_GP3_USD_PER_GIB_MONTH"));
        return of(env.get("LEDGER_TABLE"), env.get("DATA_BUCKET"), env.get("PIPELINE_PREFIX"), lease, prices);
    }

    /** Prefix under which every manifest must be: {@code <pipelinePrefix>manifests/}. */
    public String manifestsPrefix() {
        return pipelinePrefix + "manifests/";
    }

    /** The processed index's root (format 2): {@code s3://<dataBucket>/<pipelinePrefix>index/v2/root.json}. */
    public S3Location indexLocation() {
        return new S3Location(dataBucket, pipelinePrefix + IndexRoot.ROOT_KEY);
    }

    private static long positive(String value, String name) {
        long v = parse(value, name);
        require(v > 0, name + " must be > 0, got " + value);
        return v;
    }

    private static long nonNegative(String value, String name) {
        long v = parse(value, name);
        require(v >= 0, name + " must be >= 0, got " + value);
        return v;
    }

    private static long parse(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new LedgerConfigurationException(name + " must be an integer, got " + value);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new LedgerConfigurationException(message);
        }
    }
}
