package emrpipeline.sizing;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A run's manifest, ready to upload: the JSON of docs/data-formats.md (manifest format 1) is generated on demand
 * as a stream, {@link #OBJECTS_PER_CHUNK} objects at a time, so a manifest of a million objects (~150 MB)
 * never sits in memory as text. {@link #contentLength()} is measured once by generating it; every
 * {@link #newStream()} produces the same bytes (the SDK may read the body more than once: signing, retries).
 */
public final class Manifest {
    public static final int FORMAT_VERSION = 1;
    static final int OBJECTS_PER_CHUNK = 512;

    private final String runId;
    private final String bucket;
    private final String rawPrefix;
    private final Instant createdAt;
    private final Listed listed;
    private final List<ListedObject> objects;
    private final long totalBytes;
    private final String sha256;
    private final long contentLength;

    /**
     * How the objects were found, recorded in the manifest's optional {@code listing} member: the ledger's commit
     * keeps the time of the last full listing from it (docs/data-formats.md).
     *
     * @param mode       {@code full} or {@code incremental} ({@link ListingPlan})
     * @param startAfter where an incremental listing started; null for a full one
     */
    public record Listed(String mode, String startAfter) {
        public static Listed of(ListingPlan plan) {
            return new Listed(plan.mode(), plan.startAfter());
        }
    }

    private Manifest(String runId, String bucket, String rawPrefix, Instant createdAt, Listed listed,
                     List<ListedObject> objects) {
        this.runId = runId;
        this.bucket = bucket;
        this.rawPrefix = rawPrefix;
        this.createdAt = createdAt;
        this.listed = listed;
        this.objects = objects;
        long total = 0;
        for (ListedObject o : objects) {
            total += o.size();
        }
        this.totalBytes = total;
        this.sha256 = sha256Of(objects);
        long length = 0;
        try (InputStream in = newStream()) {
            byte[] skip = new byte[1 << 16];
            int n;
            while ((n = in.read(skip)) > 0) {
                length += n;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: the stream is generated in memory", e);
        }
        this.contentLength = length;
    }

    /**
     * The manifest of {@code objects}, which this call sorts in place into {@link ListedObject#MANIFEST_ORDER}
     * (the list is kept, not copied: the caller hands it over).
     */
    public static Manifest of(String runId, String bucket, String rawPrefix, Instant createdAt, Listed listed,
                              List<ListedObject> objects) {
        objects.sort(ListedObject.MANIFEST_ORDER);
        return new Manifest(runId, bucket, rawPrefix, createdAt, listed, objects);
    }

    /**
     * SHA-256 (lower-case hex) of the UTF-8 bytes of {@code key TAB etag TAB size LF} for each object, in
     * the given order (which must be {@link ListedObject#MANIFEST_ORDER}).
     */
    public static String sha256Of(List<ListedObject> sortedObjects) {
        MessageDigest sha = newSha256();
        Utf8Buffer lines = new Utf8Buffer(1 << 16);
        for (ListedObject o : sortedObjects) {
            appendHashLine(lines, o.key(), o.etag(), o.size());
            if (lines.length() > (1 << 15)) {
                sha.update(lines.bytes(), 0, lines.length());
                lines.reset();
            }
        }
        sha.update(lines.bytes(), 0, lines.length());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** One object's line of the SHA-256 input. */
    static void appendHashLine(Utf8Buffer lines, String key, String etag, long size) {
        lines.utf8(key).ascii('\t').utf8(etag).ascii('\t').decimal(size).ascii('\n');
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    public int objectCount() {
        return objects.size();
    }

    public long totalBytes() {
        return totalBytes;
    }

    public String sha256() {
        return sha256;
    }

    public long contentLength() {
        return contentLength;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public ManifestSummary summary() {
        return new ManifestSummary(FORMAT_VERSION, runId, bucket, rawPrefix, createdAt.toString(), objects.size(),
                totalBytes, sha256);
    }

    /** A fresh stream of the manifest's UTF-8 JSON bytes. */
    public InputStream newStream() {
        return new JsonStream();
    }

    private void header(Utf8Buffer out) {
        out.ascii("{\"formatVersion\":").decimal(FORMAT_VERSION)
                .ascii(",\"runId\":").jsonString(runId)
                .ascii(",\"bucket\":").jsonString(bucket)
                .ascii(",\"rawPrefix\":").jsonString(rawPrefix)
                .ascii(",\"createdAt\":").jsonString(createdAt.toString())
                .ascii(",\"objectCount\":").decimal(objects.size())
                .ascii(",\"totalBytes\":").decimal(totalBytes)
                .ascii(",\"sha256\":").jsonString(sha256);
        if (listed != null) {
            out.ascii(",\"listing\":{\"mode\":").jsonString(listed.mode());
            if (listed.startAfter() != null) {
                out.ascii(",\"startAfter\":").jsonString(listed.startAfter());
            }
            out.ascii("}");
        }
        out.ascii(",\"objects\":[\n");
    }

    /** Header, then the objects a chunk at a time, then the closing brackets. */
    private final class JsonStream extends InputStream {
        private final Utf8Buffer chunk = new Utf8Buffer(OBJECTS_PER_CHUNK * 192);
        private int position;
        private int nextObject;
        private boolean closed;
        private long lastMillis = Long.MIN_VALUE;
        private String lastTimestamp;

        JsonStream() {
            header(chunk);
        }

        /** Objects listed together often share their last-modified second: format each distinct one once. */
        private String timestamp(long millis) {
            if (millis != lastMillis) {
                lastMillis = millis;
                lastTimestamp = Instant.ofEpochMilli(millis).toString();
            }
            return lastTimestamp;
        }

        private boolean fill() {
            while (position >= chunk.length()) {
                if (closed) {
                    return false;
                }
                chunk.reset();
                if (nextObject < objects.size()) {
                    int to = Math.min(objects.size(), nextObject + OBJECTS_PER_CHUNK);
                    for (int i = nextObject; i < to; i++) {
                        ListedObject o = objects.get(i);
                        chunk.ascii("{\"key\":").jsonString(o.key())
                                .ascii(",\"etag\":").jsonString(o.etag())
                                .ascii(",\"size\":").decimal(o.size())
                                .ascii(",\"lastModified\":\"").ascii(timestamp(o.lastModifiedMillis()))
                                .ascii(i + 1 < objects.size() ? "\"},\n" : "\"}\n");
                    }
                    nextObject = to;
                } else {
                    chunk.ascii("]}\n");
                    closed = true;
                }
                position = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? chunk.bytes()[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length() - position);
            System.arraycopy(chunk.bytes(), position, b, off, n);
            position += n;
            return n;
        }
    }
}
