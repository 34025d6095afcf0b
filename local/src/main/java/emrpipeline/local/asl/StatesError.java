package emrpipeline.local.asl;

/**
 * An error raised while a state runs, named as the service names it ({@code States.Timeout},
 * {@code States.Runtime}, a task's own error such as {@code Lambda.ServiceException}, ...).
 * Retriers and Catchers match on {@link #error()}.
 */
public final class StatesError extends RuntimeException {
    public static final String ALL = "States.ALL";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String PERMISSIONS = "States.Permissions";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String RUNTIME = "States.Runtime";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    private final String error;
    private final String errorCause;

    public StatesError(String error, String cause) {
        super(cause == null ? error : error + ": " + cause);
        this.error = error;
        this.errorCause = cause;
    }

    public String error() {
        return error;
    }

    /** Human-readable cause; may be null (a Fail state without Cause). */
    public String cause() {
        return errorCause;
    }

    static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }

    static StatesError intrinsic(String cause) {
        return new StatesError(INTRINSIC_FAILURE, cause);
    }
}
