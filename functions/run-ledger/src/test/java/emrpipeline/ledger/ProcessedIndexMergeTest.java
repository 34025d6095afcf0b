package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emrpipeline.ledger.TestData.RawObject;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ProcessedIndexMergeTest {

    /** Writes an index the README's way, independently of the code under test. */
    static byte[] gzipIndex(List<RawObject> sorted) {
        StringBuilder text = new StringBuilder();
        for (RawObject o : sorted) {
            text.append(escape(o.key())).append('\t').append(o.etag()).append('\n');
        }
        return gzip(text.toString());
    }

    static byte[] gzip(String text) {
        return ProcessedIndexStore.gzip(text);
    }

    static String escape(String key) {
        return key.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
    }

    static String gunzip(byte[] bytes) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(bytes)), StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = r.read()) >= 0) {
                sb.append((char) c);
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KeyEtagPairs pairs(List<RawObject> sorted) {
        KeyEtagPairs p = new KeyEtagPairs();
        sorted.forEach(o -> p.add(o.key().getBytes(StandardCharsets.UTF_8), o.etag().getBytes(StandardCharsets.UTF_8)));
        return p;
    }

    static List<RawObject> sortedUnique(List<RawObject> objects) {
        TreeSet<RawObject> set = new TreeSet<>(TestData.INDEX_ORDER);
        set.addAll(objects);
        return new ArrayList<>(set);
    }

    record Merged(ProcessedIndexMerge.Outcome outcome, String text) {
    }

    static Merged merge(byte[] index, List<RawObject> manifest) {
        ShardWriter out = new ShardWriter(1, Long.MAX_VALUE, "");
        ProcessedIndexMerge.Outcome o = ProcessedIndexMerge.merge(index == null ? null : new ByteArrayInputStream(index),
                pairs(manifest), out);
        return new Merged(o, text(out.finish()));
    }

    /** The lines of the pieces, one after the other. */
    static String text(List<ShardWriter.Piece> pieces) {
        StringBuilder all = new StringBuilder();
        for (ShardWriter.Piece piece : pieces) {
            all.append(gunzip(java.util.Arrays.copyOf(piece.gzip(), piece.length())));
        }
        return all.toString();
    }

    static String expectedText(List<RawObject> union) {
        StringBuilder sb = new StringBuilder();
        sortedUnique(union).forEach(o -> sb.append(escape(o.key())).append('\t').append(o.etag()).append('\n'));
        return sb.toString();
    }

    @Test
    void noIndexYetMeansEverythingIsAdded() {
        List<RawObject> m = TestData.objects("d", 5);
        Merged r = merge(null, m);
        assertEquals(expectedText(m), r.text());
        assertEquals(new ProcessedIndexMerge.Outcome(0, 5, 5, 0), r.outcome());
    }

    @Test
    void randomMergesEqualTheSortedUnion() {
        Random random = new Random(42);
        String[] alphabet = {"a", "b", "z", "/", "%", "\t", "\n", "\r", "!", "é", "\uFFFD", "\uD83D\uDE00", "0", "~"};
        for (int round = 0; round < 200; round++) {
            List<RawObject> universe = new ArrayList<>();
            int size = random.nextInt(60);
            for (int i = 0; i < size; i++) {
                StringBuilder key = new StringBuilder("raw/");
                int len = 1 + random.nextInt(6);
                for (int k = 0; k < len; k++) {
                    key.append(alphabet[random.nextInt(alphabet.length)]);
                }
                universe.add(new RawObject(key.toString(), "e" + random.nextInt(3)));
            }
            List<RawObject> index = new ArrayList<>();
            List<RawObject> manifest = new ArrayList<>();
            for (RawObject o : universe) {
                int where = random.nextInt(3);
                if (where != 1) {
                    index.add(o);
                }
                if (where != 0) {
                    manifest.add(o);
                }
            }
            List<RawObject> indexed = sortedUnique(index);
            manifest = sortedUnique(manifest);
            List<RawObject> union = new ArrayList<>(indexed);
            union.addAll(manifest);
            Merged r = merge(gzipIndex(indexed), manifest);
            assertEquals(expectedText(union), r.text(), "round " + round);
            long added = manifest.stream().filter(o -> indexed.stream().noneMatch(i -> TestData.INDEX_ORDER.compare(i, o) == 0)).count();
            assertEquals(added, r.outcome().added(), "round " + round);
            assertEquals(indexed.size(), r.outcome().pairsBefore());
            assertEquals(sortedUnique(union).size(), r.outcome().pairsAfter());
            // Containment check: the manifest is contained in the merged index.
            assertEquals(0, ProcessedIndexMerge.merge(new ByteArrayInputStream(gzipIndex(sortedUnique(union))), pairs(manifest), null).added());
        }
    }

    @Test
    void linesAreOrderedByTheDecodedKey() {
        // TAB (0x09) sorts before '!' (0x21) although its escape "%09" would sort after it.
        List<RawObject> index = List.of(new RawObject("raw/a\tb", "e"), new RawObject("raw/a!b", "e"));
        Merged r = merge(gzipIndex(index), List.of(new RawObject("raw/a\u0001", "e")));
        assertEquals("raw/a\u0001\te\nraw/a%09b\te\nraw/a!b\te\n", r.text());
    }

    @Test
    void bigIndexAcrossManyBuffers() {
        List<RawObject> index = TestData.objects("big", 40_000);
        List<RawObject> manifest = new ArrayList<>(TestData.objects("big", 40_010).subList(39_990, 40_010));
        manifest.addAll(TestData.objects("aaa", 3));
        manifest = sortedUnique(manifest);
        List<RawObject> union = new ArrayList<>(index);
        union.addAll(manifest);
        Merged r = merge(gzipIndex(index), manifest);
        assertEquals(expectedText(union), r.text());
        assertEquals(13, r.outcome().added());
    }

    @Test
    void anIndexThatBreaksTheFormatIsRejected() {
        String[] broken = {
            "raw/b\te\nraw/a\te\n",       // out of order
            "raw/a\te\nraw/a\te\n",       // duplicate
            "raw/a\te2\nraw/a\te1\n",     // ETags out of order
            "raw/a e\n",                  // no TAB
            "raw/a\te",                   // no final newline
            "\te\n",                      // empty key
            "raw/a\t\n",                  // empty ETag
            "raw/a\te\tx\n",              // two TABs
            "raw/%zz\te\n",               // bad escape
        };
        for (String text : broken) {
            assertThrows(ProcessedIndexInvalidException.class,
                    () -> ProcessedIndexMerge.merge(new ByteArrayInputStream(gzip(text)), pairs(List.of()),
                            new ShardWriter(1, Long.MAX_VALUE, "")),
                    text);
        }
        assertThrows(ProcessedIndexInvalidException.class, () -> ProcessedIndexMerge.merge(
                new ByteArrayInputStream("not gzip".getBytes(StandardCharsets.UTF_8)), pairs(List.of()), null));
        byte[] whole = gzipIndex(TestData.objects("t", 100));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 10);
        assertThrows(ProcessedIndexInvalidException.class, () -> ProcessedIndexMerge.merge(
                new ByteArrayInputStream(truncated), pairs(List.of()), null));
    }

    @Test
    void aShardsLinesMustLieInItsKeyRange() {
        byte[] shard = gzip("raw/b\te\nraw/c\te\n");
        byte[] b = "raw/b".getBytes(StandardCharsets.UTF_8);
        byte[] c = "raw/c".getBytes(StandardCharsets.UTF_8);
        byte[] d = "raw/d".getBytes(StandardCharsets.UTF_8);
        KeyEtagPairs none = pairs(List.of());
        assertEquals(2, ProcessedIndexMerge.merge(new ByteArrayInputStream(shard), none, 0, 0, null, b, d).pairsBefore());
        assertThrows(ProcessedIndexInvalidException.class,
                () -> ProcessedIndexMerge.merge(new ByteArrayInputStream(shard), none, 0, 0, null, c, d), "below the first key");
        assertThrows(ProcessedIndexInvalidException.class,
                () -> ProcessedIndexMerge.merge(new ByteArrayInputStream(shard), none, 0, 0, null, b, c), "at the next shard's");
    }

    @Test
    void aGrownShardIsSplitIntoPiecesThatCoverItsRange() {
        List<RawObject> index = TestData.objects("s", 2500);
        List<RawObject> manifest = TestData.objects("t", 600);
        long perPiece = ShardWriter.linesPerPiece(3100, 1000, 800);
        assertEquals(775, perPiece, "4 pieces of about 800");
        ShardWriter out = new ShardWriter(1, perPiece, "raw/");
        ProcessedIndexMerge.Outcome o = ProcessedIndexMerge.merge(new ByteArrayInputStream(gzipIndex(index)),
                pairs(manifest), out);
        List<ShardWriter.Piece> pieces = out.finish();
        assertEquals(3100, o.pairsAfter());
        assertEquals(List.of(775L, 775L, 775L, 775L), pieces.stream().map(ShardWriter.Piece::entries).toList());
        List<RawObject> union = new ArrayList<>(index);
        union.addAll(manifest);
        assertEquals(expectedText(union), text(pieces));
        assertEquals("raw/", pieces.get(0).firstKey(), "the first piece keeps the shard's first key");
        for (int i = 1; i < pieces.size(); i++) {
            String firstLine = gunzip(java.util.Arrays.copyOf(pieces.get(i).gzip(), pieces.get(i).length())).split("\t")[0];
            assertEquals(TestData.unescape(firstLine), pieces.get(i).firstKey());
        }
        assertEquals(Long.MAX_VALUE, ShardWriter.linesPerPiece(1000, 1000, 800), "no split up to the maximum");
    }

    @Test
    void everyLevelWritesTheSameIndex() {
        List<RawObject> index = TestData.objects("lv", 1000);
        List<RawObject> manifest = TestData.objects("lw", 10);
        String expected = null;
        for (int level = 0; level <= 9; level++) {
            ShardWriter out = new ShardWriter(level, Long.MAX_VALUE, "");
            ProcessedIndexMerge.merge(new ByteArrayInputStream(gzipIndex(index)), pairs(manifest), out);
            String text = text(out.finish());
            if (expected == null) {
                expected = text;
            }
            assertEquals(expected, text, "level " + level);
        }
        assertTrue(expected.endsWith("\n"));
    }
}
