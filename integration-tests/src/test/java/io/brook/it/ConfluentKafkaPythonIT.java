package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * confluent-kafka-python (Debian's python3-confluent-kafka 1.7.0, on librdkafka 2.0.2) against the
 * broker: an idempotent producer in every codec, a group of two consumer processes that commit
 * by hand, one of them restarted, and the AdminClient calls the library offers. The scripts under
 * {@code src/test/python} take their arguments on the command line and print JSON lines; the
 * assertions are all here.
 */
class ConfluentKafkaPythonIT {
    /** Debian's interpreter, which has python3-confluent-kafka; a python3 earlier on PATH (pyenv, a venv) may lack it. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final int PARTITIONS = 3;
    private static final int MESSAGES = 3_000;
    /** The messages produced before each step of the group test. */
    private static final int MESSAGES_PER_STEP = 600;
    /** What librdkafka's committed() gives for a partition without a committed offset. */
    private static final long OFFSET_INVALID = -1001;
    /** Compressible filler the producer script appends to each value (its FILLER). */
    private static final String FILLER = "abcdefghij".repeat(8);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension().with("group.initial.rebalance.delay.ms", "0");

    @TempDir
    Path workDirectory;

    /** Where a message was stored, as a delivery report or a consumer saw it. */
    record Position(int partition, long offset) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void idempotentProducerWithEachCodecIsReadBackFromTheBeginning(String codec) throws Exception {
        String topic = "python-" + codec;
        createTopic(topic);

        Map<Position, Integer> delivered = produce(topic, codec, 0, MESSAGES);

        Map<Integer, List<Long>> offsets = new TreeMap<>();
        delivered.keySet().forEach(position -> offsets.computeIfAbsent(position.partition(), p -> new ArrayList<>()).add(position.offset()));
        assertEquals(Set.of(0, 1, 2), offsets.keySet(), "every partition got messages");
        long producerId = StoredBatches.of(broker.dataDirectory(), topic, 0).get(0).producerId();
        assertTrue(producerId >= 0, "a producer id was assigned: " + producerId);
        for (Map.Entry<Integer, List<Long>> entry : offsets.entrySet()) {
            int partition = entry.getKey();
            List<Long> reported = entry.getValue().stream().sorted().toList();
            assertEquals(range(0, reported.size()), reported, "delivery offsets of partition " + partition + " are contiguous from 0");
            List<Integer> indexesInOffsetOrder = reported.stream().map(offset -> delivered.get(new Position(partition, offset))).toList();
            assertEquals(indexesInOffsetOrder.stream().sorted().toList(), indexesInOffsetOrder, "partition " + partition + " holds its messages in the order sent");
            for (StoredBatches.Batch batch : StoredBatches.of(broker.dataDirectory(), topic, partition)) {
                assertEquals(codec, batch.codec(), batch.toString());
                assertEquals(producerId, batch.producerId(), batch.toString());
                assertEquals(0, batch.producerEpoch(), batch.toString());
                assertEquals(batch.baseOffset(), batch.baseSequence(), "one producer wrote this fresh partition: " + batch);
            }
        }

        List<JsonNode> read = run("consume-" + topic, "consume_from_beginning.py", topic, Integer.toString(PARTITIONS)).events();
        JsonNode done = read.remove(read.size() - 1);
        Map<String, Integer> ends = new TreeMap<>();
        offsets.forEach((partition, list) -> ends.put(Integer.toString(partition), list.size()));
        assertEquals(JSON.valueToTree(ends), done.get("ends"));
        assertEquals(MESSAGES, read.size(), "messages read");
        Set<Position> seen = new HashSet<>();
        for (JsonNode message : read) {
            Position position = new Position(message.get("partition").asInt(), message.get("offset").asLong());
            assertTrue(seen.add(position), "read once: " + position);
            Integer index = delivered.get(position);
            assertTrue(index != null, "delivered there: " + message);
            assertEquals("key-" + index, message.get("key").asText());
            assertEquals(value(index), message.get("value").asText());
            assertEquals(JSON.readTree("[[\"seq\", \"" + index + "\"]]"), message.get("headers"));
        }
    }

    /**
     * Two consumer processes in one group, each committing every message synchronously after
     * processing it. Messages are produced in steps and each step is consumed before the group
     * changes, so that no rebalance lands between a message and its commit and the run is exact:
     * member A alone, then A and B after a rebalance, then A alone again once B is stopped (it
     * leaves the group), then A and B restarted. Every message is read once, by partition, offset
     * and value, and the restarted member starts each partition it gets at the offset committed
     * for it (which it reads with committed()), though it would reset to the earliest.
     */
    @Test
    void twoConsumerProcessesShareEveryMessageOnceAndARestartedOneResumesFromItsCommits() throws Exception {
        String topic = "python-group";
        String group = "python-group-members";
        createTopic(topic);
        Map<Position, Integer> delivered = new HashMap<>(produce(topic, "none", 0, MESSAGES_PER_STEP));
        List<ClientProcess> started = new ArrayList<>();
        try {
            ClientProcess a = start("member-a", "group_consumer.py", topic, group);
            started.add(a);
            ClientProcess.await(() -> messages(a).size() == MESSAGES_PER_STEP, "member A to read the first step", RUN_TIMEOUT, a);
            assertEquals(Map.of("0", OFFSET_INVALID, "1", OFFSET_INVALID, "2", OFFSET_INVALID), committedOnAssignment(a).get(0),
                    "nothing was committed before A joined");

            ClientProcess b = start("member-b", "group_consumer.py", topic, group);
            started.add(b);
            awaitSplit(a, b);
            delivered.putAll(produce(topic, "none", MESSAGES_PER_STEP, MESSAGES_PER_STEP));
            ClientProcess.await(() -> messages(a).size() + messages(b).size() == 2 * MESSAGES_PER_STEP, "A and B to read the second step",
                    RUN_TIMEOUT, a, b);
            assertFalse(messages(b).isEmpty(), "B read part of the second step");

            b.send("stop");
            b.awaitExit(RUN_TIMEOUT);
            assertEquals(0, b.exitValue(), b.toString());
            ClientProcess.await(() -> assignment(a).equals(Set.of(0, 1, 2)), "A to take every partition after B left", RUN_TIMEOUT, a);

            ClientProcess restarted = start("member-b-restarted", "group_consumer.py", topic, group);
            started.add(restarted);
            awaitSplit(a, restarted);
            delivered.putAll(produce(topic, "none", 2 * MESSAGES_PER_STEP, MESSAGES_PER_STEP));
            ClientProcess.await(() -> messages(a).size() + messages(b).size() + messages(restarted).size() == 3 * MESSAGES_PER_STEP,
                    "A and the restarted B to read the third step", RUN_TIMEOUT, a, restarted);
            for (ClientProcess member : List.of(a, restarted)) {
                member.send("stop");
                member.awaitExit(RUN_TIMEOUT);
                assertEquals(0, member.exitValue(), member.toString());
            }

            for (ClientProcess member : List.of(a, b, restarted)) {
                assertEquals(List.of(), member.librdkafkaWarnings(), "librdkafka had nothing to warn about: " + member);
                assertEquals(List.of(), member.events().stream().filter(event -> event.get("event").asText().equals("error")).toList(),
                        "no errors: " + member);
            }
            List<JsonNode> read = new ArrayList<>();
            List.of(a, b, restarted).forEach(member -> read.addAll(messages(member)));
            assertReadOnceEach(delivered, read);
            assertResumedAtCommittedOffsets(restarted, delivered);
            Map<TopicPartition, Long> ends = new HashMap<>();
            delivered.keySet().forEach(position -> ends.merge(new TopicPartition(topic, position.partition()), 1L, Long::sum));
            assertEquals(ends, committedOffsets(group), "the group committed every message");
        } finally {
            for (ClientProcess member : started) {
                member.close();
            }
        }
    }

    @Test
    void adminClientCallsAnswerAsKafkaDoes() throws Exception {
        String prefix = "python-admin";
        String topicA = prefix + "-a";
        String topicB = prefix + "-b";
        Map<String, List<JsonNode>> calls = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (JsonNode event : run("admin", "admin_calls.py", prefix).events()) {
            String call = event.get("call").asText();
            order.add(call);
            calls.computeIfAbsent(call, name -> new ArrayList<>()).add(event);
        }
        assertEquals(List.of("create_topics", "create_topics_again", "list_topics", "describe_configs", "alter_configs",
                "describe_configs", "create_partitions", "create_partitions_fewer", "list_topics", "list_groups", "delete_topics",
                "delete_topics_again", "list_topics"), order);

        assertEquals(json("{'%s': null, '%s': null}", topicA, topicB), calls.get("create_topics").get(0).get("results"));
        assertEquals(json("{'%s': 'TOPIC_ALREADY_EXISTS'}", topicA), calls.get("create_topics_again").get(0).get("results"));

        JsonNode listed = calls.get("list_topics").get(0);
        assertEquals(json("[0, 1, 2]"), listed.get("topics").get(topicA));
        assertEquals(json("[0]"), listed.get("topics").get(topicB));
        assertEquals(json("['1@%s']", broker.bootstrapServers()), listed.get("brokers"));
        assertEquals(1, listed.get("controller").asInt());

        JsonNode describedA = calls.get("describe_configs").get(0);
        assertEquals(topicA, describedA.get("resource").asText());
        assertEquals(json("{'retention.ms': {'value': '3600000', 'source': 'DYNAMIC_TOPIC_CONFIG', 'is_default': false},"
                + " 'cleanup.policy': {'value': 'delete', 'source': 'DEFAULT_CONFIG', 'is_default': true},"
                + " 'max.message.bytes': {'value': '1048588', 'source': 'DEFAULT_CONFIG', 'is_default': true},"
                + " 'compression.type': {'value': 'producer', 'source': 'DEFAULT_CONFIG', 'is_default': true}}"), describedA.get("configs"));
        assertEquals(json("{'ConfigResource(Type.TOPIC,%s)': null}", topicB), calls.get("alter_configs").get(0).get("results"));
        JsonNode describedB = calls.get("describe_configs").get(1);
        assertEquals(topicB, describedB.get("resource").asText());
        assertEquals(json("{'value': '7200000', 'source': 'DYNAMIC_TOPIC_CONFIG', 'is_default': false}"),
                describedB.get("configs").get("retention.ms"));

        assertEquals(json("{'%s': null}", topicB), calls.get("create_partitions").get(0).get("results"));
        assertEquals(json("{'%s': 'INVALID_PARTITIONS'}", topicB), calls.get("create_partitions_fewer").get(0).get("results"));
        assertEquals(json("[0, 1, 2, 3]"), calls.get("list_topics").get(1).get("topics").get(topicB));

        JsonNode group = null;
        for (JsonNode candidate : calls.get("list_groups").get(0).get("groups")) {
            if (candidate.get("id").asText().equals(prefix + "-group")) {
                group = candidate;
            }
        }
        assertEquals(json("{'id': '%s-group', 'state': 'Stable', 'protocol_type': 'consumer', 'protocol': 'range', 'error': null,"
                + " 'members': [{'client_id': '%s-member', 'has_assignment': true}]}", prefix, prefix), group);

        assertEquals(json("{'%s': null, '%s': null}", topicA, topicB), calls.get("delete_topics").get(0).get("results"));
        assertEquals(json("{'%s': 'UNKNOWN_TOPIC_OR_PART'}", topicA), calls.get("delete_topics_again").get(0).get("results"));
        JsonNode remaining = calls.get("list_topics").get(2).get("topics");
        assertFalse(remaining.has(topicA) || remaining.has(topicB), "both topics are gone: " + remaining);
    }

    // ---------------------------------------------------------------------------------------------

    private static String value(int index) {
        return "value-" + index + "-" + FILLER;
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long value = from; value < to; value++) {
            values.add(value);
        }
        return values;
    }

    /** JSON written with single quotes, formatted with {@code arguments}. */
    private static JsonNode json(String singleQuoted, Object... arguments) throws Exception {
        return JSON.readTree(String.format(singleQuoted, arguments).replace('\'', '"'));
    }

    /**
     * Runs the idempotent producer script for messages first .. first+count-1 and returns where
     * each was delivered (its index by position), after checking that every one was, once.
     */
    private Map<Position, Integer> produce(String topic, String codec, int first, int count) throws Exception {
        List<JsonNode> events = run("produce-" + topic + "-" + first, "idempotent_producer.py", topic, codec,
                Integer.toString(first), Integer.toString(count)).events();
        assertEquals(json("{'done': true, 'remaining': 0}"), events.remove(events.size() - 1));
        assertEquals(count, events.size(), "delivery reports");
        Map<Position, Integer> delivered = new HashMap<>();
        Set<String> keys = new TreeSet<>();
        for (JsonNode report : events) {
            assertTrue(report.get("error").isNull(), "delivered: " + report);
            String key = report.get("key").asText();
            assertTrue(keys.add(key), "one report per message: " + report);
            Position position = new Position(report.get("partition").asInt(), report.get("offset").asLong());
            assertEquals(null, delivered.put(position, Integer.parseInt(key.substring("key-".length()))), "one message per offset: " + report);
        }
        return delivered;
    }

    /** Each delivered message was read exactly once, at the position it was delivered to, with its key and value. */
    private static void assertReadOnceEach(Map<Position, Integer> delivered, List<JsonNode> read) {
        Map<Position, Integer> readOnce = new HashMap<>();
        for (JsonNode message : read) {
            Position position = new Position(message.get("partition").asInt(), message.get("offset").asLong());
            int index = Integer.parseInt(message.get("key").asText().substring("key-".length()));
            assertEquals(null, readOnce.put(position, index), "read once: " + message);
            assertEquals(value(index), message.get("value").asText(), message.toString());
        }
        assertEquals(delivered, readOnce, "every message delivered was read, nothing else");
    }

    /**
     * The restarted member's first assignment found committed offsets for its partitions: the end
     * of each after the second step, as every message so far had been consumed and committed; and
     * it read each of them first from exactly there.
     */
    private static void assertResumedAtCommittedOffsets(ClientProcess restarted, Map<Position, Integer> delivered) {
        Map<String, Long> committed = committedOnAssignment(restarted).get(0);
        assertFalse(committed.isEmpty(), "the restarted member got partitions");
        for (Map.Entry<String, Long> entry : committed.entrySet()) {
            int partition = Integer.parseInt(entry.getKey());
            long endAfterSecondStep = delivered.entrySet().stream()
                    .filter(message -> message.getKey().partition() == partition && message.getValue() < 2 * MESSAGES_PER_STEP).count();
            assertEquals(endAfterSecondStep, entry.getValue(), "committed offset of partition " + partition);
            long firstRead = messages(restarted).stream().filter(message -> message.get("partition").asInt() == partition)
                    .mapToLong(message -> message.get("offset").asLong()).min().orElseThrow();
            assertEquals(entry.getValue(), firstRead, "the restarted member resumed partition " + partition + " at its committed offset");
        }
    }

    /** Waits until {@code first} and {@code second} each own part of the topic, together all of it. */
    private static void awaitSplit(ClientProcess first, ClientProcess second) throws InterruptedException {
        ClientProcess.await(() -> {
            Set<Integer> mine = assignment(first);
            Set<Integer> theirs = assignment(second);
            Set<Integer> union = new TreeSet<>(mine);
            union.addAll(theirs);
            return !mine.isEmpty() && !theirs.isEmpty() && union.size() == mine.size() + theirs.size() && union.equals(Set.of(0, 1, 2));
        }, "the group to rebalance over both members", RUN_TIMEOUT, first, second);
    }

    /** The partitions a member owns now: those of its last assignment, unless revoked since. */
    private static Set<Integer> assignment(ClientProcess member) {
        Set<Integer> owned = Set.of();
        for (JsonNode event : member.events()) {
            String kind = event.get("event").asText();
            if (kind.equals("assigned")) {
                owned = partitions(event);
            } else if (kind.equals("revoked")) {
                Set<Integer> remaining = new TreeSet<>(owned);
                remaining.removeAll(partitions(event));
                owned = remaining;
            }
        }
        return owned;
    }

    private static Set<Integer> partitions(JsonNode event) {
        Set<Integer> partitions = new TreeSet<>();
        event.get("partitions").forEach(partition -> partitions.add(partition.asInt()));
        return partitions;
    }

    /** The committed offsets a member found at each of its assignments, in order. */
    private static List<Map<String, Long>> committedOnAssignment(ClientProcess member) {
        List<Map<String, Long>> assignments = new ArrayList<>();
        for (JsonNode event : member.events()) {
            if (event.get("event").asText().equals("assigned")) {
                Map<String, Long> committed = new TreeMap<>();
                event.get("committed").fields().forEachRemaining(entry -> committed.put(entry.getKey(), entry.getValue().asLong()));
                assignments.add(committed);
            }
        }
        return assignments;
    }

    private static List<JsonNode> messages(ClientProcess member) {
        return member.events().stream().filter(event -> event.get("event").asText().equals("message")).toList();
    }

    private ClientProcess start(String name, String script, String... arguments) throws Exception {
        return ClientProcess.start(name, command(script, arguments), workDirectory);
    }

    private ClientProcess run(String name, String script, String... arguments) throws Exception {
        ClientProcess client = ClientProcess.run(name, command(script, arguments), workDirectory, RUN_TIMEOUT);
        assertEquals(List.of(), client.librdkafkaWarnings(), "librdkafka had nothing to warn about");
        return client;
    }

    private static List<String> command(String script, String... arguments) {
        String directory = System.getProperty("python.scripts.dir");
        assertTrue(directory != null, "the python.scripts.dir system property is not set (the pom sets it)");
        Path path = Path.of(directory, script);
        assertTrue(Files.isReadable(path), "no script at " + path);
        List<String> command = new ArrayList<>(List.of(PYTHON, path.toString(), broker.bootstrapServers()));
        Collections.addAll(command, arguments);
        return command;
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
    }

    private static Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> offsets = new HashMap<>();
            committed.forEach((partition, offset) -> offsets.put(partition, offset.offset()));
            return offsets;
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
