package emrpipeline.alarms;

/**
 * The sweep deleted what it could decide on but could not determine the state of at least one cluster (an EMR
 * error other than "unknown cluster", after the client's retries). Those clusters' alarms were kept. Thrown at the
 * end of the sweep so the invocation is visibly failed (Lambda {@code Errors} metric, scheduler retry) without
 * blocking the clean-up of the other clusters. Reported as {@code emrpipeline.alarms.AlarmSweepIncompleteException}.
 */
public class AlarmSweepIncompleteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlarmSweepIncompleteException(String message, Throwable firstCause) {
        super(message, firstCause);
    }
}
