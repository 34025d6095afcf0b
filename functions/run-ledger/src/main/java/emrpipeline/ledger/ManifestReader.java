package emrpipeline.ledger;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParseException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a manifest as a stream (no JSON tree) and verifies it before anything may be committed: formatVersion 1,
 * the run id, the data bucket, the raw prefix outside the pipeline prefix, every key under the raw prefix, ETags
 * without quotes, keys sorted (UTF-8 byte order) and each listed once, objectCount and totalBytes, and the SHA-256 recomputed
 * as docs/data-formats.md defines it ({@code key \t etag \t size \n} per object, UTF-8, lower-case hex).
 * Any failure is a {@link ManifestInvalidException} naming the manifest and the reason.
 *
 * <p>The storage sizing (its ManifestReader) and the Spark job (RunManifest) read the same format with their own code:
 * each module is built alone, so none can share this class; the golden manifest of docs/data-formats/, which every
 * one of them reads in its DataFormatsTest, keeps them in step.
 *
 * <p>Streams with the Jackson core the AWS SDK already ships (relocated to {@code software.amazon.awssdk.thirdparty},
 * pinned by the SDK BOM) rather than a second copy of jackson-core (0.6 MB more in the zipped function).
 */
public final class ManifestReader {

    public static final int FORMAT_VERSION = 1;
    /** {@code listing.mode} of a manifest whose listing covered the whole raw prefix. */
    public static final String FULL_LISTING = "full";
    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_ETAG_LENGTH = 1024;
    /** A manifest that says it lists more objects than this is read without sizing its pairs up front. */
    static final long PRESIZED_MAX_OBJECTS = 20_000_000;
    /** Bytes a (key, ETag) pair takes, to size the pairs of a manifest up front (a 64-byte key, a 32-digit ETag). */
    static final int PRESIZED_BYTES_PER_PAIR = 96;

    private static final JsonFactory JSON = new JsonFactory();

    private final String dataBucket;
    private final String pipelinePrefix;

    public ManifestReader(String dataBucket, String pipelinePrefix) {
        this.dataBucket = dataBucket;
        this.pipelinePrefix = pipelinePrefix;
    }

