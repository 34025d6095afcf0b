package emrpipeline.ledger;

/**
 * An estimate, not a bill: cluster-hours times list prices from {@link PriceTable}.
 * <pre>
 * master = (ec2 + emr)[master type] x hours
 * core   = nodes x (ec2[core type] x (SPOT ? SPOT_PRICE_FACTOR : 1) + emr[core type]) x hours
 * ebs    = nodes x volumesPerInstance x GiB x gp3 USD per GiB-month x hours / 730
 * </pre>
 * It leaves out the master's and root volumes, data transfer, S3 requests, and the actual spot price paid; fleets
 * with several core types are priced as the one type given. Unknown instance types or missing inputs give no
 * estimate and a reason: never a failure.
 */
public final class CostEstimator {

    /** Hours in the month AWS prices EBS by. */
    static final double HOURS_PER_MONTH = 730.0;

    /** The estimate (null when unknown) and a note: why it is absent, or what it leaves out; may be null. */
    public record CostEstimate(Double estimatedCostUsd, String note) {
    }

    private final PriceTable prices;

    public CostEstimator(PriceTable prices) {
        this.prices = prices;
    }

    public CostEstimate estimate(ClusterShape shape, Double clusterHours) {
        if (clusterHours == null) {
            return new CostEstimate(null, "no cluster was recorded for this run");
        }
        if (shape == null) {
            return new CostEstimate(null, "no cost input was given");
        }
        if (prices.problem() != null) {
            return new CostEstimate(null, prices.problem());
        }
        if (shape.masterInstanceType() == null) {
            return new CostEstimate(null, "cost.masterInstanceType was not given");
        }
        if (shape.coreNodeCount() == null) {
            return new CostEstimate(null, "cost.coreNodeCount was not given");
        }
        PriceTable.InstancePrice master = prices.priceOf(shape.masterInstanceType());
        if (master == null) {
            return new CostEstimate(null, "no price for instance type " + shape.masterInstanceType() + " in PRICE_TABLE_JSON");
        }
        int nodes = shape.coreNodeCount();
        double perHour = master.ec2PerHour() + master.emrPerHour();
        if (nodes > 0) {
            if (shape.coreInstanceType() == null) {
                return new CostEstimate(null, "cost.coreInstanceType was not given");
            }
            PriceTable.InstancePrice core = prices.priceOf(shape.coreInstanceType());
            if (core == null) {
                return new CostEstimate(null, "no price for instance type " + shape.coreInstanceType() + " in PRICE_TABLE_JSON");
            }
            double ec2 = core.ec2PerHour() * (shape.coreSpot() ? prices.spotPriceFactor() : 1.0);
            perHour += nodes * (ec2 + core.emrPerHour());
        }
        String note = null;
        if (nodes > 0) {
            if (shape.ebsGibPerVolume() == null) {
                note = "EBS not included: cost.ebsGibPerVolume was not given";
            } else {
                int volumes = shape.volumesPerInstance() == null ? 1 : shape.volumesPerInstance();
                perHour += nodes * volumes * shape.ebsGibPerVolume() * prices.gp3UsdPerGibMonth() / HOURS_PER_MONTH;
            }
        }
        return new CostEstimate(round4(perHour * clusterHours), note);
    }

    static double round4(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
