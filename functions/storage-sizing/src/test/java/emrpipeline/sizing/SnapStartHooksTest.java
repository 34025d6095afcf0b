package emrpipeline.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

/** The SnapStart hooks, called as the runtime calls them: priming warms the client and sends nothing. */
class SnapStartHooksTest {
    private static final String EVENT = "events/storage-sizing/from-state-machine.json";

    @Test
    void primingBuildsTheRunsS3RequestsSendsNothingAndResolvesNoCredentials() throws Exception {
        try (LoopbackEndpoint aws = new LoopbackEndpoint();
             S3Client s3 = SizingClients.s3(aws.clients("us-east-1"))) {
            StorageSizingHandler handler = new StorageSizingHandler(s3, SizingRequestValidatorTest.DEFAULTS);
            SnapStartHooks hooks = handler.snapStartHooks();

            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);

            assertEquals(0, aws.requests(), "no network call");
            assertEquals(0, aws.credentialLookups(), "no credentials resolved before the snapshot");
            List<SdkHttpRequest> primed = hooks.primed();
            assertEquals(List.of("GET", "GET", "PUT"), primed.stream().map(r -> r.method().name()).toList());
            assertEquals("/my-data", primed.get(0).encodedPath(), "the sample event validated with the function's defaults");
            assertEquals(List.of("2"), primed.get(0).rawQueryParameters().get("list-type"));
            assertEquals(List.of("raw/"), primed.get(0).rawQueryParameters().get("prefix"));
            assertEquals("/my-data/emr-pipeline/index/processed.tsv.gz", primed.get(1).encodedPath());
            assertEquals("/my-data/emr-pipeline/manifests/0b7c9a7e-3f1e-4c4e-9d7a-1d2f3a4b5c6d.json", primed.get(2).encodedPath(),
                    "the run id of the sample event, deserialized by the runtime's serializer");
            assertTrue(primed.get(2).firstMatchingHeader("Authorization").orElse("").contains("AKIAPRIMINGONLY"),
                    "signed with the made-up priming credentials");

            // The same client does reach the endpoint when it really calls: the counts above could have caught one.
            assertThrows(SdkException.class, () -> s3.listObjectsV2(b -> b.bucket("my-data")));
            assertEquals(1, aws.requests());
            assertTrue(aws.credentialLookups() > 0);
        }
    }

    @Test
    void thePrimingEventIsTheStateMachinesSampleEvent() throws Exception {
        try (var in = SnapStartHooks.class.getResourceAsStream(SdkPriming.PRIMING_EVENT)) {
            assertEquals(RepositoryFiles.text(EVENT), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
