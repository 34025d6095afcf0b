package emrpipeline.sizing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A run's manifest, ready to upload: the documented JSON (README "Data layout in S3") is generated on demand
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
    private final List<ListedObject> objects;
    private final long totalBytes;
    private final String sha256;
    private final long contentLength;

    private Manifest(String runId, String bucket, String rawPrefix, Instant createdAt, List<ListedObject> objects) {
        this.runId = runId;
        this.bucket = bucket;
        this.rawPrefix = rawPrefix;
        this.createdAt = createdAt;
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
    public static Manifest of(String runId, String bucket, String rawPrefix, Instant createdAt,
                              List<ListedObject> objects) {
        objects.sort(ListedObject.MANIFEST_ORDER);
        return new Manifest(runId, bucket, rawPrefix, createdAt, objects);
    }

    /**
     * SHA-256 (lower-case hex) of the UTF-8 bytes of {@code key TAB etag TAB size LF} for each object, in
     * the given order (which must be {@link ListedObject#MANIFEST_ORDER}).
     */
    public static String sha256Of(List<ListedObject> sortedObjects) {
        MessageDigest sha = newSha256();
        StringBuilder line = new StringBuilder(256);
        for (ListedObject o : sortedObjects) {
            line.setLength(0);
            line.append(o.key()).append('\t').append(o.etag()).append('\t').append(o.size()).append('\n');
            sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
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

    private String header() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"formatVersion\":").append(FORMAT_VERSION);
        sb.append(",\"runId\":");
        appendJsonString(sb, runId);
        sb.append(",\"bucket\":");
        appendJsonString(sb, bucket);
        sb.append(",\"rawPrefix\":");
        appendJsonString(sb, rawPrefix);
        sb.append(",\"createdAt\":");
        appendJsonString(sb, createdAt.toString());
        sb.append(",\"objectCount\":").append(objects.size());
        sb.append(",\"totalBytes\":").append(totalBytes);
        sb.append(",\"sha256\":");
        appendJsonString(sb, sha256);
        sb.append(",\"objects\":[\n");
        return sb.toString();
    }

    private String chunk(int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 160);
        for (int i = from; i < to; i++) {
            ListedObject o = objects.get(i);
            sb.append("{\"key\":");
            appendJsonString(sb, o.key());
            sb.append(",\"etag\":");
            appendJsonString(sb, o.etag());
            sb.append(",\"size\":").append(o.size());
            sb.append(",\"lastModified\":\"").append(Instant.ofEpochMilli(o.lastModifiedMillis())).append('"');
            sb.append(i + 1 < objects.size() ? "},\n" : "}\n");
        }
        return sb.toString();
    }

    /** Appends {@code s} as a JSON string literal (RFC 8259: quote, backslash and control characters escaped). */
    static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Header, then the objects a chunk at a time, then the closing brackets. */
    private final class JsonStream extends InputStream {
        private byte[] current = header().getBytes(StandardCharsets.UTF_8);
        private int position;
        private int nextObject;
        private boolean closed;

        private boolean fill() {
            while (position >= current.length) {
                if (closed) {
                    return false;
                }
                if (nextObject < objects.size()) {
                    int to = Math.min(objects.size(), nextObject + OBJECTS_PER_CHUNK);
                    current = chunk(nextObject, to).getBytes(StandardCharsets.UTF_8);
                    nextObject = to;
                } else {
                    current = "]}\n".getBytes(StandardCharsets.UTF_8);
                    closed = true;
                }
                position = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? current[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }
}
