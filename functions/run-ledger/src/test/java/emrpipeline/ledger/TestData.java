package emrpipeline.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Builders and readers shared by the tests. */
final class TestData {
    static final String PREFIX = "emr-pipeline/";
    /** The {@code createdAt} of the manifests these tests write, and their objects' {@code lastModified}. */
    static final String CREATED_AT = "2026-11-21T06:00:03Z";
    static final String LAST_MODIFIED = "2026-11-20T10:00:00Z";
    /** The index's root (format 2): the object a commit writes last, conditionally. */
    static final String INDEX_KEY = PREFIX + IndexRoot.ROOT_KEY;
    static final String LEGACY_INDEX_KEY = PREFIX + IndexRoot.LEGACY_KEY;
    static final String SHARDS = PREFIX + IndexRoot.SHARDS_FOLDER;
    static final PriceTable PRICES = new PriceTable(Map.of(
            "m5.xlarge", new PriceTable.InstancePrice(0.192, 0.048),
            "r5.2xlarge", new PriceTable.InstancePrice(0.504, 0.126)), 0.4, 0.08);

    private TestData() {
    }

    static String arn(String name) {
        return "arn:aws:states:us-east-1:123456789012:execution:emr-pipeline:" + name;
    }

    /** An object of the raw prefix: key and ETag (size derived). */
    record RawObject(String key, String etag, long size, String lastModified) {
        RawObject(String key, String etag) {
            this(key, etag, 1024);
        }

        RawObject(String key, String etag, long size) {
            this(key, etag, size, LAST_MODIFIED);
        }
    }

    /** Pairs in index order: UTF-8 byte order of the key, then ETag (what the README defines). */
    static final Comparator<RawObject> INDEX_ORDER = (a, b) -> {
        byte[] ka = a.key.getBytes(StandardCharsets.UTF_8);
        byte[] kb = b.key.getBytes(StandardCharsets.UTF_8);
        int c = java.util.Arrays.compareUnsigned(ka, kb);
        return c != 0 ? c : java.util.Arrays.compareUnsigned(a.etag.getBytes(StandardCharsets.UTF_8),
                b.etag.getBytes(StandardCharsets.UTF_8));
    };

