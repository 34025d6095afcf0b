package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * docs/data-formats.md specifies the index root; its example is read by this function's reader (and by the storage
 * sizing's, in its own DataFormatsDocTest), and what this function writes reads back the same. Runs only inside the
 * repository (scripts/sam-build's scratch copy has no docs/).
 */
@EnabledIf("insideRepository")
class DataFormatsDocTest {
    static final Path DOC = Path.of("../../docs/data-formats.md");

    static boolean insideRepository() {
        return Files.exists(DOC);
    }

    /** The JSON block after the {@code <!-- example:NAME -->} marker. */
    static String example(String name) throws IOException {
        String doc = Files.readString(DOC);
        int marker = doc.indexOf("<!-- example:" + name + " -->");
        int start = doc.indexOf("```json\n", marker) + "```json\n".length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    @Test
    void theDocumentedRootIsReadAsDocumented() throws IOException {
        IndexRoot root = IndexRootFormat.read(new ByteArrayInputStream(example("index-root").getBytes(StandardCharsets.UTF_8)), "doc");
        assertEquals(42, root.generation());
        assertEquals(250_000, root.entries());
        assertEquals(List.of("", "raw/day=2026-11-21/part-00417.parquet", "raw/day=2026-11-22/part-00120.parquet"),
                root.shards().stream().map(IndexRoot.Shard::firstKey).toList());
        IndexRoot.ListingState state = root.listing("raw/");
        assertEquals("day=2026-11-22/", state.watermark());
        assertEquals(List.of("day=2026-11-20/", "day=2026-11-21/"), state.previousPartitions());
        assertEquals(Instant.parse("2026-11-18T06:00:03Z"), state.lastFullListingAt());
        assertTrue(root.migratedFrom().retired());
        assertEquals(1, root.retired().size());

        // what this function writes reads back as the same root
        byte[] written = IndexRootFormat.write(root);
        assertEquals(root, IndexRootFormat.read(new ByteArrayInputStream(written), "written"));
        assertArrayEquals(written, IndexRootFormat.write(IndexRootFormat.read(new ByteArrayInputStream(written), "again")));
    }

    @Test
    void theDocumentedTombstoneIsTheOneTheLedgerWrites() throws IOException {
        String doc = Files.readString(DOC);
        assertTrue(doc.contains("\n" + ProcessedIndexStore.LEGACY_TOMBSTONE), "docs/data-formats.md quotes the tombstone line");
    }
}
