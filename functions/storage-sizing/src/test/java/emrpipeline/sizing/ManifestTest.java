package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-11-21T06:00:03Z");

    static byte[] bytes(Manifest m) {
        try (InputStream in = m.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The README's definition, computed independently of the production code. */
    static String documentedSha256(List<ListedObject> objectsInAnyOrder) throws Exception {
        List<ListedObject> sorted = new ArrayList<>(objectsInAnyOrder);
        sorted.sort((a, b) -> {
            int c = Arrays.compareUnsigned(a.key().getBytes(StandardCharsets.UTF_8), b.key().getBytes(StandardCharsets.UTF_8));
            return c != 0 ? c : Arrays.compareUnsigned(a.etag().getBytes(StandardCharsets.UTF_8),
                    b.etag().getBytes(StandardCharsets.UTF_8));
        });
        StringBuilder all = new StringBuilder();
        for (ListedObject o : sorted) {
            all.append(o.key()).append('\t').append(o.etag()).append('\t').append(o.size()).append('\n');
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(all.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void orderIsUtf8ByteOrderNotUtf16() {
        // U+FFFF sorts before U+1F600 in UTF-8 (and in S3), after it in String.compareTo.
        String bmp = "raw/a\uFFFF";
        String astral = "raw/a\uD83D\uDE00";
        assertTrue(bmp.compareTo(astral) > 0);
        assertTrue(KeyOrder.compare(bmp, astral) < 0);
        Random random = new Random(7);
        char[] alphabet = {'a', '/', '~', 'é', '\uE000', '\uFFFF', '\uD83D', '\uDE00', '%', '\t'};
        for (int i = 0; i < 20_000; i++) {
            String a = randomString(random, alphabet);
            String b = randomString(random, alphabet);
            int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                    b.getBytes(StandardCharsets.UTF_8)));
            if (isWellFormed(a) && isWellFormed(b)) {
                assertEquals(expected, Integer.signum(KeyOrder.compare(a, b)), a + " vs " + b);
            }
        }
    }

    private static String randomString(Random random, char[] alphabet) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            char c = alphabet[random.nextInt(alphabet.length)];
            if (c == '\uD83D') {
                sb.append("\uD83D\uDE00");
            } else if (c != '\uDE00') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isWellFormed(String s) {
        return s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
    }

    @Test
    void awkwardKeysSurviveAsJsonAndTheHashFollowsTheDefinition() throws Exception {
        List<ListedObject> objects = new ArrayList<>();
        String[] keys = {"raw/quote\"backslash\\", "raw/ctrl\u0001\u001f\b\f", "raw/tab\tnl\ncr\r", "raw/ünï/😀.csv",
                "raw/\u2028sep", "raw/a\uFFFF", "raw/a\uD83D\uDE00", "raw/%25"};
        for (int i = 0; i < keys.length; i++) {
            objects.add(new ListedObject(keys[i], "etag-" + i, i * 1000L, 1_700_000_000_123L + i));
        }
        Manifest m = Manifest.of("run-1", "my-data", "raw/", CREATED, null, new ArrayList<>(objects));
        JsonNode tree = JSON.readTree(bytes(m));
        assertEquals(keys.length, tree.get("objectCount").asInt());
        assertEquals(28_000, tree.get("totalBytes").asLong());
        assertEquals(documentedSha256(objects), tree.get("sha256").asText());
        List<String> read = new ArrayList<>();
        tree.get("objects").forEach(o -> read.add(o.get("key").asText()));
        List<String> expected = new ArrayList<>(List.of(keys));
        expected.sort(KeyOrder::compare);
        assertEquals(expected, read);
        assertEquals("raw/%25", tree.get("objects").get(0).get("key").asText());
        assertEquals("2023-11-14T22:13:20.130Z", tree.get("objects").get(0).get("lastModified").asText());
        ManifestSummary summary = ManifestReader.readSummary(new ByteArrayInputStream(bytes(m)), "test");
        assertEquals(m.summary(), summary);
    }

    @Test
    void streamsAreRepeatableAndSpanManyChunks() {
        List<ListedObject> objects = new ArrayList<>();
        for (int i = 0; i < Manifest.OBJECTS_PER_CHUNK * 3 + 17; i++) {
            objects.add(new ListedObject(String.format("raw/p=%03d/k-%05d", i % 7, i), "e" + i, i, 0));
        }
        Manifest m = Manifest.of("run-1", "b", "raw/", CREATED, null, objects);
        byte[] first = bytes(m);
        assertArrayEquals(first, bytes(m));
        assertEquals(first.length, m.contentLength());
        byte[] oneByOne;
        try (InputStream in = m.newStream()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
            }
            oneByOne = out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertArrayEquals(first, oneByOne);
        assertEquals(objects.size(), ManifestReader.readSummary(new ByteArrayInputStream(first), "t").objectCount());
    }

    @Test
    void readerRejectsManifestsThatDisagreeWithThemselves() {
        String good = "{\"formatVersion\":1,\"runId\":\"r\",\"bucket\":\"b\",\"rawPrefix\":\"raw/\",\"createdAt\":\"x\","
                + "\"objectCount\":1,\"totalBytes\":5,\"sha256\":\"SHA\",\"objects\":[{\"key\":\"raw/a\",\"etag\":\"e\","
                + "\"size\":5,\"lastModified\":\"2026-01-01T00:00:00Z\"}]}";
        String sha = Manifest.sha256Of(List.of(new ListedObject("raw/a", "e", 5, 0)));
        assertEquals(1, readSummary(good.replace("SHA", sha)).objectCount());
        for (String bad : new String[] {
                good.replace("SHA", "0".repeat(64)),
                good.replace("SHA", sha).replace("\"objectCount\":1", "\"objectCount\":2"),
                good.replace("SHA", sha).replace("\"totalBytes\":5", "\"totalBytes\":6"),
                good.replace("SHA", sha).replace("\"formatVersion\":1", "\"formatVersion\":2"),
                good.replace("SHA", sha).replace("\"runId\":\"r\",", ""),
                good.replace("SHA", sha).replace("\"size\":5", "\"size\":\"5\""),
                good.replace("SHA", sha).substring(0, 80),
                "[]", "not json"}) {
            assertThrows(CorruptPipelineObjectException.class, () -> readSummary(bad), bad);
        }
        String unsorted = "{\"formatVersion\":1,\"runId\":\"r\",\"bucket\":\"b\",\"rawPrefix\":\"raw/\",\"objectCount\":2,"
                + "\"totalBytes\":2,\"sha256\":\"" + Manifest.sha256Of(List.of(new ListedObject("raw/b", "e", 1, 0),
                new ListedObject("raw/a", "e", 1, 0))) + "\",\"objects\":[{\"key\":\"raw/b\",\"etag\":\"e\",\"size\":1},"
                + "{\"key\":\"raw/a\",\"etag\":\"e\",\"size\":1}]}";
        CorruptPipelineObjectException e = assertThrows(CorruptPipelineObjectException.class, () -> readSummary(unsorted));
        assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
        // A listing returns each key once: a key twice is refused whatever its ETags (checked before the totals).
        String twice = unsorted.replace("{\"key\":\"raw/b\",\"etag\":\"e\"", "{\"key\":\"raw/a\",\"etag\":\"d\"");
        CorruptPipelineObjectException repeated = assertThrows(CorruptPipelineObjectException.class, () -> readSummary(twice));
        assertTrue(repeated.getMessage().contains("repeats the key"), repeated.getMessage());
        // A manifest cut short (an interrupted upload) names the object and what it should have been.
        CorruptPipelineObjectException cut = assertThrows(CorruptPipelineObjectException.class,
                () -> readSummary(unsorted.substring(0, unsorted.length() / 2)));
        assertTrue(cut.getMessage().startsWith("s3://b/emr-pipeline/manifests/r.json is not a valid manifest: not valid JSON"),
                cut.getMessage());
        assertEquals("s3://b/emr-pipeline/manifests/r.json is not a valid manifest: is not a JSON object",
                assertThrows(CorruptPipelineObjectException.class, () -> readSummary("[]")).getMessage());
    }

    private static ManifestSummary readSummary(String json) {
        return ManifestReader.readSummary(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "s3://b/emr-pipeline/manifests/r.json");
    }
}
