package emrpipeline.alarms;

/**
 * The function's environment (set by template parameters) is unusable: a topic ARN that is not an SNS topic ARN,
 * an alarm name prefix CloudWatch or IAM would not accept, a threshold or evaluation period count that is not
 * positive or out of range. Thrown before any AWS API call, on every invocation until the configuration is fixed,
 * with the offending variable named. Reported as {@code emrpipeline.alarms.InvalidAlarmConfigurationException}.
 */
public class InvalidAlarmConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidAlarmConfigurationException(String message) {
        super(message);
    }
}
