package emrpipeline.local.asl;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Timestamps as the States Language defines them: RFC 3339 with an uppercase {@code T} and an
 * uppercase {@code Z} when there is no numeric offset ({@code 2016-03-14T01:59:00Z}).
 */
final class Timestamps {
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter CONTEXT_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The instant of a States Language timestamp, or null when the text is not one. */
    static Instant parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The context object's format: {@code 2024-01-01T06:00:00.123Z} (milliseconds, UTC). */
    static String format(Instant instant) {
        return CONTEXT_FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
