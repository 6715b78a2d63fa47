package io.brook.protocol.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed message classes are exactly what the specs generate: nobody edited them by hand or forgot to regenerate. */
class GeneratedSourcesAreCurrentTest {

    @Test
    void committedMessageClassesMatchTheSpecs() throws IOException {
        Map<String, String> expected = ProtocolGenerator.generate(ProtocolGenerator.SPEC_DIR);
        Map<String, String> committed = new TreeMap<>();
        try (Stream<Path> files = Files.list(ProtocolGenerator.OUTPUT_DIR)) {
            for (Path file : files.toList()) {
                committed.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertEquals(expected.keySet(), committed.keySet(),
                "generated file set differs; regenerate as protocol/README.md says");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            assertEquals(file.getValue(), committed.get(file.getKey()),
                    file.getKey() + " differs from what its spec generates; regenerate as protocol/README.md says");
        }
    }
}
