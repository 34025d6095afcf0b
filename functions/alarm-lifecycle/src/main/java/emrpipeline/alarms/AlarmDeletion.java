package emrpipeline.alarms;

import java.util.List;

/**
 * What a deletion did. {@code deleted}: alarms that existed when the call began and are gone now.
 * {@code alreadyGone}: named alarms that did not exist (always empty when deleting by cluster, which only
 * deletes what it finds).
 */
public record AlarmDeletion(List<String> deleted, List<String> alreadyGone) {
    public AlarmDeletion {
        deleted = List.copyOf(deleted);
        alreadyGone = List.copyOf(alreadyGone);
    }
}
