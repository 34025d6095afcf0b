package emrpipeline.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import emrpipeline.slack.SlackNotifierHandler;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The logger {@code LambdaRuntime.getLogger()} returns offline, and the functions' log4j2 set up as in Lambda.
 *
 * <p>Outside Lambda, aws-lambda-java-core's default logger prints each message without a line break, so consecutive
 * messages run together; in Lambda the runtime client installs its own logger and every call is one log event. This
 * one writes one line per call (to standard output, where {@link LocalFunction} captures it per invocation), with the
 * level; like the runtime client, it writes what the log4j2 appender sends (bytes, already formatted) as it is.
 *
 * <p>The functions log through log4j2's Lambda appender, which keeps the logger {@code LambdaRuntime.getLogger()}
 * returned when log4j2 configured it: so this logger is installed first, as the runtime client does before it
 * loads a handler, and then log4j2 is (re)configured. All functions run in this one JVM and share one log4j2
 * configuration: the Slack notifier's log4j2.xml, which is the other functions' plus webhook redaction around each
 * layout (a test keeps them so), chosen explicitly because DynamoDB Local's jar carries a log4j2.xml too. Lambda's
 * AWS_LAMBDA_LOG_FORMAT / AWS_LAMBDA_LOG_LEVEL are not set here, so the runner shows the TEXT format at INFO.
 */
final class RuntimeLogger implements LambdaLogger {
    private static volatile boolean installed;

    private RuntimeLogger() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Field field = LambdaRuntime.class.getDeclaredField("logger");
            field.setAccessible(true);
            field.set(null, new RuntimeLogger());
        } catch (ReflectiveOperationException | RuntimeException e) {
            // aws-lambda-java-core changed: keep its default logger (messages may run together, nothing else).
        }
        installed = true;
        configureLog4j2();
    }

    /** The functions' log4j2 configuration, as the Slack notifier's artifact carries it. */
    static URL functionsLog4j2Configuration() {
        URL artifact = SlackNotifierHandler.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader only = new URLClassLoader(new URL[] {artifact}, null)) {
            URL configuration = only.findResource("log4j2.xml");
            if (configuration == null) {
                throw new IllegalStateException("no log4j2.xml in " + artifact);
            }
            return configuration;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * (Re)configures log4j2 now that this logger is in place: the Lambda appender is built anew and keeps it. DynamoDB
     * Local logs through log4j2 as well; it stays at WARN, as its own configuration has it, out of the functions' logs.
     */
    private static void configureLog4j2() {
        try {
            ((LoggerContext) LogManager.getContext(false)).setConfigLocation(functionsLog4j2Configuration().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Configurator.setLevel("com.amazonaws.services.dynamodbv2", Level.WARN);
    }

    @Override
    public void log(String message) {
        System.out.println(message.endsWith("\n") ? message.substring(0, message.length() - 1) : message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    /** As the runtime client: bytes (the log4j2 appender's) are written as they are, without a level prefix. */
    @Override
    public void log(byte[] message, LogLevel level) {
        log(message);
    }

    @Override
    public void log(String message, LogLevel level) {
        log(level == null || level == LogLevel.UNDEFINED ? message : level + " " + message);
    }
}
