package emrpipeline.sizing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that talk to S3Proxy ({@link S3ProxyServer}): each class gets its own server, started
 * before its first test and stopped after its last (one emulator per test class). JUnit runs this module's test
 * classes one at a time (no parallel execution is configured), so one static reference serves them all.
 */
abstract class S3ProxyTest {
    static S3ProxyServer s3;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        s3 = new S3ProxyServer();
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        s3.close();
    }
}
