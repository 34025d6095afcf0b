package emrpipeline.slack;

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

    /** The partition a region belongs to, from its name. */
    static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
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
