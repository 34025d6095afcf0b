package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parallel listing lists every key of the range exactly once, whatever the keys and wherever the key space is
 * cut: no gap, no overlap. Keys include what breaks Java's String order against S3's UTF-8 byte order
 * (supplementary characters sort above U+E000-U+FFFF in UTF-8, below them in UTF-16), control characters,
 * '%', TAB, and keys that are prefixes of one another.
 */
class RawDataListerTest {

    /** Characters whose UTF-8 order differs from their UTF-16 order, or that sit at the edges of the alphabet. */
    private static final String[] ODD = {"\u0001", "\t", " ", "%", "-", ".", "/", "0", "9", ":", "=", "A", "_", "a", "f",
            "z", "~", "\u007f", "\u00e9", "\u0800", "\ud7ff", "\ue000", "\uff01", "\uffee", "\ud83d\ude00",
            "\ud800\udc00", "\udbff\udfff"};

    static List<String> oddKeys(int n, long seed) {
        Random random = new Random(seed);
        TreeSet<String> keys = new TreeSet<>();
        while (keys.size() < n) {
            StringBuilder k = new StringBuilder("raw/");
            int segments = 1 + random.nextInt(3);
            for (int s = 0; s < segments; s++) {
                int length = random.nextInt(6);
                for (int i = 0; i < length; i++) {
                    k.append(random.nextInt(3) == 0 ? ODD[random.nextInt(ODD.length)]
                            : Character.toString('0' + random.nextInt(10)));
                }
                if (s + 1 < segments) {
                    k.append(random.nextBoolean() ? "day=2026-11-" + (10 + random.nextInt(20)) + "/" : "/");
                }
            }
            k.append(random.nextBoolean() ? ".csv" : "");
            keys.add(k.toString());
        }
        return new ArrayList<>(keys);
    }

    private static RawDataLister.Listing list(SortedKeysS3 s3, String startAfter, List<String> boundaries,
                                              int concurrency) {
        return new RawDataLister(s3).list("b", "raw/", "emr-pipeline/", startAfter, boundaries, ProcessedIndex.empty(),
                concurrency, null);
    }

