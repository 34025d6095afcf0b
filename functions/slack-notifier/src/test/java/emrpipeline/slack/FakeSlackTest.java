package emrpipeline.slack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that post to a {@link FakeSlack}: each class gets its own, started before its first test
 * and stopped after its last. JUnit runs this module's test classes one at a time (no parallel execution is
 * configured), so one static reference serves them all.
 */
abstract class FakeSlackTest {
    static FakeSlack slack;

    @BeforeAll
    static void startSlack() throws Exception {
        slack = new FakeSlack();
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
    }
}
