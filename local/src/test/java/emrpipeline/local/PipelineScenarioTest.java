package emrpipeline.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The scenario tests' common fixture: one offline pipeline per test class on the real definition, functions and
 * template (starting it takes seconds), in memory, reset before each test. A class that needs other settings hides
 * {@link #start()} with its own static {@code start()} (JUnit runs only the hiding one).
 */
abstract class PipelineScenarioTest {
    static LocalPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = LocalPipeline.start(LocalPipeline.Settings.inMemory(Project.ROOT));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @BeforeEach
    void fresh() {
        pipeline.reset();
    }

    /** The run every scenario starts from: day 1 of the sample data, executions named "day-1". */
    static RunRequest day1() {
        return new RunRequest().executionName("day-1").startTime(Scenarios.DAY_1);
    }
}
