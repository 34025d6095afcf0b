package emrpipeline.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The EBS size of each gp3 volume of each core node, in whole GiB:
 * <pre>
 *   dataGibPerVolume = newBytes * expansionFactor * replicationFactor / (coreNodeCount * volumesPerInstance) / 2^30
 *   ebsGib           = clamp(ceil(dataGibPerVolume + headroomGib), minGib, maxGib)
 * </pre>
 * HDFS spreads blocks over the core nodes (and their volumes) and stores each block
 * {@code replicationFactor} times; the factor is EMR's default {@code dfs.replication} for the core node
 * count. The arithmetic is exact (BigDecimal): a figure that is a whole number of GiB is not rounded up.
 * When nothing is new the figure is {@code minGib} (no cluster is created for nothing anyway).
 */
public final class EbsSizing {
    /** Largest gp3 volume. */
    public static final int GP3_MAX_GIB = 16_384;
    static final long GIB = 1L << 30;

    private EbsSizing() {
    }

    /** The knobs of the formula; validated by {@link SizingRequestValidator}, re-checked here. */
    public record Parameters(
            int coreNodeCount,
            int volumesPerInstance,
            BigDecimal expansionFactor,
            BigDecimal headroomGib,
            int minGib,
            int maxGib) {
        public Parameters {
            if (coreNodeCount < 1 || volumesPerInstance < 1 || expansionFactor.signum() <= 0
                    || headroomGib.signum() < 0 || minGib < 1 || maxGib > GP3_MAX_GIB || minGib > maxGib) {
                throw new IllegalArgumentException("invalid EBS sizing parameters: " + coreNodeCount + " core nodes, "
                        + volumesPerInstance + " volumes, expansion " + expansionFactor + ", headroom " + headroomGib
                        + ", [" + minGib + ", " + maxGib + "]");
            }
        }
    }

    /**
     * The result and its intermediate values, so a reader can check it.
     *
     * @param ebsGib            the size of each volume, in [minGib, maxGib]
     * @param replicationFactor HDFS replication used
     * @param dataGibPerVolume  the data-driven part before headroom, rounded up to 3 decimals (display only)
     * @param unclampedGib      ceil(dataGibPerVolume + headroomGib), before clamping (exact)
     * @param explanation       the formula with the numbers filled in
     */
    public record Figure(int ebsGib, int replicationFactor, BigDecimal dataGibPerVolume, long unclampedGib,
                         String explanation) {
    }

    /** EMR's default {@code dfs.replication}: 1 for up to 3 core nodes, 2 for 4 to 9, 3 for 10 or more. */
    public static int replicationFactor(int coreNodeCount) {
        if (coreNodeCount < 1) {
            throw new IllegalArgumentException("coreNodeCount must be >= 1, got " + coreNodeCount);
        }
        return coreNodeCount <= 3 ? 1 : coreNodeCount <= 9 ? 2 : 3;
    }

    public static Figure size(long newBytes, Parameters p) {
        if (newBytes < 0) {
            throw new IllegalArgumentException("newBytes must be >= 0, got " + newBytes);
        }
        int replication = replicationFactor(p.coreNodeCount());
        if (newBytes == 0) {
            return new Figure(p.minGib(), replication, BigDecimal.ZERO.setScale(3), 0,
                    "nothing new: minGib = " + p.minGib() + " GiB");
        }
        BigDecimal dataBytes = BigDecimal.valueOf(newBytes).multiply(p.expansionFactor())
                .multiply(BigDecimal.valueOf(replication));
        BigDecimal bytesPerGibOfVolume = BigDecimal.valueOf((long) p.coreNodeCount() * p.volumesPerInstance())
                .multiply(BigDecimal.valueOf(GIB));
        BigDecimal dataGib = dataBytes.divide(bytesPerGibOfVolume, 3, RoundingMode.CEILING);
        long unclamped = dataBytes.add(p.headroomGib().multiply(bytesPerGibOfVolume))
                .divide(bytesPerGibOfVolume, 0, RoundingMode.CEILING)
                .longValueExact();
        int ebsGib = (int) Math.max(p.minGib(), Math.min(p.maxGib(), unclamped));
        String explanation = "ceil(" + newBytes + " B * " + p.expansionFactor().toPlainString() + " * " + replication
                + " / (" + p.coreNodeCount() + " nodes * " + p.volumesPerInstance() + " volumes) / " + GIB
                + " B/GiB + " + p.headroomGib().toPlainString() + " GiB) = " + unclamped + " GiB"
                + ", clamped to [" + p.minGib() + ", " + p.maxGib() + "] = " + ebsGib + " GiB";
        return new Figure(ebsGib, replication, dataGib, unclamped, explanation);
    }
}
