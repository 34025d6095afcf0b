package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fingerprints are MurmurHash3 x64 128 as published: checked against Guava's implementation (a test dependency). */
class Murmur3Test {
    @Test
    void equalsTheReferenceForEveryLengthAndOffset() {
        Random random = new Random(1);
        Murmur3 hash = new Murmur3();
        for (int length = 0; length < 300; length++) {
            for (int offset : new int[] {0, 1, 7}) {
                byte[] data = new byte[offset + length + 3];
                random.nextBytes(data);
                HashCode expected = Hashing.murmur3_128().hashBytes(data, offset, length);
                ByteBuffer words = ByteBuffer.wrap(expected.asBytes()).order(ByteOrder.LITTLE_ENDIAN);
                hash.hash(data, offset, length);
                assertEquals(words.getLong(0), hash.high(), "length " + length + " offset " + offset);
                assertEquals(words.getLong(8), hash.low(), "length " + length + " offset " + offset);
            }
        }
    }

    @Test
    void aMatcherFingerprintsWhatTheIndexReaderFingerprints() {
        for (String key : new String[] {"raw/a.csv", "raw/100%.csv", "raw/tab\there", "raw/new\nline", "raw/cr\r",
                "raw/ünï/😀 x.csv", "raw/" + "x".repeat(600)}) {
            ProcessedIndex index = ProcessedIndex.read(new java.io.ByteArrayInputStream(ProcessedIndexTest.indexBytes(
                    java.util.List.<String[]>of(new String[] {key, "0123abcd"}))), "test");
            assertEquals(true, index.matcher().contains(key, "0123abcd"), key);
            assertEquals(false, index.matcher().contains(key, "0123abce"), key);
            assertEquals(false, index.matcher().contains(key + " ", "0123abcd"), key);
        }
    }
}
