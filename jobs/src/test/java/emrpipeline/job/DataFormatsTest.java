package emrpipeline.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golden manifest of docs/data-formats/ (pinned by the specification, docs/data-formats.md; the storage sizing
 * writes it byte for byte and the run ledger reads it, each in its own DataFormatsTest): the job reads it as
 * specified. This module is never built outside the repository, so a missing golden file simply fails.
 */
class DataFormatsTest {
    static final Path MANIFEST = Path.of("../docs/data-formats/before-commit/manifests/2026-11-22-daily.json");
    static final URI URI_ = URI.create("s3://my-data/emr-pipeline/manifests/2026-11-22-daily.json");

    @Test
    void theGoldenManifestIsReadAsSpecified() throws IOException {
        RunManifest manifest;
        try (InputStream in = Files.newInputStream(MANIFEST)) {
            manifest = RunManifest.parse(in, URI_, "2026-11-22-daily");
        }

        assertEquals("my-data", manifest.bucket());
        assertEquals("raw/", manifest.rawPrefix());
        assertEquals(184, manifest.totalBytes());
        assertEquals("a197d5f1a84db84b8333a71a17ccd22adc8733ce7f160663025a6f3b8926327f", manifest.sha256());
        assertEquals(List.of(
                new ManifestObject("raw/day=2026-11-21/orders-late.csv", "ad84d83b064009d78e1c22d073e62f5a", 26),
                new ManifestObject("raw/day=2026-11-22/a\t.csv", "8b7c474f16f07e83176192bfff96e29e", 26),
                new ManifestObject("raw/day=2026-11-22/a!.csv", "d1619ba73025ac86ba1df1f994dc56b3", 26),
                new ManifestObject("raw/day=2026-11-22/orders 100%.csv", "5ecf68a89b23836373bfe690d27b27fc", 28),
                new ManifestObject("raw/day=2026-11-22/\u00e9.csv", "8d2849dee6f83ebfd72ad0b091414d54", 26),
                new ManifestObject("raw/day=2026-11-22/\uff61.csv", "a876bb39af0879a324529854370140c5", 26),
                new ManifestObject("raw/day=2026-11-22/\ud83d\ude00.csv", "fb9942e6cf0189eb3aac2c53b8825f8c", 26)),
                manifest.objects());
        for (ManifestObject o : manifest.objects()) { // a TAB, '!', '%', a space, non-ASCII: all addressable as they are
            assertEquals("s3://my-data/" + o.key(), manifest.objectPath(o));
        }
    }
}
