package emrpipeline.bench.ledger;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import emrpipeline.bench.sizing.HistoryBenchmark;
import emrpipeline.bench.sizing.SyntheticBucketS3Client;
import emrpipeline.bench.store.IndexBuilder;
import emrpipeline.bench.store.ObjectStoreS3Client;
import emrpipeline.ledger.IndexRoot;
import emrpipeline.ledger.ShardWriter;
import emrpipeline.ledger.KeyEtagPairs;
import emrpipeline.ledger.LedgerRequest;
import emrpipeline.ledger.LedgerResult;
import emrpipeline.ledger.LedgerSettings;
import emrpipeline.ledger.ClientEnvironment;
import emrpipeline.ledger.LedgerClients;
import emrpipeline.ledger.Manifest;
import emrpipeline.ledger.ManifestReader;
import emrpipeline.ledger.PriceTable;
import emrpipeline.ledger.ProcessedIndexMerge;
import emrpipeline.ledger.ProcessedIndexStore;
import emrpipeline.ledger.RunLedgerHandler;
import emrpipeline.ledger.S3Location;
import emrpipeline.sizing.ListedObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code benchmarks/run ledger-commit [days perDay] [--migration]} (defaults 100 100000): committing a run's manifest
 * into the processed index (format 2), as finish SUCCEEDED does, against a history of {@code days x perDay} keys
 * (10,000,000) in daily partitions built by the ledger's own commits (shared with {@code sizing-history}).
 *
 * <ol>
 *   <li>Shard size, merge only, in memory: {@code perDay} new keys appended to a shard of 50,000 to 800,000 pairs
 *       (what a daily commit rewrites), and the sizing's read of that shard: the costs that grow with the shard
 *       size, against the root's size that grows as shards shrink. Deflater levels on a 200,000-pair shard.</li>
 *   <li>Commit of a new day of {@code perDay} objects (verify the manifest, read the root and the shards its keys
 *       fall in, merge, write the new shards and the root conditionally), three times on copies of the history; then
 *       a manifest whose objects are spread over the whole history (10% rewritten old objects), which touches every
 *       shard; and how many shards the same new day would touch if shards were chosen by key hash. Thread CPU (the
 *       commit is single-threaded), bytes read and written. Objects are local files behind an S3Client stand-in.</li>
 *   <li>With --migration: the one-time migration of a format-1 index of the same history (one object).</li>
 *   <li>DynamoDB requests of whole runs (begin, recordCluster, finish SUCCEEDED with commit; a skipped begin; a failed
 *       run) for manifests of 10, 1,000 and 10,000 objects, counted at the DynamoDbClient interface (the embedded
 *       DynamoDB Local has no HTTP layer for an ExecutionInterceptor to see; each client call is one API request),
 *       with S3Proxy in-process.</li>
 * </ol>
 * Run it with {@code JAVA_TOOL_OPTIONS=-Xmx1g} to hold it to the heap the ledger's default memory leaves.
 */
public final class LedgerCommitBenchmark {
    private static final String BUCKET = IndexBuilder.BUCKET;
    private static final String PREFIX = "emr-pipeline/";

    private LedgerCommitBenchmark() {
    }

    /** Results go here; the function's own log lines (LambdaRuntime's logger prints to System.out) are dropped. */
    private static java.io.PrintStream out = System.out;

    public static void run(String[] args) throws Exception {
        out = System.out;
        System.setOut(new java.io.PrintStream(OutputStream.nullOutputStream()));
        try {
            measure(args);
        } finally {
            System.setOut(out);
        }
    }

