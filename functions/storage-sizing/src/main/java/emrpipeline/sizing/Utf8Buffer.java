package emrpipeline.sizing;

import java.util.Arrays;

/**
 * A reusable, growable byte buffer that encodes text straight to UTF-8 (and to JSON string literals) without
 * building intermediate Strings: the manifest of a million objects is encoded three times (SHA-256, length,
 * upload), so this is where its CPU goes.
 */
final class Utf8Buffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    Utf8Buffer(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void reset() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    Utf8Buffer ascii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Text known to be ASCII (field names, punctuation, timestamps). */
    Utf8Buffer ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    Utf8Buffer decimal(long value) {
        if (value >= 0 && value < 10) {
            return ascii((char) ('0' + value));
        }
        return ascii(Long.toString(value));
    }

    /** {@code s} in UTF-8, as {@code s.getBytes(UTF_8)} would give it. */
    Utf8Buffer utf8(String s) {
        int n = s.length();
        ensure(n);
        int i = 0;
        for (; i < n; i++) { // fast path: ASCII
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            bytes[length++] = (byte) c;
        }
        for (; i < n; i++) {
            i = encode(s, i, false);
        }
        return this;
    }

    /**
     * {@code key} in the processed index's escaping, as UTF-8: {@code %}, TAB, LF, CR written {@code %25}, {@code %09},
     * {@code %0A}, {@code %0D} (what {@link ProcessedIndex#escapeKey} gives, without building a String).
     */
    Utf8Buffer indexKey(String key) {
        int n = key.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            String escape = c == '%' ? "%25" : c == '\t' ? "%09" : c == '\n' ? "%0A" : c == '\r' ? "%0D" : null;
            if (escape != null) {
                utf8(key.substring(from, i)).ascii(escape);
                from = i + 1;
            }
        }
        return from == 0 ? utf8(key) : utf8(key.substring(from));
    }

    /** {@code s} as a JSON string literal: quote, backslash and control characters escaped (RFC 8259). */
    Utf8Buffer jsonString(String s) {
        int n = s.length();
        ensure(n + 2);
        bytes[length++] = '"';
        int i = 0;
        for (; i < n; i++) { // fast path: printable ASCII that needs no escape
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            bytes[length++] = (byte) c;
        }
        for (; i < n; i++) {
            i = encode(s, i, true);
        }
        ensure(1);
        bytes[length++] = '"';
        return this;
    }

    /** Encodes the character at {@code i} (two for a surrogate pair); returns the index of the last one used. */
    private int encode(String s, int i, boolean json) {
        char c = s.charAt(i);
        ensure(6);
        if (json && (c < 0x20 || c == '"' || c == '\\')) {
            bytes[length++] = '\\';
            switch (c) {
                case '"' -> bytes[length++] = '"';
                case '\\' -> bytes[length++] = '\\';
                case '\n' -> bytes[length++] = 'n';
                case '\r' -> bytes[length++] = 'r';
                case '\t' -> bytes[length++] = 't';
                case '\b' -> bytes[length++] = 'b';
                case '\f' -> bytes[length++] = 'f';
                default -> {
                    bytes[length++] = 'u';
                    bytes[length++] = '0';
                    bytes[length++] = '0';
                    bytes[length++] = HEX[c >> 4];
                    bytes[length++] = HEX[c & 0xF];
                }
            }
        } else if (c < 0x80) {
            bytes[length++] = (byte) c;
        } else if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            bytes[length++] = (byte) (0xF0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            bytes[length++] = '?'; // a lone surrogate: what String.getBytes(UTF_8) writes
        } else {
            bytes[length++] = (byte) (0xE0 | (c >> 12));
            bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        }
        return i;
    }
}
