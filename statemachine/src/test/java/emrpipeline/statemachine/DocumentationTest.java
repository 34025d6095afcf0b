package emrpipeline.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays the first screens a user needs (at most 300 lines; the rest lives in docs/), its repository map
 * names every top-level folder and every function's contract page, and no relative link in README.md or docs/
 * points at a file or a heading that does not exist.
 */
class DocumentationTest {
    static final int README_MAX_LINES = 300;
    private static final Path DOCS = ProjectFiles.ROOT.resolve("docs");

    @Test
    void theReadmeIsAtMost300Lines() {
        long lines = new MarkdownFile(ProjectFiles.README).lineCount();
        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; move detail into a docs/ page and link it");
    }

    @Test
    void everyRelativeLinkResolvesToAFileAndItsAnchorToAHeading() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : markdownPages()) {
            for (MarkdownFile.Link link : new MarkdownFile(page).links()) {
                if (link.external()) {
                    continue;
                }
                checked++;
                Path target = link.path().isEmpty() ? page : page.getParent().resolve(link.path()).normalize();
                if (!target.startsWith(ProjectFiles.ROOT) || !Files.exists(target)) {
                    broken.add(link + ": no such file");
                } else if (link.anchor() != null && target.toString().endsWith(".md")
                        && !new MarkdownFile(target).anchors().contains(link.anchor())) {
                    broken.add(link + ": no heading with that anchor in " + ProjectFiles.ROOT.relativize(target));
                }
            }
        }
        assertEquals(List.of(), broken, "broken links");
        assertTrue(checked > 100, "the pages link each other: " + checked + " relative links checked");
    }

    @Test
    void theRepositoryMapNamesEveryTopLevelFolderAndEveryFunctionsContract() throws IOException {
        String map = new MarkdownFile(ProjectFiles.README).section("repository-map");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> entries = Files.list(ProjectFiles.ROOT)) {
            for (Path folder : entries.filter(Files::isDirectory).sorted().toList()) {
                String name = folder.getFileName().toString();
                if (!name.startsWith(".") && !name.equals("target") && !map.contains("`" + name + "/")) {
                    missing.add(name + "/");
                }
            }
        }
        try (Stream<Path> functions = Files.list(ProjectFiles.ROOT.resolve("functions"))) {
            for (Path function : functions.filter(f -> Files.isRegularFile(f.resolve("pom.xml"))).sorted().toList()) {
                String page = "docs/functions/" + function.getFileName() + ".md";
                if (!Files.isRegularFile(ProjectFiles.ROOT.resolve(page)) || !map.contains("(" + page + ")")) {
                    missing.add(page + " (each function's contract, linked from the map)");
                }
            }
        }
        assertEquals(List.of(), missing, "the README's repository map does not name these");
    }

    @Test
    void theDocsIndexListsEveryPage() {
        String index = new MarkdownFile(DOCS.resolve("README.md")).text;
        List<String> missing = new ArrayList<>();
        for (Path page : markdownPages()) {
            if (page.startsWith(DOCS) && !page.equals(DOCS.resolve("README.md"))
                    && !index.contains("(" + DOCS.relativize(page).toString().replace('\\', '/') + ")")) {
                missing.add(ProjectFiles.ROOT.relativize(page).toString());
            }
        }
        assertEquals(List.of(), missing, "docs/README.md does not link these pages");
    }

    /** README.md and every Markdown page under docs/. */
    static List<Path> markdownPages() {
        List<Path> pages = new ArrayList<>(List.of(ProjectFiles.README));
        try (Stream<Path> files = Files.walk(DOCS)) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }
}
