package emrpipeline.sizing;

import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads a manifest back as a stream (a manifest can list a million objects) and returns its summary after
 * checking it against its own objects: {@code objectCount}, {@code totalBytes} and {@code sha256} must
 * match what the objects add up to, and the objects must be in manifest order.
 *
 * <p>The run ledger and the Spark job read the same format with their own code (each module is built alone, so none
 * can share this class); the golden manifest of docs/data-formats/, which each reads in its DataFormatsTest and which
 * {@link Manifest} writes byte for byte, keeps them in step.
 *
 * <p>It streams with the Jackson core parser the AWS SDK already ships (relocated to
 * {@code software.amazon.awssdk.thirdparty}, pinned by the SDK BOM) rather than a second copy of jackson-core:
 * the second copy cost 0.6 MB and took the zipped function past its 8 MB budget.
 */
public final class ManifestReader {
    private static final PipelineJson JSON = new PipelineJson("manifest");

    private ManifestReader() {
    }

    /**
     * @param source names the manifest in error messages (its S3 URI)
     * @throws CorruptPipelineObjectException when it is not a valid manifest
     */
    public static ManifestSummary readSummary(InputStream in, String source) {
        return JSON.read(in, source, p -> parse(p, source));
    }

    private static ManifestSummary parse(JsonParser p, String source) throws IOException {
        Integer formatVersion = null;
        String runId = null;
        String bucket = null;
        String rawPrefix = null;
        String createdAt = null;
        Long objectCount = null;
        Long totalBytes = null;
        String sha256 = null;
        boolean sawObjects = false;
        long countedObjects = 0;
        long countedBytes = 0;
        MessageDigest sha = Manifest.newSha256();
        String previousKey = null;
        Utf8Buffer lines = new Utf8Buffer(1 << 16);

        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "formatVersion" -> formatVersion = (int) JSON.number(p, value, source, field);
                case "runId" -> runId = JSON.text(p, value, source, field);
                case "bucket" -> bucket = JSON.text(p, value, source, field);
                case "rawPrefix" -> rawPrefix = JSON.text(p, value, source, field);
                case "createdAt" -> createdAt = JSON.text(p, value, source, field);
                case "objectCount" -> objectCount = JSON.number(p, value, source, field);
                case "totalBytes" -> totalBytes = JSON.number(p, value, source, field);
                case "sha256" -> sha256 = JSON.text(p, value, source, field);
                case "objects" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw JSON.corrupt(source, "'objects' is not an array");
                    }
                    sawObjects = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String key = null;
                        String etag = null;
                        Long size = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (name) {
                                case "key" -> key = JSON.text(p, v, source, "objects[].key");
                                case "etag" -> etag = JSON.text(p, v, source, "objects[].etag");
                                case "size" -> size = JSON.number(p, v, source, "objects[].size");
                                default -> p.skipChildren();
                            }
                        }
                        if (key == null || etag == null || size == null || size < 0) {
                            throw JSON.corrupt(source, "object #" + (countedObjects + 1) + " lacks key, etag or size");
                        }
                        if (previousKey != null) {
                            int order = KeyOrder.compare(previousKey, key);
                            if (order >= 0) {
                                throw JSON.corrupt(source, "object #" + (countedObjects + 1) + (order == 0
                                        ? " repeats the key before it" : " is not sorted by key") + " (each key once, in UTF-8 byte order)");
                            }
                        }
                        previousKey = key;
                        countedObjects++;
                        countedBytes += size;
                        Manifest.appendHashLine(lines, key, etag, size);
                        if (lines.length() > (1 << 15)) {
                            sha.update(lines.bytes(), 0, lines.length());
                            lines.reset();
                        }
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw JSON.corrupt(source, "'objects' holds something other than objects");
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (formatVersion == null || formatVersion != Manifest.FORMAT_VERSION) {
            throw JSON.corrupt(source, "formatVersion is " + formatVersion + ", this function reads "
                    + Manifest.FORMAT_VERSION);
        }
        if (runId == null || bucket == null || rawPrefix == null || objectCount == null || totalBytes == null
                || sha256 == null || !sawObjects) {
            throw JSON.corrupt(source, "lacks one of runId, bucket, rawPrefix, objectCount, totalBytes, sha256, objects");
        }
        sha.update(lines.bytes(), 0, lines.length());
        String computed = HexFormat.of().formatHex(sha.digest());
        if (objectCount != countedObjects || totalBytes != countedBytes || !sha256.equals(computed)) {
            throw JSON.corrupt(source, "its totals do not match its objects: objectCount " + objectCount + " vs "
                    + countedObjects + " listed, totalBytes " + totalBytes + " vs " + countedBytes + ", sha256 "
                    + sha256 + " vs " + computed);
        }
        return new ManifestSummary(formatVersion, runId, bucket, rawPrefix, createdAt, objectCount, totalBytes,
                sha256);
    }
}
