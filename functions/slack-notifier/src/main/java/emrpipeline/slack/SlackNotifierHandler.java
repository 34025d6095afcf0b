package emrpipeline.slack;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.http.HttpClient;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.crac.Core;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code SlackNotifierFunction}: posts a run update to Slack through an incoming webhook kept in Secrets Manager.
 * Throws only {@link InvalidNotificationException} (bad input); every delivery problem is returned in the
 * {@link NotificationResult}. Contract: README, "Slack notifier".
 */
public class SlackNotifierHandler implements RequestHandler<NotificationRequest, NotificationResult> {
    private final NotificationValidator validator;
    private final SlackNotifier notifier;
    private final RedactingLog log;
    private final SnapStartHooks snapStart;

    /**
     * Lambda's constructor: settings from the environment, clients built once per container by {@link NotifierClients}
     * (the Secrets Manager client only when a secret is configured). Registers the SnapStart hooks (the runtime holds
     * the handler, so the hooks registered here stay alive).
     */
    public SlackNotifierHandler() {
        this(ClientEnvironment.fromEnvironment(System.getenv()), NotifierSettings.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(snapStart);
    }

    /** What the no-argument constructor does, over {@code clients} and the settings read from the environment. */
    SlackNotifierHandler(ClientEnvironment clients, NotifierSettings.FromEnvironment read) {
        this(read.settings().secretArn() == null ? null : NotifierClients.secretsManager(clients), NotifierClients.webhook(),
                read.settings(), LogSink.log4j2());
        read.warnings().forEach(log::warn);
    }

    /**
     * For tests: the clients, settings and log sink to use. {@code secretsManager} may be {@code null} when
     * {@code settings} has no secret ARN.
     */
    public SlackNotifierHandler(SecretsManagerClient secretsManager, HttpClient http, NotifierSettings settings, LogSink logSink) {
        this(secretsManager, http, settings, logSink, Sleeper.THREAD, System::nanoTime);
    }

    /**
     * For the offline runner: the clients and settings to use, logs to log4j2 as in production, and the waits between
     * delivery attempts and the clock of the time budget (and of the secret cache) given, so that a Retry-After or a
     * backoff is waited out on {@code nanoTime} instead of slept.
     */
    public SlackNotifierHandler(SecretsManagerClient secretsManager, HttpClient http, NotifierSettings settings,
                                Sleeper sleeper, LongSupplier nanoTime) {
        this(secretsManager, http, settings, LogSink.log4j2(), sleeper, nanoTime);
    }

    /**
     * For tests: {@code sleeper} waits between delivery attempts and {@code nanoTime} is the clock of the time budget
     * and of the secret cache, so that a test can run them on a fake clock instead of waiting.
     */
    SlackNotifierHandler(SecretsManagerClient secretsManager, HttpClient http, NotifierSettings settings, LogSink logSink,
                         Sleeper sleeper, LongSupplier nanoTime) {
        Redactor redactor = Redactor.shared();
        this.log = new RedactingLog(logSink, redactor);
        this.validator = new NotificationValidator(redactor);
        WebhookSecret secret = settings.secretArn() == null ? null
                : new WebhookSecret(secretsManager, settings.secretArn(), settings.secretCacheTtl(), settings.webhookPolicy(),
                redactor, log, nanoTime);
        RunUpdateFormatter formatter = new RunUpdateFormatter(settings.region(), redactor);
        this.notifier = new SlackNotifier(secret, formatter,
                new WebhookDelivery(http, settings.delivery(), sleeper, log), settings, redactor, log, nanoTime);
        this.snapStart = new SnapStartHooks(secret == null ? null : secretsManager, settings.secretArn(), secret, validator,
                formatter);
    }

    /** The SnapStart hooks over this handler's parts (registered with the runtime by the no-argument constructor). */
    SnapStartHooks snapStartHooks() {
        return snapStart;
    }

    @Override
    public NotificationResult handleRequest(NotificationRequest request, Context context) {
        Notification notification;
        try {
            notification = validator.validate(request);
        } catch (InvalidNotificationException e) {
            log.warn("invalid notification request: " + e.getMessage());
            throw e;
        }
        return notifier.notify(notification,
                context == null ? OptionalLong.empty() : OptionalLong.of(context.getRemainingTimeInMillis()));
    }
}
