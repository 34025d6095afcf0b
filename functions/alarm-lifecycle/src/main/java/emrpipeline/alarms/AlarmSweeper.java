package emrpipeline.alarms;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

/**
 * Deletes the alarms left behind by runs that never reached their clean-up (an execution stopped from the console
 * runs no Catch). Lists every metric alarm under the prefix, asks EMR once per distinct cluster id whether the
 * cluster is still alive, and deletes the alarms of the clusters that are not.
 *
 * <p>Alive: STARTING, BOOTSTRAPPING, RUNNING, WAITING - and any state this SDK does not know yet (never delete on
 * a guess). Not alive: TERMINATING, TERMINATED, TERMINATED_WITH_ERRORS, and clusters EMR does not know: DescribeCluster
 * answers {@code InvalidRequestException} ("Cluster id 'j-...' is not valid.") for an id it never had or no longer
 * keeps (EMR keeps terminated clusters for about two months). Any other error keeps that cluster's alarms and,
 * once everything decidable is done, fails the invocation with {@link AlarmSweepIncompleteException}.
 */
public final class AlarmSweeper {
    private static final Logger LOG = LogManager.getLogger(AlarmSweeper.class);
    static final Set<ClusterState> ALIVE = EnumSet.of(ClusterState.STARTING, ClusterState.BOOTSTRAPPING,
            ClusterState.RUNNING, ClusterState.WAITING, ClusterState.UNKNOWN_TO_SDK_VERSION);

    private final ClusterAlarms alarms;
    private final EmrClient emr;
    private final AlarmNames names;

    public AlarmSweeper(ClusterAlarms alarms, EmrClient emr, AlarmSettings settings) {
        this.alarms = alarms;
        this.emr = emr;
        this.names = new AlarmNames(settings.namePrefix());
    }

    public AlarmSweep sweep() {
        List<String> all = alarms.listNames(names.prefix());
        Map<String, List<String>> byCluster = new LinkedHashMap<>();
        List<String> unrecognized = new ArrayList<>();
        for (String name : all) {
            Optional<String> clusterId = names.clusterIdOf(name);
            if (clusterId.isPresent()) {
                byCluster.computeIfAbsent(clusterId.get(), id -> new ArrayList<>()).add(name);
            } else {
                unrecognized.add(name);
            }
        }
        List<String> orphaned = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        SdkException firstFailure = null;
        for (Map.Entry<String, List<String>> cluster : byCluster.entrySet()) {
            try {
                if (isAlive(cluster.getKey())) {
                    kept.addAll(cluster.getValue());
                } else {
                    orphaned.addAll(cluster.getValue());
                }
            } catch (SdkException e) {
                LOG.error("sweep: could not determine the state of cluster " + cluster.getKey() + ", keeping its alarms: " + e);
                kept.addAll(cluster.getValue());
                undecided.add(cluster.getKey());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        AlarmSweep sweep = new AlarmSweep(all.size(), byCluster.size(), alarms.deleteExisting(orphaned), kept, unrecognized);
        LOG.info("sweep: examined " + sweep.examined() + " alarms of " + sweep.clustersChecked() + " clusters, deleted "
                + sweep.deleted() + ", kept " + sweep.kept().size() + ", unrecognized " + sweep.unrecognized());
        if (firstFailure != null) {
            throw new AlarmSweepIncompleteException("sweep deleted " + sweep.deleted().size() + " alarms but could not determine "
                    + "the state of clusters " + undecided + " and kept their alarms; first error: " + firstFailure.getMessage(),
                    firstFailure);
        }
        return sweep;
    }

    private boolean isAlive(String clusterId) {
        try {
            Cluster cluster = emr.describeCluster(DescribeClusterRequest.builder().clusterId(clusterId).build()).cluster();
            ClusterState state = cluster == null || cluster.status() == null ? null : cluster.status().state();
            if (state == null) {
                LOG.warn("sweep: EMR returned no state for cluster " + clusterId + ", keeping its alarms");
                return true;
            }
            return ALIVE.contains(state);
        } catch (InvalidRequestException e) {
            LOG.info("sweep: EMR does not know cluster " + clusterId + " (" + e.getMessage() + "), deleting its alarms");
            return false;
        }
    }
}
