package emrpipeline.ledger;

/**
 * finish's {@code cost} object: the cluster's shape, for the estimated cost. A JavaBean of Strings (numbers are
 * parsed by {@link LedgerRequestValidator}, so a bad value is an error naming the field).
 */
public class CostInput {
    /** e.g. {@code m5.xlarge}. */
    private String masterInstanceType;
    /** e.g. {@code m5.xlarge}; with several fleet types, the one to price. */
    private String coreInstanceType;
    /** core nodes, an integer >= 0. */
    private String coreNodeCount;
    /** {@code SPOT} or {@code ON_DEMAND} (default). */
    private String coreMarket;
    /** gp3 GiB per core-node volume, an integer >= 0. */
    private String ebsGibPerVolume;
    /** volumes per core node, an integer >= 0 (default 1). */
    private String volumesPerInstance;

    public CostInput() {
    }

    public String getMasterInstanceType() {
        return masterInstanceType;
    }

    public void setMasterInstanceType(String masterInstanceType) {
        this.masterInstanceType = masterInstanceType;
    }

    public String getCoreInstanceType() {
        return coreInstanceType;
    }

    public void setCoreInstanceType(String coreInstanceType) {
        this.coreInstanceType = coreInstanceType;
    }

    public String getCoreNodeCount() {
        return coreNodeCount;
    }

    public void setCoreNodeCount(String coreNodeCount) {
        this.coreNodeCount = coreNodeCount;
    }

    public String getCoreMarket() {
        return coreMarket;
    }

    public void setCoreMarket(String coreMarket) {
        this.coreMarket = coreMarket;
    }

    public String getEbsGibPerVolume() {
        return ebsGibPerVolume;
    }

    public void setEbsGibPerVolume(String ebsGibPerVolume) {
        this.ebsGibPerVolume = ebsGibPerVolume;
    }

    public String getVolumesPerInstance() {
        return volumesPerInstance;
    }

    public void setVolumesPerInstance(String volumesPerInstance) {
        this.volumesPerInstance = volumesPerInstance;
    }
}
