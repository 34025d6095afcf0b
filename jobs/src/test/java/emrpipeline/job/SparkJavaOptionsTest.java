package emrpipeline.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** The tests run with the JVM options Spark's own launcher adds on Java 17 (jobs/pom.xml spark.java.options). */
class SparkJavaOptionsTest {
    @Test
    void theTestJvmHasEverySparkModuleOption() {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : JavaModuleOptions.defaultModuleOptions().split(" ")) {
            assertTrue(jvm.contains(option), option + " is missing from the test JVM's options " + jvm);
        }
    }
}
