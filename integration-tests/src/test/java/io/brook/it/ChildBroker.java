package io.brook.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker in a JVM of its own, started the way a user starts it ({@code BrokerMain} with a
 * server.properties file), so that a test can kill it with SIGKILL and start it again on the same
 * data directory. Every run appends its console output to one log file, after a line naming the run.
 *
 * <p>Not thread-safe: driven by the test's thread.
 */
final class ChildBroker implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long POLL_INTERVAL_MS = 20;
    /** The broker's start-up line, which bin/bench and the CI check wait for too; it names the bound address. */
    private static final Pattern SERVING = Pattern.compile("is serving .* on \\S*:(\\d+) \\(advertised as");
    /** One line per log record, so that the start-up line and its port stay on one line. */
    private static final String LOG_FORMAT = "[%1$tT,%1$tL] %4$s %5$s%6$s (%3$s)%n";
    /** Room enough for any test's load; a test that is about memory passes its own heap size. */
    private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");

    private final Path propertiesFile;
    private final List<String> jvmOptions;
    private final Path logFile;
    private Process process;
    private int port;
    private int runCount;

    /** Writes {@code settings} to {@code <workDirectory>/server.properties}; the log goes to {@code broker.log} beside it. */
    ChildBroker(Path workDirectory, Map<String, String> settings) throws IOException {
        this(workDirectory, settings, DEFAULT_JVM_OPTIONS);
    }

    /**
     * As {@link #ChildBroker(Path, Map)}, with {@code jvmOptions} (such as {@code -Xmx64m}) in place
     * of the default heap size; the checks every test run has are added to them.
     */
    ChildBroker(Path workDirectory, Map<String, String> settings, List<String> jvmOptions) throws IOException {
        this.jvmOptions = List.copyOf(jvmOptions);
        propertiesFile = workDirectory.resolve("server.properties");
        logFile = workDirectory.resolve("broker.log");
        List<String> lines = new ArrayList<>();
        settings.forEach((name, value) -> lines.add(name + "=" + value));
        Files.write(propertiesFile, lines, StandardCharsets.UTF_8);
        Files.writeString(logFile, "", StandardCharsets.UTF_8);
    }

    /** Starts a new JVM and waits until the broker serves; returns the port it listens on. */
    int start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is already running: pid=" + process.pid());
        }
        runCount++;
        Files.writeString(logFile, "----- run " + runCount + " -----\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        long runStartChars = log().length();
        process = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        port = awaitServing(runStartChars);
        return port;
    }

    /**
     * The JVM the tests run in, with its class path (which holds the broker's jar and its
     * dependencies), the options given, and the same checks every test run has: assertions on and
     * Netty's leak detector tracking every buffer (the parent pom's test.jvm.args).
     */
    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-ea", "-Dio.netty.leakDetection.level=paranoid",
                "-Djava.util.logging.SimpleFormatter.format=" + LOG_FORMAT,
                "-cp", System.getProperty("java.class.path"),
                "io.brook.broker.BrokerMain", propertiesFile.toString()));
        return command;
    }

    private int awaitServing(long runStartChars) throws IOException, InterruptedException {
        long deadlineMs = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadlineMs) {
            String output = log().substring((int) runStartChars);
            Matcher serving = SERVING.matcher(output);
            if (serving.find()) {
                return Integer.parseInt(serving.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("run " + runCount + " of the broker exited with status " + process.exitValue()
                        + " before serving");
            }
            Thread.sleep(POLL_INTERVAL_MS);
        }
        throw new IllegalStateException("run " + runCount + " of the broker did not serve within " + START_TIMEOUT_MS + " ms");
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** True while the current run's JVM has not exited. */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The CPU time the running broker process has used so far (user and system). */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("the OS does not report CPU time"));
    }

    /** The port the current run listens on. */
    int port() {
        return port;
    }

    int runCount() {
        return runCount;
    }

    /** Everything every run has written so far. */
    String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lineCount} lines of the log, for failure messages. */
    String logTail(int lineCount) {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - lineCount), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
