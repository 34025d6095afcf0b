package emrpipeline.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * An S3 bucket for the tests, as a folder: {@code s3://BUCKET/key} is bound to {@code <folder>/key} through Hadoop's
 * {@code ViewFileSystemOverloadScheme} (a mount table per bucket), so the job runs its own s3:// code path, with only
 * the file system binding differing from EMR's (as with S3A in the offline runner). Manifests are written in the
 * documented format (the README, "Data layout in S3"); the offline runner's end-to-end test uses the storage-sizing function's.
 */
final class LocalBucket {
    static final String NAME = "test-bucket";
    static final String RAW_PREFIX = "raw/";
    final Path folder;

    LocalBucket(Path folder) {
        this.folder = folder;
    }

    /** The session configuration that binds {@code s3://test-bucket/} to the folder. */
    SparkSession.Builder bind(SparkSession.Builder builder) {
        return builder
                .config("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.viewfs.ViewFileSystemOverloadScheme")
                .config("spark.hadoop.fs.s3.impl.disable.cache", "true")
                .config("spark.hadoop.fs.viewfs.mounttable." + NAME + ".linkFallback", folder.toUri().toString());
    }

    String put(String key, String content) {
        Path file = folder.resolve(key);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key;
    }

    void delete(String key) {
        try {
            Files.delete(folder.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String key) {
        return Files.exists(folder.resolve(key));
    }

    String read(String key) {
        try {
            return Files.readString(folder.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys of the files under {@code prefix}, sorted. */
    List<String> keys(String prefix) {
        Path start = folder.resolve(prefix);
        if (!Files.exists(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString())
                    .filter(k -> !k.endsWith(".crc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the manifest (format 1, docs/data-formats.md) of {@code runId} listing {@code keys}, which must exist and need no JSON escape. */
    String manifest(String runId, String... keys) {
        List<String> sorted = new ArrayList<>(List.of(keys));
        sorted.sort(RunManifest::compareCodePoints);
        StringBuilder objects = new StringBuilder();
        StringBuilder hashed = new StringBuilder();
        long total = 0;
        for (String key : sorted) {
            byte[] content = read(key).getBytes(StandardCharsets.UTF_8);
            String etag = HexFormat.of().formatHex(digest("MD5", content));
            objects.append(objects.length() == 0 ? "" : ",\n").append("{\"key\":\"").append(key).append("\",\"etag\":\"")
                    .append(etag).append("\",\"size\":").append(content.length)
                    .append(",\"lastModified\":\"2026-11-20T10:00:00Z\"}");
            hashed.append(key).append('\t').append(etag).append('\t').append(content.length).append('\n');
            total += content.length;
        }
        String json = "{\"formatVersion\":1,\"runId\":\"" + runId + "\",\"bucket\":\"" + NAME + "\",\"rawPrefix\":\""
                + RAW_PREFIX + "\",\"createdAt\":\"2026-11-21T06:00:03Z\",\"objectCount\":" + sorted.size()
                + ",\"totalBytes\":" + total + ",\"sha256\":\""
                + HexFormat.of().formatHex(digest("SHA-256", hashed.toString().getBytes(StandardCharsets.UTF_8)))
                + "\",\"objects\":[\n" + objects + "]}\n";
        return put("emr-pipeline/manifests/" + runId + ".json", json);
    }

    static String uri(String key) {
        return "s3://" + NAME + "/" + key;
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
