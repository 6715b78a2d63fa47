package io.brook.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one of Kafka's own command-line tools (4.3.1, through the reference-kafka script), each in a
 * JVM of its own, and captures what it printed and how it exited. The script takes an alias
 * ({@code topics}, {@code get-offsets}, {@code consumer-groups}, ...) or {@code tool <main class>}.
 */
final class KafkaTool {
    /** A tool's JVM starts in one or two seconds; this is for a machine under load. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private KafkaTool() {
    }

    /** Runs the reference-kafka script with {@code arguments}: an alias or {@code tool <class>}, then the tool's own arguments. */
    static ClientProcess.Finished run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ReferenceKafkaScript.path().toString());
        command.addAll(arguments);
        return ClientProcess.runToEnd(command, TIMEOUT);
    }
}
