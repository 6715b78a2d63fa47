package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the reference-kafka script is: the real Apache Kafka and its tools, for differential tests. */
final class ReferenceKafkaScript {
    private ReferenceKafkaScript() {
    }

    /**
     * {@code ../shared/tools/reference-kafka/reference-kafka} from the repository (the pom passes
     * it), or $REFERENCE_KAFKA.
     */
    static Path path() {
        String fromEnvironment = System.getenv("REFERENCE_KAFKA");
        String path = fromEnvironment != null ? fromEnvironment : System.getProperty("reference.kafka");
        assertTrue(path != null, "the reference.kafka system property is not set (the pom sets it)");
        Path script = Path.of(path).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(script), "reference-kafka is not at " + script
                + " (the repository's parent folder should hold shared/tools/reference-kafka; or set REFERENCE_KAFKA)");
        return script;
    }
}
