package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ProcessedIndexTest {

    /** Writes an index exactly as the README specifies (the run ledger's side of the format). */
    static byte[] indexBytes(List<String[]> keyEtagPairs) {
        List<String[]> sorted = new ArrayList<>(keyEtagPairs);
        sorted.sort(Comparator.<String[], String>comparing(p -> p[0], KeyOrder::compare)
                .thenComparing(p -> p[1], KeyOrder::compare));
        StringBuilder text = new StringBuilder();
        for (String[] p : sorted) {
            text.append(ProcessedIndex.escapeKey(p[0])).append('\t').append(p[1]).append('\n');
        }
        return gzip(text.toString());
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    private static ProcessedIndex read(byte[] gz) {
        return ProcessedIndex.read(new ByteArrayInputStream(gz), "s3://b/emr-pipeline/index/processed.tsv.gz");
    }

    @Test
    void findsExactlyTheIndexedKeyEtagPairs() {
        String tricky = "raw/odd name %41 tab\there\nnewline\rcr ünï 😀.csv";
        ProcessedIndex index = read(indexBytes(List.of(
                new String[] {"raw/day=1/a.csv", "9b2cf535f27731c974343645a3985328"},
                new String[] {"raw/day=1/b.csv", "6f5902ac237024bdd0c176cb93063dc4-3"},
                new String[] {tricky, "0123456789abcdef0123456789abcdef"})));
        assertEquals(3, index.size());
        ProcessedIndex.Matcher m = index.matcher();
        assertTrue(m.contains("raw/day=1/a.csv", "9b2cf535f27731c974343645a3985328"));
        assertTrue(m.contains("raw/day=1/b.csv", "6f5902ac237024bdd0c176cb93063dc4-3"));
        assertTrue(m.contains(tricky, "0123456789abcdef0123456789abcdef"));
        assertFalse(m.contains("raw/day=1/a.csv", "00000000000000000000000000000000"), "rewritten object is new");
        assertFalse(m.contains("raw/day=1/c.csv", "9b2cf535f27731c974343645a3985328"));
        assertFalse(m.contains("raw/odd name A tab\there\nnewline\rcr ünï 😀.csv", "0123456789abcdef0123456789abcdef"),
                "%41 in a key is not 'A'");
    }

    @Test
    void escapingFollowsTheFormat() {
        assertEquals("a%25b%09c%0Ad%0De", ProcessedIndex.escapeKey("a%b\tc\nd\re"));
        assertEquals("plain/key.csv", ProcessedIndex.escapeKey("plain/key.csv"));
    }

    @Test
    void emptyIndexesHoldNothing() {
        assertEquals(0, ProcessedIndex.empty().size());
        assertFalse(ProcessedIndex.empty().matcher().contains("k", "e"));
        assertEquals(0, read(gzip("")).size());
    }

    @Test
    void aLastLineWithoutNewlineAndDuplicatesAreAccepted() {
        ProcessedIndex index = read(gzip("a\te1\na\te1\nb\te2"));
        assertEquals(2, index.size());
        assertTrue(index.matcher().contains("b", "e2"));
    }

    @Test
    void linesLongerThanTheReadBufferAreFingerprintedWhole() {
        String longKey = "raw/" + "x".repeat(200_000) + ".csv";
        ProcessedIndex index = read(indexBytes(List.<String[]>of(new String[] {longKey, "etag"})));
        assertTrue(index.matcher().contains(longKey, "etag"));
        assertFalse(index.matcher().contains(longKey + "y", "etag"));
    }

    @Test
    void rejectsWhatIsNotTheFormat() {
        CorruptPipelineObjectException notGzip = assertThrows(CorruptPipelineObjectException.class,
                () -> read("raw/a.csv\tetag\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(notGzip.getMessage().contains("s3://b/emr-pipeline/index/processed.tsv.gz"), notGzip.getMessage());
        byte[] whole = gzip("a\te\n");
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 6);
        assertThrows(CorruptPipelineObjectException.class, () -> read(truncated));
        for (String bad : new String[] {"no-tab\n", "a\tb\tc\n", "\tetag\n", "key\t\n", "key\tetag\r\n"}) {
            CorruptPipelineObjectException e = assertThrows(CorruptPipelineObjectException.class,
                    () -> read(gzip("ok\tetag\n" + bad)), bad);
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        }
    }

    @Test
    void fingerprintSetSortsAndSearchesLikeATreeSet() {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 23, 24, 25, 100, 10_000, 100_000}) {
            FingerprintSet set = new FingerprintSet(4);
            TreeSet<List<Long>> reference = new TreeSet<>(
                    Comparator.<List<Long>, Long>comparing(l -> l.get(0)).thenComparing(l -> l.get(1)));
            for (int i = 0; i < size; i++) {
                // few distinct highs, many duplicates: exercises equal keys in the partitioning
                long high = random.nextInt(Math.max(1, size / 10)) - size / 20;
                long low = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(5);
                set.add(high, low);
                reference.add(List.of(high, low));
            }
            set.seal();
            assertEquals(reference.size(), set.size(), "size " + size);
            for (List<Long> entry : reference) {
                assertTrue(set.contains(entry.get(0), entry.get(1)));
            }
            for (int i = 0; i < 1000; i++) {
                long high = random.nextLong();
                long low = random.nextLong();
                assertEquals(reference.contains(List.of(high, low)), set.contains(high, low));
                long nearHigh = random.nextInt(Math.max(1, size / 10));
                long nearLow = random.nextInt(7);
                assertEquals(reference.contains(List.of(nearHigh, nearLow)), set.contains(nearHigh, nearLow));
            }
        }
    }

    @Test
    void fingerprintSetOfSortedAndReversedInput() {
        FingerprintSet ascending = new FingerprintSet(0);
        FingerprintSet descending = new FingerprintSet(0);
        for (int i = 0; i < 50_000; i++) {
            ascending.add(i / 7, i);
            descending.add(-i / 7, -i);
        }
        ascending.seal();
        descending.seal();
        assertEquals(50_000, ascending.size());
        assertEquals(50_000, descending.size());
        assertTrue(ascending.contains(49_999 / 7, 49_999));
        assertTrue(descending.contains(-49_999 / 7, -49_999));
        assertFalse(ascending.contains(0, 50_000));
    }
}
