package emrpipeline.sizing;

/**
 * Input of {@link StorageSizingHandler}. A JavaBean because the Lambda Java runtime's serializer can only
 * fill classes with setters; every knob is a {@code String} (a JSON number coerces into it) so that
 * {@link SizingRequestValidator} reports a bad value with the field's name instead of the runtime failing
 * before the function runs. A {@code null} (absent) field takes its default from the environment.
 */
public class StorageSizingRequest {
    private String runId;
    private String bucket;
    private String rawPrefix;
    private String pipelinePrefix;
    private String coreNodeCount;
    private String volumesPerInstance;
    private String expansionFactor;
    private String headroomGib;
    private String minGib;
    private String maxGib;
    private String listConcurrency;
    private String fullReconciliation;
    private String lookBackPartitions;
    private String fullReconciliationDays;
    /** {@code true}: validate the request and answer as for nothing new, listing and writing nothing (before BeginRun). */
    private String validateOnly;

    public StorageSizingRequest() {
    }

    public String getRunId() {
        return runId;
    }

    public void setRunId(String runId) {
        this.runId = runId;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getRawPrefix() {
        return rawPrefix;
    }

    public void setRawPrefix(String rawPrefix) {
        this.rawPrefix = rawPrefix;
    }

    public String getPipelinePrefix() {
        return pipelinePrefix;
    }

    public void setPipelinePrefix(String pipelinePrefix) {
        this.pipelinePrefix = pipelinePrefix;
    }

    public String getCoreNodeCount() {
        return coreNodeCount;
    }

    public void setCoreNodeCount(String coreNodeCount) {
        this.coreNodeCount = coreNodeCount;
    }

    public String getVolumesPerInstance() {
        return volumesPerInstance;
    }

    public void setVolumesPerInstance(String volumesPerInstance) {
        this.volumesPerInstance = volumesPerInstance;
    }

    public String getExpansionFactor() {
        return expansionFactor;
    }

    public void setExpansionFactor(String expansionFactor) {
        this.expansionFactor = expansionFactor;
    }

    public String getHeadroomGib() {
        return headroomGib;
    }

    public void setHeadroomGib(String headroomGib) {
        this.headroomGib = headroomGib;
    }

    public String getMinGib() {
        return minGib;
    }

    public void setMinGib(String minGib) {
        this.minGib = minGib;
    }

    public String getMaxGib() {
        return maxGib;
    }

    public void setMaxGib(String maxGib) {
        this.maxGib = maxGib;
    }

    public String getListConcurrency() {
        return listConcurrency;
    }

    public void setListConcurrency(String listConcurrency) {
        this.listConcurrency = listConcurrency;
    }

    public String getFullReconciliation() {
        return fullReconciliation;
    }

    public void setFullReconciliation(String fullReconciliation) {
        this.fullReconciliation = fullReconciliation;
    }

    public String getLookBackPartitions() {
        return lookBackPartitions;
    }

    public void setLookBackPartitions(String lookBackPartitions) {
        this.lookBackPartitions = lookBackPartitions;
    }

    public String getFullReconciliationDays() {
        return fullReconciliationDays;
    }

    public void setFullReconciliationDays(String fullReconciliationDays) {
        this.fullReconciliationDays = fullReconciliationDays;
    }

    public String getValidateOnly() {
        return validateOnly;
    }

    public void setValidateOnly(String validateOnly) {
        this.validateOnly = validateOnly;
    }

    @Override
    public String toString() {
        return "StorageSizingRequest{runId=" + runId + ", bucket=" + bucket + ", rawPrefix=" + rawPrefix
                + ", pipelinePrefix=" + pipelinePrefix + ", coreNodeCount=" + coreNodeCount
                + ", volumesPerInstance=" + volumesPerInstance + ", expansionFactor=" + expansionFactor
                + ", headroomGib=" + headroomGib + ", minGib=" + minGib + ", maxGib=" + maxGib
                + ", listConcurrency=" + listConcurrency + ", fullReconciliation=" + fullReconciliation
                + ", lookBackPartitions=" + lookBackPartitions + ", fullReconciliationDays=" + fullReconciliationDays
                + ", validateOnly=" + validateOnly + "}";
    }
}
