package emrpipeline.slack;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the runtime's {@link NotificationRequest} into a {@link Notification}, or throws
 * {@link InvalidNotificationException} naming the field and the reason. Quoted values in messages are
 * shortened and passed through the {@link Redactor}.
 */
final class NotificationValidator {
    private static final Pattern CLUSTER_ID = Pattern.compile("j-[A-Z0-9]{1,64}");
    private static final String KINDS = Arrays.stream(NotificationKind.values()).map(Enum::name)
            .collect(Collectors.joining(", "));
    private static final int QUOTED_MAX = 80;

    private final Redactor redactor;

    NotificationValidator(Redactor redactor) {
        this.redactor = redactor;
    }

    Notification validate(NotificationRequest request) {
        if (request == null) {
            throw invalid("the request is empty: kind and runId are required");
        }
        NotificationKind kind = kind(request.getKind());
        String runId = text(request.getRunId());
        if (runId == null) {
            throw invalid("runId is required");
        }
        ExecutionArn executionArn = null;
        String arnText = text(request.getExecutionArn());
        if (arnText != null) {
            executionArn = ExecutionArn.parse(arnText).orElseThrow(() -> invalid("executionArn " + quote(arnText)
                    + " is not a Step Functions execution ARN (arn:<partition>:states:<region>:<account>:execution:<stateMachine>:<name>)"));
        }
        String clusterId = text(request.getClusterId());
        if (clusterId != null && !CLUSTER_ID.matcher(clusterId).matches()) {
            throw invalid("clusterId " + quote(clusterId) + " is not an EMR cluster id (j- followed by upper-case letters and digits)");
        }
        return new Notification(
                kind,
                runId,
                executionArn,
                text(request.getExecutionName()),
                wholeNumber("newObjectCount", request.getNewObjectCount()),
                wholeNumber("newBytes", request.getNewBytes()),
                wholeNumber("ebsGib", request.getEbsGib()),
                wholeNumber("coreNodeCount", request.getCoreNodeCount()),
                clusterId,
                decimal("durationSeconds", request.getDurationSeconds()),
                decimal("clusterHours", request.getClusterHours()),
                decimal("estimatedCostUsd", request.getEstimatedCostUsd()),
                text(request.getManifestUri()),
                text(request.getError()),
                text(request.getCause()),
                text(request.getReason()),
                text(request.getCleanup()));
    }

    private NotificationKind kind(String value) {
        String text = text(value);
        if (text == null) {
            throw invalid("kind is required (one of " + KINDS + ")");
        }
        try {
            return NotificationKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("kind " + quote(text) + " is not one of " + KINDS);
        }
    }

    private Long wholeNumber(String field, String value) {
        BigDecimal number = decimal(field, value);
        if (number == null) {
            return null;
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw invalid(field + " " + quote(value) + " is not a whole number that fits in 64 bits");
        }
    }

    private BigDecimal decimal(String field, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw invalid(field + " " + quote(text) + " is not a number");
        }
        if (number.signum() < 0) {
            throw invalid(field + " " + quote(text) + " must not be negative");
        }
        if (number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(field + " " + quote(text) + " is too large");
        }
        return number;
    }

    /** Blank and absent are the same: not known. */
    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String quote(String value) {
        String redacted = redactor.redact(value);
        return "'" + (redacted.length() > QUOTED_MAX ? redacted.substring(0, QUOTED_MAX) + "…" : redacted) + "'";
    }

    private InvalidNotificationException invalid(String message) {
        return new InvalidNotificationException(redactor.redact(message));
    }
}
