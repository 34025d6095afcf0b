package emrpipeline.slack;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import com.eclipsesource.json.WriterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link Notification} as a Slack message: a header with the outcome and the run id, fields for the
 * figures the caller knows (only those), links to the execution in the Step Functions console and to the cluster
 * in the EMR console, the reason when one is given, a readable error block on failure, the manifest in a context
 * line, and a plain {@code text} fallback for notifications. Every caller-supplied string goes through the
 * {@link Redactor}, is escaped for {@code mrkdwn} and is cut to a size that keeps the whole message within
 * {@link SlackLimits} by construction (the {@link SlackMessage.Builder} enforces the limits again).
 */
final class RunUpdateFormatter {
    /** Longest run id, execution name or cluster id shown. */
    static final int NAME_MAX = 200;
    static final int ERROR_MAX = 300;
    static final int REASON_MAX = 1_000;
    static final int MANIFEST_MAX = 500;
    /** Longest part of the cause repeated in the fallback text. */
    static final int FALLBACK_CAUSE_MAX = 300;

    private static final String CAUSE_OPEN = "*Cause*\n```\n";
    private static final String CAUSE_CLOSE = "\n```";
    private static final String CAUSE_CUT = "\n… %,d more characters left out: the full cause is in the execution's history";

    private final String defaultRegion;
    private final Redactor redactor;

    /** @param defaultRegion the function's own region ({@code AWS_REGION}), used when the request has no execution ARN */
    RunUpdateFormatter(String defaultRegion, Redactor redactor) {
        this.defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion;
        this.redactor = redactor;
    }