    static List<RawObject> objects(String dir, int count) {
        List<RawObject> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            objects.add(new RawObject("raw/" + dir + "/part-" + String.format("%05d", i) + ".csv",
                    String.format("%032x", (dir.hashCode() * 31L + i) & 0xffffffffL)));
        }
        objects.sort(INDEX_ORDER);
        return objects;
    }

    /** The manifest JSON (docs/data-formats.md) of {@code objects}, sorted here, with their sha256 and totals. */
    static String manifestJson(String runId, String bucket, List<RawObject> objects) {
        List<RawObject> sorted = new ArrayList<>(objects);
        sorted.sort(INDEX_ORDER);
        return manifestJson(runId, bucket, "raw/", sorted, sha256(sorted), sorted.size(),
                sorted.stream().mapToLong(RawObject::size).sum());
    }

    /** A manifest saying what the caller says (a wrong sha256, count or total is the caller's to choose). */
    static String manifestJson(String runId, String bucket, String rawPrefix, List<RawObject> objects, String sha,
                               long objectCount, long totalBytes) {
        return manifestJson(runId, bucket, rawPrefix, CREATED_AT, null, objects, sha, objectCount, totalBytes);
    }

    /**
     * The manifest JSON laid out byte for byte as the storage sizing writes it (members in its order, one object a
     * line, the same escapes): DataFormatsTest proves it on the golden manifest of docs/data-formats/, so the
     * manifests these tests make are the ones the sizing would have written.
     *
     * @param listingMode {@code listing.mode}, or null for a manifest without the member (as written before issue 13)
     */
    static String manifestJson(String runId, String bucket, String rawPrefix, String createdAt, String listingMode,
                               List<RawObject> objects, String sha, long objectCount, long totalBytes) {
        StringBuilder json = new StringBuilder("{\"formatVersion\":1,\"runId\":").append(jsonString(runId))
                .append(",\"bucket\":").append(jsonString(bucket))
                .append(",\"rawPrefix\":").append(jsonString(rawPrefix))
                .append(",\"createdAt\":").append(jsonString(createdAt))
                .append(",\"objectCount\":").append(objectCount)
                .append(",\"totalBytes\":").append(totalBytes)
                .append(",\"sha256\":").append(jsonString(sha));
        if (listingMode != null) {
            json.append(",\"listing\":{\"mode\":").append(jsonString(listingMode)).append('}');
        }
        json.append(",\"objects\":[\n");
        for (int i = 0; i < objects.size(); i++) {
            RawObject o = objects.get(i);
            json.append("{\"key\":").append(jsonString(o.key))
                    .append(",\"etag\":").append(jsonString(o.etag))
                    .append(",\"size\":").append(o.size)
                    .append(",\"lastModified\":").append(jsonString(o.lastModified))
                    .append(i + 1 < objects.size() ? "},\n" : "}\n");
        }
        return json.append("]}\n").toString();
    }

    /** A JSON string literal: quote, backslash and control characters escaped, the rest as it is (RFC 8259). */
    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String sha256(List<RawObject> sorted) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (RawObject o : sorted) {
                d.update((o.key + "\t" + o.etag + "\t" + o.size + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes runId's manifest to s3://bucket/emr-pipeline/manifests/<runId>.json; returns its URI. */
    static String putManifest(S3Client s3, String bucket, String runId, List<RawObject> objects) {
        return putManifestJson(s3, bucket, runId, manifestJson(runId, bucket, objects));
    }

    static String putManifestJson(S3Client s3, String bucket, String runId, String json) {
        String key = PREFIX + "manifests/" + runId + ".json";
        s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(json));
        return "s3://" + bucket + "/" + key;
    }

    /** The root of the processed index, or null when there is none. */
    static IndexRoot readRoot(S3Client s3, String bucket) {
        try (var in = s3.getObject(g -> g.bucket(bucket).key(INDEX_KEY))) {
            return IndexRootFormat.read(in, INDEX_KEY);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processed index's lines decoded to (key, etag) pairs, shard after shard, in file order; empty when absent. */
    static List<RawObject> readIndex(S3Client s3, String bucket) {
        List<RawObject> pairs = new ArrayList<>();
        IndexRoot root = readRoot(s3, bucket);
        if (root == null) {
            return pairs;
        }
        for (IndexRoot.Shard shard : root.shards()) {
            pairs.addAll(readLines(s3, bucket, SHARDS + shard.name()));
        }
        return pairs;
    }

    /** The (key, etag) lines of one gzip index object. */
    static List<RawObject> readLines(S3Client s3, String bucket, String key) {
        List<RawObject> pairs = new ArrayList<>();
        try (var in = s3.getObject(g -> g.bucket(bucket).key(key));
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                pairs.add(new RawObject(unescape(line.substring(0, tab)), line.substring(tab + 1), 0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }

    static String indexEtag(S3Client s3, String bucket) {
        try {
            return s3.headObject(h -> h.bucket(bucket).key(INDEX_KEY)).eTag();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    static String unescape(String key) {
        return key.replace("%09", "\t").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
    }

    /**
     * What the README defines as new, computed the way any reader of the index must: a listed object is new when its
     * (key, ETag) pair is not in the processed index.
     */
    static List<RawObject> newObjects(List<RawObject> listed, List<RawObject> index) {
        java.util.Set<String> indexed = new java.util.HashSet<>();
        index.forEach(o -> indexed.add(o.key + "\t" + o.etag));
        return listed.stream().filter(o -> !indexed.contains(o.key + "\t" + o.etag)).toList();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
