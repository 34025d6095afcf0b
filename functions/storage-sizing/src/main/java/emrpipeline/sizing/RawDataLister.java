package emrpipeline.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists the raw prefix with ListObjectsV2 (1,000 keys a page) and keeps the objects the processed index does
 * not hold, page by page, so memory grows with the new objects only.
 *
 * <p>With a concurrency of 1 it is one paginated listing of the whole prefix. Otherwise it first lists the
 * prefix with the delimiter {@code /} to find its partitions (common prefixes) and lists the partitions in
 * parallel on at most {@code concurrency} threads; while a level has fewer partitions than threads (e.g.
 * {@code year=2026/} holding {@code month=}s) it descends up to {@link #MAX_DISCOVERY_DEPTH} levels.
 * List calls: the partitions' pages, plus one page per 1,000 entries of each level it discovers.
 *
 * <p>Skipped: folder markers (a key ending in {@code /} with size 0, or Hadoop's {@code _$folder$}) and
 * everything under the pipeline prefix (a common prefix inside it is not even listed).
 */
public final class RawDataLister {
    static final int PAGE_SIZE = 1000;
    static final int MAX_DISCOVERY_DEPTH = 3;
    private static final String DELIMITER = "/";
    private static final String HADOOP_FOLDER_MARKER = "_$folder$";
    private static final AtomicInteger POOL = new AtomicInteger();

    private final S3Client s3;

    public RawDataLister(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * What one listing found.
     *
     * @param newObjects            objects not in the index, in no particular order
     * @param listedObjects         raw objects seen (after skipping folder markers and pipeline objects)
     * @param alreadyProcessed      listed objects the index holds
     * @param skippedFolderMarkers  folder markers skipped
     * @param skippedPipelineObjects objects under the pipeline prefix met while listing and skipped
     * @param listCalls             ListObjectsV2 calls made
     * @param partitions            prefixes below the raw prefix listed on their own, in parallel: the partitions and
     *                              the levels above them that were descended through (0 for a sequential listing)
     */
    public record Listing(List<ListedObject> newObjects, long listedObjects, long alreadyProcessed,
                          long skippedFolderMarkers, long skippedPipelineObjects, int listCalls, int partitions) {
    }

    public Listing list(String bucket, String rawPrefix, String pipelinePrefix, ProcessedIndex index,
                        int concurrency) {
        Run run = new Run(bucket, pipelinePrefix, index);
        if (concurrency <= 1) {
            PageFilter filter = run.newFilter();
            run.listAll(rawPrefix, null, filter);
            return run.listing(List.of(filter), 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads());
        try {
            List<PageFilter> filters = new ArrayList<>();
            List<String> level = List.of(rawPrefix);
            List<String> partitions = List.of();
            int subPrefixesListed = 0;
            for (int depth = 0; depth <= MAX_DISCOVERY_DEPTH && !level.isEmpty(); depth++) {
                if (depth > 0) {
                    subPrefixesListed += level.size();
                }
                List<String> children = new ArrayList<>();
                List<Task<List<String>>> discovery = new ArrayList<>();
                for (String prefix : level) {
                    PageFilter filter = run.newFilter();
                    filters.add(filter);
                    discovery.add(() -> run.listAll(prefix, DELIMITER, filter));
                }
                for (List<String> found : runAll(pool, discovery)) {
                    for (String child : found) {
                        if (!child.startsWith(pipelinePrefix)) {
                            children.add(child);
                        }
                    }
                }
                if (children.size() >= concurrency || depth == MAX_DISCOVERY_DEPTH) {
                    partitions = children;
                    break;
                }
                level = children;
            }
            List<Task<Void>> listings = new ArrayList<>();
            for (String partition : partitions) {
                PageFilter filter = run.newFilter();
                filters.add(filter);
                listings.add(() -> {
                    run.listAll(partition, null, filter);
                    return null;
                });
            }
            runAll(pool, listings);
            return run.listing(filters, subPrefixesListed + partitions.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A unit of listing work that may throw the function's own exceptions. */
    @FunctionalInterface
    private interface Task<T> {
        T call();
    }

    /** Runs the tasks on the pool; on the first failure cancels the rest and rethrows it as it was. */
    private static <T> List<T> runAll(ExecutorService pool, List<Task<T>> tasks) {
        if (tasks.size() == 1) {
            return List.of(tasks.get(0).call());
        }
        CompletionService<T> completion = new ExecutorCompletionService<>(pool);
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Task<T> task : tasks) {
            futures.add(completion.submit(task::call));
        }
        List<T> results = new ArrayList<>(tasks.size());
        try {
            for (int i = 0; i < tasks.size(); i++) {
                results.add(completion.take().get());
            }
            return results;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOL.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "raw-lister-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** State of one {@link #list} call. */
    private final class Run {
        private final String bucket;
        private final String pipelinePrefix;
        private final ProcessedIndex index;
        private final AtomicInteger listCalls = new AtomicInteger();

        Run(String bucket, String pipelinePrefix, ProcessedIndex index) {
            this.bucket = bucket;
            this.pipelinePrefix = pipelinePrefix;
            this.index = index;
        }

        PageFilter newFilter() {
            return new PageFilter(pipelinePrefix, index.matcher());
        }

        /** Lists every page under {@code prefix}; returns the common prefixes when a delimiter is given. */
        List<String> listAll(String prefix, String delimiter, PageFilter filter) {
            List<String> commonPrefixes = new ArrayList<>();
            String token = null;
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                        .bucket(bucket).prefix(prefix).maxKeys(PAGE_SIZE).continuationToken(token);
                if (delimiter != null) {
                    request.delimiter(delimiter);
                }
                ListObjectsV2Response page;
                try {
                    listCalls.incrementAndGet();
                    page = s3.listObjectsV2(request.build());
                } catch (S3Exception e) {
                    throw S3ErrorTranslator.translate(e, bucket, "ListObjectsV2", "prefix '" + prefix + "'",
                            "s3:ListBucket on arn:aws:s3:::" + bucket + " for s3:prefix '" + prefix + "*'");
                }
                filter.accept(page.contents());
                for (CommonPrefix common : page.commonPrefixes()) {
                    commonPrefixes.add(common.prefix());
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
            return commonPrefixes;
        }

        Listing listing(List<PageFilter> filters, int partitions) {
            int total = 0;
            for (PageFilter f : filters) {
                total += f.newObjects.size();
            }
            List<ListedObject> newObjects = new ArrayList<>(total);
            long listed = 0;
            long processed = 0;
            long folders = 0;
            long pipeline = 0;
            for (PageFilter f : filters) {
                newObjects.addAll(f.newObjects);
                f.newObjects.clear();
                listed += f.listed;
                processed += f.alreadyProcessed;
                folders += f.folderMarkers;
                pipeline += f.pipelineObjects;
            }
            return new Listing(newObjects, listed, processed, folders, pipeline, listCalls.get(), partitions);
        }
    }

    /** Keeps the new objects of the pages one thread lists. */
    private static final class PageFilter {
        private final String pipelinePrefix;
        private final ProcessedIndex.Matcher index;
        private final List<ListedObject> newObjects = new ArrayList<>();
        private long listed;
        private long alreadyProcessed;
        private long folderMarkers;
        private long pipelineObjects;

        PageFilter(String pipelinePrefix, ProcessedIndex.Matcher index) {
            this.pipelinePrefix = pipelinePrefix;
            this.index = index;
        }

        void accept(List<S3Object> page) {
            for (S3Object o : page) {
                String key = o.key();
                long size = o.size() == null ? 0 : o.size();
                if (isFolderMarker(key, size)) {
                    folderMarkers++;
                } else if (key.startsWith(pipelinePrefix)) {
                    pipelineObjects++;
                } else {
                    listed++;
                    String etag = ListedObject.unquoteEtag(o.eTag());
                    if (index.contains(key, etag)) {
                        alreadyProcessed++;
                    } else {
                        newObjects.add(new ListedObject(key, etag, size,
                                o.lastModified() == null ? 0 : o.lastModified().toEpochMilli()));
                    }
                }
            }
        }
    }

    static boolean isFolderMarker(String key, long size) {
        return key.endsWith("/") && size == 0 || key.endsWith(HADOOP_FOLDER_MARKER);
    }
}
