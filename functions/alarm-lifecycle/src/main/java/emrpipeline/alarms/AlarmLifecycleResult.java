package emrpipeline.alarms;

import java.util.List;

/**
 * The function's output. One record for the three actions (the runtime serializes records and omits null fields),
 * so each action's JSON carries only its own fields:
 * <ul>
 *   <li>create: {@code action, clusterId, runId, alarmNames, created}</li>
 *   <li>delete: {@code action, clusterId} (when deleting by cluster){@code , deleted, alreadyGone}</li>
 *   <li>sweep: {@code action, examined, clustersChecked, deleted, kept, unrecognized}</li>
 * </ul>
 */
public record AlarmLifecycleResult(
        String action,
        String clusterId,
        String runId,
        List<String> alarmNames,
        Integer created,
        List<String> deleted,
        List<String> alreadyGone,
        Integer examined,
        Integer clustersChecked,
        List<String> kept,
        List<String> unrecognized) {

    static AlarmLifecycleResult created(String clusterId, String runId, List<String> alarmNames) {
        return new AlarmLifecycleResult("create", clusterId, runId, List.copyOf(alarmNames), alarmNames.size(),
                null, null, null, null, null, null);
    }

    static AlarmLifecycleResult deleted(String clusterId, AlarmDeletion deletion) {
        return new AlarmLifecycleResult("delete", clusterId, null, null, null,
                deletion.deleted(), deletion.alreadyGone(), null, null, null, null);
    }

    static AlarmLifecycleResult swept(AlarmSweep sweep) {
        return new AlarmLifecycleResult("sweep", null, null, null, null, sweep.deleted(), null,
                sweep.examined(), sweep.clustersChecked(), sweep.kept(), sweep.unrecognized());
    }
}
