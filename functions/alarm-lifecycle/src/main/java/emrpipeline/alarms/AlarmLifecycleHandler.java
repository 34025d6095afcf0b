package emrpipeline.alarms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Core;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * AlarmLifecycleFunction: creates, deletes and sweeps the CloudWatch alarms of the pipeline's EMR clusters.
 * Thin: validates the configuration and the request (before any API call), then hands over to
 * {@link ClusterAlarms} or {@link AlarmSweeper}. See README "Alarm lifecycle" for the contract.
 */
public class AlarmLifecycleHandler implements RequestHandler<AlarmLifecycleRequest, AlarmLifecycleResult> {
    private static final Logger LOG = LogManager.getLogger(AlarmLifecycleHandler.class);

    private final CloudWatchClient cloudWatch;
    private final EmrClient emr;
    private final Map<String, String> environment;
    private final SnapStartHooks snapStart;

    /**
     * Lambda's constructor: real clients, built once per execution environment. Registers the SnapStart hooks (the
     * runtime holds the handler, so the hooks registered here stay alive).
     */
    public AlarmLifecycleHandler() {
        this(ClientEnvironment.fromEnvironment(System.getenv()), System.getenv());
        Core.getGlobalContext().register(snapStart);
    }

    /** What the no-argument constructor does, over {@code clients} and the function's {@code environment}. */
    AlarmLifecycleHandler(ClientEnvironment clients, Map<String, String> environment) {
        this(AlarmClients.cloudWatch(clients), AlarmClients.emr(clients), environment);
    }

    /**
     * For tests and local runs: SDK clients and the environment to read the configuration from. The configuration
     * is read on every invocation, so a bad one fails each invocation with an
     * {@link InvalidAlarmConfigurationException} (an error the caller can catch) rather than the function's init.
     */
    public AlarmLifecycleHandler(CloudWatchClient cloudWatch, EmrClient emr, Map<String, String> environment) {
        this.cloudWatch = cloudWatch;
        this.emr = emr;
        this.environment = Map.copyOf(environment);
        this.snapStart = new SnapStartHooks(cloudWatch, emr, this.environment);
    }

    /** The SnapStart hooks over this handler's clients (registered with the runtime by the no-argument constructor). */
    SnapStartHooks snapStartHooks() {
        return snapStart;
    }

    @Override
    public AlarmLifecycleResult handleRequest(AlarmLifecycleRequest request, Context context) {
        AlarmSettings settings = AlarmSettings.fromEnvironment(environment);
        AlarmCommand command = AlarmCommands.from(request, settings);
        ClusterAlarms alarms = new ClusterAlarms(cloudWatch, settings);
        return switch (command.kind()) {
            case CREATE -> create(alarms, (AlarmCommand.Create) command);
            case DELETE_FOR_CLUSTER -> deleteForCluster(alarms, (AlarmCommand.DeleteForCluster) command);
            case DELETE_NAMED -> deleteNamed(alarms, (AlarmCommand.DeleteNamed) command);
            case SWEEP -> AlarmLifecycleResult.swept(new AlarmSweeper(alarms, emr, settings).sweep());
        };
    }

    private static AlarmLifecycleResult create(ClusterAlarms alarms, AlarmCommand.Create create) {
        List<String> names = alarms.create(create.clusterId(), create.runId());
        LOG.info("created " + names.size() + " alarms for cluster " + create.clusterId() + " of run " + create.runId()
                + ": " + names);
        return AlarmLifecycleResult.created(create.clusterId(), create.runId(), names);
    }

    private static AlarmLifecycleResult deleteForCluster(ClusterAlarms alarms, AlarmCommand.DeleteForCluster delete) {
        AlarmDeletion deletion = alarms.deleteForCluster(delete.clusterId());
        LOG.info("deleted the alarms of cluster " + delete.clusterId() + ": " + deletion.deleted());
        return AlarmLifecycleResult.deleted(delete.clusterId(), deletion);
    }

    private static AlarmLifecycleResult deleteNamed(ClusterAlarms alarms, AlarmCommand.DeleteNamed delete) {
        AlarmDeletion deletion = alarms.deleteNamed(delete.alarmNames());
        LOG.info("deleted alarms " + deletion.deleted() + ", already gone " + deletion.alreadyGone());
        return AlarmLifecycleResult.deleted(null, deletion);
    }
}
