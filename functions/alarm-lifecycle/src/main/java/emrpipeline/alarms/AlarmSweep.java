package emrpipeline.alarms;

import java.util.List;

/**
 * What a sweep found and did. {@code examined}: alarms under the prefix; {@code clustersChecked}: distinct clusters
 * looked up with EMR DescribeCluster; {@code deleted}: alarms of clusters that are terminated or unknown to EMR;
 * {@code kept}: alarms of live clusters; {@code unrecognized}: names under the prefix that do not follow the naming
 * scheme (never deleted: they are not known to be this pipeline's).
 */
public record AlarmSweep(int examined, int clustersChecked, List<String> deleted, List<String> kept, List<String> unrecognized) {
    public AlarmSweep {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
        unrecognized = List.copyOf(unrecognized);
    }
}
