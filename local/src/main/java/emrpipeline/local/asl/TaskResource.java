package emrpipeline.local.asl;

/**
 * A Task's Resource as the history names it. An optimized integration
 * {@code arn:aws:states:::elasticmapreduce:createCluster.sync} is resourceType
 * {@code elasticmapreduce}, resource {@code createCluster.sync}
 * ({@code arn:aws:states:::aws-sdk:s3:listBuckets}: {@code aws-sdk:s3} / {@code listBuckets}) and
 * produces Task* events; a Lambda function ARN ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME})
 * produces LambdaFunction* events, as in the service.
 */
record TaskResource(String arn, String resourceType, String resource, boolean lambdaFunction) {

    /** Parses a Resource; returns null for text that is not an ARN. */
    static TaskResource parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[2].isEmpty()) {
            return null;
        }
        String service = parts[2];
        String rest = parts[5];
        if (service.equals("lambda") && rest.startsWith("function:")) {
            return new TaskResource(arn, "lambda", arn, true);
        }
        if (service.equals("states") && parts[3].isEmpty() && parts[4].isEmpty()) {
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                return null;
            }
            return new TaskResource(arn, rest.substring(0, colon), rest.substring(colon + 1), false);
        }
        return new TaskResource(arn, service, rest, false);
    }

    boolean isActivity() {
        return resourceType.equals("states") && resource.startsWith("activity:");
    }

    boolean isCallback() {
        return resource.endsWith(".waitForTaskToken");
    }
}
