package emrpipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step of local/run (and of benchmarks/run, scripts/state-machine-diagram) prints no ANSI escape code:
 * it runs Maven through scripts/mvn-quiet, which this test runs for real on a small project, once succeeding and once
 * failing (Maven's error lines are what a user sees then), with its output captured, i.e. not a terminal.
 */
class MavenQuietTest {
    private static final Path SCRIPT = Project.ROOT.resolve("scripts/mvn-quiet");

    record Run(int status, String out, String err) {
    }

    private static Run mvnQuiet(Path project, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "-f", project.resolve("pom.xml").toString()));
        command.addAll(List.of(args));
        Path out = project.resolve("out.txt");
        Path err = project.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "mvn did not finish");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void mavenRunsQuietlyWithoutEscapeCodesWhetherTheBuildSucceedsOrFails(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>emrpipeline.test</groupId><artifactId>quiet</artifactId><version>1</version>
                  <packaging>pom</packaging>
                </project>
                """);

        Run ok = mvnQuiet(project, "validate");
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertEquals("", ok.out() + ok.err(), "a quiet build that succeeds prints nothing at all");

        Run failed = mvnQuiet(project, "no-such-phase");
        assertEquals(1, failed.status());
        String printed = failed.out() + failed.err();
        assertTrue(printed.contains("[ERROR] Unknown lifecycle phase \"no-such-phase\""), printed);
        assertFalse(printed.contains("\u001b"), "an ANSI escape code in Maven's output:\n" + printed.replace("\u001b", "<ESC>"));
    }

    @Test
    void theScriptsRunMavenOnlyThroughMvnQuiet() {
        for (String script : List.of("local/run", "benchmarks/run", "scripts/state-machine-diagram")) {
            String text = Project.read(script);
            assertTrue(text.contains("scripts/mvn-quiet "), script + " builds with scripts/mvn-quiet");
            for (String line : text.split("\n")) {
                String code = line.replaceFirst("#.*", "").replaceAll("\"[^\"]*\"", "\"\"");
                assertFalse(code.matches(".*(^|[\\s;(&|])mvn\\s.*"), script + " runs mvn directly: " + line);
            }
        }
    }
}
