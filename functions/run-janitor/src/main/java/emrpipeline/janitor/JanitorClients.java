package emrpipeline.janitor;

import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The run janitor's SDK clients, built once per execution environment by the handler's no-argument constructor,
 * and the same way by the tests that talk to a loopback endpoint ({@link ClientEnvironment} names it).
 */
public final class JanitorClients {
    private JanitorClients() {
    }

    /** Lists, describes and terminates the pipeline's clusters ({@code AWS_ENDPOINT_URL_EMR}). */
    public static EmrClient emr(ClientEnvironment environment) {
        return environment.build(EmrClient.builder(), "EMR");
    }

    /** Describes the execution whose end started the janitor ({@code AWS_ENDPOINT_URL_SFN}). */
    public static SfnClient stepFunctions(ClientEnvironment environment) {
        return environment.build(SfnClient.builder(), "SFN");
    }

    /** Tells people ({@code AWS_ENDPOINT_URL_SNS}). */
    public static SnsClient sns(ClientEnvironment environment) {
        return environment.build(SnsClient.builder(), "SNS");
    }

    /** Invokes the alarm, ledger and Slack functions ({@code AWS_ENDPOINT_URL_LAMBDA}). */
    public static LambdaClient lambda(ClientEnvironment environment) {
        return environment.build(LambdaClient.builder(), "LAMBDA");
    }
}
