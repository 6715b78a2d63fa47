package io.brook.it;

import io.brook.broker.Broker;
import io.brook.broker.config.BrokerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a broker in this JVM on an ephemeral loopback port with a fresh data directory, for a test
 * class (a static field) or for each test (an instance field). Settings can be added; the broker
 * can be stopped and started again on the same data directory.
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Map<String, String> settings = new HashMap<>();
    private Path dataDirectory;
    private Broker broker;
    private boolean perClass;

    public BrokerExtension() {
        settings.put(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0");
    }

    /** Adds a broker setting; call before the broker starts. */
    public BrokerExtension with(String name, String value) {
        settings.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        setUp();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        tearDown();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            setUp();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            tearDown();
        }
    }

    private void setUp() throws Exception {
        dataDirectory = Files.createTempDirectory("brook-it-");
        start();
    }

    private void tearDown() throws Exception {
        stop();
        deleteRecursively(dataDirectory);
    }

    public void start() throws IOException, InterruptedException {
        Map<String, String> effective = new HashMap<>(settings);
        effective.put(BrokerConfig.LOG_DIRS, dataDirectory.toString());
        broker = Broker.start(BrokerConfig.from(effective));
    }

    public void stop() throws IOException, InterruptedException {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Stops cleanly and starts again on the same data directory (on a new port). */
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    /** The advertised port: the listener's unless advertised.listeners is set. */
    public int port() {
        return broker.port();
    }

    /** The port the broker listens on, whatever it advertises. */
    public int boundPort() {
        return broker.boundPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
