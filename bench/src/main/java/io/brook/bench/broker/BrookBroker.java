package io.brook.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Our broker, started the way a user starts it: {@code bin/broker} with a temporary data
 * directory and a free loopback port, in a process of its own, with the heap limit given.
 */
public final class BrookBroker implements BrokerUnderTest {
    private static final long START_TIMEOUT_MS = 300_000;
    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final String SERVING_LINE = "is serving";

    private final Process process;
    private final Path workDirectory;
    private final int port;

    private BrookBroker(Process process, Path workDirectory, int port) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.port = port;
    }

    /** Starts {@code <repository>/bin/broker} and waits until it serves. */
    public static BrookBroker start(Path repository, String heap) throws IOException, InterruptedException {
        Path workDirectory = Files.createTempDirectory("bench-brook-");
        int port = FreePort.find();
        Path log = workDirectory.resolve("broker.log");
        ProcessBuilder builder = new ProcessBuilder(repository.resolve("bin/broker").toString(),
                "--override", "listeners=PLAINTEXT://127.0.0.1:" + port,
                "--override", "log.dirs=" + workDirectory.resolve("data"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BROKER_HEAP_OPTS", "-Xms" + heap + " -Xmx" + heap);
        Process process = builder.start();
        BrookBroker broker = new BrookBroker(process, workDirectory, port);
        try {
            broker.awaitServing(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private void awaitServing(Path log) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains(SERVING_LINE)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("bin/broker exited before serving:\n" + output);
            }
            Thread.sleep(100);
        }
        throw new IOException("bin/broker did not serve within " + START_TIMEOUT_MS / 1000 + " s; see " + log);
    }

    @Override
    public String name() {
        return "brook";
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** bin/broker execs java, so its process is the broker's JVM. */
    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Directories.deleteRecursively(workDirectory);
    }
}
