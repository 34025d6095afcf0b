package emrpipeline.janitor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Core;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * RunJanitorFunction: started by EventBridge when an execution of the pipeline ends FAILED, TIMED_OUT or ABORTED,
 * when a pipeline cluster ends TERMINATED_WITH_ERRORS, and by the daily sweep ({@code {"action": "sweep"}}). Thin:
 * validates the configuration and the event (before any API call), then hands over to {@link RunJanitor}.
 * docs/failure-handling.md tells the whole story.
 */
public class RunJanitorHandler implements RequestHandler<Map<String, Object>, JanitorReport> {
    private static final Logger LOG = LogManager.getLogger(RunJanitorHandler.class);

    private final EmrClient emr;
    private final SfnClient sfn;
    private final SnsClient sns;
    private final LambdaClient lambda;
    private final Map<String, String> environment;
    private final Clock clock;
    private final SnapStartHooks snapStart;

    /** Lambda's constructor: clients built once by {@link JanitorClients}; registers the SnapStart hooks. */
    public RunJanitorHandler() {
        this(ClientEnvironment.fromEnvironment(System.getenv()), System.getenv());
        Core.getGlobalContext().register(snapStart);
    }

    /** What the no-argument constructor does, over {@code clients} and the function's {@code environment}. */
    RunJanitorHandler(ClientEnvironment clients, Map<String, String> environment) {
        this(JanitorClients.emr(clients), JanitorClients.stepFunctions(clients), JanitorClients.sns(clients),
                JanitorClients.lambda(clients), environment, Clock.systemUTC());
    }

    /** For tests and the offline runner: SDK clients, the environment to read the configuration from, a clock. */
    public RunJanitorHandler(EmrClient emr, SfnClient sfn, SnsClient sns, LambdaClient lambda,
                             Map<String, String> environment, Clock clock) {
        this.emr = emr;
        this.sfn = sfn;
        this.sns = sns;
        this.lambda = lambda;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.snapStart = new SnapStartHooks(emr, sfn, sns, lambda, this.environment);
    }

    SnapStartHooks snapStartHooks() {
        return snapStart;
    }

    @Override
    public JanitorReport handleRequest(Map<String, Object> event, Context context) {
        JanitorSettings settings = JanitorSettings.fromEnvironment(environment);
        JanitorEvent what = JanitorEvents.from(event);
        LOG.info("janitor: " + what);
        return new RunJanitor(sfn, sns, new PipelineClusters(emr, settings), new PipelineFunctions(lambda, settings),
                settings, clock).handle(what);
    }
}
