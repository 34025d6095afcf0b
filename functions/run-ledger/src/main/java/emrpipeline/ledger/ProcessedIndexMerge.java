package emrpipeline.ledger;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * One streaming pass over a run of processed-index lines (a format-2 shard, or the whole format-1 object: gzip, UTF-8
 * lines {@code key<TAB>etag<LF>}, sorted and unique by (decoded key as UTF-8 bytes, ETag); in the key {@code %},
 * TAB, LF, CR are {@code %25 %09 %0A %0D}) merged with a manifest's sorted pairs, the result handed line by line to a
 * {@link LineSink}. Index lines are passed on as bytes, never decoded into Strings; only keys holding a {@code %}
 * are decoded, to compare them. The lines' own order is verified on the way, and that they lie in the shard's key
 * range: lines out of order or out of range, a duplicate, a line without TAB or no final newline is a
 * {@link ProcessedIndexInvalidException}, and nothing is written. Memory: one read buffer and the manifest's pairs.
 */
public final class ProcessedIndexMerge {

    /** What one pass saw. {@code added} = manifest pairs that were not in the index. */
    public record Outcome(long pairsBefore, long pairsAfter, long added, long uncompressedBytesRead) {
    }

    /** Receives the merged lines in order. */
    public interface LineSink {
        /**
         * An index line as it was read ({@code buf[off, off + len)}, escaped key, TAB, ETag, LF), with its decoded key.
         */
        void indexLine(byte[] buf, int off, int len, byte[] key, int keyOff, int keyLen) throws IOException;

        /** Pair {@code i} of {@code pairs}, new to the index. */
        void newPair(KeyEtagPairs pairs, int i) throws IOException;
    }

    private static final int READ_BUFFER = 1 << 18;
    private static final int MAX_LINE = 1 << 20;
    private static final int IO_BUFFER = 1 << 16;

    private ProcessedIndexMerge() {
    }

    /**
     * Merges pairs {@code [from, to)} of {@code pairs} into the lines read from {@code compressedLines} (null: none),
     * handing the merged lines to {@code sink} (null: a containment check, {@code added == 0} meaning every pair is
     * there). The lines must lie in {@code [lowerKey, upperKey)} (UTF-8 bytes; null: unbounded).
     */
    public static Outcome merge(InputStream compressedLines, KeyEtagPairs pairs, int from, int to, LineSink sink,
                                byte[] lowerKey, byte[] upperKey) {
        try {
            return compressedLines == null
                    ? appendAll(pairs, from, to, sink)
                    : mergeStream(new GZIPInputStream(compressedLines, IO_BUFFER), pairs, from, to, sink, lowerKey, upperKey);
        } catch (ZipException | EOFException e) {
            throw new ProcessedIndexInvalidException("the processed index is not a complete gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading or writing the processed index failed", e);
        }
    }

    /** Merges all of {@code pairs} into unbounded lines. */
    public static Outcome merge(InputStream compressedLines, KeyEtagPairs pairs, LineSink sink) {
        return merge(compressedLines, pairs, 0, pairs.size(), sink, null, null);
    }

    private static Outcome appendAll(KeyEtagPairs pairs, int from, int to, LineSink sink) throws IOException {
        if (sink != null) {
            for (int m = from; m < to; m++) {
                sink.newPair(pairs, m);
            }
        }
        return new Outcome(0, to - from, to - from, 0);
    }

