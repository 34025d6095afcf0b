package emrpipeline.janitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

class SnapStartHooksTest {

    @Test
    void primingBuildsOneRequestOfEachCallSendsNothingAndResolvesNoCredentials() throws Exception {
        try (LoopbackEndpoint aws = new LoopbackEndpoint();
             EmrClient emr = JanitorClients.emr(aws.clients("eu-west-1"));
             SfnClient sfn = JanitorClients.stepFunctions(aws.clients("eu-west-1"));
             SnsClient sns = JanitorClients.sns(aws.clients("eu-west-1"));
             LambdaClient lambda = JanitorClients.lambda(aws.clients("eu-west-1"))) {
            SnapStartHooks hooks = new RunJanitorHandler(emr, sfn, sns, lambda, Fixture.environment(), Clock.systemUTC())
                    .snapStartHooks();

            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);

            assertEquals(0, aws.requests(), "no network call");
            assertEquals(0, aws.credentialLookups(), "no credentials resolved before the snapshot");
            List<SdkHttpRequest> primed = hooks.primed();
            assertEquals(6, primed.size(), primed.toString());
            assertTrue(primed.stream().allMatch(r -> r.firstMatchingHeader("Authorization").orElse("").contains("AKIAPRIMINGONLY")));
            assertEquals("AWSStepFunctions.DescribeExecution", primed.get(0).firstMatchingHeader("X-Amz-Target").orElse(""));
        }
    }
}
