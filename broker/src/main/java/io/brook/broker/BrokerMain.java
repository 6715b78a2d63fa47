package io.brook.broker;

import io.brook.broker.config.BrokerConfig;
import io.brook.broker.config.ConfigException;
import io.brook.broker.config.ServerProperties;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/broker [server.properties] [--override name=value]...}: reads the settings, starts the
 * broker, and stops it cleanly on SIGTERM or Ctrl-C. Nothing else.
 */
public final class BrokerMain {
    private static final System.Logger LOG = System.getLogger(BrokerMain.class.getName());
    private static final int EXIT_STARTUP_FAILED = 1;

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Broker broker;
        try {
            broker = Broker.start(BrokerConfig.from(ServerProperties.load(propertiesFile(args), overrides(args))));
        } catch (ConfigException | IOException | IllegalArgumentException e) {
            LOG.log(Level.ERROR, "The broker could not start: {0}", e.getMessage());
            System.exit(EXIT_STARTUP_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOG.log(Level.ERROR, "The broker did not shut down cleanly.", e);
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
    }

    private static Path propertiesFile(String[] args) {
        if (args.length > 0 && !args[0].startsWith("--")) {
            return Path.of(args[0]);
        }
        return null;
    }

    private static List<String> overrides(String[] args) {
        List<String> overrides = new ArrayList<>();
        for (int i = propertiesFile(args) == null ? 0 : 1; i < args.length; i++) {
            if (!args[i].equals("--override") || i + 1 == args.length) {
                throw new ConfigException("Unexpected argument " + args[i]
                        + "; usage: bin/broker [server.properties] [--override name=value]...");
            }
            overrides.add(args[++i]);
        }
        return overrides;
    }
}
