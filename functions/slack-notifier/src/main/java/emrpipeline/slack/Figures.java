package emrpipeline.slack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Figures as people read them: 1,234 objects, 12.3 GiB, 1 h 02 min, $4.56. */
final class Figures {
    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Figures() {
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Bytes in binary units with three significant digits: 512 bytes, 1.50 KiB, 12.3 GiB, 123 TiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // Rounding may reach the next unit (1023.99 KiB prints as "1024 KiB"): acceptable, and still true.
        String pattern = value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, pattern, value, BINARY_UNITS[unit]);
    }

    /** A duration in seconds: 45 s, 12 min 05 s, 2 h 03 min, 1 d 4 h 05 min (rounded to the second). */
    static String duration(BigDecimal seconds) {
        long total = seconds.setScale(0, RoundingMode.HALF_UP).longValue();
        long days = total / 86_400;
        long hours = total % 86_400 / 3_600;
        long minutes = total % 3_600 / 60;
        long secs = total % 60;
        if (days > 0) {
            return String.format(Locale.ROOT, "%d d %d h %02d min", days, hours, minutes);
        }
        if (hours > 0) {
            return String.format(Locale.ROOT, "%d h %02d min", hours, minutes);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%d min %02d s", minutes, secs);
        }
        return secs + " s";
    }

    /** US dollars with cents: $0.42, $1,234.56; a positive amount under a cent shows as &lt;$0.01. */
    static String usd(BigDecimal amount) {
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        if (cents.signum() == 0 && amount.signum() > 0) {
            return "<$0.01";
        }
        return String.format(Locale.ROOT, "$%,.2f", cents);
    }

    /** A decimal figure with at most two decimals and no trailing zeros: 3, 3.5, 3.25. */
    static String decimal(BigDecimal value) {
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }
}
