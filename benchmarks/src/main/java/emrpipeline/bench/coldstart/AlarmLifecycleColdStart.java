package emrpipeline.bench.coldstart;

import java.util.HashMap;
import java.util.Map;

/**
 * AlarmLifecycleFunction's {@code create}: four PutMetricAlarm calls to a loopback CloudWatch (the EMR client
 * is built but not called); boto3 puts the same four alarms.
 */
final class AlarmLifecycleColdStart implements ColdStart.Subject, AutoCloseable {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:emr-pipeline-alerts";
    private final LoopbackAwsService cloudWatch;
    private final LoopbackAwsService emr;

    AlarmLifecycleColdStart() throws Exception {
        cloudWatch = new LoopbackAwsService("http://monitoring.amazonaws.com/doc/2010-08-01/", Map.of());
        emr = new LoopbackAwsService("", Map.of());
    }

    @Override
    public String logicalId() {
        return "AlarmLifecycleFunction";
    }

    @Override
    public String handler() {
        return "emrpipeline.alarms.AlarmLifecycleHandler::handleRequest";
    }

    @Override
    public String event(int run) {
        return "{\"action\":\"create\",\"clusterId\":\"j-2AXXXXXXGAPLF\",\"runId\":\"java-" + run + "\"}";
    }

    @Override
    public Map<String, String> functionEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.endpoint());
        environment.put("AWS_ENDPOINT_URL_EMR", emr.endpoint());
        environment.put("ALARM_TOPIC_ARN", TOPIC);
        environment.put("ALARM_NAME_PREFIX", "emr-pipeline-");
        for (String[] alarm : new String[][] {{"IS_IDLE", "1", "6"}, {"APPS_FAILED", "1", "1"},
                {"HDFS_UTILIZATION", "80", "1"}, {"MR_UNHEALTHY_NODES", "1", "1"}}) {
            environment.put("ALARM_" + alarm[0] + "_ENABLED", "true");
            environment.put("ALARM_" + alarm[0] + "_THRESHOLD", alarm[1]);
            environment.put("ALARM_" + alarm[0] + "_EVALUATION_PERIODS", alarm[2]);
        }
        return environment;
    }

    @Override
    public String pythonScript() {
        return String.join("\n",
                "import boto3, os",
                "cw = boto3.client('cloudwatch')",
                "run, cluster, topic = os.environ['RUN_ID'], 'j-2AXXXXXXGAPLF', os.environ['TOPIC']",
                "for metric, stat, op, threshold, periods, missing in [",
                "        ('IsIdle', 'Average', 'GreaterThanOrEqualToThreshold', 1, 6, 'notBreaching'),",
                "        ('AppsFailed', 'Maximum', 'GreaterThanOrEqualToThreshold', 1, 1, 'ignore'),",
                "        ('HDFSUtilization', 'Maximum', 'GreaterThanThreshold', 80, 1, 'ignore'),",
                "        ('MRUnhealthyNodes', 'Maximum', 'GreaterThanOrEqualToThreshold', 1, 1, 'ignore')]:",
                "    cw.put_metric_alarm(AlarmName='emr-pipeline-' + cluster + '-' + metric,",
                "        AlarmDescription='run ' + run, ActionsEnabled=True, AlarmActions=[topic],",
                "        MetricName=metric, Namespace='AWS/ElasticMapReduce', Statistic=stat,",
                "        Dimensions=[{'Name': 'JobFlowId', 'Value': cluster}], Period=300, EvaluationPeriods=periods,",
                "        Threshold=threshold, ComparisonOperator=op, TreatMissingData=missing,",
                "        Tags=[{'Key': 'emr-pipeline:run-id', 'Value': run}])",
                "print('ok')");
    }

    @Override
    public Map<String, String> pythonEnvironment(int run) {
        return Map.of("AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.endpoint(), "TOPIC", TOPIC, "RUN_ID", "python-" + run,
                "AWS_ACCESS_KEY_ID", "cold-start", "AWS_SECRET_ACCESS_KEY", "cold-start", "AWS_DEFAULT_REGION", "us-east-1");
    }

    @Override
    public void close() {
        cloudWatch.close();
        emr.close();
    }
}