    SlackMessage format(Notification n) {
        ExecutionArn arn = n.executionArn();
        String region = arn != null ? arn.region() : defaultRegion;
        Optional<ConsoleLinks> links = ConsoleLinks.of(arn != null ? arn.partition() : null, region);

        SlackMessage.Builder message = SlackMessage.builder()
                .text(fallback(n))
                .header(headline(n.kind()) + ": " + SlackText.fitPlain(clean(n.runId()), NAME_MAX))
                .fields(fields(n, region, links));
        if (n.reason() != null) {
            message.section("*Reason:* " + SlackText.fitEscaped(clean(n.reason()), REASON_MAX, SlackText.ELLIPSIS));
        }
        if (n.cleanup() != null) {
            message.section("*Cleanup:* " + SlackText.fitEscaped(clean(n.cleanup()), REASON_MAX, SlackText.ELLIPSIS));
        }
        if (isFailure(n.kind()) || n.error() != null || n.cause() != null) {
            String error = n.error() == null ? "unknown" : n.error();
            message.section("*Error:* `" + SlackText.fitEscaped(inlineCodeSafe(clean(error)), ERROR_MAX, SlackText.ELLIPSIS) + "`");
            int room = SlackLimits.SECTION_TEXT - CAUSE_OPEN.length() - CAUSE_CLOSE.length();
            message.section(CAUSE_OPEN + SlackText.fitEscaped(codeBlockSafe(cause(n)), room, CAUSE_CUT) + CAUSE_CLOSE);
        }
        List<String> context = new ArrayList<>();
        if (n.manifestUri() != null) {
            context.add("Manifest: `" + SlackText.fitEscaped(inlineCodeSafe(clean(n.manifestUri())), MANIFEST_MAX, SlackText.ELLIPSIS) + "`");
        }
        context.add("emr-pipeline · " + n.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        return message.context(context).build();
    }

    private static String headline(NotificationKind kind) {
        return switch (kind) {
            case STARTED -> ":arrow_forward: Run started";
            case CLUSTER_READY -> ":large_green_circle: Cluster ready";
            case SUCCEEDED -> ":white_check_mark: Run succeeded";
            case FAILED -> ":x: Run failed";
            case SKIPPED -> ":fast_forward: Run skipped";
            case TIMED_OUT -> ":hourglass: Run timed out";
            case ABORTED -> ":octagonal_sign: Run stopped";
            case CLEANED_UP -> ":broom: Cleaned up after run";
            case CLUSTER_FAILED -> ":rotating_light: Cluster ended with errors";
        };
    }

    private List<String> fields(Notification n, String region, Optional<ConsoleLinks> links) {
        boolean processed = n.kind() == NotificationKind.SUCCEEDED;
        List<String> fields = new ArrayList<>();
        fields.add(field("Run", name(n.runId())));
        String executionName = n.displayExecutionName();
        if (executionName != null) {
            String shown = name(executionName);
            fields.add(field("Execution", links.isPresent() && n.executionArn() != null
                    ? link(links.get().execution(n.executionArn()), shown) : shown));
        }
        if (n.clusterId() != null) {
            String shown = name(n.clusterId());
            fields.add(field("Cluster", links.map(l -> link(l.cluster(n.clusterId()), shown)).orElse(shown)));
        }
        if (n.newObjectCount() != null) {
            fields.add(field(processed ? "Objects processed" : "New objects", Figures.count(n.newObjectCount())));
        }
        if (n.newBytes() != null) {
            fields.add(field(processed ? "Data processed" : "New data", Figures.bytes(n.newBytes())));
        }
        if (n.ebsGib() != null) {
            String nodes = n.coreNodeCount() == null ? "" : " · " + nodes(n.coreNodeCount());
            fields.add(field("EBS", Figures.count(n.ebsGib()) + " GiB per core-node volume" + nodes));
        } else if (n.coreNodeCount() != null) {
            fields.add(field("Core nodes", Figures.count(n.coreNodeCount())));
        }
        if (n.durationSeconds() != null) {
            fields.add(field("Duration", Figures.duration(n.durationSeconds())));
        }
        if (n.clusterHours() != null) {
            fields.add(field("Cluster-hours", Figures.decimal(n.clusterHours())));
        }
        if (n.estimatedCostUsd() != null) {
            fields.add(field("Estimated cost", SlackText.escape(Figures.usd(n.estimatedCostUsd()))));
        }
        if (region != null) {
            fields.add(field("Region", SlackText.escape(region)));
        }
        return fields;
    }

    /** The notification text: one sentence with the essentials, escaped for mrkdwn. */
    private String fallback(Notification n) {
        String run = "Run " + clean(n.runId());
        String objects = objects(n, "");
        String text = switch (n.kind()) {
            case STARTED -> run + " started" + (objects == null ? "" : ": " + objects(n, "new "))
                    + (n.ebsGib() == null ? "" : ", " + n.ebsGib() + " GiB of EBS per core-node volume") + ".";
            case CLUSTER_READY -> run + ": cluster " + (n.clusterId() == null ? "" : n.clusterId() + " ") + "is ready.";
            case SUCCEEDED -> run + " succeeded"
                    + (n.durationSeconds() == null ? "" : " in " + Figures.duration(n.durationSeconds()))
                    + (objects == null ? "" : ": " + objects + " processed")
                    + (n.estimatedCostUsd() == null ? "" : ", estimated cost " + Figures.usd(n.estimatedCostUsd())) + ".";
            case FAILED -> run + " failed: " + errorLine(n);
            case TIMED_OUT -> run + " timed out: " + errorLine(n);
            case ABORTED -> run + " was stopped" + (n.reason() == null ? "." : ": " + clean(n.reason()));
            case CLUSTER_FAILED -> run + ": cluster " + (n.clusterId() == null ? "" : n.clusterId() + " ")
                    + "ended with errors: " + SlackText.fitPlain(firstLine(cause(n)), FALLBACK_CAUSE_MAX);
            case CLEANED_UP -> run + ": " + (n.cleanup() == null ? "cleaned up" : clean(n.cleanup())) + ".";
            case SKIPPED -> run + " skipped" + (n.reason() == null ? "" : ": " + clean(n.reason())) + ".";
        };
        return SlackText.fitEscaped(text, SlackLimits.FALLBACK_TEXT, SlackText.ELLIPSIS);
    }

    private static boolean isFailure(NotificationKind kind) {
        return kind == NotificationKind.FAILED || kind == NotificationKind.TIMED_OUT || kind == NotificationKind.CLUSTER_FAILED;
    }

    private String cause(Notification n) {
        return FailureReason.readable(n.error(), n.cause() == null ? null : clean(n.cause()));
    }

    private String errorLine(Notification n) {
        return (n.error() == null ? "unknown error" : clean(n.error())) + ": "
                + SlackText.fitPlain(firstLine(cause(n)), FALLBACK_CAUSE_MAX);
    }

    /** "1,234 [new ]objects (12.3 GiB)", or {@code null} when the count is not known. */
    private static String objects(Notification n, String adjective) {
        if (n.newObjectCount() == null) {
            return null;
        }
        return Figures.count(n.newObjectCount()) + " " + adjective + (n.newObjectCount() == 1 ? "object" : "objects")
                + (n.newBytes() == null ? "" : " (" + Figures.bytes(n.newBytes()) + ")");
    }

    private String clean(String text) {
        return redactor.redact(text);
    }

    private String name(String raw) {
        return SlackText.fitEscaped(clean(raw), NAME_MAX, SlackText.ELLIPSIS);
    }

    private static String field(String label, String mrkdwnValue) {
        return "*" + label + "*\n" + mrkdwnValue;
    }

    /** A mrkdwn link; the label must not contain '|' (it would end the URL part early). */
    private static String link(String url, String escapedLabel) {
        return "<" + url + "|" + escapedLabel.replace('|', '¦') + ">";
    }

    private static String nodes(long count) {
        return Figures.count(count) + (count == 1 ? " core node" : " core nodes");
    }

    /** A backtick in caller text would end our inline code early. */
    private static String inlineCodeSafe(String text) {
        return text.replace('`', '\'');
    }

    /** A triple backtick in caller text would end our code block early. */
    private static String codeBlockSafe(String text) {
        return text.replace("```", "'''");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
