package emrpipeline.slack;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/**
 * Where log lines go: log4j2 in production (the Lambda runtime's appender, JSON with the function's LoggingConfig;
 * src/main/resources/log4j2.xml), a list in tests.
 */
@FunctionalInterface
public interface LogSink {
    void log(String message, LogLevel level);

    /** The function's log4j2 logger. */
    static LogSink log4j2() {
        return Log4j2Sink.INSTANCE;
    }
}
