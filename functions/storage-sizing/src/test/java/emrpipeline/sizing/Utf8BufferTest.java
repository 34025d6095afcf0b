package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8BufferTest {
    private static final char[] ALPHABET = {'a', 'Z', '0', '/', ' ', '"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000',
        '\u001f', '\u007f', 'é', '\u07ff', '\u0800', '€', '\uFFFF', '\uD83D', '\uDE00', '\u2028'};

    private static String random(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    @Test
    void utf8IsWhatStringGetBytesGives() {
        Random random = new Random(1);
        Utf8Buffer buffer = new Utf8Buffer(1); // grows
        for (int i = 0; i < 50_000; i++) {
            String s = random(random);
            buffer.reset();
            buffer.utf8(s);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(buffer.bytes(), buffer.length()), s);
        }
    }

    @Test
    void jsonStringsParseBackToTheSameText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(2);
        Utf8Buffer buffer = new Utf8Buffer(4);
        for (int i = 0; i < 20_000; i++) {
            String s = random(random);
            if (s.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)) {
                continue; // lone surrogates never occur in S3 keys (they are UTF-8)
            }
            buffer.reset();
            buffer.jsonString(s);
            assertEquals(s, json.readValue(Arrays.copyOf(buffer.bytes(), buffer.length()), String.class));
        }
    }

    @Test
    void numbersAndAscii() {
        Utf8Buffer buffer = new Utf8Buffer(2);
        buffer.decimal(0).ascii(',').decimal(9_223_372_036_854_775_807L).ascii(",x");
        assertEquals("0,9223372036854775807,x", new String(buffer.bytes(), 0, buffer.length(), StandardCharsets.UTF_8));
    }
}
