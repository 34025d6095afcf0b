package emrpipeline.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The manifest's checks (docs/data-formats.md), on a small manifest changed one way at a time; the golden manifest
 * shared with the functions is read in DataFormatsTest.
 */
class RunManifestTest {
    static final URI URI_ = URI.create("s3://my-data/emr-pipeline/manifests/2026-11-21-daily.json");
    // Two objects with a sha256 computed from them as specified (key TAB etag TAB size LF, in order).
    static final String VALID = """
            {
              "formatVersion": 1,
              "runId": "2026-11-21-daily",
              "bucket": "my-data",
              "rawPrefix": "raw/",
              "createdAt": "2026-11-21T06:00:03Z",
              "objectCount": 2,
              "totalBytes": 2048,
              "sha256": "SHA",
              "objects": [
                {"key": "raw/day=2026-11-20/a.csv", "etag": "9b2cf535f27731c974343645a3985328", "size": 1024, "lastModified": "2026-11-20T10:00:00Z"},
                {"key": "raw/day=2026-11-20/b.csv", "etag": "6f5902ac237024bdd0c176cb93063dc4", "size": 1024, "lastModified": "2026-11-20T10:00:01Z"}
              ]
            }
            """.replace("SHA", sha("raw/day=2026-11-20/a.csv\t9b2cf535f27731c974343645a3985328\t1024\n"
            + "raw/day=2026-11-20/b.csv\t6f5902ac237024bdd0c176cb93063dc4\t1024\n"));

    static String sha(String lines) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(lines.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunManifest parse(String json, String runId) {
        return RunManifest.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), URI_, runId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "count|\"objectCount\": 2|\"objectCount\": 3|lists 2 objects but its objectCount is 3",
            "bytes|\"totalBytes\": 2048|\"totalBytes\": 2047|objects add up to 2048 bytes but its totalBytes is 2047",
            "etag|6f5902ac237024bdd0c176cb93063dc4\", \"size\"|6f5902ac237024bdd0c176cb93063dc5\", \"size\"|objects hash to sha256",
            "format|\"formatVersion\": 1|\"formatVersion\": 2|has formatVersion 2; this job reads format 1",
            "run|\"runId\": \"2026-11-21-daily\"|\"runId\": \"2026-11-20-daily\"|is the manifest of run '2026-11-20-daily', not of --run-id '2026-11-21-daily'",
            "outside prefix|\"rawPrefix\": \"raw/\"|\"rawPrefix\": \"raw/day=2026-11-21/\"|objects[0] 'raw/day=2026-11-20/a.csv' is outside its rawPrefix 'raw/day=2026-11-21/'",
            "order|raw/day=2026-11-20/a.csv|raw/day=2026-11-20/c.csv|objects[1] 'raw/day=2026-11-20/b.csv' is out of order",
            "duplicate|raw/day=2026-11-20/b.csv|raw/day=2026-11-20/a.csv|lists the key 'raw/day=2026-11-20/a.csv' twice",
            "no sha|\"sha256\"|\"sha\"|has no 'sha256'",
            "not json|\"objects\": [|\"objects\": [[|'objects' holds something that is not an object",
    })
    void refusesAManifestThatDoesNotAddUp(String name, String replace, String with, String reason) {
        InvalidJobInputException e = assertThrows(InvalidJobInputException.class,
                () -> parse(VALID.replace(replace, with), "2026-11-21-daily"));
        assertEquals(true, e.getMessage().startsWith("manifest " + URI_ + " " + reason), e.getMessage());
    }

    @Test
    void keysSortInCodePointOrderLikeS3Listings() {
        // U+FF5E (one UTF-16 unit) sorts before U+1F600 (a surrogate pair) in code points and UTF-8, not in UTF-16.
        assertEquals(true, RunManifest.compareCodePoints("raw/\uFF5E", "raw/\uD83D\uDE00") < 0);
        assertEquals(true, RunManifest.compareCodePoints("raw/a", "raw/a/b") < 0);
    }

    @Test
    void aKeyHadoopWouldRewriteIsRefused() {
        RunManifest m = parse(VALID, "2026-11-21-daily");
        InvalidJobInputException e = assertThrows(InvalidJobInputException.class,
                () -> m.objectPath(new ManifestObject("raw//a.csv", "e", 1)));
        assertEquals("manifest " + URI_ + " lists the key 'raw//a.csv', which Hadoop's file system API cannot address as it is",
                e.getMessage());
        assertEquals("s3://my-data/raw/a\\[1\\]\\*.csv", m.objectPath(new ManifestObject("raw/a[1]*.csv", "e", 1)));
    }
}