    /** Reads and verifies the manifest at {@code location}, which must belong to run {@code expectedRunId}. */
    public Manifest read(S3Location location, InputStream json, String expectedRunId) {
        try (JsonParser p = JSON.createParser(json)) {
            return parse(location, p, expectedRunId);
        } catch (JsonParseException e) {
            throw invalid(location, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(location, "could not be read: " + e, e);
        }
    }

    private Manifest parse(S3Location location, JsonParser p, String expectedRunId) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw invalid(location, "is not a JSON object");
        }
        Integer formatVersion = null;
        String runId = null;
        String bucket = null;
        String rawPrefix = null;
        String createdAt = null;
        Long objectCount = null;
        Long totalBytes = null;
        String sha256 = null;
        String listingMode = null;
        ObjectsSection objects = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "formatVersion" -> formatVersion = (int) integer(location, p, value, field);
                case "runId" -> runId = text(location, p, value, field);
                case "bucket" -> bucket = text(location, p, value, field);
                case "rawPrefix" -> rawPrefix = text(location, p, value, field);
                case "createdAt" -> createdAt = text(location, p, value, field);
                case "objectCount" -> objectCount = integer(location, p, value, field);
                case "totalBytes" -> totalBytes = integer(location, p, value, field);
                case "sha256" -> sha256 = text(location, p, value, field);
                case "listing" -> listingMode = listingMode(location, p, value);
                case "objects" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw invalid(location, "\"objects\" must be an array");
                    }
                    if (formatVersion != null && formatVersion != FORMAT_VERSION) {
                        throw invalid(location, "has formatVersion " + formatVersion + "; this ledger reads " + FORMAT_VERSION);
                    }
                    objects = readObjects(location, p, rawPrefix, objectCount);
                }
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw invalid(location, "has content after its JSON object");
        }
        require(location, formatVersion != null, "has no formatVersion");
        require(location, formatVersion == FORMAT_VERSION, "has formatVersion " + formatVersion + "; this ledger reads " + FORMAT_VERSION);
        require(location, runId != null, "has no runId");
        require(location, runId.equals(expectedRunId), "belongs to run \"" + runId + "\", not to run \"" + expectedRunId + "\"");
        require(location, bucket != null, "has no bucket");
        require(location, bucket.equals(dataBucket), "lists bucket \"" + bucket + "\", not the pipeline's bucket \"" + dataBucket + "\"");
        require(location, rawPrefix != null, "has no rawPrefix");
        require(location, !rawPrefix.startsWith(pipelinePrefix), "has rawPrefix \"" + rawPrefix
                + "\" inside the pipeline prefix \"" + pipelinePrefix + "\" (pipeline objects are never raw data)");
        require(location, objects != null, "has no objects array");
        require(location, objectCount != null, "has no objectCount");
        require(location, sha256 != null, "has no sha256");
        require(location, objectCount == objects.pairs.size(),
                "says objectCount " + objectCount + " but lists " + objects.pairs.size() + " objects");
        require(location, totalBytes != null && totalBytes == objects.totalBytes,
                "says totalBytes " + totalBytes + " but its objects add up to " + objects.totalBytes);
        for (String key : objects.uncheckedKeys) {
            checkKey(location, key, rawPrefix);
        }
        String computed = HexFormat.of().formatHex(objects.digest.digest());
        require(location, computed.equalsIgnoreCase(sha256),
                "has sha256 " + sha256 + " but its objects hash to " + computed + " (key\\tetag\\tsize\\n per object, UTF-8)");
        if (listingMode != null && createdAt != null) {
            try {
                java.time.Instant.parse(createdAt);
            } catch (java.time.format.DateTimeParseException e) {
                throw invalid(location, "has createdAt \"" + createdAt + "\", which is not an ISO-8601 instant");
            }
        }
        return new Manifest(location, formatVersion, runId, bucket, rawPrefix, createdAt, objectCount,
                objects.totalBytes, computed, listingMode, objects.pairs);
    }

    /** The optional {@code listing} object's {@code mode} ({@code full} or {@code incremental}); other members ignored. */
    private static String listingMode(S3Location location, JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw invalid(location, "\"listing\" must be an object");
        }
        String mode = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("mode")) {
                mode = text(location, p, v, "listing.mode");
            } else {
                p.skipChildren();
            }
        }
        require(location, mode == null || mode.equals(FULL_LISTING) || mode.equals("incremental"),
                "has listing.mode \"" + mode + "\"; it is \"full\" or \"incremental\"");
        return mode;
    }

    /** The objects array: pairs, total size and the running SHA-256, checked object by object. */
    private static final class ObjectsSection {
        final KeyEtagPairs pairs;
        final MessageDigest digest;
        long totalBytes;
        /** Keys read before rawPrefix (a manifest that lists objects first); checked once the header is known. */
        final List<String> uncheckedKeys = new ArrayList<>();

        /** @param expected objectCount when the header came first (ours does): the pairs are sized once */
        ObjectsSection(Long expected) {
            pairs = expected == null || expected <= 0 || expected > PRESIZED_MAX_OBJECTS ? new KeyEtagPairs()
                    : new KeyEtagPairs((int) (long) expected, (int) Math.min(Integer.MAX_VALUE - 16, expected * PRESIZED_BYTES_PER_PAIR));
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

    }

    private void checkKey(S3Location location, String key, String rawPrefix) {
        if (!key.startsWith(rawPrefix) || key.startsWith(pipelinePrefix)) {
            throw invalid(location, "lists key \"" + key + "\", which is not under rawPrefix \"" + rawPrefix
                    + "\" or is inside the pipeline prefix \"" + pipelinePrefix + "\"");
        }
    }

    /** Reads the objects array; keys are checked against {@code rawPrefix} at once when it is already known. */
    private ObjectsSection readObjects(S3Location location, JsonParser p, String rawPrefix, Long expected) throws IOException {
        ObjectsSection section = new ObjectsSection(expected);
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] tab = {'\t'};
        byte[] prevKey = null;
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw invalid(location, "objects[" + index + "] is not an object");
            }
            String key = null;
            String etag = null;
            Long size = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "key" -> key = text(location, p, value, "objects[" + index + "].key");
                    case "etag" -> etag = text(location, p, value, "objects[" + index + "].etag");
                    case "size" -> size = integer(location, p, value, "objects[" + index + "].size");
                    default -> p.skipChildren();
                }
            }
            String where = "objects[" + index + "]";
            require(location, key != null && !key.isEmpty(), where + " has no key");
            require(location, etag != null && !etag.isEmpty(), where + " has no etag");
            require(location, size != null && size >= 0, where + " has no size >= 0");
            require(location, etag.length() <= MAX_ETAG_LENGTH && etag.chars().noneMatch(c -> c == '"' || c < 0x20 || c == 0x7f),
                    where + " has etag " + etag + ": ETags are stored without quotes or control characters");
            byte[] keyBytes = encode(utf8, key, location, where);
            require(location, keyBytes.length <= MAX_KEY_BYTES, where + " has a key longer than " + MAX_KEY_BYTES + " bytes");
            byte[] etagBytes = etag.getBytes(StandardCharsets.UTF_8);
            if (prevKey != null) {
                int c = java.util.Arrays.compareUnsigned(prevKey, keyBytes);
                require(location, c < 0, where + " (" + key + ") " + (c == 0 ? "repeats the key before it" : "is out of order")
                        + ": objects must be sorted by key (UTF-8 byte order), each key once");
            }
            section.pairs.add(keyBytes, etagBytes);
            if (rawPrefix != null) {
                checkKey(location, key, rawPrefix);
            } else {
                section.uncheckedKeys.add(key);
            }
            section.totalBytes = Math.addExact(section.totalBytes, size);
            section.digest.update(keyBytes);
            section.digest.update(tab);
            section.digest.update(etagBytes);
            section.digest.update(tab);
            section.digest.update((size + "\n").getBytes(StandardCharsets.US_ASCII));
            prevKey = keyBytes;
            index++;
        }
        return section;
    }

    private static byte[] encode(CharsetEncoder utf8, String s, S3Location location, String where) {
        try {
            ByteBuffer b = utf8.encode(CharBuffer.wrap(s));
            return Arrays.copyOfRange(b.array(), b.position(), b.limit());
        } catch (CharacterCodingException e) {
            throw invalid(location, where + " has a key that is not valid Unicode (an unpaired surrogate)");
        }
    }

    private static String text(S3Location location, JsonParser p, JsonToken value, String field) throws IOException {
        return PipelineJson.text(p, value, field, reason -> invalid(location, reason));
    }

    private static long integer(S3Location location, JsonParser p, JsonToken value, String field) throws IOException {
        return PipelineJson.integer(p, value, field, reason -> invalid(location, reason));
    }

    private static void require(S3Location location, boolean condition, String reason) {
        if (!condition) {
            throw invalid(location, reason);
        }
    }

    static ManifestInvalidException invalid(S3Location location, String reason) {
        return new ManifestInvalidException("manifest " + location + " " + reason);
    }

    static ManifestInvalidException invalid(S3Location location, String reason, Throwable cause) {
        return new ManifestInvalidException("manifest " + location + " " + reason, cause);
    }
}
