package emrpipeline.sizing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The (key, ETag) pairs that earlier successful runs processed, read from the processed index: the shards of
 * format 2 that a listing needs ({@link #fromShards}), or the whole single object of format 1
 * ({@code index/processed.tsv.gz}, {@link #read}). Both hold gzip, UTF-8 lines {@code escapedKey TAB etag LF}
 * (docs/data-formats.md).
 *
 * <p>The index can hold millions of lines, so it is kept as 128-bit fingerprints (the 128-bit MurmurHash3 of each
 * line's bytes, 16 bytes an entry, sorted) rather than strings: 1,000,000 entries take 16 MB instead of the
 * ~150 MB the keys would. A listed object is looked up by fingerprinting its escaped key, a TAB and its
 * ETag the same way. A false "already processed" needs two different (key, ETag) pairs with the same
 * 128-bit fingerprint: with n indexed and m listed pairs the chance is about n*m/2^128, 3e-29 for
 * n = 10^6 and m = 10^4, 3e-26 for n = 10^7 and m = 10^6: never, in the life of the pipeline (the hash is
 * chosen for its speed and spread, not as a defence against someone crafting colliding keys in their own bucket).
 */
public final class ProcessedIndex {
    /**
     * How the ledger's migration leaves the format-1 object: a first line without a TAB, which a format-1 reader of
     * an older pipeline version rejects (it stops instead of treating every raw object as new).
     */
    static final byte[] LEGACY_TOMBSTONE = "emr-pipeline processed index moved to format 2".getBytes(StandardCharsets.US_ASCII);

    private static final ProcessedIndex EMPTY = new ProcessedIndex(new FingerprintSet(0).seal());

    private final FingerprintSet fingerprints;

    private ProcessedIndex(FingerprintSet fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** The index of a pipeline that has processed nothing yet (no index object). */
    public static ProcessedIndex empty() {
        return EMPTY;
    }

    /**
     * Reads a gzip-compressed index. {@code source} names it in error messages.
     *
     * @throws CorruptPipelineObjectException when it is not gzip or a line is not {@code key TAB etag}
     * @throws UncheckedIOException           when reading the stream fails otherwise
     */
    public static ProcessedIndex read(InputStream gzipped, String source) {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(gzipped, 1 << 16), 1 << 16)) {
            in.mark(LEGACY_TOMBSTONE.length);
            byte[] head = in.readNBytes(LEGACY_TOMBSTONE.length);
            in.reset();
            if (Arrays.equals(head, LEGACY_TOMBSTONE)) {
                throw new CorruptPipelineObjectException(source + " says the index moved to format 2, but the format-2"
                        + " root (index/v2/root.json next to it) does not exist: restore the root from the bucket's"
                        + " object versions rather than let every raw object count as new");
            }
            return readLines(in, source);
        } catch (ZipException | EOFException e) {
            throw new CorruptPipelineObjectException(source + " is not a complete gzip stream (" + e.getMessage()
                    + "); the processed index must be gzip-compressed UTF-8 lines 'key<TAB>etag'", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " failed: " + e.getMessage(), e);
        }
    }

    /** A shard to read: its stream (opened when read), the entries the root says it holds, its name for errors. */
    public record ShardSource(String source, long entries, Supplier<InputStream> opener) {
    }

    /**
     * Reads the given shards, {@code parallelism} at a time, into one index; each must hold exactly the entries
     * its root entry says (a shard that does not is a {@link CorruptPipelineObjectException}).
     */
    public static ProcessedIndex fromShards(List<ShardSource> shards, ExecutorService pool) {
        long total = 0;
        long[] offsets = new long[shards.size()];
        for (int i = 0; i < shards.size(); i++) {
            offsets[i] = total;
            total += shards.get(i).entries();
        }
        FingerprintSet set = FingerprintSet.ofSlots(total);
        List<Future<?>> reads = new ArrayList<>(shards.size());
        for (int i = 0; i < shards.size(); i++) {
            ShardSource shard = shards.get(i);
            int from = (int) offsets[i];
            reads.add(pool.submit(() -> readShard(shard, set, from)));
        }
        try {
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the processed index", e);
        } catch (ExecutionException e) {
            reads.forEach(r -> r.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return new ProcessedIndex(set.seal());
    }

    private static void readShard(ShardSource shard, FingerprintSet set, int from) {
        int[] next = {from};
        int end = (int) (from + shard.entries());
        FingerprintSink sink = (high, low) -> {
            if (next[0] == end) {
                throw new CorruptPipelineObjectException(shard.source() + " holds more than the " + shard.entries()
                        + " entries the index root says");
            }
            set.set(next[0]++, high, low);
        };
        try (InputStream in = new GZIPInputStream(shard.opener().get(), 1 << 16)) {
            readLines(in, shard.source(), sink);
        } catch (ZipException | EOFException e) {
            throw new CorruptPipelineObjectException(shard.source() + " is not a complete gzip stream (" + e.getMessage()
                    + "); an index shard must be gzip-compressed UTF-8 lines 'key<TAB>etag'", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + shard.source() + " failed: " + e.getMessage(), e);
        }
        if (next[0] != end) {
            throw new CorruptPipelineObjectException(shard.source() + " holds " + (next[0] - from)
                    + " entries, the index root says " + shard.entries());
        }
    }

    /** Receives one fingerprint per index line. */
    @FunctionalInterface
    private interface FingerprintSink {
        void add(long high, long low);
    }

    private static ProcessedIndex readLines(InputStream in, String source) throws IOException {
        FingerprintSet set = new FingerprintSet(1 << 16);
        readLines(in, source, set::add);
        return new ProcessedIndex(set.seal());
    }

    private static void readLines(InputStream in, String source, FingerprintSink set) throws IOException {
        Murmur3 hash = new Murmur3();
        byte[] buffer = new byte[1 << 16];
        byte[] carried = new byte[256]; // a line that spans two reads is put together here
        int carriedLength = 0;
        long line = 1;
        int tabs = 0;
        int keyLength = -1;
        int n;
        while ((n = in.read(buffer)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    int lineLength = carriedLength + i - start;
                    checkLine(source, line, lineLength, tabs, keyLength);
                    if (carriedLength == 0) {
                        hash.hash(buffer, start, i - start);
                    } else {
                        carried = append(carried, carriedLength, buffer, start, i - start);
                        hash.hash(carried, 0, lineLength);
                        carriedLength = 0;
                    }
                    set.add(hash.high(), hash.low());
                    start = i + 1;
                    line++;
                    tabs = 0;
                    keyLength = -1;
                } else if (b == '\t') {
                    if (tabs++ == 0) {
                        keyLength = carriedLength + (i - start);
                    }
                } else if (b == '\r') {
                    throw new CorruptPipelineObjectException(source + " line " + line
                            + ": raw CR (lines end with LF only; a CR in a key is written %0D)");
                }
            }
            carried = append(carried, carriedLength, buffer, start, n - start);
            carriedLength += n - start;
        }
        if (carriedLength > 0) { // last line without LF
            checkLine(source, line, carriedLength, tabs, keyLength);
            hash.hash(carried, 0, carriedLength);
            set.add(hash.high(), hash.low());
        }
    }

    /** {@code into[0, length)} followed by {@code from[off, off + len)}, growing {@code into} when needed. */
    private static byte[] append(byte[] into, int length, byte[] from, int off, int len) {
        if (length + len > into.length) {
            into = Arrays.copyOf(into, Math.max(into.length * 2, length + len));
        }
        System.arraycopy(from, off, into, length, len);
        return into;
    }

    private static void checkLine(String source, long line, int length, int tabs, int keyLength) {
        if (tabs != 1 || keyLength == 0 || keyLength == length - 1) {
            throw new CorruptPipelineObjectException(source + " line " + line
                    + ": expected 'key<TAB>etag' (one TAB, both parts non-empty), found " + tabs + " TAB(s) in "
                    + length + " bytes");
        }
    }

    /** Distinct (key, ETag) pairs in the index. */
    public int size() {
        return fingerprints.size();
    }

    /** Heap taken by the fingerprints, in bytes. */
    public long footprintBytes() {
        return fingerprints.footprintBytes();
    }

    /** A lookup helper for one thread (it owns its buffers); the index itself is shared read-only. */
    public Matcher matcher() {
        return new Matcher();
    }

    /** Answers "is (key, ETag) in the index?"; not thread-safe, make one per thread. */
    public final class Matcher {
        private final Murmur3 hash = new Murmur3();
        private final Utf8Buffer line = new Utf8Buffer(256);

        private Matcher() {
        }

        /** @param etag without quotes */
        public boolean contains(String key, String etag) {
            if (fingerprints.size() == 0) {
                return false;
            }
            line.reset();
            line.indexKey(key).ascii('\t').utf8(etag);
            hash.hash(line.bytes(), 0, line.length());
            return fingerprints.contains(hash.high(), hash.low());
        }
    }

    /** The index's key escaping: {@code %}, TAB, LF and CR become {@code %25}, {@code %09}, {@code %0A}, {@code %0D}. */
    public static String escapeKey(String key) {
        int i = 0;
        while (i < key.length() && !needsEscape(key.charAt(i))) {
            i++;
        }
        if (i == key.length()) {
            return key;
        }
        StringBuilder out = new StringBuilder(key.length() + 8).append(key, 0, i);
        for (; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '\t' -> out.append("%09");
                case '\n' -> out.append("%0A");
                case '\r' -> out.append("%0D");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return c == '%' || c == '\t' || c == '\n' || c == '\r';
    }
}
