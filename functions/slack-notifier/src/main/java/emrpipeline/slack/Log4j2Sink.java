package emrpipeline.slack;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The function's one log4j2 logger. Lines reach it already redacted ({@link RedactingLog}); the layouts of
 * log4j2.xml redact every event again ({@link RedactingLayout}), including anything logged with an exception.
 */
final class Log4j2Sink implements LogSink {
    static final Log4j2Sink INSTANCE = new Log4j2Sink();
    private static final Logger LOG = LogManager.getLogger(SlackNotifierHandler.class);

    private Log4j2Sink() {
    }

    @Override
    public void log(String message, LogLevel level) {
        LOG.log(level == null ? Level.INFO : Level.toLevel(level.name(), Level.INFO), message);
    }
}
