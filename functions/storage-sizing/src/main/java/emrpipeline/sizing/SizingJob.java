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
        int listConcurrency) {

    public static final String MANIFESTS_FOLDER = "manifests/";
    public static final String PROCESSED_INDEX_NAME = "index/processed.tsv.gz";

    /** {@code <pipelinePrefix>manifests/<runId>.json} */
    public String manifestKey() {
        return pipelinePrefix + MANIFESTS_FOLDER + runId + ".json";
    }

    /** {@code <pipelinePrefix>index/processed.tsv.gz} */
    public String processedIndexKey() {
        return pipelinePrefix + PROCESSED_INDEX_NAME;
    }

    public String manifestUri() {
        return "s3://" + bucket + "/" + manifestKey();
    }
}
