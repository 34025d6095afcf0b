package emrpipeline.slack;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Step Functions execution ARN, {@code arn:<partition>:states:<region>:<account>:execution:<stateMachine>:<name>}
 * ({@code express} instead of {@code execution} for Express workflows). The state machine part may carry a
 * {@code /label} (Map Run child executions). None of the parts can hold white space, {@code :}, {@code |},
 * {@code <} or {@code >}, so the ARN is safe inside a Slack link.
 */
public record ExecutionArn(String arn, String partition, String region, String account, String stateMachine, String name) {
    private static final Pattern SHAPE = Pattern.compile(
            "arn:(aws[a-z-]*):states:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):(?:execution|express):([^:\\s|<>]+):([^:\\s|<>]+)");

    /** The ARN's parts, or empty when the text is not an execution ARN. */
    public static Optional<ExecutionArn> parse(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ExecutionArn(text, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
    }
}
