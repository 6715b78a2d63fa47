package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: the compression module depends on codec libraries only: no Netty, no protocol, no
 * other module. A wrong-way import fails the build here rather than waiting for review.
 */
class DependencyRulesTest {

    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final List<String> ALLOWED_PREFIXES = List.of(
            "java.", "io.brook.compression.", "com.github.luben.zstd.", "net.jpountz.", "org.xerial.snappy.");

    @Test
    void mainCodeImportsOnlyTheJdkAndCodecLibraries() throws IOException {
        assertTrue(Files.isDirectory(MAIN_SOURCES), "run from the module directory: " + MAIN_SOURCES.toAbsolutePath());
        List<String> wrongWay = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String imported = importedName(line);
                    if (imported != null && ALLOWED_PREFIXES.stream().noneMatch(imported::startsWith)) {
                        wrongWay.add(file.getFileName() + ": " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), wrongWay);
    }

    /** The name an import line brings in, or null for any other line. */
    private static String importedName(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("import ")) {
            return null;
        }
        return trimmed.substring("import ".length()).replace("static ", "").replace(";", "").strip();
    }
}
