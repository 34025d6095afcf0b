package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * docs/data-formats.md, the data formats' specification, and its golden files (docs/data-formats/, read and written
 * by every module's DataFormatsTest) say the same: each example marked {@code <!-- golden:PATH -->} is that file
 * verbatim, the quoted tombstone is the golden one, and the page names every golden file.
 */
class DataFormatsDocTest {
    static final Path DOC = ProjectFiles.ROOT.resolve("docs/data-formats.md");
    static final Path GOLDEN = ProjectFiles.ROOT.resolve("docs/data-formats");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- golden:([^ ]+) -->\n```[a-z]*\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExampleMarkedGoldenIsTheGoldenFileVerbatim() throws IOException {
        Matcher m = EXAMPLE.matcher(ProjectFiles.read(DOC));
        int examples = 0;
        while (m.find()) {
            assertEquals(Files.readString(GOLDEN.resolve(m.group(1))), m.group(2), "the example of " + m.group(1));
            examples++;
        }
        assertEquals(2, examples, "the manifest and the index root are shown verbatim");
    }

    @Test
    void theQuotedTombstoneIsTheGoldenOne() throws IOException {
        String tombstone;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(GOLDEN.resolve("after-commit/index/processed.tsv.gz")))) {
            tombstone = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(ProjectFiles.read(DOC).contains("```\n" + tombstone + "```\n"), tombstone);
    }

    @Test
    void thePageNamesEveryGoldenFile() throws IOException {
        String doc = ProjectFiles.read(DOC);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(GOLDEN)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
        assertTrue(files.size() >= 9, files.toString());
        for (Path file : files) {
            String relative = GOLDEN.relativize(file).toString().replace('\\', '/');
            assertTrue(doc.contains(relative) || doc.contains(file.getFileName().toString()),
                    "docs/data-formats.md says what " + relative + " is");
        }
    }
}
