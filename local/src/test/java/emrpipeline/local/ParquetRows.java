package emrpipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** Reads a Parquet file's rows with parquet-java (not Spark): what another engine would see of the job's output. */
final class ParquetRows {
    private ParquetRows() {
    }

    static List<Group> read(byte[] parquet) {
        try {
            Path file = Files.createTempFile("emr-pipeline-test-", ".parquet");
            try {
                Files.write(file, parquet);
                List<Group> rows = new ArrayList<>();
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                        new org.apache.hadoop.fs.Path(file.toUri())).build()) {
                    for (Group row = reader.read(); row != null; row = reader.read()) {
                        rows.add(row);
                    }
                }
                return rows;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
