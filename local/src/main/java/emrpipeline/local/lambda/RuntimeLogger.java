package emrpipeline.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * The logger {@code LambdaRuntime.getLogger()} returns offline. Outside Lambda, aws-lambda-java-core's default
 * prints each message without a line break, so consecutive messages run together; in Lambda the runtime client
 * installs its own logger and every call is one log event. This one writes one line per call (to standard output,
 * where {@link LocalFunction} captures it per invocation), with the level. It is installed, as the runtime client
 * does, before any function class is loaded (the functions keep the logger in a static field).
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
            installed = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // aws-lambda-java-core changed: keep its default logger (messages may run together, nothing else).
            installed = true;
        }
    }

    @Override
    public void log(String message) {
        System.out.println(message.endsWith("\n") ? message.substring(0, message.length() - 1) : message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        log(level == null || level == LogLevel.UNDEFINED ? message : level + " " + message);
    }
}
