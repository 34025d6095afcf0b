package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsoleLinksTest {
    static final ExecutionArn ARN = ExecutionArn.parse(Requests.EXECUTION_ARN).orElseThrow();

    @Test
    void commercialRegionsUseTheRegionalConsole() {
        ConsoleLinks links = ConsoleLinks.of("aws", "eu-west-1").orElseThrow();

        assertEquals("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/"
                + Requests.EXECUTION_ARN, links.execution(ARN));
        assertEquals("https://eu-west-1.console.aws.amazon.com/emr/home?region=eu-west-1#/clusterDetails/j-2AXXXXXXGAPLF",
                links.cluster("j-2AXXXXXXGAPLF"));
    }

    @Test
    void chinaAndGovCloudHaveTheirOwnConsoles() {
        assertEquals("https://console.amazonaws.cn/emr/home?region=cn-north-1#/clusterDetails/j-1",
                ConsoleLinks.of(null, "cn-north-1").orElseThrow().cluster("j-1"));
        assertEquals("https://console.amazonaws-us-gov.com/emr/home?region=us-gov-west-1#/clusterDetails/j-1",
                ConsoleLinks.of("aws-us-gov", "us-gov-west-1").orElseThrow().cluster("j-1"));
    }

    @Test
    void noLinksWithoutARegionOrInIsolatedPartitions() {
        assertTrue(ConsoleLinks.of(null, null).isEmpty());
        assertTrue(ConsoleLinks.of(null, "us-iso-east-1").isEmpty());
        assertTrue(ConsoleLinks.of("aws-iso-b", "us-isob-east-1").isEmpty());
        assertEquals("aws-iso-f", ConsoleLinks.partitionOf("us-isof-south-1"));
        assertEquals("aws", ConsoleLinks.partitionOf("ap-southeast-7"));
    }
}
