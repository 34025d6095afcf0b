package emrpipeline.job;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What the job does with a run's rows: the one part of the job meant to be replaced (docs/spark-job.md,
 * "Replacing the transformation"). Everything around it, reading exactly the manifest, counting malformed rows,
 * replacing the run's output and writing {@code _run.json}, stays as it is.
 */
public interface Transformation {
    /**
     * The columns of the raw CSV files, in file order (the header line is checked against these names). Rows that do
     * not fit (a wrong number of fields, a value that does not parse as its type) are rejected and counted, never
     * handed to {@link #apply}.
     */
    StructType inputSchema();

    /**
     * The output rows of one run. {@code rows} has the columns of {@link #inputSchema()} plus
     * {@link CsvInput#SOURCE_FILE}, the URI of the object each row came from. Do not drop rows silently: whatever
     * this returns is what {@code _run.json} reports as written.
     */
    Dataset<Row> apply(Dataset<Row> rows, RunContext run);

    /** Columns of the result to partition the Parquet output by ({@code column=value/} folders); may be empty. */
    List<String> partitionColumns();
}
