package emrpipeline.sizing;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SnapStart runtime hooks (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html); every
 * function has hooks of this shape, each its own, since each function is built alone (docs/snapstart.md).
 * Before the snapshot: the function's sample event (the state machine's request, a copy of
 * events/storage-sizing/from-state-machine.json) through the runtime's serializer and the validator, and the S3
 * calls a run makes (list, read the index, write the manifest) through the client up to the wire, never sent.
 * After a restore there is nothing to refresh: nothing unique was made before the snapshot (no credentials were
 * resolved, no connection opened, no random number drawn), which the tests check.
 */
final class SnapStartHooks implements Resource {
    private static final Logger LOG = LogManager.getLogger(SnapStartHooks.class);

    private final S3Client s3;
    private final SizingRequestValidator validator;
    private volatile List<SdkHttpRequest> primed = List.of();

    SnapStartHooks(S3Client s3, SizingRequestValidator validator) {
        this.s3 = s3;
        this.validator = validator;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        SdkPriming.primeOrWarn(this::prime, LOG);
    }

    private void prime() {
        StorageSizingRequest request = SdkPriming.primingEvent(StorageSizingRequest.class).orElse(null);
        SizingJob job = request == null ? null : validator.validate(request);
        String bucket = job == null ? "priming-bucket" : job.bucket();
        String rawPrefix = job == null ? "raw/" : job.rawPrefix();
        String indexKey = job == null ? "emr-pipeline/" + SizingJob.PROCESSED_INDEX_NAME : job.processedIndexKey();
        String manifestKey = job == null ? "emr-pipeline/" + SizingJob.MANIFESTS_FOLDER + "priming.json" : job.manifestKey();
        primed = List.of(
                SdkPriming.unsent(o -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(rawPrefix).overrideConfiguration(o))),
                SdkPriming.unsent(o -> s3.getObject(b -> b.bucket(bucket).key(indexKey).overrideConfiguration(o))),
                SdkPriming.unsent(o -> s3.putObject(b -> b.bucket(bucket).key(manifestKey).ifNoneMatch("*")
                        .contentType("application/json").overrideConfiguration(o), RequestBody.fromString("{}"))));
        LOG.info("SnapStart priming: sample event " + (request == null ? "not deserialized (no runtime serializer)"
                : "of run " + request.getRunId()) + ", " + primed.size() + " S3 requests built and not sent");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing unique to refresh (see the class comment).
    }

    /** The requests the last {@link #beforeCheckpoint} built and did not send. */
    List<SdkHttpRequest> primed() {
        return primed;
    }
}
