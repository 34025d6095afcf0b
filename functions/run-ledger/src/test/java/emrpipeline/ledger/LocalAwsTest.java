package emrpipeline.ledger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that talk to DynamoDB Local and S3Proxy ({@link LocalAws}): each class gets its own pair,
 * started before its first test and stopped after its last (one emulator per test class). JUnit runs this module's
 * test classes one at a time (no parallel execution is configured), so one static reference serves them all.
 */
abstract class LocalAwsTest {
    static LocalAws aws;

    @BeforeAll
    static void startLocalAws() throws Exception {
        aws = LocalAws.start();
    }

    @AfterAll
    static void stopLocalAws() throws Exception {
        aws.close();
    }
}
