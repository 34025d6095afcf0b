package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The forced copies: small classes that several functions need and cannot share, because {@code sam build} builds each
 * function's folder alone (a symlink, a shared module or a layer would each break a fresh clone's {@code sam build}
 * or lean on undocumented SAM CLI behaviour). Each copy says so on the line after its package line, naming this test,
 * and this test keeps every copy identical to its siblings apart from that package line. A file of the same name
 * in another function's source tree is held to the same rule, marked or not, so a copy cannot drift by losing its
 * comment.
 *
 * <p>To add a forced copy: put the file, with the comment, in each function that needs it, and add it to
 * {@link #EXPECTED}. The data formats are not forced copies: each module has its own reader and writer, held to
 * the golden files of docs/data-formats/ instead (docs/data-formats.md).
 */
class ForcedCopiesTest {
    static final Path FUNCTIONS = ProjectFiles.ROOT.resolve("functions");
    private static final String MARKER = "// Forced copy: ";
    private static final Pattern SOURCE = Pattern.compile("([^/]+)/src/(main|test)/java/emrpipeline/[^/]+/([^/]+\\.java)");
    private static final List<String> ALL = List.of("alarm-lifecycle", "run-janitor", "run-ledger", "slack-notifier",
            "storage-sizing");

    /** Forced copy (source set and file name) to the functions that have it. */
    static final Map<String, List<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("main/ClientEnvironment.java", ALL),
            Map.entry("main/RuntimeSerializer.java", ALL),
            Map.entry("main/SdkPriming.java", ALL),
            Map.entry("main/Jitter.java", List.of("run-ledger", "slack-notifier")),
            Map.entry("main/KeyOrder.java", List.of("run-ledger", "storage-sizing")),
            Map.entry("test/ClientEnvironmentTest.java", ALL),
            Map.entry("test/LoopbackEndpoint.java", ALL),
            Map.entry("test/GoldenFiles.java", List.of("run-ledger", "storage-sizing")),
            Map.entry("test/JitterTest.java", List.of("run-ledger", "slack-notifier")),
            Map.entry("test/LoggingConfigurationTest.java", ALL),
            Map.entry("test/RepositoryFiles.java", ALL),
            Map.entry("test/S3ProxyFront.java", List.of("run-ledger", "storage-sizing"))));

    /**
     * Forced copies outside the functions, each identical (apart from the package line) to the functions' copy of
     * the same name: the offline runner serves its S3Proxy through the same front as the functions' tests.
     */
    static final Map<String, Path> OUTSIDE_FUNCTIONS = Map.of(
            "test/S3ProxyFront.java", ProjectFiles.ROOT.resolve("local/src/main/java/emrpipeline/local/aws/S3ProxyFront.java"));

    /** Every Java source file of the functions, by (source set/file name), then by function. */
    static Map<String, Map<String, Path>> sourcesByName() {
        Map<String, Map<String, Path>> byName = new TreeMap<>();
        try (Stream<Path> files = Files.walk(FUNCTIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = SOURCE.matcher(FUNCTIONS.relativize(file).toString().replace('\\', '/'));
                if (m.matches()) {
                    byName.computeIfAbsent(m.group(2) + "/" + m.group(3), k -> new TreeMap<>()).put(m.group(1), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    /** A copy's text without its package line: what must be the same in every function. */
    static String withoutPackageLine(Path file) {
        String text = ProjectFiles.read(file);
        assertTrue(text.startsWith("package emrpipeline."), file + " starts with its package line");
        return text.substring(text.indexOf('\n') + 1);
    }

    static boolean isMarked(Path file) {
        return withoutPackageLine(file).startsWith(MARKER) && withoutPackageLine(file).lines().findFirst().orElse("")
                .endsWith("(statemachine's ForcedCopiesTest).");
    }

    @Test
    void everyForcedCopyIsIdenticalToItsSiblingsApartFromThePackageLine() {
        Map<String, Map<String, Path>> byName = sourcesByName();
        int checked = 0;
        for (Map.Entry<String, Map<String, Path>> copies : byName.entrySet()) {
            boolean forced = copies.getValue().values().stream().anyMatch(ForcedCopiesTest::isMarked);
            if (!forced) {
                continue;
            }
            Map.Entry<String, Path> first = copies.getValue().entrySet().iterator().next();
            String expected = withoutPackageLine(first.getValue());
            for (Map.Entry<String, Path> copy : copies.getValue().entrySet()) {
                assertTrue(isMarked(copy.getValue()), copy.getValue() + " is a copy of a forced copy: it says so on the"
                        + " line after its package line");
                String actual = withoutPackageLine(copy.getValue());
                if (!actual.equals(expected)) {
                    fail(copies.getKey() + " of " + copy.getKey() + " differs from " + first.getKey() + "'s at line "
                            + firstDifferentLine(expected, actual) + ": change every copy, or none");
                }
            }
            checked++;
        }
        assertTrue(checked >= EXPECTED.size(), "forced copies checked: " + checked);
    }

    @Test
    void theForcedCopiesAreTheExpectedOnesInTheExpectedFunctions() {
        Map<String, List<String>> found = new TreeMap<>();
        sourcesByName().forEach((name, copies) -> {
            if (copies.values().stream().anyMatch(ForcedCopiesTest::isMarked)) {
                found.put(name, new ArrayList<>(copies.keySet()));
            }
        });
        assertEquals(EXPECTED, found, "a forced copy is added to EXPECTED, with the functions that have it");
    }

    @Test
    void theCopiesOutsideTheFunctionsAreIdenticalToTheFunctionsCopies() {
        Map<String, Map<String, Path>> byName = sourcesByName();
        OUTSIDE_FUNCTIONS.forEach((name, copy) -> {
            assertTrue(isMarked(copy), copy + " says on the line after its package line that it is a forced copy");
            Map.Entry<String, Path> original = byName.get(name).entrySet().iterator().next();
            String expected = withoutPackageLine(original.getValue());
            String actual = withoutPackageLine(copy);
            if (!actual.equals(expected)) {
                fail(ProjectFiles.ROOT.relativize(copy) + " differs from " + original.getKey() + "'s " + name + " at line "
                        + firstDifferentLine(expected, actual) + ": change every copy, or none");
            }
        });
    }

    private static int firstDifferentLine(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        int i = 0;
        while (i < x.size() && i < y.size() && x.get(i).equals(y.get(i))) {
            i++;
        }
        return i + 2; // 1-based, and the package line removed
    }
}
