package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.ledger.TestData.RawObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
    static final S3Location WHERE = new S3Location("my-data", "emr-pipeline/manifests/r1.json");
    final ManifestReader reader = new ManifestReader("my-data", "emr-pipeline/");

    Manifest read(String json) {
        return reader.read(WHERE, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "r1");
    }

    String rejected(String json) {
        return assertThrows(ManifestInvalidException.class, () -> read(json)).getMessage();
    }

    static List<RawObject> two() {
        return List.of(new RawObject("raw/day=2026-11-20/a.csv", "9b2cf535f27731c974343645a3985328"),
                new RawObject("raw/day=2026-11-20/b.csv", "6f5902ac237024bdd0c176cb93063dc4"));
    }

    @Test
    void readsAndVerifiesTheReadmeExample() {
        Manifest m = read(TestData.manifestJson("r1", "my-data", two()));
        assertEquals(1, m.formatVersion());
        assertEquals(2, m.objectCount());
        assertEquals(2048, m.totalBytes());
        assertEquals(TestData.sha256(two()), m.sha256());
        assertEquals(2, m.pairs().size());
        KeyEtagPairs p = m.pairs();
        byte[] key0 = java.util.Arrays.copyOfRange(p.data(), p.keyOffset(0), p.keyOffset(0) + p.keyLength(0));
        assertArrayEquals("raw/day=2026-11-20/a.csv".getBytes(StandardCharsets.UTF_8), key0);
    }

    @Test
    void sha256IsTheReadmeDefinition() {
        // key \t etag \t size \n per object, UTF-8, lower-case hex: computed here independently of TestData.
        String expected = java.util.HexFormat.of().formatHex(sha("raw/day=2026-11-20/a.csv\t9b2cf535f27731c974343645a3985328\t1024\n"
                + "raw/day=2026-11-20/b.csv\t6f5902ac237024bdd0c176cb93063dc4\t1024\n"));
        assertEquals(expected, read(TestData.manifestJson("r1", "my-data", two())).sha256());
    }

    static byte[] sha(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void emptyManifestIsValid() {
        assertEquals(0, read(TestData.manifestJson("r1", "my-data", List.of())).pairs().size());
    }

    @Test
    void wrongShaIsRejected() {
        String json = TestData.manifestJson("r1", "my-data", "raw/", two(), "0".repeat(64), 2, 2048);
        assertTrue(rejected(json).contains("has sha256 0000"));
    }

    @Test
    void tamperedObjectIsRejectedByTheSha() {
        String json = TestData.manifestJson("r1", "my-data", two())
                .replace("9b2cf535f27731c974343645a3985328", "9b2cf535f27731c974343645a3985329");
        String msg = rejected(json);
        assertTrue(msg.contains("has sha256 ") && msg.contains(" but its objects hash to "), msg);
    }

    @Test
    void aTamperedSizeIsRejectedByTheTotal() {
        String json = TestData.manifestJson("r1", "my-data", two()).replaceFirst("\"size\":1024", "\"size\":1025");
        assertTrue(rejected(json).contains("says totalBytes 2048 but its objects add up to 2049"), rejected(json));
    }

    @Test
    void headerChecks() {
        String good = TestData.manifestJson("r1", "my-data", two());
        assertTrue(rejected(good.replace("\"formatVersion\":1", "\"formatVersion\":2")).contains("formatVersion 2"));
        assertTrue(rejected(good.replace("\"formatVersion\":1,", "")).contains("has no formatVersion"));
        assertTrue(rejected(TestData.manifestJson("r2", "my-data", two())).contains("belongs to run \"r2\", not to run \"r1\""));
        assertTrue(rejected(TestData.manifestJson("r1", "other-data", two())).contains("not the pipeline's bucket"));
        assertTrue(rejected(good.replace("\"objectCount\":2", "\"objectCount\":3")).contains("objectCount 3"));
        assertTrue(rejected(good.replace("\"totalBytes\":2048", "\"totalBytes\":1")).contains("totalBytes 1"));
        assertTrue(rejected("[]").contains("is not a JSON object"));
        assertTrue(rejected("{\"formatVersion\":").contains("is not valid JSON"));
        assertTrue(rejected(good + "{}").contains("content after"));
    }

    @Test
    void keysMustBeUnderTheRawPrefixAndOutsideThePipelinePrefix() {
        List<RawObject> outside = List.of(new RawObject("elsewhere/a.csv", "e1"));
        assertTrue(rejected(TestData.manifestJson("r1", "my-data", "raw/", outside, TestData.sha256(outside), 1, 1024))
                .contains("not under rawPrefix"));
        List<RawObject> pipeline = List.of(new RawObject("emr-pipeline/index/processed.tsv.gz", "e1"));
        assertTrue(rejected(TestData.manifestJson("r1", "my-data", "", pipeline, TestData.sha256(pipeline), 1, 1024))
                .contains("inside the pipeline prefix"));
        assertTrue(rejected(TestData.manifestJson("r1", "my-data", "emr-pipeline/manifests/", List.of(), TestData.sha256(List.of()), 0, 0))
                .contains("inside the pipeline prefix"));
    }

    @Test
    void objectsListedBeforeTheHeaderAreCheckedToo() {
        List<RawObject> outside = List.of(new RawObject("elsewhere/a.csv", "e1"));
        String json = "{\"objects\":[{\"key\":\"elsewhere/a.csv\",\"etag\":\"e1\",\"size\":1024}],\"formatVersion\":1,"
                + "\"runId\":\"r1\",\"bucket\":\"my-data\",\"rawPrefix\":\"raw/\",\"objectCount\":1,\"totalBytes\":1024,"
                + "\"sha256\":\"" + TestData.sha256(outside) + "\"}";
        assertTrue(rejected(json).contains("not under rawPrefix"));
    }

    @Test
    void keysAreInUtf8ByteOrderEachOnce() {
        // U+FFFD sorts before U+1F600 in code point (UTF-8) order, but after it in Java's UTF-16 String order.
        List<RawObject> codePointOrder = List.of(new RawObject("raw/\uFFFD", "e"), new RawObject("raw/\uD83D\uDE00", "e"));
        assertEquals(2, read(TestData.manifestJson("r1", "my-data", "raw/", codePointOrder, TestData.sha256(codePointOrder), 2, 2048)).pairs().size());
        List<RawObject> utf16Order = List.of(codePointOrder.get(1), codePointOrder.get(0));
        assertTrue(rejected(TestData.manifestJson("r1", "my-data", "raw/", utf16Order, TestData.sha256(utf16Order), 2, 2048)).contains("out of order"));
        // A listing returns each key once: a key twice is refused, whatever the ETags (as the Spark job refuses it).
        List<RawObject> sameKey = List.of(new RawObject("raw/a", "a"), new RawObject("raw/a", "b"));
        assertTrue(rejected(TestData.manifestJson("r1", "my-data", "raw/", sameKey, TestData.sha256(sameKey), 2, 2048)).contains("repeats the key"));
        List<RawObject> dup = List.of(new RawObject("raw/a", "a"), new RawObject("raw/a", "a"));
        assertTrue(rejected(TestData.manifestJson("r1", "my-data", "raw/", dup, TestData.sha256(dup), 2, 2048)).contains("repeats the key"));
    }

    @Test
    void etagsAreStoredWithoutQuotes() {
        List<RawObject> quoted = List.of(new RawObject("raw/a", "\"abc\""));
        assertTrue(rejected(TestData.manifestJson("r1", "my-data", "raw/", quoted, TestData.sha256(quoted), 1, 1024)).contains("without quotes"));
    }

    @Test
    void objectFieldsAreRequired() {
        String noEtag = "{\"formatVersion\":1,\"runId\":\"r1\",\"bucket\":\"my-data\",\"rawPrefix\":\"raw/\",\"objectCount\":1,"
                + "\"totalBytes\":1,\"sha256\":\"x\",\"objects\":[{\"key\":\"raw/a\",\"size\":1}]}";
        assertTrue(rejected(noEtag).contains("objects[0] has no etag"));
        assertTrue(rejected(noEtag.replace("\"size\":1}", "\"etag\":\"e\",\"size\":1.5}")).contains("must be an integer"));
        List<RawObject> many = new ArrayList<>(TestData.objects("d", 3));
        assertEquals(3, read(TestData.manifestJson("r1", "my-data", many)).pairs().size());
    }

    @Test
    void theOptionalListingMemberSaysHowTheSizingListed() {
        String plain = TestData.manifestJson("r1", "my-data", two());
        assertEquals(null, read(plain).listingMode(), "a manifest without it (older sizing) is read as before");
        String full = plain.replace("\"objects\":", "\"listing\":{\"mode\":\"full\",\"later\":[1]},\"objects\":");
        assertEquals("full", read(full).listingMode());
        String incremental = plain.replace("\"objects\":",
                "\"listing\":{\"mode\":\"incremental\",\"startAfter\":\"raw/day=1\"},\"objects\":");
        assertEquals("incremental", read(incremental).listingMode());
        assertTrue(rejected(plain.replace("\"objects\":", "\"listing\":{\"mode\":\"partial\"},\"objects\":"))
                .contains("listing.mode"));
        assertTrue(rejected(plain.replace("\"objects\":", "\"listing\":\"full\",\"objects\":")).contains("listing"));
    }
}
