package emrpipeline.sizing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Sizes one run: reuses the run id's manifest when it exists (Lambda and Step Functions retry), otherwise
 * reads the processed index, lists the raw prefix, keeps what is new, writes the manifest once
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

        ProcessedIndex index = store.readProcessedIndex(job);
        RawDataLister.Listing listing = new RawDataLister(s3)
                .list(job.bucket(), job.rawPrefix(), job.pipelinePrefix(), index, job.listConcurrency());
        int listCalls = store.listCalls() + listing.listCalls();

        if (listing.newObjects().isEmpty()) {
            EbsSizing.Figure figure = EbsSizing.size(0, job.ebs());
            return result(job, 0, 0, null, figure, false, listing, index, listCalls, started);
        }

        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Manifest manifest = Manifest.of(job.runId(), job.bucket(), job.rawPrefix(), createdAt, listing.newObjects());
        PipelineStore.PutOutcome outcome = store.putManifest(job, manifest);
        listCalls = store.listCalls() + listing.listCalls();
        if (outcome instanceof PipelineStore.AlreadyThere there) {
            return reused(job, there.existing(), listCalls, started);
        }
        EbsSizing.Figure figure = EbsSizing.size(manifest.totalBytes(), job.ebs());
        return result(job, manifest.objectCount(), manifest.totalBytes(), manifest.summary(), figure, false,
                listing, index, listCalls, started);
    }

    /** What a run with nothing new would be sized as: the request is valid; nothing is listed or written. */
    StorageSizingResult validated(SizingJob job) {
        return result(job, 0, 0, null, EbsSizing.size(0, job.ebs()), false, null, null, 0, System.nanoTime());
    }

    private StorageSizingResult reused(SizingJob job, ManifestSummary summary, int listCalls, long started) {
        if (!summary.bucket().equals(job.bucket()) || !summary.rawPrefix().equals(job.rawPrefix())) {
            throw new ManifestConflictException(job.manifestUri() + " already exists for bucket '" + summary.bucket()
                    + "' and raw prefix '" + summary.rawPrefix() + "', not for the requested bucket '" + job.bucket()
                    + "' and raw prefix '" + job.rawPrefix() + "'; a manifest is never rewritten: use a new runId");
        }
        EbsSizing.Figure figure = EbsSizing.size(summary.totalBytes(), job.ebs());
        return result(job, summary.objectCount(), summary.totalBytes(), summary, figure, true, null, null,
                listCalls, started);
    }

    private static StorageSizingResult result(SizingJob job, long objects, long bytes, ManifestSummary manifest,
                                              EbsSizing.Figure figure, boolean reused, RawDataLister.Listing listing,
                                              ProcessedIndex index, int listCalls, long started) {
        EbsSizing.Parameters p = job.ebs();
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
                listing == null ? null : listing.listedObjects(),
                listing == null ? null : listing.alreadyProcessed(),
                listing == null ? null : listing.skippedFolderMarkers(),
                index == null ? null : index.size(),
                listing == null ? null : listing.partitions(),
                listCalls,
                (System.nanoTime() - started) / 1_000_000);
    }
}
