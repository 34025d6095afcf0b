package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void escapesMrkdwnControlCharacters() {
        assertEquals("a &lt;b&gt; &amp; c", SlackText.escape("a <b> & c"));
        assertEquals("*bold* _it_ `code`", SlackText.escape("*bold* _it_ `code`"));
    }

    @Test
    void shortTextIsKeptWhole() {
        assertEquals("&lt;ok&gt;", SlackText.fitEscaped("<ok>", 10, "…"));
    }

    @Test
    void cutsNeverSplitAnEscape() {
        for (int max = 1; max <= 30; max++) {
            String fitted = SlackText.fitEscaped("&".repeat(20), max, "…");
            assertTrue(fitted.length() <= max, fitted + " is longer than " + max);
            assertEquals("", withoutMarker(fitted).replace("&amp;", ""), fitted);
        }
    }

    @Test
    void cutsNeverSplitASurrogatePair() {
        String rockets = "🚀".repeat(20);
        for (int max = 1; max <= 30; max++) {
            String fitted = SlackText.fitEscaped(rockets, max, "…");
            String plain = SlackText.fitPlain(rockets, max);
            assertTrue(fitted.length() <= max && plain.length() <= max, fitted + " / " + plain);
            assertEquals("", withoutMarker(fitted).replace("🚀", ""), fitted);
            assertEquals("", withoutMarker(plain).replace("🚀", ""), plain);
        }
    }

    private static String withoutMarker(String text) {
        return text.endsWith("…") ? text.substring(0, text.length() - 1) : text;
    }

    @Test
    void theMarkerCountsWhatWasLeftOut() {
        String fitted = SlackText.fitEscaped("0123456789".repeat(10), 40, " [%,d more]");

        assertEquals("01234567890123456789012345678 [71 more]", fitted);
        assertTrue(fitted.length() <= 40);
    }

    @Test
    void aMarkerLongerThanTheLimitIsItselfCut() {
        assertEquals(3, SlackText.fitEscaped("0123456789", 3, "… and more").length());
    }

    @Test
    void fitPlainAddsAnEllipsis() {
        assertEquals("abcd…", SlackText.fitPlain("abcdefgh", 5));
        assertEquals("abc", SlackText.fitPlain("abc", 5));
    }
}
