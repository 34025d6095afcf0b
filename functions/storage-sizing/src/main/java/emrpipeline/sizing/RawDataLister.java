package emrpipeline.sizing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists the raw prefix, or the part of it after a start key, with ListObjectsV2 (1,000 keys a page) and keeps the
 * objects the processed index does not hold, page by page, so memory grows with the new objects only.
 *
 * <p>The key space is cut into {@link KeyRange}s listed on up to {@code concurrency} threads: first at the
 * boundaries it is given (the processed index's shard boundaries: keys it knows to exist), then, whenever a thread
 * is idle and no range waits, the range being listed is cut again after its latest page
 * ({@link KeySpaceSplitter}) and the parts are handed out. Ranges meet exactly, so every key is listed once, and
 * the only calls beyond one per 1,000 keys are each range's last page (which runs into the next range) or an
 * empty range's single call: list calls <= ceil(N / 1000) + ranges. The layout does not matter: partitions,
 * a flat prefix of a million keys or random names all spread over the threads. With a concurrency of 1 it is one
 * plain paginated listing.
 *
 * <p>Skipped: folder markers (a key ending in {@code /} with size 0, or Hadoop's {@code _$folder$}) and everything
 * under the pipeline prefix.
 */
public final class RawDataLister {
    static final int PAGE_SIZE = 1000;
    /** At most this many ranges are cut from a page at a time. */
    static final int MAX_CUTS_PER_SPLIT = 48;
    /** Parts cut from a range should hold at least this many keys (5 pages): each costs one page beyond its keys. */
    static final int MIN_KEYS_PER_PART = 5 * PAGE_SIZE;
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
     * @param ranges                key ranges listed (the given ones and those cut while listing)
     * @param newBeforeMark         new objects whose key is at or before {@code mark} (0 when no mark is given)
     */
    public record Listing(List<ListedObject> newObjects, long listedObjects, long alreadyProcessed,
                          long skippedFolderMarkers, long skippedPipelineObjects, int listCalls, int ranges,
                          long newBeforeMark) {
    }

    /**
     * Lists the keys of {@code rawPrefix} after {@code startAfter} (null: all of them).
     *
     * @param boundaries where to cut the key space before listing (sorted or not; those outside are ignored)
     * @param mark       a key to count new objects at or before (null: none), see {@link Listing#newBeforeMark}
     */
    public Listing list(String bucket, String rawPrefix, String pipelinePrefix, String startAfter,
                        List<String> boundaries, ProcessedIndex index, int concurrency, String mark) {
        Run run = new Run(bucket, rawPrefix, pipelinePrefix, index, concurrency, mark);
        run.offer(initialRanges(rawPrefix, startAfter, boundaries));
        if (concurrency <= 1) {
            run.work();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads());
            try {
                List<Future<?>> workers = new ArrayList<>(concurrency);
                for (int i = 0; i < concurrency; i++) {
                    workers.add(pool.submit(run::work));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a listing thread failed unexpectedly", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        run.rethrowFailure();
        return run.listing();
    }

    /** (startAfter, +inf) cut at the given boundaries that lie inside it and under the prefix. */
    static List<KeyRange> initialRanges(String rawPrefix, String startAfter, List<String> boundaries) {
        KeyRange all = new KeyRange(startAfter, null);
        List<String> inside = new ArrayList<>();
        for (String b : boundaries) {
            if (b.startsWith(rawPrefix) && all.contains(b)) {
                inside.add(b);
            }
        }
        inside.sort(KeyOrder::compare);
        List<String> distinct = new ArrayList<>(inside.size());
        for (String b : inside) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(b)) {
                distinct.add(b);
            }
        }
        return all.splitAt(distinct);
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

    /** A range being listed; only the thread listing it moves its end (when it hands the rest out). */
    private static final class Work {
        final String startAfter;
        String end;

        Work(KeyRange range) {
            this.startAfter = range.startAfter();
            this.end = range.endInclusive();
        }
    }

    /** State of one {@link #list} call: the ranges waiting, the threads waiting for one, what was found. */
    private final class Run {
        private final String bucket;
        private final String rawPrefix;
        private final String pipelinePrefix;
        private final ProcessedIndex index;
        private final int concurrency;
        private final String mark;
        private final Deque<Work> waiting = new ArrayDeque<>();
        private final List<PageFilter> filters = new ArrayList<>();
        private final AtomicInteger listCalls = new AtomicInteger();
        private int unfinished; // ranges waiting or being listed
        private int idle;       // threads waiting for a range
        private int ranges;
        private RuntimeException failure;

        Run(String bucket, String rawPrefix, String pipelinePrefix, ProcessedIndex index, int concurrency, String mark) {
            this.bucket = bucket;
            this.rawPrefix = rawPrefix;
            this.pipelinePrefix = pipelinePrefix;
            this.index = index;
            this.concurrency = concurrency;
            this.mark = mark;
        }

        synchronized void offer(List<KeyRange> parts) {
            for (KeyRange part : parts) {
                waiting.addLast(new Work(part));
            }
            unfinished += parts.size();
            ranges += parts.size();
            notifyAll();
        }

        /** Blocks until a range is free (null: everything is listed, or a thread failed). */
        private synchronized Work take() {
            idle++;
            try {
                while (waiting.isEmpty() && unfinished > 0 && failure == null) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new IllegalStateException("interrupted while listing", e));
            } finally {
                idle--;
            }
            return failure != null ? null : waiting.pollFirst();
        }

        private synchronized void done() {
            unfinished--;
            notifyAll();
        }

        private synchronized void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            notifyAll();
        }

        /** Worth cutting the current range: a thread is idle and nothing waits. */
        private synchronized boolean someoneIsIdle() {
            return idle > 0 && waiting.isEmpty();
        }

        void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }

        /** One thread: takes ranges until none is left. */
        void work() {
            PageFilter filter = new PageFilter(pipelinePrefix, index.matcher(), mark);
            synchronized (this) {
                filters.add(filter);
            }
            Work work;
            while ((work = take()) != null) {
                try {
                    listRange(work, filter);
                } catch (RuntimeException e) {
                    fail(e);
                } catch (Error e) {
                    fail(new IllegalStateException(e));
                    throw e;
                } finally {
                    done();
                }
            }
        }

        private void listRange(Work work, PageFilter filter) {
            String token = null;
            while (true) {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                        .bucket(bucket).prefix(rawPrefix).maxKeys(PAGE_SIZE);
                if (token != null) {
                    request.continuationToken(token);
                } else if (work.startAfter != null) {
                    request.startAfter(work.startAfter);
                }
                ListObjectsV2Response page;
                try {
                    listCalls.incrementAndGet();
                    page = s3.listObjectsV2(request.build());
                } catch (S3Exception e) {
                    throw S3ErrorTranslator.translate(e, bucket, "ListObjectsV2", "prefix '" + rawPrefix + "'",
                            "s3:ListBucket on arn:aws:s3:::" + bucket + " for s3:prefix '" + rawPrefix + "*'");
                }
                List<S3Object> contents = page.contents();
                int inRange = 0;
                while (inRange < contents.size()
                        && (work.end == null || KeyOrder.compare(contents.get(inRange).key(), work.end) <= 0)) {
                    inRange++;
                }
                filter.accept(contents, inRange);
                if (inRange < contents.size() || !Boolean.TRUE.equals(page.isTruncated())) {
                    return; // met the next range, or the end of the prefix
                }
                token = page.nextContinuationToken();
                if (inRange > 0 && concurrency > 1 && someoneIsIdle()) {
                    List<String> cuts = KeySpaceSplitter.boundaries(contents.get(0).key(),
                            contents.get(inRange - 1).key(), work.end, rawPrefix, MAX_CUTS_PER_SPLIT, inRange,
                            MIN_KEYS_PER_PART);
                    if (!cuts.isEmpty()) {
                        List<KeyRange> parts = new KeyRange(contents.get(inRange - 1).key(), work.end).splitAt(cuts);
                        work.end = cuts.get(0); // this thread keeps the first part and lists on
                        offer(parts.subList(1, parts.size()));
                    }
                }
            }
        }

        synchronized Listing listing() {
            int total = 0;
            for (PageFilter f : filters) {
                total += f.newObjects.size();
            }
            List<ListedObject> newObjects = new ArrayList<>(total);
            long listed = 0;
            long processed = 0;
            long folders = 0;
            long pipeline = 0;
            long beforeMark = 0;
            for (PageFilter f : filters) {
                newObjects.addAll(f.newObjects);
                f.newObjects.clear();
                listed += f.listed;
                processed += f.alreadyProcessed;
                folders += f.folderMarkers;
                pipeline += f.pipelineObjects;
                beforeMark += f.newBeforeMark;
            }
            return new Listing(newObjects, listed, processed, folders, pipeline, listCalls.get(), ranges, beforeMark);
        }
    }

    /** Keeps the new objects of the pages one thread lists. */
    private static final class PageFilter {
        private final String pipelinePrefix;
        private final ProcessedIndex.Matcher index;
        private final String mark;
        private final List<ListedObject> newObjects = new ArrayList<>();
        private long listed;
        private long alreadyProcessed;
        private long folderMarkers;
        private long pipelineObjects;
        private long newBeforeMark;

        PageFilter(String pipelinePrefix, ProcessedIndex.Matcher index, String mark) {
            this.pipelinePrefix = pipelinePrefix;
            this.index = index;
            this.mark = mark;
        }

        /** The first {@code count} objects of the page. */
        void accept(List<S3Object> page, int count) {
            for (int i = 0; i < count; i++) {
                S3Object o = page.get(i);
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
                        if (mark != null && KeyOrder.compare(key, mark) <= 0) {
                            newBeforeMark++;
                        }
                    }
                }
            }
        }
    }

    static boolean isFolderMarker(String key, long size) {
        return key.endsWith("/") && size == 0 || key.endsWith(HADOOP_FOLDER_MARKER);
    }
}
