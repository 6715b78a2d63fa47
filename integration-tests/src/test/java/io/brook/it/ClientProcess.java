package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A client program that is not Java (kcat, a Python script on confluent-kafka), run as a process
 * of its own against the broker. Its stdout and stderr go to files in a work directory (files
 * rather than pipes: a process that fills a pipe nobody reads would stall); its stdin stays open
 * for commands until {@link #closeInput}. Scripts print one JSON object a line, read with
 * {@link #events}.
 */
final class ClientProcess implements AutoCloseable {
    /** How long a process that was asked to stop gets before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final long AWAIT_POLL_MS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Syslog levels 0 (emergency) to 4 (warning). */
    private static final Pattern LIBRDKAFKA_WARNING = Pattern.compile("%[0-4]\\|");

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private OutputStream stdin;

    private ClientProcess(String name, List<String> command, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = process.getOutputStream();
    }

    /** Starts {@code command}; its output goes to {@code name}.out and {@code name}.err in {@code workDirectory}. */
    static ClientProcess start(String name, List<String> command, Path workDirectory) throws IOException {
        Path stdout = workDirectory.resolve(name + ".out");
        Path stderr = workDirectory.resolve(name + ".err");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (bin/test installs the clients the tests drive: kcat and "
                    + "python3-confluent-kafka with apt-get, KafkaJS with npm ci; node must be Node.js 18 or later)", e);
        }
        return new ClientProcess(name, List.copyOf(command), process, stdout, stderr);
    }

    /** Runs {@code command} with nothing on stdin to the end; fails unless it exits with 0 within {@code timeout}. */
    static ClientProcess run(String name, List<String> command, Path workDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ClientProcess client = start(name, command, workDirectory);
        client.closeInput();
        client.awaitExit(timeout);
        assertEquals(0, client.process.exitValue(), () -> "failed: " + client);
        return client;
    }

    /** What a command run to its end printed, and its exit code. */
    record Finished(List<String> command, int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().toList();
        }

        /** Fails unless the command exited with 0; returns this, for chaining. */
        Finished assertSucceeded() {
            assertEquals(0, exitCode, () -> "failed: " + this);
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /**
     * Runs {@code command} with nothing on stdin to its end, its output in files of a temporary
     * directory removed afterwards; fails if it has not exited within {@code timeout}. Any exit
     * code is returned: some callers expect a tool to fail.
     */
    static Finished runToEnd(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path workDirectory = Files.createTempDirectory("client-process-");
        try (ClientProcess client = start("client", command, workDirectory)) {
            client.closeInput();
            client.awaitExit(timeout);
            return new Finished(List.copyOf(command), client.exitValue(), new String(client.stdoutBytes(), StandardCharsets.UTF_8),
                    client.stderr());
        } finally {
            try (Stream<Path> paths = Files.walk(workDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Writes {@code line} and a newline to the process's stdin. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void closeInput() throws IOException {
        if (stdin != null) {
            stdin.close();
            stdin = null;
        }
    }

    /** Waits for the process to exit by itself; fails if it has not within {@code timeout}. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            fail("did not finish in " + timeout.toSeconds() + " s: " + this);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Everything printed on stdout so far. */
    byte[] stdoutBytes() throws IOException {
        return Files.readAllBytes(stdout);
    }

    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * What librdkafka logged on stderr at warning level or above: its log lines open with the
     * syslog level, {@code %4|<time>|<facility>|...} for a warning, {@code %3|} for an error.
     */
    List<String> librdkafkaWarnings() {
        return stderr().lines().filter(line -> LIBRDKAFKA_WARNING.matcher(line).lookingAt()).toList();
    }

    /** The JSON object on every complete line printed so far; a line not yet ended is left for the next call. */
    List<JsonNode> events() {
        String printed;
        try {
            printed = Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read the output of " + name, e);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : printed.substring(0, printed.lastIndexOf('\n') + 1).lines().toList()) {
            try {
                events.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                fail("not a JSON line: '" + line + "' from " + this, e);
            }
        }
        return events;
    }

    /** Waits until {@code condition} holds; fails if any of {@code running} exits first, or after {@code timeout}. */
    static void await(BooleanSupplier condition, String what, Duration timeout, ClientProcess... running) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            for (ClientProcess client : running) {
                if (!client.isAlive()) {
                    fail("waiting for " + what + ", a client exited: " + client);
                }
            }
            if (System.nanoTime() - deadlineNs > 0) {
                fail("waited " + timeout.toSeconds() + " s for " + what + ": " + List.of(running));
            }
            Thread.sleep(AWAIT_POLL_MS);
        }
    }

    /** Kills the process if it is still running (a test that failed half-way); only closes stdin after a clean exit. */
    @Override
    public void close() throws IOException, InterruptedException {
        closeInput();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public String toString() {
        String state = process.isAlive() ? "running" : "exit code " + process.exitValue();
        return name + " (" + state + "): " + String.join(" ", command) + "\n--- stderr\n" + stderr();
    }
}
