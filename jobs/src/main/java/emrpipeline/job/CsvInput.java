package emrpipeline.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a run's CSV objects: exactly the manifest's objects, each named by its own path (the raw prefix is never
 * listed), with a header line, the transformation's schema, and Spark's PERMISSIVE mode, so that a malformed row
 * becomes a row whose {@link #CORRUPT_RECORD} holds the line as it was rather than an error or a silent drop.
 * A header that does not name the schema's columns in order fails the run ({@code enforceSchema=false}): a file
 * with its columns in another order must not be read into the wrong columns.
 */
public final class CsvInput {
    /** The URI of the object a row came from (Spark's {@code _metadata.file_path}). */
    public static final String SOURCE_FILE = "source_file";
    /** The malformed line, on rejected rows only. */
    public static final String CORRUPT_RECORD = "_corrupt_record";

    private CsvInput() {
    }

    /** The schema's columns, {@link #SOURCE_FILE} and {@link #CORRUPT_RECORD}, one row per data line of every object. */
    public static Dataset<Row> read(SparkSession spark, RunManifest manifest, StructType schema) {
        StructType withCorrupt = schema.add(CORRUPT_RECORD, DataTypes.StringType, true);
        List<String> paths = manifest.objects().stream().map(manifest::objectPath).toList();
        if (paths.isEmpty()) {
            return spark.createDataFrame(List.of(), withCorrupt)
                    .withColumn(SOURCE_FILE, lit(null).cast(DataTypes.StringType))
                    .select(columns(schema));
        }
        return spark.read()
                .schema(withCorrupt)
                .option("header", true)
                .option("enforceSchema", false)
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT_RECORD)
                .csv(paths.toArray(String[]::new))
                .withColumn(SOURCE_FILE, col("_metadata.file_path"))
                .select(columns(schema));
    }

    private static org.apache.spark.sql.Column[] columns(StructType schema) {
        org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[schema.size() + 2];
        for (int i = 0; i < schema.size(); i++) {
            columns[i] = col(schema.fields()[i].name());
        }
        columns[schema.size()] = col(SOURCE_FILE);
        columns[schema.size() + 1] = col(CORRUPT_RECORD);
        return columns;
    }
}
