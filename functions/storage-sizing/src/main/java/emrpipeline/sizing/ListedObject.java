package emrpipeline.sizing;

import java.util.Comparator;

/**
 * One raw object as listed: key, ETag without its quotes, size in bytes, last-modified in epoch milliseconds.
 */
public record ListedObject(String key, String etag, long size, long lastModifiedMillis) {

    /**
     * The manifest's order: key in Unicode code point order (= UTF-8 byte order = S3's listing order), then
     * ETag. {@link String#compareTo} compares UTF-16 units, which disagrees for supplementary characters.
     */
    public static final Comparator<ListedObject> MANIFEST_ORDER = (a, b) -> {
        int byKey = compareCodePoints(a.key, b.key);
        return byKey != 0 ? byKey : compareCodePoints(a.etag, b.etag);
    };

    /** Compares like {@code a.getBytes(UTF_8)} and {@code b.getBytes(UTF_8)} would, without encoding. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (ca >= Character.MIN_SURROGATE && cb >= Character.MIN_SURROGATE) {
                    // Move surrogates (U+D800-DFFF, i.e. code points >= U+10000) above U+E000-FFFF.
                    ca = fixUp(ca);
                    cb = fixUp(cb);
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static char fixUp(char c) {
        return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
    }

    /** S3 returns ETags in double quotes; the manifest and the index store them without. */
    public static String unquoteEtag(String etag) {
        if (etag == null) {
            return "";
        }
        return etag.length() >= 2 && etag.charAt(0) == '"' && etag.charAt(etag.length() - 1) == '"'
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
