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
 * the next hex digits when the run of hex digits where the page's first and last keys differ holds a-f (UUIDs,
 * hashes), otherwise the next character only. With
 * {@code raw/file-0000999.csv} last on a page that started at {@code raw/file-0000000.csv} that is
 * {@code raw/file-0001} ... {@code raw/file-0009} (a page each), {@code raw/file-001} ... (ten pages each),
 * {@code raw/file-01} ... (a hundred each), and so on: geometric parts, the finest nearest to what was listed.
 */
final class KeySpaceSplitter {
    /** Counter positions cut at every following value; coarser ones get a single cut. */
    private static final int FULL_LEVELS = 1;

    private KeySpaceSplitter() {
    }

    /**
     * Boundaries after {@code lastListed} and before {@code end} (null: unbounded), strictly increasing, at most
     * {@code max} of them (the coarsest kept), never cutting inside the first {@code fixedPrefixLength} characters
     * (the raw prefix: every key listed starts with it).
     */
    static List<String> boundaries(String firstOnPage, String lastListed, String end, String fixedPrefix, int max) {
        return boundaries(firstOnPage, lastListed, end, fixedPrefix, max, 0, 0);
    }

    /**
     * As above, but without the cuts that would make parts of fewer than about {@code minKeysPerPart} keys, guessed
     * from the {@code keysOnPage} keys between {@code firstOnPage} and {@code lastListed}: a part much smaller than a
     * few pages costs nearly as many calls as keys it holds (its last page runs into the next part).
     */
    static List<String> boundaries(String firstOnPage, String lastListed, String end, String fixedPrefix, int max,
                                   int keysOnPage, int minKeysPerPart) {
        int[] last = lastListed.codePoints().toArray();
        int[] first = firstOnPage.codePoints().toArray();
        int fixed = (int) fixedPrefix.codePoints().count();
        int differ = 0;
        while (differ < first.length && differ < last.length && first[differ] == last[differ]) {
            differ++;
        }
        // Hexadecimal when the run of [0-9a-f] where the keys differ holds a letter: "418ab2c1" in UUID-like names,
        // not "999" in part-000999-3fa2c1d0 (the counter is decimal; a random suffix after it does not count).
        boolean hex = hexRun(first, differ) || hexRun(last, differ);
        List<String> cuts = new ArrayList<>();
        // Keys per value of the character where the page's keys differ, then per value of each character left of it.
        double keysPerValue = keysOnPage;
        if (differ < last.length && differ < first.length && isCounting(first[differ], hex) && isCounting(last[differ], hex)) {
            keysPerValue = keysOnPage / (double) Math.max(1, value(last[differ]) - value(first[differ]) + 1);
        }
        int fullLevels = 0;
        boolean incremented = false;
        for (int j = Math.min(differ, last.length - 1); j >= fixed; j--) {
            String head = new String(last, 0, j);
            int c = last[j];
            if (j < differ) {
                keysPerValue *= isCounting(c, hex) ? (hex ? 16 : 10) : 1;
            }
            if (isCounting(c, hex) && keysPerValue < minKeysPerPart) {
                continue; // parts of this character would be too small: the thread listing on takes them
            }
            if (isCounting(c, hex) && fullLevels == FULL_LEVELS) {
                // Coarser counter digits: one cut each, a probe of whether keys go on that far (a counter's leading
                // zeros would give nine empty parts); a part that turns out big is cut again as it is listed.
                int next = c == '9' && hex ? 'a' : c + 1;
                if (isCounting(next, hex)) {
                    cuts.add(head + (char) next);
                }
                continue;
            }
            if (isCounting(c, hex)) {
                if (c != (hex ? 'f' : '9')) {
                    fullLevels++; // a level counts once it has values left to cut at
                }
            } else if (incremented) {
                continue; // one cut after the fixed part of the names is enough: what follows it is one part
            } else {
                incremented = true;
            }
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
            if (KeyOrder.compare(cut, lastListed) > 0
                    && (end == null || KeyOrder.compare(cut, end) < 0)) {
                inside.add(cut);
            }
        }
        return inside.size() <= max ? inside : inside.subList(inside.size() - max, inside.size());
    }

    private static boolean hexRun(int[] key, int from) {
        for (int i = from; i < key.length && i < from + 8 && (isDigit(key[i]) || key[i] >= 'a' && key[i] <= 'f'); i++) {
            if (key[i] >= 'a') {
                return true;
            }
        }
        return false;
    }

    /** A character of a counter (a digit, or a hex digit when keys look hexadecimal). */
    private static boolean isCounting(int c, boolean hex) {
        return isDigit(c) || hex && c >= 'a' && c <= 'f';
    }

    private static int value(int c) {
        return isDigit(c) ? c - '0' : c - 'a' + 10;
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
