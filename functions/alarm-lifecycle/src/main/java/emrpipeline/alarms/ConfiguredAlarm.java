package emrpipeline.alarms;

/** One enabled alarm as configured: its metric, threshold and number of evaluation periods (already validated). */
public record ConfiguredAlarm(ClusterMetric metric, double threshold, int evaluationPeriods) {
}