    private static void measure(String[] args) throws Exception {
        List<String> options = new ArrayList<>(List.of(args));
        boolean migration = options.remove("--migration");
        int days = options.size() > 0 ? Integer.parseInt(options.get(0)) : 100;
        int perDay = options.size() > 1 ? Integer.parseInt(options.get(1)) : 100_000;
        out.printf("ledger-commit: history of %,d keys (%d days x %,d), commits of %,d objects; %s, %d CPUs, max heap %d MB,"
                        + " load average %.2f%n", (long) days * perDay, days, perDay, perDay,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        SyntheticBucketS3Client.Layout layout = SyntheticBucketS3Client.daily(HistoryBenchmark.FIRST_DAY, days + 2, perDay);
        Path history = Path.of("benchmarks/target/history-index-" + days + "x" + perDay).toAbsolutePath();
        System.setOut(out);
        IndexBuilder.build(history, layout, days, perDay, i -> "day=" + HistoryBenchmark.FIRST_DAY.plusDays(i / perDay) + "/");
        System.setOut(new java.io.PrintStream(OutputStream.nullOutputStream()));

        shardSizes(layout, perDay);
        commits(history, layout, days, perDay);
        if (migration) {
            migration(layout, days, perDay);
        }
        dynamoRequestsPerRun();
        out.printf("%nload average at the end: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // ------------------------------------------------------------------ data

    /** Keys of the small manifests of section 4. */
    static String key(int i) {
        return String.format("raw/day=2026-01-%02d/part-%05d.snappy.parquet", 1 + i / 1000 % 28, i % 1000);
    }

    static KeyEtagPairs pairs(SyntheticBucketS3Client.Layout layout, long from, long to) {
        KeyEtagPairs pairs = new KeyEtagPairs();
        for (long i = from; i < to; i++) {
            pairs.add(layout.key(i).getBytes(StandardCharsets.UTF_8), layout.etag(i).getBytes(StandardCharsets.UTF_8));
        }
        return pairs;
    }

    /** A format-1 style gzip index (also a shard) of positions [from, to) of the layout. */
    static byte[] gzipLines(SyntheticBucketS3Client.Layout layout, long from, long to, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, (to - from) * 40));
        try (OutputStream gz = new java.io.BufferedOutputStream(new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(level);
            }
        }, 1 << 16)) {
            for (long i = from; i < to; i++) {
                gz.write((layout.key(i) + "\t" + layout.etag(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    record ManifestObject(String key, String etag, long size) {
    }

    /**
     * The manifest of {@code objects}, written by the storage sizing's own writer (the format the ledger reads in
     * production, held to docs/data-formats/ by the sizing's DataFormatsTest).
     */
    static byte[] manifestJson(String runId, String bucket, List<ManifestObject> objects) throws IOException {
        List<ListedObject> listed = new ArrayList<>(objects.size());
        long lastModified = java.time.Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
        for (ManifestObject o : objects) {
            listed.add(new ListedObject(o.key(), o.etag(), o.size(), lastModified));
        }
        emrpipeline.sizing.Manifest manifest = emrpipeline.sizing.Manifest.of(runId, bucket, "raw/",
                java.time.Instant.parse("2026-11-21T06:00:03Z"), new emrpipeline.sizing.Manifest.Listed("incremental", null), listed);
        try (java.io.InputStream in = manifest.newStream()) {
            return in.readAllBytes();
        }
    }

    /** Objects of positions [from, to) of the layout, plus {@code rewritten} old objects spread over [0, spreadOver). */
    static List<ManifestObject> manifestObjects(SyntheticBucketS3Client.Layout layout, long from, long to, int rewritten,
                                                long spreadOver) {
        List<ManifestObject> list = new ArrayList<>();
        for (long i = from; i < to; i++) {
            list.add(new ManifestObject(layout.key(i), layout.etag(i), layout.objectSize(i)));
        }
        for (int r = 0; r < rewritten; r++) {
            long i = r * (spreadOver / rewritten) + 7;
            list.add(new ManifestObject(layout.key(i), "rewritten" + Long.toHexString(i), layout.objectSize(i)));
        }
        list.sort(Comparator.comparing(ManifestObject::key).thenComparing(ManifestObject::etag));
        return list;
    }

    // ------------------------------------------------------------------ 1. shard size

    static void shardSizes(SyntheticBucketS3Client.Layout layout, int perDay) throws Exception {
        out.printf("%n1. shard size: %,d new keys appended to the last shard (merge + gzip level %d, one thread), and the"
                + " sizing's read of that shard (one thread); best of 3%n", perDay, LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL);
        out.println("| pairs in the shard | commit CPU s | bytes read + written | sizing read CPU s | shards for 10M keys | root bytes for 10M keys |");
        out.println("|---|---|---|---|---|---|");
        for (int size : new int[] {50_000, 100_000, 200_000, 400_000, 800_000}) {
            byte[] shard = gzipLines(layout, 0, size, LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL);
            KeyEtagPairs fresh = pairs(layout, size, size + perDay);
            double commitCpu = Double.MAX_VALUE;
            double readCpu = Double.MAX_VALUE;
            long written = 0;
            for (int round = 0; round < 3; round++) {
                Meter m = Meter.start();
                ShardWriter sink = new ShardWriter(LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL, Long.MAX_VALUE, "");
                ProcessedIndexMerge.merge(new ByteArrayInputStream(shard), fresh, sink);
                written = sink.finish().stream().mapToLong(ShardWriter.Piece::length).sum();
                m.stop();
                commitCpu = Math.min(commitCpu, m.cpuSeconds());
                java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
                ThreadCpu r = ThreadCpu.of(one);
                emrpipeline.sizing.ProcessedIndex.fromShards(List.of(new emrpipeline.sizing.ProcessedIndex.ShardSource(
                        "shard", size, () -> new ByteArrayInputStream(shard))), one);
                readCpu = Math.min(readCpu, r.seconds());
                one.shutdown();
            }
            long shards = 10_000_000L / size;
            out.printf("| %,d | %.2f | %,d + %,d | %.2f | %,d | about %,d |%n", size, commitCpu, shard.length, written, readCpu,
                    shards, shards * 110);
        }
        byte[] shard = gzipLines(layout, 0, 200_000, 1);
        KeyEtagPairs fresh = pairs(layout, 200_000, 200_000 + perDay);
        out.println("Deflater level (200,000-pair shard + the new keys): | level | CPU s | shard bytes |");
        for (int level : new int[] {1, 6, 9}) {
            double cpu = Double.MAX_VALUE;
            long bytes = 0;
            for (int round = 0; round < 3; round++) {
                Meter m = Meter.start();
                ShardWriter sink = new ShardWriter(level, Long.MAX_VALUE, "");
                ProcessedIndexMerge.merge(new ByteArrayInputStream(shard), fresh, sink);
                bytes = sink.finish().stream().mapToLong(ShardWriter.Piece::length).sum();
                m.stop();
                cpu = Math.min(cpu, m.cpuSeconds());
            }
            out.printf("| %d | %.2f | %,d |%n", level, cpu, bytes);
        }
    }

    /** CPU time of the one thread of a single-thread executor. */
    static final class ThreadCpu {
        private final java.util.concurrent.ExecutorService executor;
        private final long start;

        private ThreadCpu(java.util.concurrent.ExecutorService executor, long start) {
            this.executor = executor;
            this.start = start;
        }

        static ThreadCpu of(java.util.concurrent.ExecutorService executor) throws Exception {
            return new ThreadCpu(executor, executor.submit(() -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()).get());
        }

        double seconds() throws Exception {
            return (executor.submit(() -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()).get() - start) / 1e9;
        }
    }

    // ------------------------------------------------------------------ 2. commits

    static Path copyOf(Path history) throws IOException {
        Path copy = Files.createTempDirectory("ledger-commit-bench");
        try (var files = Files.walk(history)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(history.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return copy;
    }

    static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void commits(Path history, SyntheticBucketS3Client.Layout layout, int days, int perDay) throws Exception {
        out.printf("%n2. commit into the %,d-key index: verify the manifest, read the root and the touched shards, merge,"
                + " write the new shards and the root%n", (long) days * perDay);
        out.println("| commit | manifest objects | wall s | thread CPU s | allocated MB | heap peak MB | shards read / written / in index | index bytes read | index bytes written | whole index bytes |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        long newFrom = (long) days * perDay;
        for (int round = 1; round <= 4; round++) {
            boolean spread = round == 4;
            List<ManifestObject> objects = spread
                    ? manifestObjects(layout, newFrom, newFrom + perDay - perDay / 10, perDay / 10, newFrom)
                    : manifestObjects(layout, newFrom, newFrom + perDay, 0, 0);
            Path copy = copyOf(history);
            try {
                ObjectStoreS3Client store = ObjectStoreS3Client.inDirectory(copy, null);
                long whole = IndexBuilder.root(store).shards().stream().mapToLong(IndexRoot.Shard::bytes).sum();
                String runId = "bench-" + round;
                byte[] json = manifestJson(runId, BUCKET, objects);
                ManifestReader reader = new ManifestReader(BUCKET, PREFIX);
                ProcessedIndexStore index = new ProcessedIndexStore(store, BUCKET, PREFIX,
                        LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL, LedgerSettings.DEFAULT_COMMIT_MAX_ATTEMPTS,
                        LedgerSettings.DEFAULT_COMMIT_BACKOFF_BASE, d -> { }, Clock.systemUTC());
                store.resetCounters();
                HeapSampler heap = HeapSampler.start();
                Meter m = Meter.start();
                Manifest manifest = reader.read(new S3Location(BUCKET, PREFIX + "manifests/" + runId + ".json"),
                        new ByteArrayInputStream(json), runId);
                ProcessedIndexStore.CommitOutcome outcome = index.commit(manifest.pairs(),
                        ProcessedIndexStore.ListingUpdate.of(manifest));
                m.stop();
                long peak = heap.stop();
                out.printf("| %s | %,d | %.2f | %.2f | %,d | %,d | %d / %d / %d | %,d | %,d | %,d |%n",
                        spread ? "spread over the history (10% rewrites)" : "new day, copy " + round, objects.size(),
                        m.wallSeconds(), m.cpuSeconds(), m.allocatedBytes() >> 20, peak >> 20, outcome.shardsRead(),
                        outcome.shardsWritten(), outcome.shardsInIndex(), outcome.compressedBytesRead(),
                        outcome.compressedBytesWritten(), whole);
                if (outcome.added() != objects.size()) {
                    throw new IllegalStateException("added " + outcome.added() + " of " + objects.size());
                }
                if (round == 1) {
                    IndexRoot root = IndexBuilder.root(store);
                    int buckets = root.shards().size();
                    java.util.BitSet touched = new java.util.BitSet(buckets);
                    for (ManifestObject o : objects) {
                        touched.set(Math.floorMod(o.key().hashCode() * 0x9E3779B1, buckets));
                    }
                    out.printf("  by key hash into the same %d shards, this day's keys would touch %d of them (all of the"
                            + " index read and rewritten); by key range they touch %d%n", buckets, touched.cardinality(),
                            outcome.shardsRead());
                }
            } finally {
                delete(copy);
            }
        }
        out.println("(heap: the whole JVM's, after a GC before the commit, and its peak sampled every millisecond during it)");
    }

    // ------------------------------------------------------------------ 2b. migration

    static void migration(SyntheticBucketS3Client.Layout layout, int days, int perDay) throws Exception {
        long n = (long) days * perDay;
        out.printf("%n3. migration of a format-1 index of %,d keys (one object) by the first commit%n", n);
        Path dir = Files.createTempDirectory("ledger-migration-bench");
        try {
            Path legacy = dir.resolve(PREFIX + IndexRoot.LEGACY_KEY);
            Files.createDirectories(legacy.getParent());
            try (OutputStream gz = new java.io.BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(legacy), 1 << 16) {
                {
                    def.setLevel(1);
                }
            }, 1 << 16)) {
                for (long i = 0; i < n; i++) {
                    gz.write((layout.key(i) + "\t" + layout.etag(i) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            ObjectStoreS3Client store = ObjectStoreS3Client.inDirectory(dir, null);
            long size = Files.size(legacy);
            store.resetCounters();
            ProcessedIndexStore index = new ProcessedIndexStore(store, BUCKET, PREFIX, 1, 3, Duration.ZERO, d -> { },
                    Clock.systemUTC());
            Meter m = Meter.start();
            ProcessedIndexStore.CommitOutcome outcome = index.commit(pairs(layout, n, n + perDay), null);
            m.stop();
            out.printf("format-1 object %,d bytes -> %d shards; the commit (migration + %,d new keys): wall %.1f s, thread CPU"
                    + " %.1f s, read %,d bytes, wrote %,d bytes (migrated: %s)%n", size, outcome.shardsInIndex(), perDay,
                    m.wallSeconds(), m.cpuSeconds(), outcome.compressedBytesRead(), outcome.compressedBytesWritten(),
                    outcome.migrated());
        } finally {
            delete(dir);
        }
    }

    // ------------------------------------------------------------------ 3. DynamoDB requests per run

    static void dynamoRequestsPerRun() throws Exception {
        Path blobs = Files.createTempDirectory("ledger-bench-s3");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .build();
        proxy.start(); // Jetty's start returns once the server accepts connections
        try (S3Client s3 = LedgerClients.s3(ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + proxy.getPort()))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))))) {
            dynamoRequestsPerRun(s3);
        } finally {
            proxy.stop();
            delete(blobs);
        }
    }

    static void dynamoRequestsPerRun(S3Client s3) throws Exception {
        out.printf("%n4. DynamoDB requests per run (begin + recordCluster + finish SUCCEEDED with its commit)%n");
        out.println("| manifest objects | GetItem | TransactWriteItems | UpdateItem | PutItem | Query | total |");
        out.println("|---|---|---|---|---|---|---|");
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
        try {
            for (int objects : new int[] {10, 1_000, 10_000}) {
                Map<String, Long> counts = countRun(local.dynamoDbClient(), s3, objects, "success");
                out.printf("| %,d | %d | %d | %d | %d | %d | %d |%n", objects, counts.getOrDefault("getItem", 0L),
                        counts.getOrDefault("transactWriteItems", 0L), counts.getOrDefault("updateItem", 0L),
                        counts.getOrDefault("putItem", 0L), counts.getOrDefault("query", 0L),
                        counts.values().stream().mapToLong(Long::longValue).sum());
            }
            out.println("other paths: skipped begin (lease held) " + countRun(local.dynamoDbClient(), s3, 10, "skipped")
                    + "; failed run (begin, recordCluster, finish FAILED) " + countRun(local.dynamoDbClient(), s3, 10, "failed"));
        } finally {
            local.shutdown();
        }
    }

    private static final AtomicLong RUNS = new AtomicLong();

    static Map<String, Long> countRun(DynamoDbClient dynamo, S3Client s3, int objects, String path) throws Exception {
        String table = "ledger-" + RUNS.incrementAndGet();
        createTable(dynamo, table);
        String bucket = BUCKET + "-" + RUNS.get();
        s3.createBucket(b -> b.bucket(bucket));
        Counting counting = new Counting(dynamo);
        LedgerSettings settings = LedgerSettings.of(table, bucket, PREFIX, Duration.ofHours(7),
                PriceTable.fromConfiguration(null, null, null));
        RunLedgerHandler handler = new RunLedgerHandler(counting.client, s3, settings, Clock.systemUTC(), d -> { });
        String runId = "run-" + objects;
        List<ManifestObject> list = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            list.add(new ManifestObject(key(i), String.format("%032x", i), 1024));
        }
        byte[] manifest = manifestJson(runId, bucket, list);
        s3.putObject(p -> p.bucket(bucket).key(PREFIX + "manifests/" + runId + ".json"), RequestBody.fromBytes(manifest));
        String arn = "arn:aws:states:us-east-1:123456789012:execution:emr-pipeline:" + runId;
        if (path.equals("skipped")) {
            handler.handleRequest(request("begin", "holder", arn + "-holder", r -> { }), null);
            counting.calls.clear();
            LedgerResult r = handler.handleRequest(request("begin", runId, arn, x -> { }), null);
            check(r.status().equals("SKIPPED"), r);
            return counting.snapshot();
        }
        counting.calls.clear();
        handler.handleRequest(request("begin", runId, arn, r -> { }), null);
        handler.handleRequest(request("recordCluster", runId, arn, r -> r.setClusterId("j-BENCH")), null);
        LedgerResult done = handler.handleRequest(request("finish", runId, arn, r -> {
            r.setStatus(path.equals("failed") ? "FAILED" : "SUCCEEDED");
            if (!path.equals("failed")) {
                r.setManifestUri("s3://" + bucket + "/" + PREFIX + "manifests/" + runId + ".json");
            }
        }), null);
        check(path.equals("failed") || done.committedObjects() == objects, done);
        return counting.snapshot();
    }

    static LedgerRequest request(String action, String runId, String arn, Consumer<LedgerRequest> fill) {
        LedgerRequest r = new LedgerRequest();
        r.setAction(action);
        r.setRunId(runId);
        r.setExecutionArn(arn);
        fill.accept(r);
        return r;
    }

    static void check(boolean ok, Object what) {
        if (!ok) {
            throw new IllegalStateException("unexpected: " + what);
        }
    }

    static void createTable(DynamoDbClient dynamo, String name) {
        dynamo.createTable(t -> t.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("sk"), attr("recordType"), attr("runStatus"), attr("startedAt"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(gsi("byStartedAt", "recordType"), gsi("byStatus", "runStatus")));
    }

    static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static GlobalSecondaryIndex gsi(String name, String hash) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, KeyType.HASH), key("startedAt", KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    /** Counts requests at the DynamoDbClient interface: one per call that takes a request object. */
    static final class Counting {
        final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
        final DynamoDbClient client;

        Counting(DynamoDbClient delegate) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (args != null && args.length > 0 && args[0] instanceof Consumer) {
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                if (args != null && args.length > 0 && args[0] instanceof SdkRequest) {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicLong()).incrementAndGet();
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class}, handler);
        }

        Map<String, Long> snapshot() {
            Map<String, Long> m = new TreeMap<>();
            calls.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }
    }

    // ------------------------------------------------------------------ measurement

    /** Wall, calling-thread CPU and allocation, process CPU. */
    static final class Meter {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private long wall0;
        private long cpu0;
        private long alloc0;
        private long proc0;
        private long wall;
        private long cpu;
        private long alloc;
        private long proc;

        static Meter start() {
            Meter m = new Meter();
            m.wall0 = System.nanoTime();
            m.cpu0 = THREADS.getCurrentThreadCpuTime();
            m.alloc0 = THREADS.getCurrentThreadAllocatedBytes();
            m.proc0 = OS.getProcessCpuTime();
            return m;
        }

        void stop() {
            wall = System.nanoTime() - wall0;
            cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            alloc = THREADS.getCurrentThreadAllocatedBytes() - alloc0;
            proc = OS.getProcessCpuTime() - proc0;
        }

        double wallSeconds() {
            return wall / 1e9;
        }

        double cpuSeconds() {
            return cpu / 1e9;
        }

        double processCpuSeconds() {
            return proc / 1e9;
        }

        long allocatedBytes() {
            return alloc;
        }
    }

    /** Samples the used heap every millisecond on a daemon thread, after a GC. */
    static final class HeapSampler {
        private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
        private volatile boolean running = true;
        private volatile long peak;
        long baseline;
        private Thread thread;

        static HeapSampler start() throws InterruptedException {
            System.gc();
            Thread.sleep(50);
            HeapSampler s = new HeapSampler();
            s.baseline = MEMORY.getHeapMemoryUsage().getUsed();
            s.thread = new Thread(() -> {
                while (s.running) {
                    s.peak = Math.max(s.peak, MEMORY.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        long stop() throws InterruptedException {
            peak = Math.max(peak, MEMORY.getHeapMemoryUsage().getUsed());
            running = false;
            thread.join();
            return peak;
        }
    }
}
