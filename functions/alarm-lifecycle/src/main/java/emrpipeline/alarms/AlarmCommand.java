package emrpipeline.alarms;

import java.util.List;

/** A validated request: what the function will do. Built only by {@link AlarmCommands#from}. */
public sealed interface AlarmCommand {

    /** Put the configured alarms of a cluster (idempotent). */
    record Create(String clusterId, String runId) implements AlarmCommand {
    }

    /** Delete every alarm under {@code <prefix><clusterId>-}, whatever its metric. */
    record DeleteForCluster(String clusterId) implements AlarmCommand {
    }

    /** Delete the named alarms (distinct, all under the prefix). */
    record DeleteNamed(List<String> alarmNames) implements AlarmCommand {
        public DeleteNamed {
            alarmNames = List.copyOf(alarmNames);
        }
    }

    /** Delete the alarms under the prefix whose cluster is no longer alive. */
    record Sweep() implements AlarmCommand {
    }
}
