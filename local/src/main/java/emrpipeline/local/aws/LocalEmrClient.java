package emrpipeline.local.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsResponse;

import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReason;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.ClusterTimeline;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

/**
 * The {@link EmrClient} the functions get, over the same {@link LocalEmr} as the state machine's EMR tasks, at the
 * virtual instant of the call: DescribeCluster (the alarm sweep; the run janitor reads the tags), ListClusters with
 * its ClusterStates / CreatedAfter / CreatedBefore filters and 50-cluster pages (the janitor's search), and
 * TerminateJobFlows (the janitor). Requests are checked as EMR checks them (an unknown cluster id is an
 * InvalidRequestException; TerminateJobFlows needs JobFlowIds). Other operations are not implemented (the SDK
 * interface's defaults throw {@link UnsupportedOperationException}).
 * API: https://docs.aws.amazon.com/emr/latest/APIReference/API_ListClusters.html,
 * https://docs.aws.amazon.com/emr/latest/APIReference/API_TerminateJobFlows.html
 */
public final class LocalEmrClient implements EmrClient {
    private final LocalEmr emr;
    private final Supplier<Instant> clock;

    public LocalEmrClient(LocalEmr emr, Supplier<Instant> clock) {
        this.emr = emr;
        this.clock = clock;
    }

    @Override
    public DescribeClusterResponse describeCluster(DescribeClusterRequest request) {
        Instant now = clock.get();
        LocalEmr.Cluster cluster;
        try {
            cluster = emr.describe(request.clusterId(), now);
        } catch (EmrApiException e) {
            throw sdkException(e);
        }
        LocalEmr.Transition<software.amazon.awssdk.services.emr.model.ClusterState> state = cluster.transitionAt(now);
        ClusterTimeline.Builder timeline = ClusterTimeline.builder().creationDateTime(cluster.createdAt());
        if (cluster.readyAt() != null && !cluster.readyAt().isAfter(now)) {
            timeline.readyDateTime(cluster.readyAt());
        }
        if (cluster.terminatedAt() != null && !cluster.terminatedAt().isAfter(now)) {
            timeline.endDateTime(cluster.terminatedAt());
        }
        List<Tag> tags = new ArrayList<>();
        cluster.request().path("Tags").forEach(t -> tags.add(Tag.builder().key(t.path("Key").asText())
                .value(t.path("Value").asText()).build()));
        return DescribeClusterResponse.builder().cluster(Cluster.builder()
                .id(cluster.id())
                .name(cluster.name())
                .clusterArn(cluster.arn())
                .tags(tags)
                .status(ClusterStatus.builder()
                        .state(state.state())
                        .stateChangeReason(ClusterStateChangeReason.builder().code(state.code()).message(state.message()).build())
                        .timeline(timeline.build())
                        .build())
                .build()).build();
    }

    /** Page size of ListClusters (EMR returns at most 50 clusters a call). */
    static final int LIST_PAGE = 50;

    @Override
    public ListClustersResponse listClusters(ListClustersRequest request) {
        Instant now = clock.get();
        List<LocalEmr.Cluster> all = emr.clusters();
        int from = 0;
        if (request.marker() != null) {
            try {
                from = Integer.parseInt(request.marker());
            } catch (NumberFormatException e) {
                throw sdkException(EmrApiException.validation("Marker is not valid: " + request.marker()));
            }
        }
        List<ClusterSummary> page = new ArrayList<>();
        int i = from;
        for (; i < all.size() && page.size() < LIST_PAGE; i++) {
            LocalEmr.Cluster c = emr.describe(all.get(i).id(), now);
            software.amazon.awssdk.services.emr.model.ClusterState state = c.stateAt(now);
            if (request.hasClusterStates() && !request.clusterStates().contains(state)) {
                continue;
            }
            if (request.createdAfter() != null && c.createdAt().isBefore(request.createdAfter())) {
                continue;
            }
            if (request.createdBefore() != null && !c.createdAt().isBefore(request.createdBefore())) {
                continue;
            }
            page.add(ClusterSummary.builder().id(c.id()).name(c.name()).clusterArn(c.arn())
                    .status(ClusterStatus.builder().state(state).build()).build());
        }
        return ListClustersResponse.builder().clusters(page).marker(i < all.size() ? Integer.toString(i) : null).build();
    }

    @Override
    public TerminateJobFlowsResponse terminateJobFlows(TerminateJobFlowsRequest request) {
        if (!request.hasJobFlowIds() || request.jobFlowIds().isEmpty()) {
            throw sdkException(EmrApiException.validation("TerminateJobFlows: JobFlowIds is required"));
        }
        Instant now = clock.get();
        for (String id : request.jobFlowIds()) {
            try {
                emr.describe(id, now);
            } catch (EmrApiException e) {
                throw sdkException(e);
            }
        }
        request.jobFlowIds().forEach(id -> emr.terminate(id, now));
        return TerminateJobFlowsResponse.builder().build();
    }

    static EmrException sdkException(EmrApiException e) {
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(e.errorCode()).errorMessage(e.getMessage())
                .serviceName("EMR").build();
        if (e.errorCode().equals("InvalidRequestException")) {
            return (EmrException) InvalidRequestException.builder().statusCode(e.statusCode()).awsErrorDetails(details)
                    .message(e.getMessage()).build();
        }
        return (EmrException) EmrException.builder().statusCode(e.statusCode()).awsErrorDetails(details)
                .message(e.getMessage()).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
