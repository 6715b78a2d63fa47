package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one of the KafkaJS scripts in {@code src/test/node} with {@code node}, and parses what it
 * printed: one JSON object a line on stdout, KafkaJS's logs on stderr. The scripts' npm
 * dependencies are pinned by the package-lock.json next to them and installed with
 * {@code npm ci} in that directory; a missing install fails the test with that instruction.
 */
final class NodeScript {
    /** The scripts wait at most 30 s for what they expect; this is for a machine under load. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScript() {
    }

    /** What one run printed and how it exited. */
    record Result(List<String> command, int exitCode, List<JsonNode> lines, String stdout, String stderr) {
        /** The printed lines whose {@code event} field is {@code event}, in order. */
        List<JsonNode> events(String event) {
            return lines.stream().filter(line -> event.equals(line.path("event").asText())).toList();
        }

        /** The {@code result} of the one line printed for {@code step}. */
        JsonNode step(String step) {
            List<JsonNode> found = lines.stream().filter(line -> step.equals(line.path("step").asText())).toList();
            assertEquals(1, found.size(), () -> "lines for step " + step + " in " + this);
            return found.get(0).get("result");
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** The directory holding package.json, the lockfile and the scripts. */
    static Path directory() {
        String directory = System.getProperty("kafkajs.dir");
        assertTrue(directory != null, "the system property kafkajs.dir (set by the integration-tests pom) names the KafkaJS scripts' directory");
        return Path.of(directory).toAbsolutePath().normalize();
    }

    /** Fails, with what to run, unless the scripts' dependencies are installed. */
    static void assertInstalled() {
        Path kafkajs = directory().resolve("node_modules").resolve("kafkajs").resolve("package.json");
        assertTrue(Files.isRegularFile(kafkajs), () -> "KafkaJS is not installed: run npm ci in " + directory()
                + " (from the repository root: npm ci --prefix integration-tests/src/test/node)");
    }

    /** Runs {@code node <script> <arguments>} and fails unless it exits with 0. */
    static Result run(String script, String... arguments) throws IOException, InterruptedException {
        // Imports resolve next to the script, so it needs no working directory of its own.
        List<String> command = new ArrayList<>(List.of("node", directory().resolve(script).toString()));
        command.addAll(List.of(arguments));
        ClientProcess.Finished run = ClientProcess.runToEnd(command, TIMEOUT).assertSucceeded();
        return new Result(run.command(), run.exitCode(), parse(run.stdout(), command), run.stdout(), run.stderr());
    }

    private static List<JsonNode> parse(String stdout, List<String> command) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            try {
                lines.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                fail(String.join(" ", command) + " printed a line that is not JSON: " + line);
            }
        }
        return lines;
    }

    /** Parses JSON text, for expected values written as text blocks. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
