package emrpipeline.bench.sizing;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import java.util.Map;
import emrpipeline.sizing.SizingClients;
import emrpipeline.sizing.ClientEnvironment;

/**
 * {@code benchmarks/run sizing-list-parse [pages]} (default 400): what the synthetic listings leave out, the CPU the
 * function spends on one real ListObjectsV2 page of 1,000 objects: the SDK's request signing, HTTP over the
 * URL-connection client (the function's) and XML unmarshalling, against a loopback server that answers every call
 * with the same page (S3's response shape, 1,000 daily-partition keys). Thread CPU of the calling thread, which does
 * all of that; the server's own work is on other threads. Used to extrapolate how many objects a Lambda listing can
 * handle in 15 minutes (docs/scaling.md).
 */
public final class ListParseBenchmark {
    private ListParseBenchmark() {
    }

    public static void run(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        byte[] page = page();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        java.util.concurrent.ExecutorService serverThreads = java.util.concurrent.Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.start();
        try (S3Client s3 = SizingClients.s3(ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + server.getAddress().getPort()))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))))) {
            for (int i = 0; i < 200; i++) { // warm-up
                s3.listObjectsV2(b -> b.bucket("benchmark-data").prefix("raw/").startAfter("raw/day=2026-11-21"));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            long objects = 0;
            for (int i = 0; i < pages; i++) {
                ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket("benchmark-data").prefix("raw/")
                        .startAfter("raw/day=2026-11-21"));
                objects += r.contents().size();
            }
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / pages;
            double wallMs = (System.nanoTime() - wall0) / 1e6 / pages;
            System.out.printf("sizing-list-parse: %d pages of %,d objects (%,d bytes of XML each): calling-thread CPU %.2f ms"
                            + " a page (%.2f us an object), wall %.2f ms a page on loopback; %,d objects parsed; load average"
                            + " %.2f on %d cores%n", pages, objects / pages, page.length, cpuMs, cpuMs * 1000 / (objects / pages),
                    wallMs, objects, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    /** A ListObjectsV2 response of 1,000 objects as S3 writes it. */
    static byte[] page() {
        SyntheticBucketS3Client.Layout layout = SyntheticBucketS3Client.daily(java.time.LocalDate.of(2026, 11, 21), 1, 1000);
        StringBuilder xml = new StringBuilder(400_000);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>benchmark-data</Name><Prefix>raw/</Prefix><StartAfter>raw/day=2026-11-21</StartAfter>")
                .append("<KeyCount>1000</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>")
                .append("<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>");
        Instant modified = Instant.parse("2026-11-21T10:00:00.000Z");
        for (int i = 0; i < 1000; i++) {
            xml.append("<Contents><Key>").append(layout.key(i)).append("</Key><LastModified>").append(modified)
                    .append("</LastModified><ETag>&quot;").append(layout.etag(i)).append("&quot;</ETag><ChecksumAlgorithm>CRC64NVME")
                    .append("</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>").append(layout.objectSize(i))
                    .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        xml.append("</ListBucketResult>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
