package emrpipeline.sizing;

/**
 * A validated sizing request: what {@link StorageSizer} works with. Built only by
 * {@link SizingRequestValidator}; prefixes are either empty (raw prefix only) or end with {@code /}.
 */
public record SizingJob(
        String runId,
        String bucket,
        String rawPrefix,
        String pipelinePrefix,
        EbsSizing.Parameters ebs,
        int listConcurrency,
        boolean fullReconciliationRequested,
        int lookBackPartitions,
        int fullReconciliationDays) {

    public static final String MANIFESTS_FOLDER = "manifests/";
    /** Format 1 of the processed index: one object; read when no format-2 root exists yet. */
    public static final String PROCESSED_INDEX_NAME = "index/processed.tsv.gz";

    /** {@code <pipelinePrefix>manifests/<runId>.json} */
    public String manifestKey() {
        return pipelinePrefix + MANIFESTS_FOLDER + runId + ".json";
    }

    /** {@code <pipelinePrefix>index/processed.tsv.gz}: the processed index in format 1. */
    public String processedIndexKey() {
        return pipelinePrefix + PROCESSED_INDEX_NAME;
    }

    /** {@code <pipelinePrefix>index/v2/root.json}: the processed index's root in format 2. */
    public String indexRootKey() {
        return pipelinePrefix + IndexRoot.ROOT_KEY;
    }

    /** {@code <pipelinePrefix>index/v2/shards/<name>} */
    public String indexShardKey(String name) {
        return pipelinePrefix + IndexRoot.SHARDS_FOLDER + name;
    }

    public String manifestUri() {
        return "s3://" + bucket + "/" + manifestKey();
    }
}
