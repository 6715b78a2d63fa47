package io.brook.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Apache Kafka broker, started and stopped with {@code reference-kafka} (the shared tool
 * that runs Kafka from its Maven artifacts), on a temporary directory and a free loopback port,
 * with the same heap limit as ours and Kafka's own G1 settings.
 */
public final class ReferenceKafka implements BrokerUnderTest {
    /** The JVM settings of Kafka's kafka-server-start.sh, apart from the heap. */
    private static final String KAFKA_GC_OPTS = "-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 "
            + "-XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true";

    private final Path script;
    private final Path directory;
    private final int port;
    private final long pid;

    private ReferenceKafka(Path script, Path directory, int port, long pid) {
        this.script = script;
        this.directory = directory;
        this.port = port;
        this.pid = pid;
    }

    public static ReferenceKafka start(Path script, String heap) throws IOException, InterruptedException {
        return start(script, heap, Map.of());
    }

    /** Starts Kafka with {@code settings} added to (or replacing entries of) the tool's server.properties. */
    public static ReferenceKafka start(Path script, String heap, Map<String, String> settings) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("bench-kafka-");
        int port = FreePort.find();
        List<String> arguments = new ArrayList<>(List.of("start", "--dir", directory.toString(), "--port", Integer.toString(port)));
        settings.forEach((name, value) -> {
            arguments.add("--set");
            arguments.add(name + "=" + value);
        });
        run(script, heap, arguments);
        long pid = Long.parseLong(Files.readString(directory.resolve("broker.pid"), StandardCharsets.US_ASCII).trim());
        return new ReferenceKafka(script, directory, port, pid);
    }

    /** The Kafka version the tool runs, as its help text names it. */
    public static String version(Path script) throws IOException, InterruptedException {
        String help = run(script, "1g", List.of("help"));
        int start = help.indexOf("Kafka ");
        if (start < 0) {
            return "unknown";
        }
        String rest = help.substring(start + "Kafka ".length());
        return rest.split("[\\s,]", 2)[0];
    }

    private static String run(Path script, String heap, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REFERENCE_KAFKA_BROKER_OPTS", "-Xms" + heap + " -Xmx" + heap + " " + KAFKA_GC_OPTS);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("reference-kafka " + String.join(" ", arguments) + " failed:\n" + output);
        }
        return output;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(script, "1g", List.of("stop", "--dir", directory.toString(), "--rm"));
    }
}
