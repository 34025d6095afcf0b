package emrpipeline.bench.ledger;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import emrpipeline.ledger.KeyEtagPairs;
import emrpipeline.ledger.LedgerRequest;
import emrpipeline.ledger.LedgerResult;
import emrpipeline.ledger.LedgerSettings;
import emrpipeline.ledger.Manifest;
import emrpipeline.ledger.ManifestReader;
import emrpipeline.ledger.PriceTable;
import emrpipeline.ledger.ProcessedIndexMerge;
import emrpipeline.ledger.ProcessedIndexStore;
import emrpipeline.ledger.RunLedgerHandler;
import emrpipeline.ledger.S3Location;
import emrpipeline.ledger.WithoutExpectContinue;
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
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
 * {@code benchmarks/run ledger-commit [indexKeys] [manifestObjects] [iterations]} (defaults 1000000 10000 4).
 *
 * <ol>
 *   <li>Merge only, in memory: the processed index's streaming merge at Deflater levels 1, 6 and 9, to choose the
 *       level (thread CPU, output size).</li>
 *   <li>Commit through S3 (S3Proxy in-process, filesystem store so blobs stay off the heap): what finish SUCCEEDED
 *       does with S3: GET and verify the manifest, GET the index, merge, conditional PUT. Each iteration commits a new
 *       manifest (90% objects of a new day, 10% rewritten objects spread over the index). Wall, CPU of the calling
 *       thread (which does the HTTP I/O too), bytes allocated, peak heap, bytes read and written.</li>
 *   <li>DynamoDB requests of whole runs (begin, recordCluster, finish SUCCEEDED with commit; a skipped begin; a failed
 *       run) for manifests of 10, 1,000 and 10,000 objects, counted at the DynamoDbClient interface (the embedded
 *       DynamoDB Local has no HTTP layer for an ExecutionInterceptor to see; each client call is one API request).</li>
 * </ol>
 * Run it with {@code JAVA_TOOL_OPTIONS=-Xmx512m} to check the 512 MB heap target.
 */
