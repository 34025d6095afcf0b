package emrpipeline.statemachine;

import java.nio.file.Files;
import java.nio.file.Path;

/** The files these tests read; the module's base directory is statemachine/. */
final class ProjectFiles {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DEFINITION = ROOT.resolve("statemachine/pipeline.asl.json");
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final Path README = ROOT.resolve("README.md");
    static final Path EXECUTION_INPUTS = ROOT.resolve("events/state-machine");

    private ProjectFiles() {
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
