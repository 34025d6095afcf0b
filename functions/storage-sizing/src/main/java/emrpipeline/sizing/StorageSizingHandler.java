package emrpipeline.sizing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Core;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pipeline's first task: how much EBS each core node volume gets, from the raw data that is new since the
 * last successful run, and the run's manifest of exactly that data. See README "Storage sizing".
 */
public class StorageSizingHandler implements RequestHandler<StorageSizingRequest, StorageSizingResult> {
    private static final Logger LOG = LogManager.getLogger(StorageSizingHandler.class);

    private final SizingRequestValidator validator;
    private final StorageSizer sizer;
    private final SnapStartHooks snapStart;

    /**
     * Used by the Lambda runtime: the S3 client and the defaults come from the environment, once. Registers the
     * SnapStart hooks (the runtime holds the handler, so the hooks registered here stay alive).
     */
    public StorageSizingHandler() {
        this(ClientEnvironment.fromEnvironment(System.getenv()), System.getenv());
        Core.getGlobalContext().register(snapStart);
    }

    /** What the no-argument constructor does, over {@code clients} and the function's {@code environment}. */
    StorageSizingHandler(ClientEnvironment clients, Map<String, String> environment) {
        this(SizingClients.s3(clients), SizingDefaults.fromEnvironment(environment), Clock.systemUTC());
    }

    /** For tests: any S3 client (S3Proxy, a mock) and explicit defaults. */
    public StorageSizingHandler(S3Client s3, SizingDefaults defaults) {
        this(s3, defaults, Clock.systemUTC());
    }

    public StorageSizingHandler(S3Client s3, SizingDefaults defaults, Clock clock) {
        this.validator = new SizingRequestValidator(defaults);
        this.sizer = new StorageSizer(s3, clock);
        this.snapStart = new SnapStartHooks(s3, validator);
    }

    /** The SnapStart hooks over this handler's client (registered with the runtime by the no-argument constructor). */
    SnapStartHooks snapStartHooks() {
        return snapStart;
    }

    @Override
    public StorageSizingResult handleRequest(StorageSizingRequest request, Context context) {
        SizingJob job = validator.validate(request);
        return switch (validator.mode(request)) {
            case VALIDATE_ONLY -> {
                // The state machine checks the execution input's sizing knobs before BeginRun, with this validator.
                LOG.info("sizing request of run " + job.runId() + " is valid (validateOnly: nothing listed or written)");
                yield sizer.validated(job);
            }
            case SIZE -> size(job);
        };
    }

    private StorageSizingResult size(SizingJob job) {
        LOG.info("sizing run " + job.runId() + ": s3://" + job.bucket() + "/" + job.rawPrefix() + " against the index"
                + " under " + job.pipelinePrefix() + "index/, list concurrency " + job.listConcurrency());
        try {
            StorageSizingResult result = sizer.size(job);
            LOG.info("sized run " + result.runId() + ": " + result.newObjectCount() + " new objects, " + result.newBytes()
                    + " bytes, " + (result.manifestUri() == null ? "nothing new, no manifest"
                    : (result.reusedManifest() ? "reused " : "wrote ") + result.manifestUri())
                    + "; " + result.ebsGibFormula() + "; " + (result.listingMode() == null ? "nothing listed"
                    : result.listingMode() + " listing (" + result.listingReason() + "), " + result.listedRanges()
                    + " ranges, " + result.indexShardsRead() + " index object(s) read") + "; " + result.listCalls()
                    + " list calls, " + result.elapsedMillis() + " ms");
            if (result.missedByIncrementalListing() != null && result.missedByIncrementalListing() > 0) {
                LOG.warn("sizing run " + job.runId() + ": this full listing found " + result.missedByIncrementalListing()
                        + " new objects at or before where an incremental listing starts: late files in older"
                        + " partitions, or partitions that do not sort in time order; a larger lookBackPartitions"
                        + " (or a smaller fullReconciliationDays) finds such files sooner");
            }
            return result;
        } catch (RuntimeException e) {
            LOG.error("sizing run " + job.runId() + " failed: " + e.getClass().getName() + ": " + e.getMessage());
            throw e;
        }
    }
}
