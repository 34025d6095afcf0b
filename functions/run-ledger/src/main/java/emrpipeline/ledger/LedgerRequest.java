package emrpipeline.ledger;

import java.util.Map;

/**
 * The function's input as the Lambda Java runtime deserializes it: a JavaBean (the runtime's serializer cannot
 * build records or setter-less classes), every knob a String so that a bad value is reported by
 * {@link LedgerRequestValidator} with the field's name. Converted at once into a {@link LedgerCommand}.
 */
public class LedgerRequest {
    /** {@code begin}, {@code recordCluster}, {@code finish}, {@code close}, {@code commit} or {@code release}. */
    private String action;
    /** The run's id (a manual re-run may reuse one); every action. */
    private String runId;
    /** The Step Functions execution's ARN; every action but commit. */
    private String executionArn;
    /** begin: the execution's name; default the ARN's last segment. */
    private String executionName;
    /** begin: {@code schedule} or {@code manual} (default). */
    private String trigger;
    /** begin: ISO-8601 instant ({@code $$.Execution.StartTime}); default now. */
    private String startedAt;
    /** begin: the execution's input, stored compactly and bounded. */
    private Map<String, Object> input;
    /** recordCluster: the EMR cluster id ({@code j-...}). */
    private String clusterId;
    /** recordCluster: ISO-8601 instant the cluster was requested; optional. */
    private String clusterRequestedAt;
    /** finish: {@code SUCCEEDED}, {@code FAILED} or {@code SKIPPED}; close: {@code FAILED}, {@code TIMED_OUT} or {@code ABORTED}. */
    private String status;
    /** finish SUCCEEDED (committed) / FAILED (recorded only); commit: the manifest to commit. */
    private String manifestUri;
    /** finish FAILED: the error name. */
    private String error;
    /** finish FAILED: the cause (stored truncated). */
    private String cause;
    /** finish FAILED: the state that failed. */
    private String failedState;
    /** finish SKIPPED/FAILED: why, in words. */
    private String reason;
    /** finish: what the cost estimate needs; optional (absent cost gives no estimate, never an error). */
    private CostInput cost;
    /** finish FAILED: how the state machine's cleanup went, in words (a cleanup step that failed is named). */
    private String cleanup;
    /** finish FAILED: {@code true} keeps the lease (a cluster may still be running); default false. */
    private String keepLease;
    /** validate: the execution input as Step Functions received it (any JSON value; an object when valid). */
    private Object executionInput;

    public LedgerRequest() {
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
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

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public Map<String, Object> getInput() {
        return input;
    }

    public void setInput(Map<String, Object> input) {
        this.input = input;
    }

    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public String getClusterRequestedAt() {
        return clusterRequestedAt;
    }

    public void setClusterRequestedAt(String clusterRequestedAt) {
        this.clusterRequestedAt = clusterRequestedAt;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
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

    public String getFailedState() {
        return failedState;
    }

    public void setFailedState(String failedState) {
        this.failedState = failedState;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public CostInput getCost() {
        return cost;
    }

    public void setCost(CostInput cost) {
        this.cost = cost;
    }

    public String getCleanup() {
        return cleanup;
    }

    public void setCleanup(String cleanup) {
        this.cleanup = cleanup;
    }

    public String getKeepLease() {
        return keepLease;
    }

    public void setKeepLease(String keepLease) {
        this.keepLease = keepLease;
    }

    public Object getExecutionInput() {
        return executionInput;
    }

    public void setExecutionInput(Object executionInput) {
        this.executionInput = executionInput;
    }

    /** The validate action's input (kept apart from begin's {@code input}, which must be an object). */
    Object getRawInput() {
        return executionInput;
    }
}