    private static Outcome mergeStream(InputStream in, KeyEtagPairs pairs, int from, int to, LineSink out,
                                       byte[] lowerKey, byte[] upperKey) throws IOException {
        final int n = to;
        final byte[] pd = pairs.data();
        byte[] buf = new byte[READ_BUFFER];
        byte[] decoded = new byte[256];
        byte[] prev = new byte[256];
        int prevKeyLen = -1;
        int prevEtagLen = 0;
        int start = 0;
        int limit = 0;
        int m = from;          // next manifest pair
        long before = 0;
        long added = 0;
        long bytesRead = 0;
        while (true) {
            // Find the line's TAB and LF in one scan, noting whether the key holds an escape.
            int tab = -1;
            boolean escaped = false;
            int lf = -1;
            for (int i = start; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    lf = i;
                    break;
                } else if (b == '\t') {
                    if (tab >= 0) {
                        throw invalidLine(before, "has more than one TAB");
                    }
                    tab = i;
                } else if (b == '%' && tab < 0) {
                    escaped = true;
                }
            }
            if (lf < 0) {
                int rest = limit - start;
                if (rest >= MAX_LINE) {
                    throw invalidLine(before, "is longer than " + MAX_LINE + " bytes");
                }
                if (rest == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                System.arraycopy(buf, start, buf, 0, rest);
                start = 0;
                limit = rest;
                int read = in.read(buf, limit, buf.length - limit);
                if (read < 0) {
                    if (rest > 0) {
                        throw invalidLine(before, "does not end with a newline");
                    }
                    break;
                }
                bytesRead += read;
                limit += read;
                continue;
            }
            if (tab <= start || tab >= lf - 1) {
                throw invalidLine(before, tab < 0 ? "has no TAB" : "has an empty key or ETag");
            }
            byte[] key = buf;
            int keyOff = start;
            int keyLen = tab - start;
            if (escaped) {
                if (decoded.length < keyLen) {
                    decoded = new byte[Math.max(keyLen, decoded.length * 2)];
                }
                keyLen = decodeKey(buf, start, tab, decoded, before);
                key = decoded;
                keyOff = 0;
            }
            int etagOff = tab + 1;
            int etagLen = lf - etagOff;
            if (prevKeyLen >= 0 && KeyEtagPairs.compareTuples(prev, 0, prevKeyLen, prev, prevKeyLen, prevEtagLen,
                    key, keyOff, keyLen, buf, etagOff, etagLen) >= 0) {
                throw invalidLine(before, "is out of order or a duplicate (lines must be sorted by key, then ETag, and unique)");
            }
            if (prevKeyLen < 0 && lowerKey != null
                    && Arrays.compareUnsigned(key, keyOff, keyOff + keyLen, lowerKey, 0, lowerKey.length) < 0) {
                throw invalidLine(before, "has a key below its shard's first key");
            }
            if (prev.length < keyLen + etagLen) {
                prev = new byte[Math.max(keyLen + etagLen, prev.length * 2)];
            }
            System.arraycopy(key, keyOff, prev, 0, keyLen);
            System.arraycopy(buf, etagOff, prev, keyLen, etagLen);
            prevKeyLen = keyLen;
            prevEtagLen = etagLen;

            // Manifest pairs that sort before this line are new: write them before it.
            int c = -1;
            while (m < n && (c = KeyEtagPairs.compareTuples(pd, pairs.keyOffset(m), pairs.keyLength(m), pd,
                    pairs.etagOffset(m), pairs.etagLength(m), key, keyOff, keyLen, buf, etagOff, etagLen)) < 0) {
                if (out != null) {
                    out.newPair(pairs, m);
                }
                added++;
                m++;
            }
            if (m < n && c == 0) {
                m++; // already indexed
            }
            if (out != null) {
                out.indexLine(buf, start, lf + 1 - start, key, keyOff, keyLen);
            }
            before++;
            start = lf + 1;
        }
        if (prevKeyLen >= 0 && upperKey != null
                && Arrays.compareUnsigned(prev, 0, prevKeyLen, upperKey, 0, upperKey.length) >= 0) {
            throw invalidLine(before - 1, "has a key at or after the next shard's first key");
        }
        for (; m < n; m++) {
            if (out != null) {
                out.newPair(pairs, m);
            }
            added++;
        }
        return new Outcome(before, before + added, added, bytesRead);
    }

    /** Decodes {@code %XX} escapes of buf[from, to) into dst; returns the decoded length. */
    private static int decodeKey(byte[] buf, int from, int to, byte[] dst, long line) {
        int j = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '%') {
                int hi = i + 2 < to ? Character.digit(buf[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(buf[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw invalidLine(line, "has a '%' that is not followed by two hex digits");
                }
                dst[j++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                dst[j++] = b;
            }
        }
        return j;
    }

    /** Writes one pair as an index line, escaping %, TAB, LF and CR in the key. */
    static void writePair(KeyEtagPairs pairs, int i, OutputStream out) throws IOException {
        byte[] d = pairs.data();
        int from = pairs.keyOffset(i);
        int to = from + pairs.keyLength(i);
        int plain = from;
        for (int k = from; k < to; k++) {
            byte b = d[k];
            String escape = switch (b) {
                case '%' -> "%25";
                case '\t' -> "%09";
                case '\n' -> "%0A";
                case '\r' -> "%0D";
                default -> null;
            };
            if (escape != null) {
                out.write(d, plain, k - plain);
                out.write(escape.charAt(0));
                out.write(escape.charAt(1));
                out.write(escape.charAt(2));
                plain = k + 1;
            }
        }
        out.write(d, plain, to - plain);
        out.write('\t');
        out.write(d, pairs.etagOffset(i), pairs.etagLength(i));
        out.write('\n');
    }

    private static ProcessedIndexInvalidException invalidLine(long linesBefore, String reason) {
        return new ProcessedIndexInvalidException("the processed index's line " + (linesBefore + 1) + " " + reason);
    }

    /** GZIPOutputStream at a chosen Deflater level. */
    static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, IO_BUFFER);
            def.setLevel(level);
        }
    }
}
