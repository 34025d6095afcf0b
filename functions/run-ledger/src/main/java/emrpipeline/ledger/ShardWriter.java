package emrpipeline.ledger;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes merged index lines as one or more shards (gzip at a chosen Deflater level), starting a new piece every
 * {@code linesPerPiece} lines: how a commit splits a shard that has grown past {@link IndexRoot#MAX_SHARD_ENTRIES}.
 * Each piece remembers its first key, the firstKey its root entry gets (the first piece keeps the shard's own,
 * so the pieces cover exactly the shard's key range). Pieces are held compressed in memory until uploaded.
 */
public final class ShardWriter implements ProcessedIndexMerge.LineSink {
    private static final int IO_BUFFER = 1 << 16;

    /** A written piece: its first key, pairs, and gzip bytes {@code [0, length)} of {@code gzip}. */
    public record Piece(String firstKey, long entries, byte[] gzip, int length) {
        public InputStream open() {
            return new ByteArrayInputStream(gzip, 0, length);
        }
    }

    private final int level;
    private final long linesPerPiece;
    private final java.util.function.Consumer<Piece> onPiece;
    private final List<Piece> pieces = new ArrayList<>();
    private String pendingFirstKey;
    private ExposedBuffer bytes;
    private OutputStream out;
    private long lines;

    /**
     * @param firstKey      the first piece's firstKey (the shard's, {@code ""} for the first shard)
     * @param linesPerPiece lines per piece ({@code Long.MAX_VALUE}: one piece)
     */
    public ShardWriter(int level, long linesPerPiece, String firstKey) {
        this(level, linesPerPiece, firstKey, null);
    }

    /**
     * A writer that hands each piece to {@code onPiece} as soon as it is complete and keeps none (a migration of
     * millions of lines holds one piece at a time).
     */
    ShardWriter(int level, long linesPerPiece, String firstKey, java.util.function.Consumer<Piece> onPiece) {
        this.level = level;
        this.linesPerPiece = linesPerPiece;
        this.pendingFirstKey = firstKey;
        this.onPiece = onPiece;
    }

    /** Pieces of about {@code target} lines for about {@code expectedLines}: one piece when it stays within {@code max}. */
    static long linesPerPiece(long expectedLines, long max, long target) {
        if (expectedLines <= max) {
            return Long.MAX_VALUE;
        }
        long pieces = (expectedLines + target - 1) / target;
        return (expectedLines + pieces - 1) / pieces;
    }

    @Override
    public void indexLine(byte[] buf, int off, int len, byte[] key, int keyOff, int keyLen) throws IOException {
        beforeLine(key, keyOff, keyLen);
        out.write(buf, off, len);
    }

    @Override
    public void newPair(KeyEtagPairs pairs, int i) throws IOException {
        beforeLine(pairs.data(), pairs.keyOffset(i), pairs.keyLength(i));
        ProcessedIndexMerge.writePair(pairs, i, out);
    }

    private void beforeLine(byte[] key, int keyOff, int keyLen) throws IOException {
        if (out != null && lines == linesPerPiece) {
            closePiece();
        }
        if (out == null) {
            if (pendingFirstKey == null) {
                pendingFirstKey = new String(key, keyOff, keyLen, StandardCharsets.UTF_8);
            }
            bytes = new ExposedBuffer();
            out = new BufferedOutputStream(new ProcessedIndexMerge.LeveledGzipOutputStream(bytes, level), IO_BUFFER);
        }
        lines++;
    }

    private void closePiece() throws IOException {
        out.close();
        Piece piece = new Piece(pendingFirstKey, lines, bytes.buffer(), bytes.size());
        if (onPiece == null) {
            pieces.add(piece);
        } else {
            onPiece.accept(piece);
        }
        out = null;
        bytes = null;
        lines = 0;
        pendingFirstKey = null;
    }

    /** The pieces written (none when no line was, or when they were handed over as they were written). */
    public List<Piece> finish() {
        try {
            if (out != null) {
                closePiece();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pieces;
    }

    /** A ByteArrayOutputStream whose buffer is handed to the PUT without a copy. */
    private static final class ExposedBuffer extends ByteArrayOutputStream {
        ExposedBuffer() {
            super(1 << 16);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
