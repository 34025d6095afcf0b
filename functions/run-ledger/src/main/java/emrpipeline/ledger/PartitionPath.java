package emrpipeline.ledger;

/**
 * The Hive-style partition path of a raw key: its leading {@code name=value/} folders below the raw prefix.
 * {@code raw/day=2026-11-21/hour=05/part-0.csv} under {@code raw/} is {@code day=2026-11-21/hour=05/};
 * {@code raw/file.csv} and {@code raw/2026/11/x.csv} have none (the watermark needs {@code name=value} folders: a
 * plain folder name says nothing about time). See docs/incremental-listing.md.
 */
final class PartitionPath {
    private PartitionPath() {
    }

    /** The partition path of {@code key} (which starts with {@code rawPrefix}), or null when it has none. */
    static String of(String key, String rawPrefix) {
        int start = rawPrefix.length();
        int end = start;
        while (true) {
            int slash = key.indexOf('/', end);
            if (slash < 0) {
                break; // the file name is never a partition
            }
            int equals = key.indexOf('=', end);
            if (equals <= end || equals > slash) {
                break; // "name=value" needs a name, and an '=' inside this folder
            }
            end = slash + 1;
        }
        return end == start ? null : key.substring(start, end);
    }
}
