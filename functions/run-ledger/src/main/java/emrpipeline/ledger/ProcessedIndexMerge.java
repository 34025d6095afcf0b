package emrpipeline.ledger;

import java.io.BufferedOutputStream;
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
 * One streaming pass over the processed index (gzip, UTF-8 lines {@code key<TAB>etag<LF>}, sorted and unique by
 * (decoded key as UTF-8 bytes, ETag); in the key {@code %}, TAB, LF, CR are {@code %25 %09 %0A %0D}) merged with a
 * manifest's sorted pairs. Index lines are copied through as bytes, never decoded into Strings; only keys holding a
 * {@code %} are decoded, to compare them. The index's own order is verified on the way: an index out of order,
 * with a duplicate, a line without TAB or no final newline is a {@link ProcessedIndexInvalidException}, and
 * nothing is written. Memory: one read buffer, the manifest's pairs and (when writing) the compressed output.
 */
public final class ProcessedIndexMerge {

    /** What one pass saw. {@code added} = manifest pairs that were not in the index. */
    public record Outcome(long pairsBefore, long pairsAfter, long added, long uncompressedBytesRead) {
    }

    private static final int READ_BUFFER = 1 << 18;
    private static final int MAX_LINE = 1 << 20;
    private static final int IO_BUFFER = 1 << 16;

    private ProcessedIndexMerge() {
    }

    /**
     * Merges {@code pairs} into the index read from {@code compressedIndex} (null: no index yet) and, when
     * {@code compressedOut} is not null, writes the merged index there as gzip at {@code level} and closes it.
     * With a null {@code compressedOut} this is a containment check: {@code added == 0} means every pair is indexed.
     */
    public static Outcome merge(InputStream compressedIndex, KeyEtagPairs pairs, OutputStream compressedOut, int level) {
        try {
            OutputStream out = null;
            if (compressedOut != null) {
                out = new BufferedOutputStream(new LeveledGzipOutputStream(compressedOut, level), IO_BUFFER);
            }
            Outcome outcome = compressedIndex == null
                    ? appendAll(pairs, out)
                    : mergeStream(new GZIPInputStream(compressedIndex, IO_BUFFER), pairs, out);
            if (out != null) {
                out.close();
            }
            return outcome;
        } catch (ZipException | EOFException e) {
            throw new ProcessedIndexInvalidException("the processed index is not a complete gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading or writing the processed index failed", e);
        }
    }

    private static Outcome appendAll(KeyEtagPairs pairs, OutputStream out) throws IOException {
        if (out != null) {
            for (int m = 0; m < pairs.size(); m++) {
                writePair(pairs, m, out);
            }
        }
        return new Outcome(0, pairs.size(), pairs.size(), 0);
    }

    private static Outcome mergeStream(InputStream in, KeyEtagPairs pairs, OutputStream out) throws IOException {
        final int n = pairs.size();
        final byte[] pd = pairs.data();
        byte[] buf = new byte[READ_BUFFER];
        byte[] decoded = new byte[256];
        byte[] prev = new byte[256];
        int prevKeyLen = -1;
        int prevEtagLen = 0;
        int start = 0;
        int limit = 0;
        int span = 0;          // first byte of buf not yet copied to out
        int m = 0;             // next manifest pair
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
                if (out != null && start > span) {
                    out.write(buf, span, start - span);
                }
                int rest = limit - start;
                if (rest >= MAX_LINE) {
                    throw invalidLine(before, "is longer than " + MAX_LINE + " bytes");
                }
                if (rest == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                System.arraycopy(buf, start, buf, 0, rest);
                start = 0;
                span = 0;
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
                    if (start > span) {
                        out.write(buf, span, start - span);
                    }
                    span = start;
                    writePair(pairs, m, out);
                }
                added++;
                m++;
            }
            if (m < n && c == 0) {
                m++; // already indexed
            }
            before++;
            start = lf + 1;
        }
        for (; m < n; m++) {
            if (out != null) {
                writePair(pairs, m, out);
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
