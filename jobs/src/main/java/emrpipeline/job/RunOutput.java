package emrpipeline.job;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The run's output folder {@code s3://<bucket>/<OutputPrefix><runId>/}: the Parquet files (partitioned by the
 * transformation's columns), {@code _rejected/} with the malformed lines, and {@code _run.json}. Writing the Parquet
 * files replaces the whole folder (a static overwrite of this run's own folder, whatever the cluster's default
 * partition overwrite mode), so a re-run of a run id leaves exactly its new output and touches no other run's.
 * Folders starting with {@code _} are skipped by Spark and most engines when they read the Parquet table.
 */
final class RunOutput {
    static final String REJECTED = "_rejected/";
    static final String SUMMARY = "_run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final URI folder;
    private final Configuration hadoop;

    RunOutput(URI folder, Configuration hadoop) {
        this.folder = folder;
        this.hadoop = hadoop;
    }

    /**
     * Replaces the folder with {@code rows} as Parquet; returns the number of rows the folder holds afterwards, counted
     * from the Parquet files' footers (what was committed, not what was meant to be).
     */
    long writeParquet(Dataset<Row> rows, List<String> partitionColumns) {
        Dataset<Row> toWrite = rows;
        if (!partitionColumns.isEmpty()) {
            // One task, and so one file, per output partition and run: small daily batches stay few files.
            toWrite = rows.repartition(partitionColumns.stream().map(c -> col(c)).toArray(Column[]::new));
        }
        toWrite.write()
                .mode(SaveMode.Overwrite)
                .option("partitionOverwriteMode", "static")
                .partitionBy(partitionColumns.toArray(String[]::new))
                .parquet(folder.toString());
        // With the schema given, a run that wrote no rows (and so no files) counts 0 instead of failing to infer one.
        return rows.sparkSession().read().schema(rows.schema()).parquet(folder.toString()).count();
    }

    /** Writes the rejected lines as JSON lines under {@code _rejected/}; returns that folder. */
    URI writeRejected(Dataset<Row> rejected) {
        URI target = folder.resolve(REJECTED);
        rejected.coalesce(1).write().mode(SaveMode.Overwrite).json(target.toString());
        return target;
    }

    /** Writes {@code _run.json}, last. */
    void writeSummary(RunSummary summary) {
        Path path = new Path(folder.resolve(SUMMARY));
        try (OutputStream out = path.getFileSystem(hadoop).create(path, true)) {
            JSON.writeValue(out, summary);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + " failed: " + e.getMessage(), e);
        }
    }
}
