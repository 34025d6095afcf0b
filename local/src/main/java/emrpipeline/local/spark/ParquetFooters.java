package emrpipeline.local.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Row counts of Parquet files in S3, from their footers alone: a Parquet file ends with its Thrift FileMetaData,
 * the footer's length (4 bytes, little-endian) and the magic {@code PAR1}; two ranged GETs at most read it, however
 * large the file, and parquet-java's own format classes decode it.
 */
final class ParquetFooters {
    private static final int TAIL = 64 * 1024;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetFooters() {
    }

    /** The number of rows the file's footer records. */
    static long rows(S3Client s3, String bucket, String key, long size) throws IOException {
        if (size < 12) {
            throw new IOException("s3://" + bucket + "/" + key + " is too small to be a Parquet file (" + size + " bytes)");
        }
        byte[] tail = range(s3, bucket, key, Math.max(0, size - TAIL), size - 1);
        int n = tail.length;
        for (int i = 0; i < 4; i++) {
            if (tail[n - 4 + i] != MAGIC[i]) {
                throw new IOException("s3://" + bucket + "/" + key + " does not end with PAR1: not a Parquet file");
            }
        }
        int footerLength = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength <= 0 || footerLength > size - 12) {
            throw new IOException("s3://" + bucket + "/" + key + " has a footer length of " + footerLength);
        }
        byte[] footer;
        if (footerLength + 8 <= n) {
            footer = java.util.Arrays.copyOfRange(tail, n - 8 - footerLength, n - 8);
        } else {
            footer = range(s3, bucket, key, size - 8 - footerLength, size - 9);
        }
        FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
        return metadata.getNum_rows();
    }

    private static byte[] range(S3Client s3, String bucket, String key, long first, long last) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=" + first + "-" + last)).asByteArray();
    }
}
