package emrpipeline.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {
    final CostEstimator estimator = new CostEstimator(TestData.PRICES);

    @Test
    void onDemandAndSpotAndEbs() {
        // master m5.xlarge 0.24/h; 2 core r5.2xlarge on demand 2 x 0.63/h; 2 x 1 x 100 GiB x 0.08 / 730 per hour.
        ClusterShape onDemand = new ClusterShape("m5.xlarge", "r5.2xlarge", 2, false, 100, 1);
        double perHour = 0.24 + 2 * 0.63 + 2 * 100 * 0.08 / 730;
        assertEquals(CostEstimator.round4(perHour * 2.5), estimator.estimate(onDemand, 2.5).estimatedCostUsd(), 1e-9);
        ClusterShape spot = new ClusterShape("m5.xlarge", "r5.2xlarge", 2, true, 100, 1);
        double spotPerHour = 0.24 + 2 * (0.504 * 0.4 + 0.126) + 2 * 100 * 0.08 / 730;
        CostEstimator.CostEstimate e = estimator.estimate(spot, 2.5);
        assertEquals(CostEstimator.round4(spotPerHour * 2.5), e.estimatedCostUsd(), 1e-9);
        assertNull(e.note());
    }

    @Test
    void unknownInstanceTypeGivesNoEstimateAndAReason() {
        CostEstimator.CostEstimate e = estimator.estimate(new ClusterShape("m5.xlarge", "x9.huge", 2, true, 10, 1), 1.0);
        assertNull(e.estimatedCostUsd());
        assertEquals("no price for instance type x9.huge in PRICE_TABLE_JSON", e.note());
        assertNull(estimator.estimate(new ClusterShape("z1.big", "m5.xlarge", 2, true, 10, 1), 1.0).estimatedCostUsd());
    }

    @Test
    void missingInputsGiveReasonsNeverFailures() {
        assertEquals("no cluster was recorded for this run", estimator.estimate(new ClusterShape("m5.xlarge", "m5.xlarge", 1, false, 1, 1), null).note());
        assertEquals("no cost input was given", estimator.estimate(null, 1.0).note());
        assertEquals("cost.coreNodeCount was not given", estimator.estimate(new ClusterShape("m5.xlarge", "m5.xlarge", null, false, 1, 1), 1.0).note());
        CostEstimator.CostEstimate noEbs = estimator.estimate(new ClusterShape("m5.xlarge", "m5.xlarge", 1, false, null, null), 1.0);
        assertNotNull(noEbs.estimatedCostUsd());
        assertTrue(noEbs.note().startsWith("EBS not included"));
    }

    @Test
    void priceTableConfiguration() {
        PriceTable t = PriceTable.fromConfiguration("{\"m5.xlarge\":{\"ec2\":0.192,\"emr\":0.048}}", "0.3", "0.1");
        assertNull(t.problem());
        assertEquals(new PriceTable.InstancePrice(0.192, 0.048), t.priceOf("m5.xlarge"));
        assertEquals(0.3, t.spotPriceFactor());
        assertEquals(0.1, t.gp3UsdPerGibMonth());
        PriceTable empty = PriceTable.fromConfiguration(null, null, null);
        assertEquals(0, empty.size());
        assertEquals(PriceTable.DEFAULT_SPOT_PRICE_FACTOR, empty.spotPriceFactor());
        for (String bad : new String[] {"[1]", "{\"m5.xlarge\":{\"ec2\":\"cheap\",\"emr\":1}}", "{\"m5.xlarge\":{\"ec2\":1}}", "{oops"}) {
            PriceTable p = PriceTable.fromConfiguration(bad, null, null);
            assertTrue(p.problem().startsWith("PRICE_TABLE_JSON is not valid"), bad);
            CostEstimator.CostEstimate e = new CostEstimator(p).estimate(new ClusterShape("m5.xlarge", "m5.xlarge", 1, false, 1, 1), 1.0);
            assertNull(e.estimatedCostUsd());
            assertEquals(p.problem(), e.note());
        }
        assertTrue(PriceTable.fromConfiguration("{}", "2", null).problem().startsWith("SPOT_PRICE_FACTOR"));
    }

    @Test
    void settingsFromEnvironment() {
        LedgerSettings s = LedgerSettings.fromEnvironment(Map.of("LEDGER_TABLE", "t", "DATA_BUCKET", "my-data",
                "PIPELINE_PREFIX", "emr-pipeline/", "MAX_RUN_MINUTES", "360", "LEASE_MARGIN_MINUTES", "30"));
        assertEquals(java.time.Duration.ofMinutes(390), s.leaseDuration());
        assertEquals(new S3Location("my-data", "emr-pipeline/index/v2/root.json"), s.indexLocation());
        LedgerSettings override = LedgerSettings.fromEnvironment(Map.of("LEDGER_TABLE", "t", "DATA_BUCKET", "my-data",
                "PIPELINE_PREFIX", "emr-pipeline/", "LEASE_SECONDS", "90"));
        assertEquals(java.time.Duration.ofSeconds(90), override.leaseDuration());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(LedgerConfigurationException.class,
                () -> LedgerSettings.fromEnvironment(Map.of("LEDGER_TABLE", "t", "DATA_BUCKET", "my-data",
                        "PIPELINE_PREFIX", "emr-pipeline/"))).getMessage().contains("MAX_RUN_MINUTES"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(LedgerConfigurationException.class,
                () -> LedgerSettings.fromEnvironment(Map.of("DATA_BUCKET", "my-data", "PIPELINE_PREFIX", "p/",
                        "LEASE_SECONDS", "9"))).getMessage().contains("LEDGER_TABLE"));
    }
}
