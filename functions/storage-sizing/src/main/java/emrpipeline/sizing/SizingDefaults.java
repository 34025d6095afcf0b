package emrpipeline.sizing;

import java.util.Map;

/**
 * Defaults for every optional request field, as the raw strings of the function's environment variables
 * (set by the template's parameters). They are validated with the request, so a bad environment value is
 * reported with the field's name and the variable it came from.
 */
public record SizingDefaults(
        String bucket,
        String rawPrefix,
        String pipelinePrefix,
        String coreNodeCount,
        String volumesPerInstance,
        String expansionFactor,
        String headroomGib,
        String minGib,
        String maxGib,
        String listConcurrency,
        String lookBackPartitions,
        String fullReconciliationDays) {

    /** Used when LIST_CONCURRENCY is not set: enough parallel ListObjectsV2 calls to hide S3 latency. */
    public static final String DEFAULT_LIST_CONCURRENCY = "16";
    /** Used when LOOK_BACK_PARTITIONS is not set: the watermark's own partition and what follows it. */
    public static final String DEFAULT_LOOK_BACK_PARTITIONS = "0";
    /** Used when FULL_RECONCILIATION_DAYS is not set: a full listing at least once a week. */
    public static final String DEFAULT_FULL_RECONCILIATION_DAYS = "7";

    public static final String DATA_BUCKET = "DATA_BUCKET";
    public static final String RAW_PREFIX = "RAW_PREFIX";
    public static final String PIPELINE_PREFIX = "PIPELINE_PREFIX";
    public static final String CORE_NODE_COUNT = "CORE_NODE_COUNT";
    public static final String VOLUMES_PER_INSTANCE = "VOLUMES_PER_INSTANCE";
    public static final String EXPANSION_FACTOR = "EXPANSION_FACTOR";
    public static final String HEADROOM_GIB = "HEADROOM_GIB";
    public static final String MIN_GIB = "MIN_GIB";
    public static final String MAX_GIB = "MAX_GIB";
    public static final String LIST_CONCURRENCY = "LIST_CONCURRENCY";
    public static final String LOOK_BACK_PARTITIONS = "LOOK_BACK_PARTITIONS";
    public static final String FULL_RECONCILIATION_DAYS = "FULL_RECONCILIATION_DAYS";

    public static SizingDefaults fromEnvironment(Map<String, String> env) {
        String listConcurrency = env.get(LIST_CONCURRENCY);
        String lookBack = env.get(LOOK_BACK_PARTITIONS);
        String reconciliation = env.get(FULL_RECONCILIATION_DAYS);
        return new SizingDefaults(
                env.get(DATA_BUCKET),
                env.get(RAW_PREFIX),
                env.get(PIPELINE_PREFIX),
                env.get(CORE_NODE_COUNT),
                env.get(VOLUMES_PER_INSTANCE),
                env.get(EXPANSION_FACTOR),
                env.get(HEADROOM_GIB),
                env.get(MIN_GIB),
                env.get(MAX_GIB),
                listConcurrency == null ? DEFAULT_LIST_CONCURRENCY : listConcurrency,
                lookBack == null ? DEFAULT_LOOK_BACK_PARTITIONS : lookBack,
                reconciliation == null ? DEFAULT_FULL_RECONCILIATION_DAYS : reconciliation);
    }
}
