package emrpipeline.slack;
// Forced copy: each function that retries with jitter has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import java.security.SecureRandom;
import java.util.Random;

/**
 * Random numbers for retry jitter that differ between execution environments. A SnapStart snapshot holds every
 * generator's state (ThreadLocalRandom's seeds included), so environments restored from one snapshot would draw
 * the same "random" backoffs and retry in lockstep, the collision jitter exists to avoid
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html). The generator here is seeded from
 * {@link SecureRandom} and seeded again after a restore ({@link SnapStartHooks#afterRestore}).
 * (Each function that retries with jitter has this class: each function is built alone.)
 */
final class Jitter {
    private static volatile Random random = seeded();

    private Jitter() {
    }

    /** A value in [0, bound). */
    static long nextLong(long bound) {
        return random.nextLong(bound);
    }

    /** A new seed, after a restore: from here on this environment draws its own numbers. */
    static void reseed() {
        random = seeded();
    }

    /** The current generator, for tests. */
    static Random generator() {
        return random;
    }

    private static Random seeded() {
        return new Random(new SecureRandom().nextLong());
    }
}
