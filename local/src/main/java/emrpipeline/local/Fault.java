package emrpipeline.local;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An injected task failure: {@code TARGET=ERROR[:CAUSE][@ATTEMPTS]}. The target is a state name
 * ({@code CreateCluster}), a Task resource ({@code arn:aws:states:::elasticmapreduce:terminateCluster.sync}), or a
 * function (logical id, name or ARN, for {@code lambda:invoke} tasks). ATTEMPTS is a comma-separated list of
 * attempt numbers of the state (1 = first try, 2 = first retry, ...); without it, every attempt fails. The failure
 * replaces the call: the function or service is not invoked for that attempt.
 *
 * <p>Examples: {@code SizeStorage=Lambda.ServiceException@1},
 * {@code TerminateCluster=EMR.AmazonElasticMapReduceException:Rate exceeded@1,2},
 * {@code SlackNotifierFunction=Lambda.TooManyRequestsException}.
 */
public record Fault(String target, String error, String cause, Set<Integer> attempts, String text) {
    private static final Pattern ATTEMPTS = Pattern.compile("@(\\d+(?:,\\d+)*)$");

    public static Fault parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("--fail expects TARGET=ERROR[:CAUSE][@ATTEMPTS], got '" + text + "'");
        }
        String target = text.substring(0, equals).trim();
        String rest = text.substring(equals + 1);
        Set<Integer> attempts = new LinkedHashSet<>();
        Matcher m = ATTEMPTS.matcher(rest);
        if (m.find()) {
            for (String a : m.group(1).split(",")) {
                int n = Integer.parseInt(a);
                if (n < 1) {
                    throw new IllegalArgumentException("--fail attempts count from 1, got " + n + " in '" + text + "'");
                }
                attempts.add(n);
            }
            rest = rest.substring(0, m.start());
        }
        int colon = rest.indexOf(':');
        String error = (colon < 0 ? rest : rest.substring(0, colon)).trim();
        String cause = colon < 0 ? null : rest.substring(colon + 1);
        if (error.isEmpty()) {
            throw new IllegalArgumentException("--fail needs an error name, got '" + text + "'");
        }
        return new Fault(target, error, cause, Set.copyOf(attempts), text);
    }

    /** True when this fault applies to the attempt. */
    public boolean appliesTo(int attempt) {
        return attempts.isEmpty() || attempts.contains(attempt);
    }

    /** The cause reported: the one given, or one that says the failure was injected. */
    public String causeOrDefault() {
        return cause != null ? cause : "injected by --fail " + text;
    }
}
