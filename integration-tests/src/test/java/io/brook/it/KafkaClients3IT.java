package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.it.clients.ProduceConsumeRoundTrip;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance 2: the same round trip with kafka-clients 3.9, a different client generation. The
 * 3.9 jars (copied by the build) and this module's test classes go into a class loader of their
 * own whose parent is the platform loader, so the round trip binds to 3.9, not to the 4.x on this
 * JVM's class path.
 */
class KafkaClients3IT {
    private static final int RECORDS = 200_000;

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension();

    @Test
    @SuppressWarnings("unchecked")
    void kafkaClients3RecordsComeBackExactlyInOffsetOrder() throws Exception {
        try (URLClassLoader clients3 = new URLClassLoader("kafka-clients-3", classPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> roundTrip = clients3.loadClass(ProduceConsumeRoundTrip.class.getName());
            Method run = roundTrip.getMethod("run", String.class, String.class, int.class, int.class);
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(clients3);
            List<String> report;
            try {
                report = (List<String>) run.invoke(null, broker.bootstrapServers(), "round-trip-3", 3, RECORDS);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
            assertTrue(report.get(0).startsWith("3.9."), "client version " + report.get(0));
            assertEquals(List.of(), report.subList(1, report.size()));
        }
    }

    private static URL[] classPath() throws IOException {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("kafka.clients.3.dir")))) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        urls.add(Path.of(System.getProperty("test.classes.dir")).toUri().toURL());
        return urls.toArray(new URL[0]);
    }
}
