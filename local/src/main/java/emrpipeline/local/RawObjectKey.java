package emrpipeline.local;

import java.nio.charset.StandardCharsets;

/**
 * The key {@code local/run add} stores a file under: {@code <RawPrefix><name>}, where the name (the file's own name,
 * or {@code --key}) is checked first, so that the key reported is the key stored and a bad name is a one-line error
 * before anything is sent to the local S3. Refused, with the reason:
 * <ul>
 *   <li>an empty name, or one starting with {@code /} (keys are relative to the raw prefix; S3 would keep the
 *       {@code /}, the local store, a folder tree, would drop it: the object would not be where it was reported);</li>
 *   <li>an empty, {@code .} or {@code ..} segment ({@code a//b}, {@code ./a}, {@code ../a}): the local store and
 *       Hadoop's paths, which the Spark job reads objects by, would turn it into another key, or out of the raw
 *       prefix; the job refuses such keys too;</li>
 *   <li>a name ending with {@code /}: a folder marker, not an object (the sizing function skips those);</li>
 *   <li>a control character (U+0000 to U+001F, U+007F to U+009F);</li>
 *   <li>a key longer than S3's 1,024 bytes of UTF-8, or a segment longer than 255 bytes, the longest file name the
 *       local store can keep.</li>
 * </ul>
 * S3's own rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html (a key is up to 1,024
 * bytes of UTF-8).
 */
final class RawObjectKey {
    /** S3's longest key, in bytes of UTF-8. */
    static final int MAX_KEY_BYTES = 1024;
    /** The longest file name of the local store's file systems (NAME_MAX), in bytes. */
    static final int MAX_SEGMENT_BYTES = 255;

    private RawObjectKey() {
    }

    /**
     * {@code name} in single quotes for a one-line message: control characters written as {@code \n}, {@code \t} or
     * {@code \}{@code uXXXX}, and cut after 100 characters.
     */
    static String quoted(String name) {
        StringBuilder out = new StringBuilder("'");
        String shown = name.length() > 100 ? name.substring(0, 100) : name;
        for (char c : shown.toCharArray()) {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(name.length() > 100 ? "…' (" + name.length() + " characters)" : "'").toString();
    }

    /**
     * {@code rawPrefix + name}, after checking {@code name}; an IllegalArgumentException with a one-line message
     * naming {@code what} (e.g. "--key 'a/../b.csv'") otherwise.
     */
    static String of(String rawPrefix, String name, String what) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: give the object's name under " + rawPrefix
                    + ", e.g. --key day=2026-11-22/orders.csv");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new IllegalArgumentException(what + " has a control character (U+" + String.format("%04X", (int) c)
                        + ") at position " + (i + 1) + "; object keys here are printable text");
            }
        }
        if (name.startsWith("/")) {
            throw new IllegalArgumentException(what + " starts with '/': the name is relative to the raw prefix " + rawPrefix
                    + " (for " + rawPrefix + name.replaceFirst("^/+", "") + ", give --key " + name.replaceFirst("^/+", "") + ")");
        }
        if (name.endsWith("/")) {
            throw new IllegalArgumentException(what + " ends with '/': that names a folder, not an object");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(what + " has " + (segment.isEmpty() ? "an empty segment ('//')"
                        : "a '" + segment + "' segment") + ": the local store and the Spark job's Hadoop paths would read"
                        + " it as another key; use plain names separated by single '/'");
            }
            int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_SEGMENT_BYTES) {
                throw new IllegalArgumentException(what + " has a segment of " + bytes + " bytes; the local store keeps each"
                        + " segment as a file name, at most " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
        String key = rawPrefix + name;
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(what + " makes a key of " + bytes + " bytes with the raw prefix " + rawPrefix
                    + "; S3 keys are at most " + MAX_KEY_BYTES + " bytes of UTF-8");
        }
        return key;
    }
}
