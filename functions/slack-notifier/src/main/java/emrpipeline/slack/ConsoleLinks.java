package emrpipeline.slack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Links to the AWS Management Console for a partition and region:
 * <ul>
 *   <li>Step Functions execution: {@code https://<region>.console.aws.amazon.com/states/home?region=<region>#/v2/executions/details/<executionArn>}</li>
 *   <li>EMR cluster: {@code https://<region>.console.aws.amazon.com/emr/home?region=<region>#/clusterDetails/<clusterId>}</li>
 * </ul>
 * In {@code aws-cn} the console is {@code console.amazonaws.cn} and in {@code aws-us-gov}
 * {@code console.amazonaws-us-gov.com} (without a region sub-domain; the {@code region} parameter selects
 * it). Other partitions (ISO) have consoles we cannot link to: no links there.
 */
record ConsoleLinks(String consoleBase, String region) {

    /** Links for the region, in the partition given (or the region's own when {@code null}); empty when unknown. */
    static Optional<ConsoleLinks> of(String partition, String region) {
        if (region == null || region.isBlank()) {
            return Optional.empty();
        }
        String effective = partition != null ? partition : partitionOf(region);
        return switch (effective) {
            case "aws" -> Optional.of(new ConsoleLinks("https://" + region + ".console.aws.amazon.com", region));
            case "aws-cn" -> Optional.of(new ConsoleLinks("https://console.amazonaws.cn", region));
            case "aws-us-gov" -> Optional.of(new ConsoleLinks("https://console.amazonaws-us-gov.com", region));
            default -> Optional.empty();
        };
    }

    /**
     * Region-name prefixes and their partitions, the longer prefix first where one starts another ({@code us-isob-}
     * before {@code us-iso-}); any other region is in {@code aws}.
     */
    private static final List<Map.Entry<String, String>> PARTITION_PREFIXES = List.of(
            Map.entry("cn-", "aws-cn"), Map.entry("us-gov-", "aws-us-gov"), Map.entry("us-isob-", "aws-iso-b"),
            Map.entry("us-isof-", "aws-iso-f"), Map.entry("eu-isoe-", "aws-iso-e"), Map.entry("us-iso-", "aws-iso"));

    /** The partition a region belongs to, from its name. */
    static String partitionOf(String region) {
        for (Map.Entry<String, String> prefix : PARTITION_PREFIXES) {
            if (region.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return "aws";
    }

    String execution(ExecutionArn arn) {
        return consoleBase + "/states/home?region=" + region + "#/v2/executions/details/" + arn.arn();
    }

    String cluster(String clusterId) {
        return consoleBase + "/emr/home?region=" + region + "#/clusterDetails/" + clusterId;
    }
}
