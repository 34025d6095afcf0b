package emrpipeline.slack;

import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/** Where log lines go: the Lambda runtime's logger in production (JSON with the function's LoggingConfig), a list in tests. */
@FunctionalInterface
public interface LogSink {
    void log(String message, LogLevel level);

    /** The runtime's logger; outside Lambda it writes to standard output. */
    static LogSink lambda() {
        return LambdaRuntime.getLogger()::log;
    }
}
