package emrpipeline.ledger;
// Forced copy: every function has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Files of the repository outside this function's folder that its tests read: events/, template.yaml and the data
 * formats' golden files (docs/data-formats/). Inside the repository (the aggregator pom.xml and template.yaml two
 * levels above the function's folder) a missing file FAILS the test that asks for it. Only in a copy of the folder
 * alone, as sam build makes one (aws-lambda-builders runs {@code mvn clean install} in a scratch copy of the CodeUri
 * folder, and scripts/sam-build does the same), where nothing outside the folder exists, is such a test skipped, and
 * the skip says why.
 */
final class RepositoryFiles {
    /** The repository's root when this module is functions/&lt;name&gt;/ of it. */
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private RepositoryFiles() {
    }

    /** Whether this module sits in the repository: the aggregator pom.xml and template.yaml two levels up. */
    static boolean insideRepository() {
        return Files.isRegularFile(ROOT.resolve("pom.xml")) && Files.isRegularFile(ROOT.resolve("template.yaml"));
    }

    /**
     * The file or folder at {@code relative} (to the repository's root): it must exist in the repository; outside
     * it the calling test is skipped (aborted) with the reason.
     */
    static Path require(String relative) {
        Assumptions.assumeTrue(insideRepository(), () -> "skipped outside the repository: this copy of the function's"
                + " folder (a sam build scratch copy) has no " + relative + " next to it; the repository's build runs this test");
        Path path = ROOT.resolve(relative);
        Assertions.assertTrue(Files.exists(path), () -> relative + " is missing from the repository (" + path
                + "): the test that reads it fails rather than skip");
        return path;
    }

    /** The bytes of the file at {@code relative}; see {@link #require}. */
    static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(require(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The UTF-8 text of the file at {@code relative}; see {@link #require}. */
    static String text(String relative) {
        try {
            return Files.readString(require(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
