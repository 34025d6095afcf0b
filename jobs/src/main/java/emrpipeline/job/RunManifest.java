package emrpipeline.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's manifest (docs/data-formats.md; written by the storage-sizing function), read and checked before
 * anything else happens. It is refused, with a one-line reason, when it is not format 1, names another run, or
 * when its objects do not add up to its own {@code objectCount}, {@code totalBytes} and {@code sha256}, are not in
 * manifest order (by key in code point order, then ETag), repeat a key, or lie outside its {@code rawPrefix}.
 *
 * <p>It is streamed (a manifest may list a million objects); only the objects' key, ETag and size are kept.
 *
 * <p>The third reader of the format, next to storage-sizing's and run-ledger's {@code ManifestReader}: written
 * again on purpose, because each module ships alone (the functions as Lambda artifacts with the SDK's shaded
 * Jackson, this jar with nothing but what EMR provides). DataFormatsTest reads the golden manifest of
 * docs/data-formats/ that the functions read and write, and the offline runner's SparkStepTest feeds this job the
 * storage-sizing function's real manifests.
 */
public record RunManifest(URI uri, String runId, String bucket, String rawPrefix, long totalBytes, String sha256,
                          List<ManifestObject> objects) {
    public static final int FORMAT_VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern GLOB_CHARACTERS = Pattern.compile("[\\\\*?\\[\\]{}]");

    /** Reads the manifest at {@code uri} through Hadoop's file system for its scheme (EMRFS for s3:// on EMR). */
    public static RunManifest read(URI uri, String expectedRunId, Configuration hadoop) {
        Path path = new Path(uri);
        try (InputStream in = path.getFileSystem(hadoop).open(path)) {
            return parse(in, uri, expectedRunId);
        } catch (FileNotFoundException e) {
            throw new InvalidJobInputException("manifest " + uri + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the manifest " + uri + " failed: " + e.getMessage(), e);
        }
    }

    /** Parses and checks a manifest; {@code uri} names it in messages. */
    public static RunManifest parse(InputStream in, URI uri, String expectedRunId) {
        try (JsonParser p = JSON.createParser(in)) {
            return parse(p, uri, expectedRunId);
        } catch (JsonProcessingException e) {
            throw bad(uri, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the manifest " + uri + " failed: " + e.getMessage(), e);
        }
    }

    private static RunManifest parse(JsonParser p, URI uri, String expectedRunId) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw bad(uri, "is not a JSON object");
        }
        Long formatVersion = null;
        String runId = null;
        String bucket = null;
        String rawPrefix = null;
        Long objectCount = null;
        Long totalBytes = null;
        String sha256 = null;
        List<ManifestObject> objects = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "formatVersion" -> formatVersion = number(p, value, uri, field);
                case "runId" -> runId = text(p, value, uri, field);
                case "bucket" -> bucket = text(p, value, uri, field);
                case "rawPrefix" -> rawPrefix = text(p, value, uri, field);
                case "objectCount" -> objectCount = number(p, value, uri, field);
                case "totalBytes" -> totalBytes = number(p, value, uri, field);
                case "sha256" -> sha256 = text(p, value, uri, field);
                case "objects" -> objects = objects(p, value, uri);
                default -> p.skipChildren(); // fields added by later writers of format 1 (createdAt, ...)
            }
        }
        if (formatVersion == null || formatVersion != FORMAT_VERSION) {
            throw bad(uri, "has formatVersion " + formatVersion + "; this job reads format " + FORMAT_VERSION);
        }
        for (Object[] required : new Object[][] {{"runId", runId}, {"bucket", bucket}, {"rawPrefix", rawPrefix},
                {"objectCount", objectCount}, {"totalBytes", totalBytes}, {"sha256", sha256}, {"objects", objects}}) {
            if (required[1] == null) {
                throw bad(uri, "has no '" + required[0] + "'");
            }
        }
        if (!runId.equals(expectedRunId)) {
            throw bad(uri, "is the manifest of run '" + runId + "', not of --run-id '" + expectedRunId + "'");
        }
        check(uri, objects, objectCount, totalBytes, sha256, rawPrefix);
        return new RunManifest(uri, runId, bucket, rawPrefix, totalBytes, sha256, List.copyOf(objects));
    }

    private static List<ManifestObject> objects(JsonParser p, JsonToken value, URI uri) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw bad(uri, "'objects' is not an array");
        }
        List<ManifestObject> objects = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String key = null;
            String etag = null;
            Long size = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "key" -> key = text(p, v, uri, "objects[" + objects.size() + "].key");
                    case "etag" -> etag = text(p, v, uri, "objects[" + objects.size() + "].etag");
                    case "size" -> size = number(p, v, uri, "objects[" + objects.size() + "].size");
                    default -> p.skipChildren(); // lastModified
                }
            }
            if (key == null || key.isEmpty() || etag == null || size == null || size < 0) {
                throw bad(uri, "objects[" + objects.size() + "] needs a key, an etag and a size >= 0");
            }
            objects.add(new ManifestObject(key, etag, size));
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw bad(uri, "'objects' holds something that is not an object");
        }
        return objects;
    }

    private static void check(URI uri, List<ManifestObject> objects, long objectCount, long totalBytes, String sha256,
                              String rawPrefix) {
        if (objects.size() != objectCount) {
            throw bad(uri, "lists " + objects.size() + " objects but its objectCount is " + objectCount);
        }
        long bytes = 0;
        MessageDigest sha = newSha256();
        ManifestObject previous = null;
        for (int i = 0; i < objects.size(); i++) {
            ManifestObject o = objects.get(i);
            if (!o.key().startsWith(rawPrefix)) {
                throw bad(uri, "objects[" + i + "] '" + o.key() + "' is outside its rawPrefix '" + rawPrefix + "'");
            }
            if (previous != null) {
                int order = compareCodePoints(previous.key(), o.key());
                if (order == 0) {
                    throw bad(uri, "lists the key '" + o.key() + "' twice");
                }
                if (order > 0) {
                    throw bad(uri, "objects[" + i + "] '" + o.key() + "' is out of order (keys sort in code point order)");
                }
            }
            bytes += o.size();
            sha.update((o.key() + "\t" + o.etag() + "\t" + o.size() + "\n").getBytes(StandardCharsets.UTF_8));
            previous = o;
        }
        if (bytes != totalBytes) {
            throw bad(uri, "objects add up to " + bytes + " bytes but its totalBytes is " + totalBytes);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(sha256)) {
            throw bad(uri, "objects hash to sha256 " + actual + " but it says " + sha256);
        }
    }

    /** Like comparing the keys' UTF-8 bytes (S3's listing order), without encoding them. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * One object as Spark's readers take a path: {@code <scheme of the manifest>://<bucket>/<key>}, with Hadoop's glob
     * characters escaped, so that a key containing {@code * ? [ ] { } \} names itself and nothing else. A key that
     * Hadoop's {@link Path} would change (an empty segment, {@code .} or {@code ..}) is refused: the job reads
     * exactly the manifest's objects or nothing.
     */
    public String objectPath(ManifestObject object) {
        String prefix = uri.getScheme() + "://" + bucket + "/";
        String hadoopPath;
        try {
            hadoopPath = new Path(prefix + object.key()).toUri().getPath();
        } catch (IllegalArgumentException e) {
            hadoopPath = null;
        }
        if (!("/" + object.key()).equals(hadoopPath)) {
            throw bad(uri, "lists the key '" + object.key() + "', which Hadoop's file system API cannot address as it is");
        }
        return prefix + GLOB_CHARACTERS.matcher(object.key()).replaceAll("\\\\$0");
    }

    private static long number(JsonParser p, JsonToken value, URI uri, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw bad(uri, "'" + field + "' is not an integer");
        }
        return p.getLongValue();
    }

    private static String text(JsonParser p, JsonToken value, URI uri, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw bad(uri, "'" + field + "' is not a string");
        }
        return p.getText();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static InvalidJobInputException bad(URI uri, String reason) {
        return new InvalidJobInputException("manifest " + uri + " " + reason);
    }
}
