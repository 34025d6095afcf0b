package emrpipeline.sizing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Sizes one run: reuses the run id's manifest when it exists (Lambda and Step Functions retries), otherwise
 * finds the processed index, decides what to list ({@link ListingPlan}: from the watermark on, or everything),
 * reads the part of the index that the listing needs, lists, keeps what is new, writes the manifest once
 * ({@code If-None-Match: *}; losing a race to a concurrent call of the same run id returns the winner's
 * manifest) and computes the EBS figure. Writes nothing when nothing is new.
 */
public final class StorageSizer {
    private final S3Client s3;
    private final Clock clock;

    public StorageSizer(S3Client s3, Clock clock) {
        this.s3 = s3;
        this.clock = clock;
    }

    public StorageSizingResult size(SizingJob job) {
        long started = System.nanoTime();
        PipelineStore store = new PipelineStore(s3);

        Optional<ManifestSummary> existing = store.findManifest(job);
        if (existing.isPresent()) {
            return reused(job, existing.get(), store.listCalls(), started);
        }

        PipelineStore.FoundIndex found = store.findIndex(job);
        ListingPlan plan = ListingPlan.decide(job, found.root() == null ? null : found.root().listing(job.rawPrefix()),
                found.format(), clock.instant());
        PipelineStore.LoadedIndex index;
        ExecutorService readers = Executors.newFixedThreadPool(Math.min(job.listConcurrency(), 8), runnable -> {
            Thread t = new Thread(runnable, "index-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            index = store.loadIndex(job, found, plan.range(), readers);
        } finally {
            readers.shutdownNow();
        }
        RawDataLister.Listing listing = new RawDataLister(s3).list(job.bucket(), job.rawPrefix(), job.pipelinePrefix(),
                plan.startAfter(), index.boundaries(), index.index(), job.listConcurrency(), plan.incrementalFrom());
        int listCalls = store.listCalls() + listing.listCalls();
        Outcome outcome = new Outcome(found.format(), plan, index, listing);

        if (listing.newObjects().isEmpty()) {
            EbsSizing.Figure figure = EbsSizing.size(0, job.ebs());
            return result(job, 0, 0, null, figure, false, outcome, listCalls, started);
        }

        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Manifest manifest = Manifest.of(job.runId(), job.bucket(), job.rawPrefix(), createdAt,
                Manifest.Listed.of(plan), listing.newObjects());
        PipelineStore.PutOutcome put = store.putManifest(job, manifest);
        listCalls = store.listCalls() + listing.listCalls();
        if (put instanceof PipelineStore.AlreadyThere there) {
            return reused(job, there.existing(), listCalls, started);
        }
        EbsSizing.Figure figure = EbsSizing.size(manifest.totalBytes(), job.ebs());
        return result(job, manifest.objectCount(), manifest.totalBytes(), manifest.summary(), figure, false, outcome,
                listCalls, started);
    }

    /** What was listed and read, for the result. */
    private record Outcome(int indexFormat, ListingPlan plan, PipelineStore.LoadedIndex index,
                           RawDataLister.Listing listing) {
    }

    /** What a run with nothing new would be sized as: the request is valid; nothing is listed or written. */
    StorageSizingResult validated(SizingJob job) {
        return result(job, 0, 0, null, EbsSizing.size(0, job.ebs()), false, null, 0, System.nanoTime());
    }

    private StorageSizingResult reused(SizingJob job, ManifestSummary summary, int listCalls, long started) {
        if (!summary.bucket().equals(job.bucket()) || !summary.rawPrefix().equals(job.rawPrefix())) {
            throw new ManifestConflictException(job.manifestUri() + " already exists for bucket '" + summary.bucket()
                    + "' and raw prefix '" + summary.rawPrefix() + "', not for the requested bucket '" + job.bucket()
                    + "' and raw prefix '" + job.rawPrefix() + "'; a manifest is never rewritten: use a new runId");
        }
        EbsSizing.Figure figure = EbsSizing.size(summary.totalBytes(), job.ebs());
        return result(job, summary.objectCount(), summary.totalBytes(), summary, figure, true, null, listCalls, started);
    }

    private static StorageSizingResult result(SizingJob job, long objects, long bytes, ManifestSummary manifest,
                                              EbsSizing.Figure figure, boolean reused, Outcome outcome,
                                              int listCalls, long started) {
        EbsSizing.Parameters p = job.ebs();
        RawDataLister.Listing listing = outcome == null ? null : outcome.listing();
        return new StorageSizingResult(
                job.runId(), job.bucket(), job.rawPrefix(), job.pipelinePrefix(),
                objects, bytes,
                manifest == null ? null : job.manifestUri(),
                manifest == null ? null : manifest.sha256(),
                manifest == null ? null : manifest.createdAt(),
                figure.ebsGib(), figure.replicationFactor(),
                p.coreNodeCount(), p.volumesPerInstance(), p.expansionFactor(), p.headroomGib(), p.minGib(), p.maxGib(),
                reused,
                figure.dataGibPerVolume(), figure.unclampedGib(), figure.explanation(),
                outcome == null ? null : outcome.plan().mode(),
                outcome == null ? null : outcome.plan().reason(),
                outcome == null ? null : outcome.plan().startAfter(),
                outcome == null || outcome.plan().incrementalFrom() == null ? null : listing.newBeforeMark(),
                listing == null ? null : listing.listedObjects(),
                listing == null ? null : listing.alreadyProcessed(),
                listing == null ? null : listing.skippedFolderMarkers(),
                listing == null ? null : listing.ranges(),
                outcome == null ? null : outcome.indexFormat(),
                outcome == null ? null : outcome.index().totalEntries(),
                outcome == null ? null : outcome.index().shardsRead(),
                outcome == null ? null : outcome.index().entriesRead(),
                listCalls,
                (System.nanoTime() - started) / 1_000_000);
    }
}
