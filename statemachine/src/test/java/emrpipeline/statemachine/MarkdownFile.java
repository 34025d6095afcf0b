package emrpipeline.statemachine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file of the repository as the docs tests read it: its relative links, the anchors its headings get
 * on GitHub, and its sections marked by HTML comments ({@code <!-- NAME:begin -->} ... {@code <!-- NAME:end -->}),
 * which tests use instead of headings so that a reworded heading cannot silently empty a check.
 */
final class MarkdownFile {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    /** One link: the file it is in, its line, and its target as written. */
    record Link(Path file, int line, String target) {
        boolean external() {
            return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
        }

        String path() {
            int hash = target.indexOf('#');
            return hash < 0 ? target : target.substring(0, hash);
        }

        String anchor() {
            int hash = target.indexOf('#');
            return hash < 0 ? null : target.substring(hash + 1);
        }

        @Override
        public String toString() {
            return ProjectFiles.ROOT.relativize(file) + ":" + line + ": (" + target + ")";
        }
    }

    final Path file;
    final String text;

    MarkdownFile(Path file) {
        this.file = file;
        this.text = ProjectFiles.read(file);
    }

    /** Every link outside code blocks and inline code. */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        int number = 0;
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                links.add(new Link(file, number, m.group(1)));
            }
        }
        return links;
    }

    /** The anchors GitHub gives this file's headings (and explicit {@code <a id>} anchors). */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                anchors.add(a.group(1));
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /**
     * GitHub's heading anchor: the text of the heading (link targets and HTML tags dropped), lower case, every
     * character that is not a letter, a digit, a space, '-' or '_' removed, spaces turned into '-'.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        StringBuilder slug = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** The text between {@code <!-- name:begin -->} and {@code <!-- name:end -->}; fails when either is missing. */
    String section(String name) {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError(ProjectFiles.ROOT.relativize(file) + " has no section marked " + begin + " ... " + end);
        }
        return text.substring(from + begin.length(), to);
    }

    long lineCount() {
        return text.lines().count();
    }
}
