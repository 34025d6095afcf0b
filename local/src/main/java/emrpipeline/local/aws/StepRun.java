package emrpipeline.local.aws;

import java.time.Duration;
import java.util.List;

/**
 * How a step that really ran ended (or why it was simulated instead).
 *
 * @param took       the run's real wall time: the step's RUNNING time in virtual time; null when simulated
 * @param failure    FailureDetails when it failed (reason, message), null when it completed
 * @param logFile    the log the failure was recorded in (FailureDetails' LogFile), or null
 * @param output     what the job wrote, when it completed and its output could be read; else null
 * @param note       for people: how it ran, or why it was simulated
 */
public record StepRun(Duration took, LocalEmr.StepFailure failure, String logFile, JobOutput output, String note) {

    public static StepRun simulated(String why) {
        return new StepRun(null, null, null, null, why);
    }

    public boolean ran() {
        return took != null;
    }

    /**
     * The job's output folder after a successful run: {@code _run.json} as the job wrote it (null if absent) and
     * every Parquet file under the folder with its row count (from the file's footer).
     */
    public record JobOutput(String folder, String runJson, List<ParquetFile> parquetFiles) {
        public long rows() {
            return parquetFiles.stream().mapToLong(ParquetFile::rows).sum();
        }
    }

    /** One Parquet file: its S3 key, its size and the rows its footer counts. */
    public record ParquetFile(String key, long size, long rows) {
    }
}
