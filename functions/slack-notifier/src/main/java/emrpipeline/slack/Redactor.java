package emrpipeline.slack;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that removes Slack webhook URLs from text leaving the function: every log line, every
 * {@code reason}, every exception message and the Slack message itself go through {@link #redact}.
 *
 * <p>It removes, in any text: the values registered with {@link #register} (the secret as read and the
 * webhook URL parsed from it, so a webhook on another host, such as a test server, is covered too); anything
 * after {@code hooks.slack.com/services/} (also {@code /triggers/}, {@code /workflows/} and
 * {@code hooks.slack-gov.com}), whether the slashes are plain, JSON-escaped ({@code \/}) or
 * percent-encoded ({@code %2F}); and a bare token path {@code services/T.../B.../...}.
 */
public final class Redactor {
    static final String MASK = "[redacted]";
    private static final String SLASH = "(?:/|\\\\/|%2[fF])";
    private static final Pattern SLACK_HOOK = Pattern.compile(
            "(?i)(hooks\\.slack(?:-gov)?\\.com" + SLASH + "+(?:services|triggers|workflows)" + SLASH + ")[^\\s\"'<>|`]*");
    private static final Pattern TOKEN_PATH = Pattern.compile(
            "(?i)(services" + SLASH + ")T[A-Z0-9]+" + SLASH + "B[A-Z0-9]+" + SLASH + "[A-Za-z0-9]+");
    /** Shorter registered values are not worth masking everywhere (and could mask ordinary words). */
    private static final int MIN_REGISTERED_LENGTH = 8;

    /** The function's: the handler registers the secret it reads here, and every log event is redacted with it. */
    private static final Redactor SHARED = new Redactor();

    private final Set<String> registered = new CopyOnWriteArraySet<>();

    /**
     * The redactor of this process (one execution environment): the handler uses it, so that the log layouts
     * ({@link RedactingLayout}) mask the secret values it registers in everything logged, by any class.
     */
    public static Redactor shared() {
        return SHARED;
    }

    /** Masks {@code secret}, and its URL path when it is a URL, wherever they appear from now on. */
    public void register(String secret) {
        if (secret == null) {
            return;
        }
        String value = secret.strip();
        if (value.length() >= MIN_REGISTERED_LENGTH) {
            registered.add(value);
        }
        try {
            String path = URI.create(value).getRawPath();
            if (path != null && path.length() >= MIN_REGISTERED_LENGTH) {
                registered.add(path);
            }
        } catch (IllegalArgumentException notAUrl) {
            // only the value itself is masked
        }
    }

    /** {@code text} with every webhook URL and registered secret replaced by {@value #MASK}; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : registered) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        result = SLACK_HOOK.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return TOKEN_PATH.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
