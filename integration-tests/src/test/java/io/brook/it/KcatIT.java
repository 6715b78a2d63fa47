package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kcat (Debian's 1.7.1, on librdkafka 2.0.2) against the broker: it produces keyed messages with
 * headers in every codec and consumes them back exactly, lists metadata as text and JSON, runs a
 * balanced consumer group that commits, produces idempotently, and looks offsets up by time.
 *
 * <p>Messages go in and come out through kcat's own delimiters: the producer splits its input
 * with {@code -D} (messages) and {@code -K} (key from value) so that values may hold newlines and
 * tabs; the consumer prints each message with a format string that gives the key's and value's
 * lengths before their bytes, so that the output parses without guessing.
 */
class KcatIT {
    private static final int MESSAGES = 10_000;
    private static final int PARTITIONS = 3;
    private static final String KCAT = "kcat";
    /** Between messages in the producer's input (ASCII record separator), and after each in the consumer's output. */
    private static final char MESSAGE_DELIMITER = 0x1e;
    /** Between key and value in the producer's input (ASCII unit separator). */
    private static final char KEY_DELIMITER = 0x1f;
    /**
     * Partition, offset, key length, value length and headers, tab-separated, then key and value
     * bytes, then the message delimiter. Headers print as {@code name=value,...}.
     */
    private static final String CONSUMER_FORMAT = "%p\\t%o\\t%K\\t%S\\t%h\\t%k%s\\x1e";
    /** The headers every message of a run gets ({@code -H}); the codec's name is added in front. */
    private static final List<String> HEADERS = List.of("client=kcat", "dup=1", "dup=2", "empty=");
    /** Compressible, so that librdkafka compresses even a batch of one (it sends a batch that would grow uncompressed). */
    private static final String FILLER = "abcdefghij".repeat(8);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension().with("group.initial.rebalance.delay.ms", "0");

    @TempDir
    Path workDirectory;

    /** One message as kcat consumed it. */
    record Consumed(int partition, long offset, String key, String headers, String value) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void producesAndConsumesTenThousandKeyedMessagesWithHeaders(String codec) throws Exception {
        String topic = "kcat-" + codec;
        createTopic(topic, PARTITIONS);
        List<String> headers = new ArrayList<>(List.of("codec=" + codec));
        headers.addAll(HEADERS);

        produce(topic, 0, MESSAGES, headers, List.of("-X", "compression.codec=" + codec));
        List<Consumed> consumed = consumeFromBeginning(topic);

        assertExactly(consumed, 0, MESSAGES, String.join(",", headers));
        for (int partition = 0; partition < PARTITIONS; partition++) {
            List<String> codecs = StoredBatches.codecs(broker.dataDirectory(), topic, partition);
            assertFalse(codecs.isEmpty(), "partition " + partition + " holds batches");
            assertEquals(Collections.nCopies(codecs.size(), codec), codecs, "every batch of partition " + partition + " is stored as " + codec);
        }
    }

    @Test
    void metadataListShowsTopicsWithTheirPartitions() throws Exception {
        createTopic("kcat-listed-3", 3);
        createTopic("kcat-listed-1", 1);
        List<String> lines = new String(kcat("list", List.of("-L")).stdoutBytes(), StandardCharsets.UTF_8).lines().toList();

        assertEquals("Metadata for all topics (from broker 1: " + broker.bootstrapServers() + "/1):", lines.get(0));
        assertEquals(" 1 brokers:", lines.get(1));
        assertEquals("  broker 1 at " + broker.bootstrapServers() + " (controller)", lines.get(2));
        assertEquals(List.of(
                "  topic \"kcat-listed-3\" with 3 partitions:",
                "    partition 0, leader 1, replicas: 1, isrs: 1",
                "    partition 1, leader 1, replicas: 1, isrs: 1",
                "    partition 2, leader 1, replicas: 1, isrs: 1"), topicLines(lines, "kcat-listed-3"));
        assertEquals(List.of(
                "  topic \"kcat-listed-1\" with 1 partitions:",
                "    partition 0, leader 1, replicas: 1, isrs: 1"), topicLines(lines, "kcat-listed-1"));
        long topicCount = lines.stream().filter(line -> line.startsWith("  topic \"")).count();
        assertEquals(" " + topicCount + " topics:", lines.get(3), "the count heads the topics listed");
    }

    @Test
    void metadataListAsJsonShowsTopicsWithTheirPartitions() throws Exception {
        createTopic("kcat-json-3", 3);
        JsonNode metadata = JSON.readTree(kcat("list-json", List.of("-L", "-J")).stdoutBytes());

        assertEquals(1, metadata.get("controllerid").asInt());
        assertEquals(1, metadata.get("originating_broker").get("id").asInt());
        assertEquals(JSON.readTree("[{\"id\": 1, \"name\": \"" + broker.bootstrapServers() + "\"}]"), metadata.get("brokers"));
        JsonNode topic = null;
        for (JsonNode candidate : metadata.get("topics")) {
            if (candidate.get("topic").asText().equals("kcat-json-3")) {
                topic = candidate;
            }
        }
        assertTrue(topic != null, "kcat-json-3 is listed: " + metadata);
        assertFalse(topic.has("error"), "no topic error: " + topic);
        List<JsonNode> expected = new ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            expected.add(JSON.readTree("{\"partition\": " + partition + ", \"leader\": 1, \"replicas\": [{\"id\": 1}], \"isrs\": [{\"id\": 1}]}"));
        }
        assertEquals(JSON.valueToTree(expected), topic.get("partitions"));
    }

    /**
     * {@code -G}: kcat as a member of a balanced consumer group, which commits what it consumed
     * (auto-commit, and a final commit on close). A second run of the group reads only what was
     * produced since, from the committed offsets, although it would reset to the earliest.
     */
    @Test
    void balancedConsumerCommitsAndTheNextRunResumesFromTheCommittedOffsets() throws Exception {
        String topic = "kcat-group";
        String group = "kcat-group-members";
        int perRun = 600;
        createTopic(topic, PARTITIONS);

        produce(topic, 0, perRun, HEADERS, List.of());
        assertExactly(consumeInGroup(topic, group, "first-run"), 0, perRun, String.join(",", HEADERS));
        assertEquals(endOffsets(topic, perRun), committedOffsets(group, topic));

        produce(topic, perRun, perRun, HEADERS, List.of());
        assertExactly(consumeInGroup(topic, group, "second-run"), perRun, perRun, String.join(",", HEADERS));
        assertEquals(endOffsets(topic, 2 * perRun), committedOffsets(group, topic));
    }

    /**
     * kcat has no flag for it, but {@code -X enable.idempotence=true} makes librdkafka an idempotent
     * producer: one producer id for every partition, sequence numbers from 0 without gaps.
     */
    @Test
    void idempotentProducerThroughLibrdkafkaConfig() throws Exception {
        String topic = "kcat-idempotent";
        int messages = 3_000;
        createTopic(topic, PARTITIONS);

        produce(topic, 0, messages, HEADERS, List.of("-X", "enable.idempotence=true", "-X", "batch.num.messages=100"));

        assertExactly(consumeFromBeginning(topic), 0, messages, String.join(",", HEADERS));
        long producerId = StoredBatches.of(broker.dataDirectory(), topic, 0).get(0).producerId();
        assertTrue(producerId >= 0, "a producer id was assigned: " + producerId);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            List<StoredBatches.Batch> batches = StoredBatches.of(broker.dataDirectory(), topic, partition);
            assertTrue(batches.size() > 1, "several batches in partition " + partition + ": " + batches);
            for (StoredBatches.Batch batch : batches) {
                assertEquals(producerId, batch.producerId(), batch.toString());
                assertEquals(0, batch.producerEpoch(), batch.toString());
                // One producer wrote this fresh partition, so its sequence numbers run with the offsets.
                assertEquals(batch.baseOffset(), batch.baseSequence(), batch.toString());
            }
        }
    }

    /** {@code -Q}: ListOffsets by timestamp, latest included, for several partitions at once. */
    @Test
    void queryModeLooksUpOffsetsByTimestamp() throws Exception {
        String topic = "kcat-times";
        createTopic(topic, PARTITIONS);
        long baseMs = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, baseMs + i * 1_000L, null, "v" + i));
                }
            }
            producer.flush();
        }
        JsonNode offsets = JSON.readTree(kcat("query", List.of("-Q", "-J",
                "-t", topic + ":0:" + (baseMs + 2_500),
                "-t", topic + ":1:-1",
                "-t", topic + ":2:" + (baseMs + 10_000))).stdoutBytes()).get(topic);

        assertEquals(3, offsets.get("0").get("offset").asLong(), "the first record at or after the time");
        assertEquals(10, offsets.get("1").get("offset").asLong(), "-1 asks for the end");
        assertEquals(-1, offsets.get("2").get("offset").asLong(), "no record at or after the time");
    }

    // ---------------------------------------------------------------------------------------------

    /** Message i's key, and its value: two lines with a tab, so that only kcat's delimiters can split them. */
    private static String key(int i) {
        return "key-" + i;
    }

    private static String value(int i) {
        return "value " + i + "\nsecond line\t" + FILLER;
    }

    /** librdkafka's default partitioner (consistent_random) for a keyed message: CRC-32 of the key, modulo the partitions. */
    private static int partitionOf(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % PARTITIONS);
    }

    /** kcat -P: messages first .. first+count-1 from a file split by -D and -K, with {@code headers} on each. */
    private void produce(String topic, int first, int count, List<String> headers, List<String> options) throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            input.append(key(i)).append(KEY_DELIMITER).append(value(i)).append(MESSAGE_DELIMITER);
        }
        Path file = workDirectory.resolve(topic + "-" + first + ".in");
        Files.writeString(file, input, StandardCharsets.UTF_8);
        List<String> arguments = new ArrayList<>(List.of("-P", "-t", topic, "-D", "\\x1e", "-K", "\\x1f", "-l", file.toString()));
        for (String header : headers) {
            arguments.add("-H");
            arguments.add(header);
        }
        arguments.addAll(options);
        ClientProcess producer = kcat("produce-" + topic + "-" + first, arguments);
        assertFalse(producer.stderr().contains("Delivery failed"), producer.stderr());
    }

    private List<Consumed> consumeFromBeginning(String topic) throws Exception {
        return parse(kcat("consume-" + topic, List.of("-C", "-t", topic, "-o", "beginning", "-e", "-f", CONSUMER_FORMAT)).stdoutBytes());
    }

    private List<Consumed> consumeInGroup(String topic, String group, String run) throws Exception {
        return parse(kcat("group-" + run, List.of("-G", group, topic, "-e", "-X", "auto.offset.reset=earliest", "-f", CONSUMER_FORMAT))
                .stdoutBytes());
    }

    private ClientProcess kcat(String name, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(KCAT, "-b", broker.bootstrapServers()));
        command.addAll(arguments);
        ClientProcess kcat = ClientProcess.run(name, command, workDirectory, RUN_TIMEOUT);
        assertEquals(List.of(), kcat.librdkafkaWarnings(), "librdkafka had nothing to warn about");
        return kcat;
    }

    /** Splits the consumer's output ({@link #CONSUMER_FORMAT}) into messages, by the lengths it printed. */
    private static List<Consumed> parse(byte[] output) {
        List<Consumed> messages = new ArrayList<>();
        int position = 0;
        while (position < output.length) {
            String[] fields = new String[5];
            for (int field = 0; field < fields.length; field++) {
                int tab = indexOf(output, (byte) '\t', position);
                fields[field] = new String(output, position, tab - position, StandardCharsets.UTF_8);
                position = tab + 1;
            }
            int keyBytes = Integer.parseInt(fields[2]);
            int valueBytes = Integer.parseInt(fields[3]);
            String key = new String(output, position, keyBytes, StandardCharsets.UTF_8);
            String value = new String(output, position + keyBytes, valueBytes, StandardCharsets.UTF_8);
            position += keyBytes + valueBytes;
            assertEquals(MESSAGE_DELIMITER, output[position], "a message ends with the delimiter at byte " + position);
            position++;
            messages.add(new Consumed(Integer.parseInt(fields[0]), Long.parseLong(fields[1]), key, fields[4], value));
        }
        return messages;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("no field separator after byte " + from);
    }

    /**
     * {@code consumed} is messages first .. first+count-1 exactly: each in the partition its key
     * hashes to, each partition's in the order produced at consecutive offsets (starting where the
     * messages before {@code first} ended), with its value and headers, and nothing else.
     */
    private static void assertExactly(List<Consumed> consumed, int first, int count, String headers) {
        Map<Integer, List<Consumed>> byPartition = new TreeMap<>(consumed.stream().collect(Collectors.groupingBy(Consumed::partition)));
        Map<Integer, List<Integer>> expected = new TreeMap<>(IntStream.range(first, first + count).boxed()
                .collect(Collectors.groupingBy(i -> partitionOf(key(i)))));
        Map<Integer, Long> startOffsets = new TreeMap<>();
        IntStream.range(0, first).forEach(i -> startOffsets.merge(partitionOf(key(i)), 1L, Long::sum));

        assertEquals(expected.keySet(), byPartition.keySet(), "the partitions that got messages");
        for (Map.Entry<Integer, List<Integer>> entry : expected.entrySet()) {
            int partition = entry.getKey();
            List<Integer> indexes = entry.getValue();
            List<Consumed> actual = byPartition.get(partition);
            assertEquals(indexes.size(), actual.size(), "messages in partition " + partition);
            long offset = startOffsets.getOrDefault(partition, 0L);
            for (int n = 0; n < indexes.size(); n++) {
                int i = indexes.get(n);
                assertEquals(new Consumed(partition, offset + n, key(i), headers, value(i)), actual.get(n));
            }
        }
    }

    /** The end offset of each partition after messages 0 .. count-1, as a committed-offsets map. */
    private static Map<TopicPartition, Long> endOffsets(String topic, int count) {
        Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        IntStream.range(0, count).forEach(i -> ends.merge(new TopicPartition(topic, partitionOf(key(i))), 1L, Long::sum));
        return ends;
    }

    private Map<TopicPartition, Long> committedOffsets(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
            committed.forEach((partition, offset) -> offsets.put(partition, offset.offset()));
            return offsets;
        }
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** The lines of {@code topic} in kcat -L's text: its heading and one line per partition. */
    private static List<String> topicLines(List<String> lines, String topic) {
        int start = lines.indexOf(lines.stream().filter(line -> line.startsWith("  topic \"" + topic + "\"")).findFirst()
                .orElseThrow(() -> new AssertionError(topic + " is not listed: " + lines)));
        int end = start + 1;
        while (end < lines.size() && lines.get(end).startsWith("    ")) {
            end++;
        }
        return lines.subList(start, end);
    }
}
