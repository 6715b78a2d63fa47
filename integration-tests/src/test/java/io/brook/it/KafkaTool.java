package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of Kafka's own command-line tools (4.3.1, through the reference-kafka script), each in a
 * JVM of its own, and captures what it printed and how it exited. The script takes an alias
 * ({@code topics}, {@code get-offsets}, {@code consumer-groups}, ...) or {@code tool <main class>}.
 */
final class KafkaTool {
    /** A tool's JVM starts in one or two seconds; this is for a machine under load. */
    private static final long TIMEOUT_SECONDS = 120;

    private KafkaTool() {
    }

    /** What one run printed and its exit code. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().toList();
        }

        /** Fails unless the tool exited with 0; returns this, for chaining. */
        Result assertSucceeded() {
            assertEquals(0, exitCode, () -> "the tool failed: " + this);
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs the reference-kafka script with {@code arguments}: an alias or {@code tool <class>}, then the tool's own arguments. */
    static Result run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ReferenceKafkaScript.path().toString());
        command.addAll(arguments);
        // Files rather than pipes: a tool that fills one pipe while we read the other cannot stall.
        Path stdout = Files.createTempFile("kafka-tool-", ".out");
        Path stderr = Files.createTempFile("kafka-tool-", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            Result result = new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
            assertTrue(finished, () -> "the tool did not finish in " + TIMEOUT_SECONDS + " s: " + result);
            return result;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
