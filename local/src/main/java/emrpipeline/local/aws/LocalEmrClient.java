package emrpipeline.local.aws;

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
 * The {@link EmrClient} the functions get (the alarm function's sweep asks {@code DescribeCluster}), over the same
 * {@link LocalEmr} as the state machine's EMR tasks, at the virtual instant of the call. Other operations are
 * not implemented (the SDK interface's defaults throw {@link UnsupportedOperationException}).
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
        return DescribeClusterResponse.builder().cluster(Cluster.builder()
                .id(cluster.id())
                .name(cluster.name())
                .clusterArn(cluster.arn())
                .status(ClusterStatus.builder()
                        .state(state.state())
                        .stateChangeReason(ClusterStateChangeReason.builder().code(state.code()).message(state.message()).build())
                        .timeline(timeline.build())
                        .build())
                .build()).build();
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
