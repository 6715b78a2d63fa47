package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's VerifiableProducer (acks=all) and two VerifiableConsumers in one group, the clients of
 * Kafka's own system tests, each a JVM of its own (reference-kafka {@code verifiable-producer} and
 * {@code verifiable-consumer}, 4.3.1) against this broker. They print one JSON event a line:
 * the producer each acknowledged send with its partition and offset, the consumers each poll's
 * offset range per partition and each commit. In a run without failures, while the second
 * consumer joins mid-stream and the group rebalances, every acknowledged record is consumed and
 * none twice, and every commit succeeds. The producer runs until stopped and the consumers until
 * the group has committed every acknowledged offset, so the run waits on events, not on timing.
 */
class VerifiableClientsIT {
    private static final String TOPIC = "verifiable";
    private static final String GROUP = "verifiable-group";
    private static final int PARTITIONS = 4;
    /** Messages a second, until the producer is stopped. */
    private static final int THROUGHPUT = 4_000;
    /** Records each consumer consumes before the next step: the second consumer's start, the producer's stop. */
    private static final int CONSUMED_BEFORE_JOINING = 2_000;
    /** Keys 0..99 over and over, so that the default partitioner spreads the records over every partition. */
    private static final int REPEATING_KEYS = 100;
    private static final long DEADLINE_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension().with("group.initial.rebalance.delay.ms", "0");

    @TempDir
    Path workDirectory;

