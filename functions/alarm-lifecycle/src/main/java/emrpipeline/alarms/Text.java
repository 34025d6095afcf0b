package emrpipeline.alarms;

import java.math.BigDecimal;

/** Small text checks shared by the validators. */
final class Text {
    private Text() {
    }

    /** True when the string holds an ASCII control character (U+0000-U+001F or U+007F), which CloudWatch refuses in names. */
    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** A threshold as people write it: 80, 0.5 - never 80.0 or 8E+1. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
