package emrpipeline.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * Where to cut the rest of a key range so that idle listing threads can take parts of it, guessed from one page
 * of keys just listed (no extra request). Only the balance depends on the guess: the parts of a {@link KeyRange}
 * cut anywhere cover it exactly, so a poor guess costs a few empty listings (one call each), never a key.
 *
 * <p>The page's first and last keys share a prefix; the listing beyond the page continues by changing the
 * character where they differ and those left of it. For each of those positions, from the nearest to the prefix,
 * the guess cuts at the following values of that character: the next digits when it is a digit (counters, dates),
 * the next hex digits when what varies between the page's first and last keys holds a-f (UUIDs, hashes),
 * otherwise the next character only. With
 * {@code raw/file-0000999.csv} last on a page that started at {@code raw/file-0000000.csv} that is
 * {@code raw/file-0001} ... {@code raw/file-0009} (a page each), {@code raw/file-001} ... (ten pages each),
 * {@code raw/file-01} ... (a hundred each), and so on: geometric parts, the finest nearest to what was listed.
 */
final class KeySpaceSplitter {
    private KeySpaceSplitter() {
    }

    /**
     * Boundaries after {@code lastListed} and before {@code end} (null: unbounded), strictly increasing, at most
     * {@code max} of them (the coarsest kept), never cutting inside the first {@code fixedPrefixLength} characters
     * (the raw prefix: every key listed starts with it).
     */
    static List<String> boundaries(String firstOnPage, String lastListed, String end, String fixedPrefix, int max) {
        int[] last = lastListed.codePoints().toArray();
        int[] first = firstOnPage.codePoints().toArray();
        int fixed = (int) fixedPrefix.codePoints().count();
        int differ = 0;
        while (differ < first.length && differ < last.length && first[differ] == last[differ]) {
            differ++;
        }
        int suffix = 0; // a shared ending (".csv") is no part of what varies
        while (suffix < first.length - differ && suffix < last.length - differ
                && first[first.length - 1 - suffix] == last[last.length - 1 - suffix]) {
            suffix++;
        }
        boolean hex = hasHexLetter(first, differ, first.length - suffix) || hasHexLetter(last, differ, last.length - suffix);
        List<String> cuts = new ArrayList<>();
        for (int j = Math.min(differ, last.length - 1); j >= fixed; j--) {
            String head = new String(last, 0, j);
            int c = last[j];
            if (isDigit(c) || hex && c >= 'a' && c <= 'f') {
                for (int d = c + 1; d <= (hex ? 'f' : '9'); d++) {
                    if (d == '9' + 1) {
                        d = 'a'; // digits, then a-f for hexadecimal keys
                    }
                    cuts.add(head + (char) d);
                }
            } else {
                int next = nextCodePoint(c);
                if (next >= 0) {
                    cuts.add(head + Character.toString(next));
                }
            }
        }
        // Increasing by construction (each cut at position j sorts below every cut at j - 1); keep those before end.
        List<String> inside = new ArrayList<>(cuts.size());
        for (String cut : cuts) {
            if (ListedObject.compareCodePoints(cut, lastListed) > 0
                    && (end == null || ListedObject.compareCodePoints(cut, end) < 0)) {
                inside.add(cut);
            }
        }
        return inside.size() <= max ? inside : inside.subList(inside.size() - max, inside.size());
    }

    private static boolean hasHexLetter(int[] key, int from, int to) {
        for (int i = from; i < to; i++) {
            if (key[i] >= 'a' && key[i] <= 'f') {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The next Unicode scalar value (surrogates are not characters); -1 after U+10FFFF. */
    private static int nextCodePoint(int c) {
        int next = c + 1;
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
            next = Character.MAX_SURROGATE + 1;
        }
        return next > Character.MAX_CODE_POINT ? -1 : next;
    }
}
