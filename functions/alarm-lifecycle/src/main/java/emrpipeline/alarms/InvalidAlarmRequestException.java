package emrpipeline.alarms;

/**
 * The request is malformed (unknown action, bad cluster id, run id, alarm names, a name that would exceed
 * CloudWatch's limits). Thrown before any AWS API call. The Lambda Java runtime reports the fully qualified
 * class name as {@code errorType}, so a Step Functions {@code Catch} matches
 * {@code emrpipeline.alarms.InvalidAlarmRequestException}. Keep the name stable: it is part of the contract.
 */
public class InvalidAlarmRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidAlarmRequestException(String message) {
        super(message);
    }
}
