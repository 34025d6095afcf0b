package emrpipeline.slack;

/**
 * The function's input as the Lambda Java runtime deserializes it: a JavaBean (the runtime's serializer
 * cannot fill records or setter-less classes), every figure typed {@code String} so that JSON numbers and
 * strings are both accepted and a bad value is reported by {@link NotificationValidator}, naming the field.
 * Unknown properties are ignored; absent properties and JSON {@code null} leave a field {@code null}.
 */
public class NotificationRequest {
    private String kind;
    private String runId;
    private String executionArn;
    private String executionName;
    private String newObjectCount;
    private String newBytes;
    private String ebsGib;
    private String coreNodeCount;
    private String clusterId;
    private String durationSeconds;
    private String clusterHours;
    private String estimatedCostUsd;
    private String manifestUri;
    private String error;
    private String cause;
    private String reason;
    /** How the cleanup went, in words: a cleanup step that failed, or what the run janitor cleaned. */
    private String cleanup;

    public NotificationRequest() {
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getRunId() {
        return runId;
    }

    public void setRunId(String runId) {
        this.runId = runId;
    }

    public String getExecutionArn() {
        return executionArn;
    }

    public void setExecutionArn(String executionArn) {
        this.executionArn = executionArn;
    }

    public String getExecutionName() {
        return executionName;
    }

    public void setExecutionName(String executionName) {
        this.executionName = executionName;
    }

    public String getNewObjectCount() {
        return newObjectCount;
    }

    public void setNewObjectCount(String newObjectCount) {
        this.newObjectCount = newObjectCount;
    }

    public String getNewBytes() {
        return newBytes;
    }

    public void setNewBytes(String newBytes) {
        this.newBytes = newBytes;
    }

    public String getEbsGib() {
        return ebsGib;
    }

    public void setEbsGib(String ebsGib) {
        this.ebsGib = ebsGib;
    }

    public String getCoreNodeCount() {
        return coreNodeCount;
    }

    public void setCoreNodeCount(String coreNodeCount) {
        this.coreNodeCount = coreNodeCount;
    }

    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public String getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(String durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    public String getClusterHours() {
        return clusterHours;
    }

    public void setClusterHours(String clusterHours) {
        this.clusterHours = clusterHours;
    }

    public String getEstimatedCostUsd() {
        return estimatedCostUsd;
    }

    public void setEstimatedCostUsd(String estimatedCostUsd) {
        this.estimatedCostUsd = estimatedCostUsd;
    }

    public String getManifestUri() {
        return manifestUri;
    }

    public void setManifestUri(String manifestUri) {
        this.manifestUri = manifestUri;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    public String getCause() {
        return cause;
    }

    public void setCause(String cause) {
        this.cause = cause;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getCleanup() {
        return cleanup;
    }

    public void setCleanup(String cleanup) {
        this.cleanup = cleanup;
    }
}
