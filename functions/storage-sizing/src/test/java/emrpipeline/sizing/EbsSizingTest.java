package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EbsSizingTest {
    private static final long GIB = 1L << 30;

    @ParameterizedTest(name = "{0} core nodes -> dfs.replication {1}")
    @CsvSource({"1,1", "2,1", "3,1", "4,2", "5,2", "9,2", "10,3", "11,3", "256,3"})
    void replicationFactorFollowsEmrDefaults(int coreNodes, int expected) {
        assertEquals(expected, EbsSizing.replicationFactor(coreNodes));
    }

    @ParameterizedTest(name = "[{index}] {0} B x{1}, {2} nodes x {3} volumes, +{4}, [{5},{6}] -> {7} (unclamped {8})")
    @CsvSource({
            // newBytes,      expansion, nodes, volumes, headroom, min,  max,   ebsGib, unclamped
            // exactly 10 GiB of data per volume is 10, not 11
            "10737418240,     1,         1,     1,       0,        1,    100,   10,     10",
            // one byte more rounds up to a whole GiB
            "10737418241,     1,         1,     1,       0,        1,    100,   11,     11",
            // replication 1 (3 nodes): 300 GiB over 3 nodes = 100 GiB, + 16
            "322122547200,    1,         3,     1,       16,       1,    1024,  116,    116",
            // replication 2 (4 nodes): 400 GiB * 2 / 4 = 200 GiB, + 16
            "429496729600,    1,         4,     1,       16,       1,    1024,  216,    216",
            // replication 3 (10 nodes): 1000 GiB * 3 / 10 = 300 GiB, + 16
            "1073741824000,   1,         10,    1,       16,       1,    1024,  316,    316",
            // volumes share a node's part: 300 GiB * 3 / (10 * 2) = 45 GiB, + 16
            "322122547200,    1,         10,    2,       16,       1,    1024,  61,     61",
            // the README example: 150 GB, x3, 6 nodes (replication 2), 2 volumes: 69.8492 GiB + 16 = 85.8492 -> 86
            "150000000000,    3.0,       6,     2,       16,       32,   1024,  86,     86",
            // decimal knobs: 1 GiB * 2.5 = 2.5 GiB + 0.5 = 3
            "1073741824,      2.5,       1,     1,       0.5,      1,    100,   3,      3",
            // clamped up to min
            "1000,            3,         2,     1,       16,       32,   1024,  32,     17",
            // clamped down to max
            "10995116277760,  3,         2,     1,       16,       32,   1024,  1024,   15376",
            // gp3's largest volume
            "9223372036854775807, 3,     1,     1,       0,        1,    16384, 16384,  25769803776",
    })
    void sizesVolumes(long newBytes, String expansion, int nodes, int volumes, String headroom, int min, int max,
                      int expectedGib, long expectedUnclamped) {
        EbsSizing.Figure figure = EbsSizing.size(newBytes, new EbsSizing.Parameters(nodes, volumes,
                new BigDecimal(expansion), new BigDecimal(headroom), min, max));
        assertEquals(expectedGib, figure.ebsGib(), figure.explanation());
        assertEquals(expectedUnclamped, figure.unclampedGib(), figure.explanation());
        assertEquals(EbsSizing.replicationFactor(nodes), figure.replicationFactor());
    }

    @Test
    void readmeExampleShowsItsWorking() {
        EbsSizing.Figure figure = EbsSizing.size(150_000_000_000L,
                new EbsSizing.Parameters(6, 2, new BigDecimal("3.0"), new BigDecimal("16"), 32, 1024));
        assertEquals(new BigDecimal("69.850"), figure.dataGibPerVolume());
        assertEquals("ceil(150000000000 B * 3.0 * 2 / (6 nodes * 2 volumes) / 1073741824 B/GiB + 16 GiB) = 86 GiB,"
                + " clamped to [32, 1024] = 86 GiB", figure.explanation());
    }

    @Test
    void nothingNewIsMinGib() {
        EbsSizing.Figure figure = EbsSizing.size(0,
                new EbsSizing.Parameters(2, 1, BigDecimal.ONE, new BigDecimal("100"), 32, 1024));
        assertEquals(32, figure.ebsGib());
        assertEquals(0, figure.unclampedGib());
    }

    @Test
    void resultIsAlwaysAWholeNumberWithinBounds() {
        EbsSizing.Parameters p = new EbsSizing.Parameters(7, 3, new BigDecimal("1.7"), new BigDecimal("0.25"), 5, 900);
        for (long bytes = 1; bytes < 5000 * GIB; bytes = bytes * 3 + 7) {
            EbsSizing.Figure figure = EbsSizing.size(bytes, p);
            BigDecimal exact = BigDecimal.valueOf(bytes).multiply(new BigDecimal("1.7")).multiply(BigDecimal.valueOf(2))
                    .divide(BigDecimal.valueOf(21L * GIB), 30, java.math.RoundingMode.HALF_EVEN).add(new BigDecimal("0.25"));
            // unclamped is the smallest whole number >= the exact figure
            assertEquals(true, BigDecimal.valueOf(figure.unclampedGib()).compareTo(exact) >= 0, figure.explanation());
            assertEquals(true, BigDecimal.valueOf(figure.unclampedGib() - 1).compareTo(exact) < 0, figure.explanation());
            assertEquals(Math.max(5, Math.min(900, figure.unclampedGib())), figure.ebsGib());
        }
    }

    @Test
    void parametersRejectWhatEmrOrGp3Would() {
        assertThrows(IllegalArgumentException.class,
                () -> new EbsSizing.Parameters(2, 1, BigDecimal.ONE, BigDecimal.ZERO, 1, EbsSizing.GP3_MAX_GIB + 1));
        assertThrows(IllegalArgumentException.class,
                () -> new EbsSizing.Parameters(0, 1, BigDecimal.ONE, BigDecimal.ZERO, 1, 10));
        assertThrows(IllegalArgumentException.class,
                () -> new EbsSizing.Parameters(2, 1, BigDecimal.ONE, BigDecimal.ZERO, 11, 10));
        assertThrows(IllegalArgumentException.class,
                () -> new EbsSizing.Parameters(2, 1, BigDecimal.ZERO, BigDecimal.ZERO, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> EbsSizing.replicationFactor(0));
    }
}
