package emrpipeline.alarms;

import java.util.List;

/** A validated request: what the function will do. Built only by {@link AlarmCommands#from}. */
public sealed interface AlarmCommand {

    /** What a command does: the handler dispatches with an exhaustive switch over it. */
    enum Kind { CREATE, DELETE_FOR_CLUSTER, DELETE_NAMED, SWEEP }

    Kind kind();

    /** Put the configured alarms of a cluster (idempotent). */
    record Create(String clusterId, String runId) implements AlarmCommand {
        @Override
        public Kind kind() {
            return Kind.CREATE;
        }
    }

    /** Delete every alarm under {@code <prefix><clusterId>-}, whatever its metric. */
    record DeleteForCluster(String clusterId) implements AlarmCommand {
        @Override
        public Kind kind() {
            return Kind.DELETE_FOR_CLUSTER;
        }
    }

    /** Delete the named alarms (distinct, all under the prefix). */
    record DeleteNamed(List<String> alarmNames) implements AlarmCommand {
        @Override
        public Kind kind() {
            return Kind.DELETE_NAMED;
        }
        public DeleteNamed {
            alarmNames = List.copyOf(alarmNames);
        }
    }

    /** Delete the alarms under the prefix whose cluster is no longer alive. */
    record Sweep() implements AlarmCommand {
        @Override
        public Kind kind() {
            return Kind.SWEEP;
        }
    }
}
