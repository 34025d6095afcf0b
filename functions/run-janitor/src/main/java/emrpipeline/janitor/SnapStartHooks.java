package emrpipeline.janitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SnapStart runtime hooks (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html).
 * Before the snapshot: the sample execution event through the runtime's serializer and the event validation, and
 * one request of each call the janitor makes (DescribeExecution, ListClusters, DescribeCluster, TerminateJobFlows,
 * Invoke, Publish) through the clients up to the wire, never sent, with made-up credentials. After a restore there
 * is nothing to refresh: nothing unique was made before the snapshot.
 */
final class SnapStartHooks implements Resource {
    private static final Logger LOG = LogManager.getLogger(SnapStartHooks.class);

    private final EmrClient emr;
    private final SfnClient sfn;
    private final SnsClient sns;
    private final LambdaClient lambda;
    private final Map<String, String> environment;
    private volatile List<SdkHttpRequest> primed = List.of();

    SnapStartHooks(EmrClient emr, SfnClient sfn, SnsClient sns, LambdaClient lambda, Map<String, String> environment) {
        this.emr = emr;
        this.sfn = sfn;
        this.sns = sns;
        this.lambda = lambda;
        this.environment = environment;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        SdkPriming.primeOrWarn(this::prime, LOG);
    }

    @SuppressWarnings("unchecked")
    private void prime() {
        Map<String, Object> event = SdkPriming.primingEvent(Map.class).orElse(null);
        JanitorSettings settings = JanitorSettings.fromEnvironment(environment);
        JanitorEvent what = event == null ? null : JanitorEvents.from(event);
        String arn = what instanceof JanitorEvent.ExecutionEnded ended ? ended.executionArn()
                : settings.executionArn("priming");
        List<SdkHttpRequest> requests = new ArrayList<>();
        requests.add(SdkPriming.unsent(o -> sfn.describeExecution(b -> b.executionArn(arn).overrideConfiguration(o))));
        requests.add(SdkPriming.unsent(o -> emr.listClusters(b -> b.clusterStates(ClusterState.RUNNING).overrideConfiguration(o))));
        requests.add(SdkPriming.unsent(o -> emr.describeCluster(b -> b.clusterId("j-PRIMING").overrideConfiguration(o))));
        requests.add(SdkPriming.unsent(o -> emr.terminateJobFlows(b -> b.jobFlowIds("j-PRIMING").overrideConfiguration(o))));
        requests.add(SdkPriming.unsent(o -> lambda.invoke(b -> b.functionName(settings.ledgerFunction())
                .payload(SdkBytes.fromUtf8String("{}")).overrideConfiguration(o))));
        requests.add(SdkPriming.unsent(o -> sns.publish(b -> b.topicArn(settings.alertTopicArn()).subject("priming")
                .message("priming").overrideConfiguration(o))));
        primed = List.copyOf(requests);
        LOG.info("SnapStart priming: sample event " + (what == null ? "not deserialized (no runtime serializer)" : what)
                + ", " + primed.size() + " requests built and not sent");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing unique to refresh (see the class comment).
    }

    List<SdkHttpRequest> primed() {
        return primed;
    }
}
