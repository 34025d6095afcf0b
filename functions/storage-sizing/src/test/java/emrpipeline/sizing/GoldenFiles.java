package emrpipeline.sizing;
// Forced copy: the storage sizing and the run ledger have this file, identical apart from the package line (statemachine's ForcedCopiesTest).

/**
 * The golden files of the data formats (docs/data-formats.md, "One contract, many readers"), relative to the
 * repository's root ({@link RepositoryFiles}): the pipeline prefix of bucket my-data before and after the run
 * ledger's commit of run 2026-11-22-daily.
 */
final class GoldenFiles {
    static final String GOLDEN = "docs/data-formats/";
    /** The run's manifest, format 1. */
    static final String MANIFEST = GOLDEN + "before-commit/manifests/2026-11-22-daily.json";
    /** The processed index in format 1, before the commit migrated it. */
    static final String FORMAT_1_INDEX = GOLDEN + "before-commit/index/processed.tsv.gz";
    /** The format-1 object after the commit: the tombstone. */
    static final String TOMBSTONE = GOLDEN + "after-commit/index/processed.tsv.gz";
    /** The format-2 root the commit wrote. */
    static final String ROOT = GOLDEN + "after-commit/index/v2/root.json";
    /** The folder of the format-2 shards (names as the root gives them). */
    static final String SHARDS = GOLDEN + "after-commit/index/v2/shards/";
    /** The folder of the whole pipeline prefix after the commit. */
    static final String AFTER_COMMIT = GOLDEN + "after-commit/";

    private GoldenFiles() {
    }
}