    private static Map<String, Integer> counts(RawDataLister.Listing listing) {
        Map<String, Integer> seen = new HashMap<>();
        listing.newObjects().forEach(o -> seen.merge(o.key(), 1, Integer::sum));
        return seen;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 16})
    void everyKeyIsListedExactlyOnceWithOddKeysAndRandomBoundaries(int concurrency) {
        for (long seed = 1; seed <= 6; seed++) {
            List<String> keys = oddKeys(2500 + (int) seed * 300, seed);
            SortedKeysS3 s3 = new SortedKeysS3(keys);
            Random random = new Random(seed * 31);
            List<String> boundaries = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // existing keys, and strings that are no key at all (between keys, or outside the prefix)
                boundaries.add(random.nextBoolean() ? keys.get(random.nextInt(keys.size()))
                        : oddKeys(1, seed * 1000 + i).get(0) + ODD[random.nextInt(ODD.length)]);
            }
            boundaries.add("other/prefix");
            RawDataLister.Listing listing = list(s3, null, boundaries, concurrency);

            Map<String, Integer> seen = counts(listing);
            List<String> expected = s3.keys().stream().filter(k -> !RawDataLister.isFolderMarker(k, 1)).toList();
            assertEquals(expected.size(), listing.newObjects().size(), "seed " + seed + ": a key listed twice or missed");
            for (String key : expected) {
                assertEquals(1, seen.getOrDefault(key, 0), () -> "key " + escape(key) + " listed " + seen.get(key) + " times");
            }
            int bound = (keys.size() + 999) / 1000 + listing.ranges();
            assertTrue(listing.listCalls() <= bound, "list calls " + listing.listCalls() + " > ceil(N/1000) + ranges = " + bound);
        }
    }

    @Test
    void aListingAfterAStartKeyListsExactlyTheKeysAfterIt() {
        List<String> keys = oddKeys(3000, 99);
        SortedKeysS3 s3 = new SortedKeysS3(keys);
        List<String> sorted = s3.keys();
        for (String startAfter : List.of(sorted.get(0), sorted.get(1234), sorted.get(2999), "raw/day=2026-11-20",
                "raw/\ud83d\ude00", "raw/\uff01")) {
            RawDataLister.Listing listing = list(s3, startAfter, List.of(sorted.get(2000), sorted.get(500)), 4);
            List<String> expected = sorted.stream().filter(k -> KeyOrder.compare(k, startAfter) > 0)
                    .filter(k -> !RawDataLister.isFolderMarker(k, 1)).toList();
            List<String> got = listing.newObjects().stream().map(ListedObject::key).sorted(KeyOrder::compare).toList();
            assertEquals(expected.size(), got.size(), "after " + escape(startAfter));
            assertTrue(expected.equals(got), "after " + escape(startAfter));
        }
    }

    @Test
    void aFlatPrefixOfCountersIsCutIntoRangesAndStillListedOnce() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            keys.add(String.format("raw/file-%07d.parquet", i));
        }
        SortedKeysS3 s3 = new SortedKeysS3(keys);
        RawDataLister.Listing listing = list(s3, null, List.of(), 8);
        assertEquals(60_000, listing.newObjects().size());
        assertEquals(60_000, counts(listing).size());
        assertTrue(listing.ranges() > 8, "cut while listing: " + listing.ranges() + " ranges");
        assertTrue(listing.listCalls() <= 60 + listing.ranges(), listing.listCalls() + " calls, " + listing.ranges() + " ranges");
        assertTrue(listing.listCalls() <= 1.1 * 60 + listing.ranges());
    }

    @Test
    void randomHexadecimalNamesAreCutToo() {
        Random random = new Random(7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add("raw/" + Long.toHexString(random.nextLong() | Long.MIN_VALUE >>> 1) + ".json.gz");
        }
        SortedKeysS3 s3 = new SortedKeysS3(keys);
        RawDataLister.Listing listing = list(s3, null, List.of(), 8);
        assertEquals(new TreeSet<>(keys).size(), counts(listing).size());
        assertEquals(listing.newObjects().size(), counts(listing).size());
        assertTrue(listing.ranges() > 8, listing.ranges() + " ranges");
        assertTrue(listing.listCalls() <= 1.1 * 100 + listing.ranges(), listing.listCalls() + " calls");
    }

    @Test
    void sequentialListingIsOnePaginatedListing() {
        List<String> keys = oddKeys(2500, 5);
        SortedKeysS3 s3 = new SortedKeysS3(keys);
        RawDataLister.Listing listing = list(s3, null, List.of(), 1);
        assertEquals(1, listing.ranges());
        assertEquals(3, listing.listCalls());
    }

    @Test
    void newObjectsAtOrBeforeAMarkAreCounted() {
        SortedKeysS3 s3 = new SortedKeysS3(List.of("raw/day=1/a", "raw/day=2/a", "raw/day=2/b", "raw/day=3/a"));
        RawDataLister.Listing listing = new RawDataLister(s3).list("b", "raw/", "emr-pipeline/", null, List.of(),
                ProcessedIndex.empty(), 2, "raw/day=2");
        assertEquals(4, listing.newObjects().size());
        assertEquals(1, listing.newBeforeMark(), "raw/day=1/a: before the mark");
    }

    @Test
    void rangesCutAtIncreasingBoundariesMeetWithNoGapAndNoOverlap() {
        List<String> keys = oddKeys(4000, 11);
        List<String> sorted = new SortedKeysS3(keys).keys();
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            TreeSet<String> cut = new TreeSet<>(KeyOrder::compare);
            for (int i = 0; i < 1 + random.nextInt(20); i++) {
                cut.add(random.nextBoolean() ? sorted.get(random.nextInt(sorted.size())) : oddKeys(1, trial * 100L + i).get(0));
            }
            List<KeyRange> parts = KeyRange.ALL.splitAt(new ArrayList<>(cut));
            for (String key : sorted) {
                assertEquals(1, parts.stream().filter(p -> p.contains(key)).count(), () -> escape(key));
            }
            for (String boundary : cut) {
                assertEquals(1, parts.stream().filter(p -> p.contains(boundary)).count(), "a boundary is in exactly one part");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> KeyRange.ALL.splitAt(List.of("raw/b", "raw/a")));
        assertThrows(IllegalArgumentException.class, () -> new KeyRange("raw/b", null).splitAt(List.of("raw/a")));
    }

    @Test
    void utf8OrderIsNotJavaStringOrder() {
        String supplementary = "raw/\ud83d\ude00"; // U+1F600: F0 9F 98 80 in UTF-8, D83D DE00 in UTF-16
        String bmpHigh = "raw/\uff01";             // U+FF01: EF BC 81 in UTF-8
        assertTrue(supplementary.compareTo(bmpHigh) < 0, "Java's String order");
        assertTrue(KeyOrder.compare(supplementary, bmpHigh) > 0, "S3's order");
        SortedKeysS3 s3 = new SortedKeysS3(List.of(supplementary, bmpHigh, "raw/a"));
        assertEquals(List.of("raw/a", bmpHigh, supplementary), s3.keys());
        // a range ending at U+FF01 must not take the supplementary key, and the next one must
        RawDataLister.Listing listing = list(s3, null, List.of(bmpHigh), 2);
        assertEquals(3, counts(listing).size());
        assertEquals(2, listing.ranges());
    }

    @Test
    void cutsLieAfterTheLastKeyAndBeforeTheEndAndIncrease() {
        // every value of the nearest counter digit, then one probe per coarser digit, then one cut after the name
        List<String> cuts = KeySpaceSplitter.boundaries("raw/file-0000000.csv", "raw/file-0000999.csv", null, "raw/", 100);
        assertEquals(List.of("raw/file-0001", "raw/file-0002", "raw/file-0003", "raw/file-0004", "raw/file-0005",
                "raw/file-0006", "raw/file-0007", "raw/file-0008", "raw/file-0009", "raw/file-001", "raw/file-01",
                "raw/file-1", "raw/file."), cuts);
        for (int i = 1; i < cuts.size(); i++) {
            assertTrue(KeyOrder.compare(cuts.get(i - 1), cuts.get(i)) < 0, cuts.toString());
        }
        List<String> bounded = KeySpaceSplitter.boundaries("raw/file-0000000.csv", "raw/file-0000999.csv",
                "raw/file-0005", "raw/", 100);
        assertEquals(List.of("raw/file-0001", "raw/file-0002", "raw/file-0003", "raw/file-0004"), bounded);
        List<String> decimal = KeySpaceSplitter.boundaries("raw/file-0000000.csv", "raw/file-0000999.csv", null, "raw/", 100);
        assertTrue(decimal.stream().noneMatch(c -> c.matches(".*[a-f]$") && c.length() > "raw/file-".length()),
                "no hex cuts for decimal counters with a .csv ending: " + decimal);
        List<String> hex = KeySpaceSplitter.boundaries("raw/00a1", "raw/03ff", null, "raw/", 100);
        assertEquals(List.of("raw/04", "raw/05", "raw/06", "raw/07", "raw/08", "raw/09", "raw/0a", "raw/0b", "raw/0c",
                "raw/0d", "raw/0e", "raw/0f", "raw/1"), hex);
        List<String> counterThenRandom = KeySpaceSplitter.boundaries("raw/part-000000-3fa2c1d0.parquet",
                "raw/part-000999-0be41a77.parquet", null, "raw/", 100);
        assertTrue(counterThenRandom.stream().noneMatch(c -> c.matches("raw/part-0*[a-f]")),
                "a random hex suffix after a decimal counter does not make it hexadecimal: " + counterThenRandom);
        assertEquals(List.of("raw/file-001", "raw/file-002", "raw/file-003", "raw/file-004", "raw/file-005",
                "raw/file-006", "raw/file-007", "raw/file-008", "raw/file-009", "raw/file-01", "raw/file-1", "raw/file."),
                KeySpaceSplitter.boundaries("raw/file-0000000.csv", "raw/file-0000999.csv", null, "raw/", 100, 1000, 10_000),
                "no parts of fewer than 10,000 keys: the 1,000-key digit is skipped, the 10,000-key digit cut");
        assertEquals(List.of(), KeySpaceSplitter.boundaries("raw/a", "raw/b", null, "raw/b", 10), "never inside the prefix");
        assertEquals(List.of("raw/file-01", "raw/file-1", "raw/file."),
                KeySpaceSplitter.boundaries("raw/file-0000000.csv", "raw/file-0000999.csv", null, "raw/", 3), "the coarsest kept");
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u{%x}", c) : Character.toString(c)));
        return b.toString();
    }
}
