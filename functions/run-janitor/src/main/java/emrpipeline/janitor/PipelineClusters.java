package emrpipeline.janitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * This stack's EMR clusters, found the way the definition marks them: a name that starts with
 * {@code <stack name>-} (cheap, from ListClusters) and the {@code emr-pipeline:stack} tag (DescribeCluster; the IAM
 * policy allows DescribeCluster and TerminateJobFlows only on clusters with that tag). The cluster id in the ledger
 * is not enough: CreateCluster may time out before RecordCluster writes it.
 * API: https://docs.aws.amazon.com/emr/latest/APIReference/API_ListClusters.html (50 a page, Marker),
 * https://docs.aws.amazon.com/emr/latest/APIReference/API_TerminateJobFlows.html
 */
final class PipelineClusters {
    private static final Logger LOG = LogManager.getLogger(PipelineClusters.class);
    static final List<ClusterState> ALIVE = List.of(ClusterState.STARTING, ClusterState.BOOTSTRAPPING,
            ClusterState.RUNNING, ClusterState.WAITING);

    private final EmrClient emr;
    private final JanitorSettings settings;

    PipelineClusters(EmrClient emr, JanitorSettings settings) {
        this.emr = emr;
        this.settings = settings;
    }

    /**
     * Every cluster of execution {@code executionName} created since {@code createdAfter}, alive or not (the
     * terminated ones may still have alarms).
     */
    List<PipelineCluster> ofExecution(String executionName, Instant createdAfter) {
        List<PipelineCluster> found = new ArrayList<>();
        for (ClusterSummary summary : list(List.of(ClusterState.values()).stream()
                .filter(s -> s != ClusterState.UNKNOWN_TO_SDK_VERSION).toList(), createdAfter)) {
            describe(summary.id()).filter(c -> executionName.equals(c.executionName())).ifPresent(found::add);
        }
        return found;
    }

    /** This stack's clusters that are still alive, created since {@code createdAfter}. */
    List<PipelineCluster> alive(Instant createdAfter) {
        List<PipelineCluster> found = new ArrayList<>();
        for (ClusterSummary summary : list(ALIVE, createdAfter)) {
            describe(summary.id()).filter(PipelineCluster::isAlive).ifPresent(found::add);
        }
        return found;
    }

    /** The cluster if it carries this stack's tag; empty for anyone else's cluster. */
    Optional<PipelineCluster> describe(String clusterId) {
        Cluster cluster = emr.describeCluster(DescribeClusterRequest.builder().clusterId(clusterId).build()).cluster();
        String stack = tag(cluster, JanitorSettings.STACK_TAG);
        if (!settings.stackName().equals(stack)) {
            LOG.info("cluster " + clusterId + " (" + cluster.name() + ") is not this stack's (tag " + JanitorSettings.STACK_TAG
                    + " = " + stack + "): left alone");
            return Optional.empty();
        }
        return Optional.of(new PipelineCluster(cluster.id(), cluster.name(), cluster.status().stateAsString(),
                tag(cluster, JanitorSettings.RUN_ID_TAG), tag(cluster, JanitorSettings.EXECUTION_TAG)));
    }

    /** TerminateJobFlows; idempotent (terminating a terminated cluster is not an error). */
    void terminate(Collection<String> clusterIds) {
        if (!clusterIds.isEmpty()) {
            emr.terminateJobFlows(TerminateJobFlowsRequest.builder().jobFlowIds(clusterIds).build());
        }
    }

    private List<ClusterSummary> list(List<ClusterState> states, Instant createdAfter) {
        List<ClusterSummary> ours = new ArrayList<>();
        String marker = null;
        do {
            ListClustersResponse page = emr.listClusters(ListClustersRequest.builder().clusterStates(states)
                    .createdAfter(createdAfter).marker(marker).build());
            for (ClusterSummary summary : page.clusters()) {
                if (summary.name() != null && summary.name().startsWith(settings.clusterNamePrefix())) {
                    ours.add(summary);
                }
            }
            marker = page.marker();
        } while (marker != null && !marker.isEmpty());
        return ours;
    }

    private static String tag(Cluster cluster, String key) {
        for (Tag tag : cluster.tags()) {
            if (key.equals(tag.key())) {
                return tag.value();
            }
        }
        return null;
    }
}
