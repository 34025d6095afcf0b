package emrpipeline.alarms;

import java.util.List;

/**
 * The function's input as the Lambda Java runtime deserializes it. A JavaBean on purpose: the runtime's serializer
 * cannot fill records or setter-less classes. {@link AlarmCommands#from} turns it into an immutable command.
 *
 * <ul>
 *   <li>{@code {"action":"create","clusterId":"j-...","runId":"..."}}</li>
 *   <li>{@code {"action":"delete","clusterId":"j-..."}} or {@code {"action":"delete","alarmNames":["..."]}}</li>
 *   <li>{@code {"action":"sweep"}}</li>
 * </ul>
 */
public class AlarmLifecycleRequest {
    private String action;
    private String clusterId;
    private String runId;
    private List<String> alarmNames;

    public AlarmLifecycleRequest() {
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getClusterId() {
        return clusterId;
    }

    public void setClusterId(String clusterId) {
        this.clusterId = clusterId;
    }

    public String getRunId() {
        return runId;
    }

    public void setRunId(String runId) {
        this.runId = runId;
    }

    public List<String> getAlarmNames() {
        return alarmNames;
    }

    public void setAlarmNames(List<String> alarmNames) {
        this.alarmNames = alarmNames;
    }
}
