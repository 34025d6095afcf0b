package emrpipeline.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository these tests run in: the module's parent folder, or -Demrpipeline.root. */
final class Project {
    static final Path ROOT = Path.of(System.getProperty("emrpipeline.root", "..")).toAbsolutePath().normalize();

    private Project() {
    }

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
