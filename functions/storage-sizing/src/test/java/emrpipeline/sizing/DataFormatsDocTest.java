package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * docs/data-formats.md specifies the index root the run ledger writes; this function reads its example as
 * documented (the ledger reads it in its own DataFormatsDocTest). Runs only inside the repository.
 */
@EnabledIf("insideRepository")
class DataFormatsDocTest {
    static final Path DOC = Path.of("../../docs/data-formats.md");

    static boolean insideRepository() {
        return Files.exists(DOC);
    }

    @Test
    void theDocumentedRootIsReadAsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        int marker = doc.indexOf("<!-- example:index-root -->");
        int start = doc.indexOf("```json\n", marker) + "```json\n".length();
        String json = doc.substring(start, doc.indexOf("```", start));
        IndexRoot root = IndexRootReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "doc");
        assertEquals(250_000, root.entries());
        assertEquals(3, root.shards().size());
        assertEquals("00000042-5e11d0c94ab27f83-0001.tsv.gz", root.shards().get(2).name());
        IndexRoot.ListingState state = root.listing("raw/");
        assertEquals("day=2026-11-22/", state.watermark());
        assertEquals(List.of("day=2026-11-20/", "day=2026-11-21/"), state.previousPartitions());
        assertEquals(Instant.parse("2026-11-18T06:00:03Z"), state.lastFullListingAt());
        // an incremental run lists from the watermark's partition: the last two shards can hold those keys
        assertEquals(List.of(1, 2), root.shardsFor("raw/", new KeyRange("raw/day=2026-11-22", null)));
    }

    @Test
    void theDocumentedTombstoneStopsTheSizing() throws IOException {
        String doc = Files.readString(DOC);
        assertTrue(doc.contains("\n" + new String(ProcessedIndex.LEGACY_TOMBSTONE, StandardCharsets.US_ASCII)));
    }
}