public final class LedgerCommitBenchmark {
    private static final String BUCKET = "bench-data";
    private static final String PREFIX = "emr-pipeline/";
    private static final String INDEX_KEY = PREFIX + "index/processed.tsv.gz";
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);

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
        int indexKeys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int manifestObjects = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        out.printf("ledger-commit: index of %,d keys, manifests of %,d objects, %d iterations; %s, %d CPUs, max heap %d MB%n",
                indexKeys, manifestObjects, iterations, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        Path blobs = Files.createTempDirectory("ledger-bench-s3");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new WithoutExpectContinue()))
                .build();
        try {
            s3.createBucket(b -> b.bucket(BUCKET));
            Random random = new Random(20261121);
            byte[] index = buildIndex(indexKeys, random);
            out.printf("%nindex: %,d keys, %,d bytes gzip (level %d), %.1f bytes per key%n", indexKeys, index.length,
                    LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL, index.length / (double) indexKeys);
            s3.putObject(p -> p.bucket(BUCKET).key(INDEX_KEY), RequestBody.fromBytes(index));
            mergeOnly(index, manifestPairs(newManifest(0, indexKeys, manifestObjects, random)));
            index = null; // only S3 holds the index from here on
            commitThroughS3(s3, indexKeys, manifestObjects, iterations, random);
            dynamoRequestsPerRun(s3);
        } finally {
            s3.close();
            proxy.stop();
            try (var files = Files.walk(blobs)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ------------------------------------------------------------------ data

    /** Key {@code i} of the index: 24 hours x 1000 parts a day, fixed-width numbers so that key order = i order. */
    static String key(int i) {
        int perDay = 24 * 1000;
        LocalDate day = FIRST_DAY.plusDays(i / perDay);
        int hour = (i % perDay) / 1000;
        int part = i % 1000;
        return String.format("raw/day=%s/hour=%02d/part-%05d-%08x.snappy.parquet", day, hour, part, (i * 2654435761L) & 0xffffffffL);
    }

    static String etag(Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static byte[] buildIndex(int keys, Random random) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(keys * 40);
        try (OutputStream gz = new java.io.BufferedOutputStream(new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL);
            }
        }, 1 << 16)) {
            for (int i = 0; i < keys; i++) {
                gz.write((key(i) + "\t" + etag(random) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    record ManifestObject(String key, String etag, long size) {
    }

    /**
     * Manifest {@code n}: 90% objects of a new day after the index's last one, 10% existing keys rewritten (new
     * ETags), spread evenly over the index. Sorted as the README defines (keys here are ASCII).
     */
    static List<ManifestObject> newManifest(int n, int indexKeys, int objects, Random random) {
        int rewritten = objects / 10;
        List<ManifestObject> list = new ArrayList<>(objects);
        int stride = Math.max(1, indexKeys / Math.max(1, rewritten));
        for (int r = 0; r < rewritten; r++) {
            int i = Math.min(indexKeys - 1, r * stride + n);
            list.add(new ManifestObject(key(i), etag(random), 64L << 20));
        }
        int firstNew = indexKeys + 24 * 1000 * (1 + n) - (indexKeys % (24 * 1000)); // a whole new day per manifest
        for (int j = 0; j < objects - rewritten; j++) {
            list.add(new ManifestObject(key(firstNew + j), etag(random), 64L << 20));
        }
        list.sort(Comparator.comparing(ManifestObject::key).thenComparing(ManifestObject::etag));
        return list;
    }

    static byte[] manifestJson(String runId, List<ManifestObject> objects) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long total = 0;
        for (ManifestObject o : objects) {
            sha.update((o.key() + "\t" + o.etag() + "\t" + o.size() + "\n").getBytes(StandardCharsets.UTF_8));
            total += o.size();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", 1);
            g.writeStringField("runId", runId);
            g.writeStringField("bucket", BUCKET);
            g.writeStringField("rawPrefix", "raw/");
            g.writeStringField("createdAt", "2026-11-21T06:00:03Z");
            g.writeNumberField("objectCount", objects.size());
            g.writeNumberField("totalBytes", total);
            g.writeStringField("sha256", HexFormat.of().formatHex(sha.digest()));
            g.writeArrayFieldStart("objects");
            for (ManifestObject o : objects) {
                g.writeStartObject();
                g.writeStringField("key", o.key());
                g.writeStringField("etag", o.etag());
                g.writeNumberField("size", o.size());
                g.writeStringField("lastModified", "2026-11-20T10:00:00Z");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static KeyEtagPairs manifestPairs(List<ManifestObject> objects) {
        KeyEtagPairs pairs = new KeyEtagPairs();
        objects.forEach(o -> pairs.add(o.key().getBytes(StandardCharsets.UTF_8), o.etag().getBytes(StandardCharsets.UTF_8)));
        return pairs;
    }

    // ------------------------------------------------------------------ 1. merge only

    static void mergeOnly(byte[] index, KeyEtagPairs pairs) {
        out.printf("%n1. merge only, in memory (index bytes -> merged gzip bytes), %,d pairs; 3 runs per level, cold run / best of the others%n", pairs.size());
        out.println("| Deflater level | thread CPU s (cold / warm) | wall s (cold / warm) | merged index bytes |");
        out.println("|---|---|---|---|");
        for (int level : new int[] {1, 6, 9}) {
            double[] cpu = new double[3];
            double[] wall = new double[3];
            int size = 0;
            for (int run = 0; run < 3; run++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(index.length + (1 << 20));
                Meter m = Meter.start();
                ProcessedIndexMerge.merge(new ByteArrayInputStream(index), pairs, out, level);
                m.stop();
                cpu[run] = m.cpuSeconds();
                wall[run] = m.wallSeconds();
                size = out.size();
            }
            out.printf("| %d | %.2f / %.2f | %.2f / %.2f | %,d |%n", level, cpu[0], Math.min(cpu[1], cpu[2]),
                    wall[0], Math.min(wall[1], wall[2]), size);
        }
    }

    // ------------------------------------------------------------------ 2. commit through S3

    static void commitThroughS3(S3Client s3, int indexKeys, int manifestObjects, int iterations, Random random)
            throws Exception {
        out.printf("%n2. commit through S3Proxy: GET + verify the manifest, GET the index, merge (level %d), conditional PUT%n",
                LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL);
        out.println("| iteration | index keys before | wall s | thread CPU s | process CPU s (incl. S3Proxy) | allocated MB | heap used before / peak MB | bytes read (manifest + index) | bytes written | PUT rounds |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        ManifestReader reader = new ManifestReader(BUCKET, PREFIX);
        ProcessedIndexStore store = new ProcessedIndexStore(s3, new S3Location(BUCKET, INDEX_KEY),
                LedgerSettings.DEFAULT_INDEX_GZIP_LEVEL, LedgerSettings.DEFAULT_COMMIT_MAX_ATTEMPTS,
                LedgerSettings.DEFAULT_COMMIT_BACKOFF_BASE, d -> Thread.sleep(d.toMillis()));
        long keysBefore = indexKeys;
        for (int it = 1; it <= iterations; it++) {
            String runId = "bench-" + it;
            String manifestKey = PREFIX + "manifests/" + runId + ".json";
            byte[] json = manifestJson(runId, newManifest(it, indexKeys, manifestObjects, random));
            s3.putObject(p -> p.bucket(BUCKET).key(manifestKey), RequestBody.fromBytes(json));
            S3Location location = new S3Location(BUCKET, manifestKey);

            HeapSampler heap = HeapSampler.start();
            Meter m = Meter.start();
            Manifest manifest;
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(g -> g.bucket(BUCKET).key(manifestKey))) {
                manifest = reader.read(location, in, runId);
            }
            ProcessedIndexStore.CommitOutcome outcome = store.commit(manifest.pairs());
            m.stop();
            long peak = heap.stop();
            out.printf("| %d | %,d | %.2f | %.2f | %.2f | %,d | %,d / %,d | %,d + %,d | %,d | %d |%n", it, keysBefore,
                    m.wallSeconds(), m.cpuSeconds(), m.processCpuSeconds(), m.allocatedBytes() >> 20, heap.baseline >> 20, peak >> 20,
                    json.length, outcome.compressedBytesRead(), outcome.compressedBytesWritten(), outcome.attempts());
            keysBefore = outcome.pairsAfter();
        }
        out.println("(heap used: the whole JVM's, after a GC before the commit, and its peak sampled every millisecond during it;"
                + " it includes S3Proxy, DynamoDB Local classes and garbage not yet collected)");
    }

    // ------------------------------------------------------------------ 3. DynamoDB requests per run

    static void dynamoRequestsPerRun(S3Client s3) throws Exception {
        out.printf("%n3. DynamoDB requests per run (begin + recordCluster + finish SUCCEEDED with its commit)%n");
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
        byte[] json = manifestJson(runId, list).clone();
        String manifest = new String(json, StandardCharsets.UTF_8).replace("\"bucket\":\"" + BUCKET + "\"", "\"bucket\":\"" + bucket + "\"");
        s3.putObject(p -> p.bucket(bucket).key(PREFIX + "manifests/" + runId + ".json"), RequestBody.fromString(manifest));
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
