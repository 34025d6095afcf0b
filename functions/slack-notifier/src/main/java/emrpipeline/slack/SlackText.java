package emrpipeline.slack;

import java.util.Locale;

/**
 * Text for Slack: {@code mrkdwn} escaping, and truncation that respects a limit instead of failing.
 * Lengths are counted in UTF-16 code units (Java's {@code length()}), never fewer than Slack's characters; a
 * cut never splits a surrogate pair or an {@code &amp;}-style escape.
 */
final class SlackText {
    /** Appended to truncated text. */
    static final String ELLIPSIS = "…";

    private SlackText() {
    }

    /** {@code raw} escaped for {@code mrkdwn}, where {@code &}, {@code <} and {@code >} are control characters. */
    static String escape(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            appendEscaped(out, raw.charAt(i));
        }
        return out.toString();
    }

    /**
     * {@code raw} escaped for {@code mrkdwn} and, when that is longer than {@code max}, cut so that the kept
     * part plus {@code marker} is at most {@code max}. The marker may contain {@code %,d}: the number of
     * characters of {@code raw} left out.
     */
    static String fitEscaped(String raw, int max, String marker) {
        String all = escape(raw);
        if (all.length() <= max) {
            return all;
        }
        // The marker is longest with the most digits, so this budget also fits the final marker.
        int budget = max - marker(marker, raw.length()).length();
        if (budget < 0) {
            return fitPlain(marker(marker, raw.length()), max);
        }
        StringBuilder out = new StringBuilder(budget);
        int i = 0;
        while (i < raw.length()) {
            int width = Character.charCount(raw.codePointAt(i));
            int before = out.length();
            for (int k = 0; k < width; k++) {
                appendEscaped(out, raw.charAt(i + k));
            }
            if (out.length() > budget) {
                out.setLength(before);
                break;
            }
            i += width;
        }
        return out.append(marker(marker, raw.length() - i)).toString();
    }

    /** {@code raw} (plain text, not escaped) cut to at most {@code max}, {@link #ELLIPSIS} included when cut. */
    static String fitPlain(String raw, int max) {
        if (raw.length() <= max) {
            return raw;
        }
        int end = Math.max(0, max - ELLIPSIS.length());
        if (end > 0 && Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(0, end) + (max >= ELLIPSIS.length() ? ELLIPSIS : "");
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            default -> out.append(c);
        }
    }

    private static String marker(String marker, int omitted) {
        return marker.contains("%") ? String.format(Locale.ROOT, marker, omitted) : marker;
    }
}
