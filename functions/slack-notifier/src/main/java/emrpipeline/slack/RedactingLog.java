package emrpipeline.slack;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/** The function's only way to log: every line goes through the {@link Redactor} first. */
final class RedactingLog {
    private final LogSink sink;
    private final Redactor redactor;

    RedactingLog(LogSink sink, Redactor redactor) {
        this.sink = sink;
        this.redactor = redactor;
    }

    void debug(String message) {
        sink.log(redactor.redact(message), LogLevel.DEBUG);
    }

    void info(String message) {
        sink.log(redactor.redact(message), LogLevel.INFO);
    }

    void warn(String message) {
        sink.log(redactor.redact(message), LogLevel.WARN);
    }

    void error(String message) {
        sink.log(redactor.redact(message), LogLevel.ERROR);
    }
}
