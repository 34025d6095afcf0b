package emrpipeline.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The pipeline's Spark job: raw CSV in, Parquet out, for exactly one run's manifest (docs/spark-job.md).
 *
 * <pre>
 * spark-submit --deploy-mode cluster --class emrpipeline.job.CsvToParquetJob s3://BUCKET/emr-pipeline/jobs/emr-pipeline-job.jar \
 *     --manifest s3://BUCKET/emr-pipeline/manifests/RUN_ID.json --output s3://BUCKET/output/RUN_ID/ --run-id RUN_ID \
 *     --job-arguments '{}'
 * </pre>
 *
 * <ol>
 *   <li>checks the arguments and the manifest ({@link JobArguments}, {@link RunManifest}); a bad one fails the step
 *       with one line saying which and why, before anything is written;</li>
 *   <li>reads exactly the manifest's objects ({@link CsvInput}), counting the rows read and the malformed ones;</li>
 *   <li>applies the {@link Transformation} to the well-formed rows;</li>
 *   <li>replaces the run's output folder with the result as Parquet, the malformed lines under {@code _rejected/},
 *       and {@code _run.json} ({@link RunSummary}) last.</li>
 * </ol>
 */
public final class CsvToParquetJob {
    private final SparkSession spark;
    private final Transformation transformation;
    private final Clock clock;

    public CsvToParquetJob(SparkSession spark, Transformation transformation, Clock clock) {
        this.spark = spark;
        this.transformation = transformation;
        this.clock = clock;
    }

    public static void main(String[] args) {
        JobArguments arguments = JobArguments.parse(args);
        SparkSession spark = SparkSession.builder()
                .appName("emr-pipeline " + arguments.runId())
                // Dates derived from timestamps (the partition column) must not depend on the cluster's time zone.
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        try {
            RunSummary summary = new CsvToParquetJob(spark, new OrdersTransformation(), Clock.systemUTC()).run(arguments);
            System.out.println("emr-pipeline job: run " + summary.runId() + ": " + summary.inputObjects() + " objects, "
                    + summary.rowsRead() + " rows read, " + summary.rowsWritten() + " written, " + summary.rowsRejected()
                    + " rejected -> " + summary.output());
        } finally {
            spark.stop();
        }
    }

    /** Runs the job for one run; returns what {@code _run.json} says. */
    public RunSummary run(JobArguments arguments) {
        Instant started = clock.instant();
        RunManifest manifest = RunManifest.read(arguments.manifest(), arguments.runId(), spark.sparkContext().hadoopConfiguration());
        for (ManifestObject object : manifest.objects()) {
            manifest.objectPath(object); // refuses, before reading anything, a key Hadoop cannot address as it is
        }
        Dataset<Row> parsed = CsvInput.read(spark, manifest, transformation.inputSchema())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row counts = parsed.agg(count(lit(1)), count(col(CsvInput.CORRUPT_RECORD))).first();
            long rowsRead = counts.getLong(0);
            long rowsRejected = counts.getLong(1);
            Dataset<Row> wellFormed = parsed.where(col(CsvInput.CORRUPT_RECORD).isNull()).drop(CsvInput.CORRUPT_RECORD);
            Dataset<Row> result = transformation.apply(wellFormed, new RunContext(arguments.runId(), arguments.jobArguments()));
            List<String> partitionColumns = transformation.partitionColumns();
            for (String column : partitionColumns) {
                if (!List.of(result.columns()).contains(column)) {
                    throw new IllegalStateException(transformation.getClass().getName() + " partitions by '" + column
                            + "', which its result does not have");
                }
            }
            RunOutput output = new RunOutput(arguments.output(), spark.sparkContext().hadoopConfiguration());
            long rowsWritten = output.writeParquet(result, partitionColumns);
            URI rejected = null;
            if (rowsRejected > 0) {
                rejected = output.writeRejected(parsed.where(col(CsvInput.CORRUPT_RECORD).isNotNull())
                        .select(col(CsvInput.SOURCE_FILE), col(CsvInput.CORRUPT_RECORD).as("record")));
            }
            RunSummary summary = new RunSummary(1, arguments.runId(), manifest.uri().toString(), manifest.sha256(),
                    manifest.objects().size(), manifest.totalBytes(), rowsRead, rowsRejected, rowsWritten,
                    arguments.output().toString(), partitionColumns, rejected == null ? null : rejected.toString(),
                    transformation.getClass().getName(), spark.version(), started.toString(), clock.instant().toString());
            output.writeSummary(summary);
            return summary;
        } finally {
            parsed.unpersist();
        }
    }
}
