package emrpipeline.alarms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * SnapStart runtime hooks (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html); every
 * function has hooks of this shape, each its own, since each function is built alone (docs/snapstart.md).
 * Before the snapshot: the function's sample event (the state machine's create, a copy of
 * events/alarm-lifecycle/create-from-state-machine.json) through the runtime's serializer and the request
 * validation, and the calls the function makes (the exact PutMetricAlarm of the cluster's first alarm, the
 * DescribeAlarms of a delete or sweep, the sweep's EMR DescribeCluster) through the clients up to the wire, never
 * sent. After a restore there is nothing to refresh: nothing unique was made before the snapshot (no credentials
 * resolved, no connection opened; the SDK's retry strategy draws its jitter at each retry).
 */
final class SnapStartHooks implements Resource {
    private static final Logger LOG = LogManager.getLogger(SnapStartHooks.class);

    private final CloudWatchClient cloudWatch;
    private final EmrClient emr;
    private final Map<String, String> environment;
    private volatile List<SdkHttpRequest> primed = List.of();

    SnapStartHooks(CloudWatchClient cloudWatch, EmrClient emr, Map<String, String> environment) {
        this.cloudWatch = cloudWatch;
        this.emr = emr;
        this.environment = environment;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        SdkPriming.primeOrWarn(this::prime, LOG);
    }

    private void prime() {
        AlarmLifecycleRequest request = SdkPriming.primingEvent(AlarmLifecycleRequest.class).orElse(null);
        AlarmSettings settings = AlarmSettings.fromEnvironment(environment);
        AlarmCommand command = request == null ? null : AlarmCommands.from(request, settings);
        String clusterId = command instanceof AlarmCommand.Create create ? create.clusterId() : "j-PRIMING";
        String runId = command instanceof AlarmCommand.Create create ? create.runId() : "priming";
        List<SdkHttpRequest> requests = new ArrayList<>();
        if (!settings.alarms().isEmpty()) {
            PutMetricAlarmRequest put = new ClusterAlarms(cloudWatch, settings).request(clusterId, runId, settings.alarms().get(0));
            requests.add(SdkPriming.unsent(o -> cloudWatch.putMetricAlarm(put.toBuilder().overrideConfiguration(o).build())));
        }
        requests.add(SdkPriming.unsent(o -> cloudWatch.describeAlarms(b -> b.alarmNamePrefix(settings.namePrefix() + clusterId)
                .overrideConfiguration(o))));
        requests.add(SdkPriming.unsent(o -> emr.describeCluster(b -> b.clusterId(clusterId).overrideConfiguration(o))));
        primed = List.copyOf(requests);
        LOG.info("SnapStart priming: sample event " + (command == null ? "not deserialized (no runtime serializer)"
                : "for cluster " + clusterId) + ", " + primed.size() + " CloudWatch and EMR requests built and not sent");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing unique to refresh (see the class comment).
    }

    /** The requests the last {@link #beforeCheckpoint} built and did not send. */
    List<SdkHttpRequest> primed() {
        return primed;
    }
}
