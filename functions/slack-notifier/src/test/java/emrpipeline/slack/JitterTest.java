package emrpipeline.slack;
// Forced copy: each function that retries with jitter has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The retry jitter: within its bound, and drawn afresh in each environment restored from one snapshot. */
class JitterTest {

    @Test
    void aReseededGeneratorDrawsWhatTheSnapshotsStateDoesNotPredict() throws Exception {
        // Environments restored from one snapshot start with the same generator state: a copy stands for another one.
        Random inTheSnapshot = copy(Jitter.generator());

        Jitter.reseed();

        assertNotSame(inTheSnapshot, Jitter.generator());
        long[] restored = LongStream.range(0, 8).map(i -> Jitter.nextLong(Long.MAX_VALUE)).toArray();
        long[] otherEnvironment = LongStream.range(0, 8).map(i -> inTheSnapshot.nextLong(Long.MAX_VALUE)).toArray();
        assertNotEquals(Arrays.toString(otherEnvironment), Arrays.toString(restored));
    }

    @Test
    void drawsStayBelowTheirBound() {
        assertTrue(LongStream.range(0, 1000).map(i -> Jitter.nextLong(7)).allMatch(v -> v >= 0 && v < 7));
    }

    /** The generator as a snapshot holds it (java.util.Random is Serializable: its full state). */
    static Random copy(Random random) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Random) in.readObject();
        }
    }
}
