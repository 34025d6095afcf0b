package emrpipeline.sizing;

import java.util.Comparator;

/**
 * One raw object as listed: key, ETag without its quotes, size in bytes, last-modified in epoch milliseconds.
 */
public record ListedObject(String key, String etag, long size, long lastModifiedMillis) {

    /**
     * The manifest's order: by key in {@link KeyOrder} (UTF-8 byte order = S3's listing order), then ETag.
     */
    public static final Comparator<ListedObject> MANIFEST_ORDER = (a, b) -> {
        int byKey = KeyOrder.compare(a.key, b.key);
        return byKey != 0 ? byKey : KeyOrder.compare(a.etag, b.etag);
    };

    /** S3 returns ETags in double quotes; the manifest and the index store them without. */
    public static String unquoteEtag(String etag) {
        if (etag == null) {
            return "";
        }
        return etag.length() >= 2 && etag.charAt(0) == '"' && etag.charAt(etag.length() - 1) == '"'
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
