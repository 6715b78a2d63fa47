package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.it.clients.ProduceConsumeRoundTrip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The kafka-clients 3.9 cells of the client compatibility matrix, and the walking skeleton's
 * acceptance 2: its round trip of 200,000 records with a different client generation. The 3.9
 * jars (copied by the build) and this module's test classes go into a class loader of their own
 * whose parent is the platform loader, so the workloads, compiled against 4.x, bind to 3.9 when
 * they run.
 */
class KafkaClients3IT extends KafkaClientsFeatures {
    private static final int RECORDS = 200_000;

    private URLClassLoader clients3;

    @Override
    synchronized ClassLoader clients() {
        if (clients3 == null) {
            clients3 = new URLClassLoader("kafka-clients-3", classPath(), ClassLoader.getPlatformClassLoader());
        }
        return clients3;
    }

    @Override
    String versionPrefix() {
        return "3.9.";
    }

    @AfterAll
    synchronized void closeClassLoader() throws IOException {
        if (clients3 != null) {
            clients3.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaClients3RecordsComeBackExactlyInOffsetOrder() throws Throwable {
        List<String> report = (List<String>) invoke(ProduceConsumeRoundTrip.class.getName(), "run",
                bootstrapServers(), "round-trip-3", 3, RECORDS);
        assertTrue(report.get(0).startsWith(versionPrefix()), "client version " + report.get(0));
        assertEquals(List.of(), report.subList(1, report.size()));
    }

    private static URL[] classPath() {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("kafka.clients.3.dir")))) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
            urls.add(Path.of(System.getProperty("test.classes.dir")).toUri().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return urls.toArray(new URL[0]);
    }
}