    @Test
    void everyAcknowledgedRecordIsConsumedExactlyOnceByAGroupThatRebalances() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
        List<Tool> tools = new ArrayList<>();
        try {
            Tool first = consumer("consumer-1");
            tools.add(first);
            // Produces until stopped, so that the second consumer joins mid-stream however slowly its JVM starts.
            Tool producer = start("producer", List.of("verifiable-producer", "--topic", TOPIC, "--acks", "-1",
                    "--max-messages", "-1", "--throughput", Integer.toString(THROUGHPUT),
                    "--repeating-keys", Integer.toString(REPEATING_KEYS)));
            tools.add(producer);
            await(() -> consumedCount(first) >= CONSUMED_BEFORE_JOINING, "the first consumer to consume records", tools);
            Tool second = consumer("consumer-2");
            tools.add(second);
            await(() -> consumedCount(second) >= CONSUMED_BEFORE_JOINING, "the second consumer to consume records", tools);

            stop(producer); // SIGTERM: the tool closes its producer, which waits for every send's acknowledgement
            assertTrue(names(producer.events()).contains("shutdown_complete"), producer::toString);
            Map<Integer, Long> endOffsets = acknowledgedEndOffsets(producer);

            List<Tool> consumers = List.of(first, second);
            await(() -> endOffsets.equals(committedOffsets(consumers)), "the group to commit " + endOffsets, consumers);
            for (Tool consumer : consumers) {
                stop(consumer); // SIGTERM: the tool wakes its consumer, which leaves the group and closes
                assertTrue(names(consumer.events()).contains("shutdown_complete"), consumer::toString);
            }

            assertConsumedExactlyOnce(endOffsets, consumers);
            assertRebalanced(first, second);
            for (Tool consumer : consumers) {
                for (JsonNode commit : named(consumer.events(), "offsets_committed")) {
                    assertTrue(commit.get("success").asBoolean(), () -> "a commit failed: " + commit + "\n" + consumer);
                }
            }
            assertEquals(endOffsets, groupOffsets());
        } finally {
            for (Tool tool : tools) {
                tool.process.destroyForcibly();
            }
        }
    }

    private static void stop(Tool tool) throws InterruptedException {
        tool.process.destroy();
        assertTrue(tool.process.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS), () -> "did not stop: " + tool);
    }

    /**
     * Every send succeeded, and the producer's acknowledged offsets of each partition are 0, 1, 2...
     * without a gap; returns the end offset of each partition that received records.
     */
    private static Map<Integer, Long> acknowledgedEndOffsets(Tool producer) throws IOException {
        List<JsonNode> events = producer.events();
        assertEquals(List.of(), named(events, "producer_send_error"), producer::toString);
        JsonNode summary = named(events, "tool_data").get(0);
        long acknowledged = named(events, "producer_send_success").size();
        assertEquals(List.of(acknowledged, acknowledged), List.of(summary.get("sent").asLong(), summary.get("acked").asLong()), summary::toString);

        Map<Integer, TreeSet<Long>> offsets = new TreeMap<>();
        for (JsonNode sent : named(events, "producer_send_success")) {
            assertEquals(TOPIC, sent.get("topic").asText(), sent::toString);
            assertTrue(offsets.computeIfAbsent(sent.get("partition").asInt(), partition -> new TreeSet<>()).add(sent.get("offset").asLong()),
                    () -> "two acknowledgements of one offset: " + sent);
        }
        assertEquals(PARTITIONS, offsets.size(), offsets.keySet()::toString);
        Map<Integer, Long> endOffsets = new TreeMap<>();
        for (Map.Entry<Integer, TreeSet<Long>> partition : offsets.entrySet()) {
            long count = partition.getValue().size();
            assertEquals(count - 1, partition.getValue().last(), () -> "a gap in the offsets of partition " + partition.getKey());
            endOffsets.put(partition.getKey(), count);
        }
        return endOffsets;
    }

    /** Every offset below each end offset is in the range of exactly one poll of one consumer, and no other offset is. */
    private static void assertConsumedExactlyOnce(Map<Integer, Long> endOffsets, List<Tool> consumers) throws IOException {
        Map<Integer, int[]> timesConsumed = new TreeMap<>();
        endOffsets.forEach((partition, end) -> timesConsumed.put(partition, new int[Math.toIntExact(end)]));
        for (Tool consumer : consumers) {
            for (JsonNode poll : named(consumer.events(), "records_consumed")) {
                for (JsonNode range : poll.get("partitions")) {
                    assertEquals(TOPIC, range.get("topic").asText(), range::toString);
                    long min = range.get("minOffset").asLong();
                    long max = range.get("maxOffset").asLong();
                    assertEquals(max - min + 1, range.get("count").asLong(), () -> "a gap within one poll: " + range);
                    int[] times = timesConsumed.get(range.get("partition").asInt());
                    assertTrue(times != null && max < times.length, () -> "consumed beyond the acknowledged records: " + range);
                    for (long offset = min; offset <= max; offset++) {
                        times[(int) offset]++;
                    }
                }
            }
        }
        for (Map.Entry<Integer, int[]> partition : timesConsumed.entrySet()) {
            int[] times = partition.getValue();
            for (int offset = 0; offset < times.length; offset++) {
                if (times[offset] != 1) {
                    fail("offset " + offset + " of partition " + partition.getKey() + " was consumed " + times[offset] + " time(s)");
                }
            }
        }
    }

    /**
     * The second consumer's joining moved partitions: the first was assigned twice, and their last
     * assignments share the topic's partitions between them.
     */
    private static void assertRebalanced(Tool first, Tool second) throws IOException {
        List<JsonNode> firstAssignments = named(first.events(), "partitions_assigned");
        List<JsonNode> secondAssignments = named(second.events(), "partitions_assigned");
        assertTrue(firstAssignments.size() >= 2, first::toString);
        assertFalse(secondAssignments.isEmpty(), second::toString);
        Set<Integer> firstOwns = partitions(firstAssignments.get(firstAssignments.size() - 1));
        Set<Integer> secondOwns = partitions(secondAssignments.get(secondAssignments.size() - 1));
        assertFalse(firstOwns.isEmpty(), first::toString);
        assertFalse(secondOwns.isEmpty(), second::toString);
        Set<Integer> all = new TreeSet<>(firstOwns);
        all.addAll(secondOwns);
        assertEquals(PARTITIONS, all.size(), () -> firstOwns + " and " + secondOwns);
        assertEquals(PARTITIONS, firstOwns.size() + secondOwns.size(), () -> firstOwns + " and " + secondOwns);
    }

    private static Set<Integer> partitions(JsonNode assignment) {
        Set<Integer> partitions = new HashSet<>();
        for (JsonNode partition : assignment.get("partitions")) {
            assertEquals(TOPIC, partition.get("topic").asText(), partition::toString);
            partitions.add(partition.get("partition").asInt());
        }
        return partitions;
    }

    /** The highest offset each partition was successfully committed at by either consumer, so far. */
    private static Map<Integer, Long> committedOffsets(List<Tool> consumers) {
        Map<Integer, Long> committed = new TreeMap<>();
        for (Tool consumer : consumers) {
            for (JsonNode commit : named(consumer.eventsSoFar(), "offsets_committed")) {
                if (commit.get("success").asBoolean()) {
                    for (JsonNode offset : commit.get("offsets")) {
                        committed.merge(offset.get("partition").asInt(), offset.get("offset").asLong(), Math::max);
                    }
                }
            }
        }
        return committed;
    }

    private static long consumedCount(Tool consumer) {
        long count = 0;
        for (JsonNode poll : named(consumer.eventsSoFar(), "records_consumed")) {
            count += poll.get("count").asLong();
        }
        return count;
    }

    /** The group's committed offsets in the topic, as Admin reads them after the consumers stopped. */
    private Map<Integer, Long> groupOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<Integer, Long> offsets = new TreeMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry
                    : admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().entrySet()) {
                assertEquals(TOPIC, entry.getKey().topic());
                offsets.put(entry.getKey().partition(), entry.getValue().offset());
            }
            return offsets;
        }
    }

    private static List<JsonNode> named(List<JsonNode> events, String name) {
        return events.stream().filter(event -> name.equals(event.get("name").asText())).toList();
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(event -> event.get("name").asText()).toList();
    }

    /** Waits for {@code condition} while every one of {@code running} keeps running. */
    private static void await(BooleanSupplier condition, String what, List<Tool> running) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!condition.getAsBoolean()) {
            for (Tool tool : running) {
                if (!tool.process.isAlive()) {
                    fail("waiting for " + what + ", a tool stopped: " + tool);
                }
            }
            if (System.currentTimeMillis() > deadline) {
                fail("waited " + DEADLINE_MS + " ms for " + what + "; " + running);
            }
            Thread.sleep(100);
        }
    }

    private Tool consumer(String name) throws IOException {
        return start(name, List.of("verifiable-consumer", "--topic", TOPIC, "--group-id", GROUP, "--reset-policy", "earliest"));
    }

    private Tool start(String name, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ReferenceKafkaScript.path().toString());
        command.addAll(arguments);
        command.add("--bootstrap-server");
        command.add(broker.bootstrapServers());
        Path stdout = workDirectory.resolve(name + ".out");
        Path stderr = workDirectory.resolve(name + ".err");
        // Files rather than pipes: a tool that fills a pipe nobody reads would stall.
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new Tool(name, process, stdout, stderr);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** One running tool: its process and the files its output goes to. */
    private record Tool(String name, Process process, Path stdout, Path stderr) {
        /** The events of every complete line printed so far; a line not yet ended is left for the next call. */
        List<JsonNode> events() throws IOException {
            String printed = Files.readString(stdout, StandardCharsets.UTF_8);
            List<JsonNode> events = new ArrayList<>();
            for (String line : printed.substring(0, printed.lastIndexOf('\n') + 1).lines().toList()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    fail("not a JSON event: '" + line + "' from " + this, e);
                }
            }
            return events;
        }

        List<JsonNode> eventsSoFar() {
            try {
                return events();
            } catch (IOException e) {
                throw new AssertionError("cannot read the output of " + name, e);
            }
        }

        @Override
        public String toString() {
            String err;
            try {
                err = Files.readString(stderr, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err = e.toString();
            }
            return name + " (" + (process.isAlive() ? "running" : "exit code " + process.exitValue()) + ")\n--- stderr\n" + err;
        }
    }
}
