package emrpipeline.job;

import java.util.List;

/**
 * {@code <output>_run.json}: what one run of the job read and wrote (docs/spark-job.md). Written last, after the
 * Parquet files; a run that failed leaves no {@code _run.json} of its own.
 *
 * @param formatVersion     1
 * @param runId             the run id
 * @param manifest          the manifest's URI
 * @param manifestSha256    the manifest's sha256 (which objects were read)
 * @param inputObjects      objects read: every object of the manifest
 * @param inputBytes        their bytes
 * @param rowsRead          data lines read (headers not counted)
 * @param rowsRejected      malformed lines, written to {@code rejected}
 * @param rowsWritten       rows written to the Parquet output
 * @param output            the run's output folder
 * @param partitionColumns  the Parquet output's partition columns
 * @param rejected          where the rejected lines are (JSON lines: source_file, record), or null when there are none
 * @param transformation    the {@link Transformation}'s class
 * @param sparkVersion      the Spark version that ran the job
 * @param startedAt         when the job started (ISO-8601, UTC)
 * @param finishedAt        when it finished writing the output
 */
public record RunSummary(int formatVersion, String runId, String manifest, String manifestSha256, long inputObjects,
                         long inputBytes, long rowsRead, long rowsRejected, long rowsWritten, String output,
                         List<String> partitionColumns, String rejected, String transformation, String sparkVersion,
                         String startedAt, String finishedAt) {
}
