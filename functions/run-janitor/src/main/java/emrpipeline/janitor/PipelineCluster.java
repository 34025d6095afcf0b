package emrpipeline.janitor;

/** A cluster of this stack, as DescribeCluster shows it: its state and the run it belongs to (from its tags). */
record PipelineCluster(String id, String name, String state, String runId, String executionName) {
    /** EMR's states in which a cluster still costs money and can be terminated. */
    boolean isAlive() {
        return switch (state) {
            case "STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING" -> true;
            default -> false;
        };
    }
}
