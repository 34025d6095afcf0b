package emrpipeline.ledger;

/**
 * What the cost estimate needs to know about the cluster, as finish received it. Any field may be null (the
 * failure path may not know it); the estimate then says which one was missing instead of guessing.
 */
public record ClusterShape(
        String masterInstanceType,
        String coreInstanceType,
        Integer coreNodeCount,
        boolean coreSpot,
        Integer ebsGibPerVolume,
        Integer volumesPerInstance) {
}
