package io.brook.it;

import static io.brook.it.NodeScript.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KafkaJS 2.2.4, the Node.js client, against the broker: the scripts in {@code src/test/node} run
 * with {@code node}, take the bootstrap address and names as arguments and print JSON lines,
 * which these tests check exactly. KafkaJS never uses flexible versions (Metadata 6, Produce 7,
 * Fetch 11, ...), picks min(its max, our max) whatever our minimum, and consumes READ_COMMITTED.
 * Snappy, lz4 and zstd need third-party codec packages in KafkaJS, so only gzip and none are
 * produced here. Install the scripts' dependencies with {@code npm ci} in {@code src/test/node}.
 */
class KafkaJsIT {
    /** Messages a produce script sends; it sends them in chunks of 100 (produce.js). */
    private static final int MESSAGES = 1_000;
    private static final int CHUNK = 100;
    private static final int PARTITIONS = 3;
    private static final int GZIP_ID = 1;
    private static final int NONE_ID = 0;
    private static final long NO_PRODUCER_ID = -1;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension().with("group.initial.rebalance.delay.ms", "0");

    @BeforeAll
    static void kafkaJsIsInstalled() {
        NodeScript.assertInstalled();
    }

    @Test
    void metadataShowsTheClusterAndTheTopicsWithTheirPartitions() throws Exception {
        createTopic("existing", PARTITIONS);
        NodeScript.Result result = NodeScript.run("metadata.js", broker.bootstrapServers(), "existing", "created-by-send");

        String clusterId;
        try (Admin admin = admin()) {
            clusterId = admin.describeCluster().clusterId().get();
        }
        assertEquals(json("""
                {"brokers": [{"nodeId": 1, "host": "127.0.0.1", "port": %d}], "controller": 1, "clusterId": "%s"}
                """.formatted(broker.port(), clusterId)), result.step("describeCluster"));
        assertEquals(json("[\"existing\"]"), result.step("listTopicsBefore"));
        assertEquals(json("""
                [{"topicName": "created-by-send", "partition": 0, "errorCode": 0, "baseOffset": "0", "logAppendTime": "-1", "logStartOffset": "0"}]
                """), result.step("sendToNewTopic"));
        assertEquals(json("[\"created-by-send\", \"existing\"]"), result.step("listTopicsAfter"));
        assertEquals(json("{\"topics\": [" + topicMetadata("created-by-send", 1) + ", " + topicMetadata("existing", PARTITIONS) + "]}"),
                result.step("fetchTopicMetadata"));
    }

    @Test
    void producesGzipKeyedMessagesWithHeadersStoredAsGzip() throws Exception {
        List<Batch> batches = produceAndConsume("gzip-topic", "gzip", "plain");
        for (Batch batch : batches) {
            assertEquals(GZIP_ID, batch.compressionId(), () -> "stored as KafkaJS compressed it: " + batch);
            assertEquals(NO_PRODUCER_ID, batch.producerId(), () -> "not idempotent: " + batch);
        }
    }

    @Test
    void producesUncompressedKeyedMessagesWithHeaders() throws Exception {
        List<Batch> batches = produceAndConsume("plain-topic", "none", "plain");
        for (Batch batch : batches) {
            assertEquals(NONE_ID, batch.compressionId(), () -> "stored uncompressed: " + batch);
            assertEquals(NO_PRODUCER_ID, batch.producerId(), () -> "not idempotent: " + batch);
        }
    }

    @Test
    void anIdempotentProducerGetsAProducerIdAndItsSequencesAreStored() throws Exception {
        List<Batch> batches = produceAndConsume("idempotent-topic", "gzip", "idempotent");
        long producerId = batches.get(0).producerId();
        assertTrue(producerId >= 0, () -> "InitProducerId gave an id: " + batches.get(0));
        for (Batch batch : batches) {
            assertEquals(producerId, batch.producerId(), () -> "one producer id for the whole run: " + batch);
            assertEquals(0, batch.producerEpoch(), () -> "epoch: " + batch);
            assertEquals(batch.baseOffset(), batch.baseSequence(), () -> "sequences start at 0 in each partition, as offsets do: " + batch);
            assertEquals(GZIP_ID, batch.compressionId(), () -> "stored as KafkaJS compressed it: " + batch);
        }
    }

    @Test
    void consumesFromTheBeginningWhatKafkaClientsProduced() throws Exception {
        String topic = "from-java";
        createTopic(topic, 2);
        long baseTimestampMs = 1_700_000_000_000L;
        int records = 300;
        List<ObjectNode> expected = new ArrayList<>();
        int[] nextOffsets = new int[2];
        // The first half uncompressed, the second gzip: KafkaJS decompresses what kafka-clients compressed.
        try (KafkaProducer<String, String> plain = javaProducer("none"); KafkaProducer<String, String> gzip = javaProducer("gzip")) {
            for (int i = 0; i < records; i++) {
                if (i == records / 2) {
                    plain.flush();
                }
                int partition = i % 2;
                // A null key, an empty value and a null value (a tombstone) now and then.
                String key = i % 7 == 0 ? null : "java-key-" + i;
                String value = i % 11 == 0 ? null : i % 13 == 0 ? "" : "java-value-" + i;
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, baseTimestampMs + i, key, value);
                record.headers().add(new RecordHeader("source", "java".getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("i", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                (i < records / 2 ? plain : gzip).send(record);
                ObjectNode line = (ObjectNode) json("""
                        {"event": "message", "member": "consumer", "topic": "%s", "partition": %d, "offset": %d, "timestamp": %d,
                         "key": null, "value": null, "headers": {"source": "java", "i": "%d"}}
                        """.formatted(topic, partition, nextOffsets[partition]++, baseTimestampMs + i, i));
                line.put("key", key);
                line.put("value", value);
                expected.add(line);
            }
        }
        NodeScript.Result result = NodeScript.run("consume.js", broker.bootstrapServers(), topic, "from-java-group", Integer.toString(records));
        assertEquals(byPartition(expected), byPartition(result.events("message")), "every record, in order within its partition");
    }

    @Test
    void aGroupOfTwoMembersRebalancesAndCommitsEveryMessageOnce() throws Exception {
        String topic = "group-topic";
        int partitions = 4;
        int firstCount = 200;
        int secondCount = 200;
        createTopic(topic, partitions);
        NodeScript.Result result = NodeScript.run("group.js", broker.bootstrapServers(), topic, "kafkajs-group",
                Integer.toString(firstCount), Integer.toString(secondCount));

        Map<String, List<Integer>> assignments = assertRebalancedToTwoMembers(result.events("join"));
        int[] endOffsets = assertEveryMessageConsumedOnce(result, topic, partitions, firstCount, assignments);
        assertEquals(firstCount + secondCount, IntStream.of(endOffsets).sum(), "every message");

        StringBuilder committed = new StringBuilder();
        Map<TopicPartition, OffsetAndMetadata> expectedOffsets = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            committed.append(partition == 0 ? "" : ", ").append("""
                    {"partition": %d, "offset": "%d", "metadata": null}""".formatted(partition, endOffsets[partition]));
            expectedOffsets.put(new TopicPartition(topic, partition), new OffsetAndMetadata(endOffsets[partition], ""));
        }
        assertEquals(json("{\"event\": \"offsets\", \"topics\": [{\"topic\": \"" + topic + "\", \"partitions\": [" + committed + "]}]}"),
                result.events("offsets").get(0), "admin.fetchOffsets after both left: the end of every partition");
        try (Admin admin = admin()) {
            assertEquals(expectedOffsets, admin.listConsumerGroupOffsets("kafkajs-group").partitionsToOffsetAndMetadata().get(),
                    "kafka-clients reads the same commits");
        }
    }

    /** Member a joins alone, then a (still the leader) and b; returns each member's last assignment. */
    private static Map<String, List<Integer>> assertRebalancedToTwoMembers(List<JsonNode> joins) {
        assertEquals(3, joins.size(), () -> "a alone, then a and b: " + joins);
        assertEquals(json("{\"event\": \"join\", \"member\": \"a\", \"isLeader\": true, \"assignment\": [0, 1, 2, 3]}"),
                withoutMemberId(joins.get(0)));
        Map<String, List<Integer>> assignments = new TreeMap<>();
        for (JsonNode join : joins.subList(1, 3)) {
            String member = join.get("member").asText();
            assertEquals(member.equals("a"), join.get("isLeader").asBoolean(), () -> "a stays the leader: " + join);
            List<Integer> assignment = new ArrayList<>();
            join.get("assignment").forEach(partition -> assignment.add(partition.asInt()));
            assignments.put(member, assignment);
        }
        assertEquals(Set.of("a", "b"), assignments.keySet(), "both joined the second generation");
        assertEquals(Set.of(List.of(0, 2), List.of(1, 3)), Set.copyOf(assignments.values()),
                "KafkaJS's round robin over two members: " + assignments);
        return assignments;
    }

    /**
     * Every message group.js sent was given once, in offset order, to a before b joined or to the
     * member owning its partition after the rebalance; returns the next offset of each partition.
     */
    private static int[] assertEveryMessageConsumedOnce(NodeScript.Result result, String topic, int partitions, int firstCount,
                                                        Map<String, List<Integer>> assignments) {
        List<String> order = new ArrayList<>();
        for (JsonNode line : result.lines()) {
            order.add(line.get("event").asText().equals("phase") ? line.get("name").asText() : line.get("event").asText());
        }
        int firstConsumed = order.indexOf("first consumed and committed");
        int rebalanced = order.indexOf("rebalanced");
        int allConsumed = order.indexOf("all consumed and committed");
        assertTrue(firstConsumed > 0, () -> "the first messages were consumed: " + result);
        assertTrue(rebalanced > firstConsumed, () -> "then the group rebalanced: " + result);
        assertTrue(allConsumed > rebalanced, () -> "then every message was consumed: " + result);

        int[] nextOffsets = new int[partitions];
        Set<Integer> seen = new HashSet<>();
        for (int index = 0; index < order.size(); index++) {
            if (!order.get(index).equals("message")) {
                continue;
            }
            JsonNode message = result.lines().get(index);
            int i = Integer.parseInt(message.get("key").asText().substring("key-".length()));
            assertTrue(seen.add(i), () -> "given once: " + message);
            int partition = partitionOf(i, partitions);
            assertEquals(expectedMessage(topic, i, partition, nextOffsets[partition]++), withoutMemberAndTimestamp(message),
                    "Java's murmur2 partitioner, offsets in order");
            String member = message.get("member").asText();
            if (i < firstCount) {
                assertTrue(index < firstConsumed, () -> "consumed before b joined: " + message);
                assertEquals("a", member, () -> "a consumed alone: " + message);
            } else {
                assertTrue(index > rebalanced, () -> "sent after the rebalance: " + message);
                assertTrue(assignments.get(member).contains(partition), () -> "consumed by the member that owns the partition: " + message);
            }
        }
        return nextOffsets;
    }

    private static JsonNode withoutMemberId(JsonNode join) {
        ObjectNode copy = join.deepCopy();
        copy.remove("memberId");
        return copy;
    }

    @Test
    void adminCreatesDescribesAndDeletesTopicsAndGroups() throws Exception {
        String topic = "admin-topic";
        String group = "admin-group";
        NodeScript.Result result = NodeScript.run("admin.js", broker.bootstrapServers(), topic, group);

        assertEquals(json("true"), result.step("createTopics"));
        assertEquals(json("false"), result.step("createTopicsAgain"), "TOPIC_ALREADY_EXISTS, which KafkaJS reports as false");
        assertEquals(json("[\"" + topic + "\"]"), result.step("listTopics"));
        assertEquals(json("{\"topics\": [" + topicMetadata(topic, 2) + "]}"), result.step("fetchTopicMetadata"));
        assertEquals(json("""
                [{"errorCode": 0, "errorMessage": "", "resourceType": 2, "resourceName": "%s",
                  "configEntries": [{"configName": "retention.ms", "configValue": "3600000", "readOnly": false, "isDefault": false,
                                     "configSource": 1, "isSensitive": false, "configSynonyms": []}]}]
                """.formatted(topic)), result.step("describeConfigs"));
        assertEquals(json("null"), result.step("createPartitions"));
        assertEquals(json("{\"topics\": [" + topicMetadata(topic, 3) + "]}"), result.step("fetchTopicMetadataAfterCreatePartitions"));
        assertEquals(json("""
                [{"partition": 0, "offset": "3", "high": "3", "low": "0"},
                 {"partition": 1, "offset": "5", "high": "5", "low": "0"},
                 {"partition": 2, "offset": "0", "high": "0", "low": "0"}]
                """), result.step("fetchTopicOffsets"));

        JsonNode running = result.step("describeGroupsWhileRunning");
        String memberId = running.path(0).path("members").path(0).path("memberId").asText();
        assertTrue(memberId.startsWith("admin-"), () -> "the member id starts with the client id, as Kafka's do: " + running);
        assertEquals(json("""
                [{"errorCode": 0, "groupId": "%s", "state": "Stable", "protocolType": "consumer", "protocol": "RoundRobinAssigner",
                  "members": [{"memberId": "%s", "clientId": "admin", "clientHost": "/127.0.0.1",
                               "memberMetadata": {"version": 0, "topics": ["%s"], "userData": {"type": "Buffer", "data": []}},
                               "memberAssignment": {"version": 0, "assignment": {"%s": [0, 1, 2]}, "userData": {"type": "Buffer", "data": []}}}]}]
                """.formatted(group, memberId, topic, topic)), running);
        assertEquals(json("""
                [{"errorCode": 0, "groupId": "%s", "state": "Empty", "protocolType": "consumer", "protocol": "", "members": []}]
                """.formatted(group)), result.step("describeGroupsAfterLeaving"));
        assertEquals(json("{\"groups\": [{\"groupId\": \"" + group + "\", \"protocolType\": \"consumer\"}]}"), result.step("listGroups"));
        assertEquals(json("""
                [{"topic": "%s", "partitions": [{"partition": 0, "offset": "3", "metadata": null},
                                                {"partition": 1, "offset": "5", "metadata": null},
                                                {"partition": 2, "offset": "-1", "metadata": null}]}]
                """.formatted(topic)), result.step("fetchOffsets"), "the consumer committed the partitions it read from, not the empty one");
        assertEquals(json("[{\"groupId\": \"" + group + "\", \"errorCode\": 0}]"), result.step("deleteGroups"));
        assertEquals(json("{\"groups\": []}"), result.step("listGroupsAfterDelete"));
        assertEquals(json("null"), result.step("deleteTopics"));
        assertEquals(json("[]"), result.step("listTopicsAfterDelete"));
    }

    /**
     * Sends {@link #MESSAGES} keyed messages with headers through produce.js to a topic of
     * {@link #PARTITIONS} partitions, checks each send's result, reads them all back with
     * consume.js, and returns the batches stored on disk after checking their offsets and counts.
     */
    private List<Batch> produceAndConsume(String topic, String codec, String mode) throws Exception {
        createTopic(topic, PARTITIONS);
        Expected expected = Expected.of(topic);
        long beforeMs = System.currentTimeMillis();
        NodeScript.Result sent = NodeScript.run("produce.js", broker.bootstrapServers(), topic, codec, Integer.toString(MESSAGES), mode);
        long afterMs = System.currentTimeMillis();

        List<JsonNode> sendResults = sent.events("sent");
        assertEquals(PARTITIONS * expected.sendResults().size(), sendResults.size(), "one result per partition and send()");
        for (int send = 0; send < expected.sendResults().size(); send++) {
            List<JsonNode> actual = new ArrayList<>(sendResults.subList(send * PARTITIONS, (send + 1) * PARTITIONS));
            actual.sort(Comparator.comparingInt(result -> result.get("partition").asInt()));
            assertEquals(expected.sendResults().get(send), actual, "send() number " + send);
        }

        NodeScript.Result consumed = NodeScript.run("consume.js", broker.bootstrapServers(), topic, topic + "-reader", Integer.toString(MESSAGES));
        List<JsonNode> messages = new ArrayList<>();
        for (JsonNode message : consumed.events("message")) {
            long timestampMs = message.get("timestamp").asLong();
            assertTrue(timestampMs >= beforeMs, () -> "KafkaJS's send time: " + message);
            assertTrue(timestampMs <= afterMs, () -> "KafkaJS's send time: " + message);
            messages.add(withoutMemberAndTimestamp(message));
        }
        assertEquals(byPartition(expected.messages()), byPartition(messages), "every message back, in order within its partition");

        List<Batch> stored = storedBatches(topic);
        assertEquals(batchLayout(expected.batches()), batchLayout(stored), "one batch per partition and send()");
        return stored;
    }

    /**
     * What produce.js should make of {@link #MESSAGES} messages: per send() (a chunk of
     * {@link #CHUNK}), its result for each partition, sorted by partition; one batch per partition
     * and send(); and the messages as consume.js prints them (without member and timestamp).
     */
    private record Expected(List<List<JsonNode>> sendResults, List<Batch> batches, List<JsonNode> messages) {
        static Expected of(String topic) {
            Expected expected = new Expected(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            long[] nextOffsets = new long[PARTITIONS];
            for (int first = 0; first < MESSAGES; first += CHUNK) {
                List<JsonNode> results = new ArrayList<>();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    List<Integer> chunk = new ArrayList<>();
                    for (int i = first; i < first + CHUNK; i++) {
                        if (partitionOf(i, PARTITIONS) == partition) {
                            chunk.add(i);
                        }
                    }
                    assertFalse(chunk.isEmpty(), "every partition gets messages from every chunk, given these keys");
                    results.add(json("""
                            {"event": "sent", "topicName": "%s", "partition": %d, "errorCode": 0, "baseOffset": "%d",
                             "logAppendTime": "-1", "logStartOffset": "0"}
                            """.formatted(topic, partition, nextOffsets[partition])));
                    expected.batches().add(new Batch(partition, nextOffsets[partition], chunk.size(), -1, -1, (short) -1, -1));
                    for (int i : chunk) {
                        expected.messages().add(expectedMessage(topic, i, partition, nextOffsets[partition]++));
                    }
                }
                expected.sendResults().add(results);
            }
            return expected;
        }
    }

    /** What consume.js prints for message {@code i} of produce.js, without its member and timestamp. */
    private static JsonNode expectedMessage(String topic, int i, int partition, long offset) {
        return json("""
                {"event": "message", "topic": "%s", "partition": %d, "offset": %d, "key": "key-%d", "value": "value-%d-%s",
                 "headers": {"h": "header-%d", "n": "%d"}}
                """.formatted(topic, partition, offset, i, i, "x".repeat(i % 50), i, i));
    }

    private static JsonNode withoutMemberAndTimestamp(JsonNode message) {
        ObjectNode copy = message.deepCopy();
        copy.remove("member");
        copy.remove("timestamp");
        return copy;
    }

    /** Lines grouped by their partition, in their order: KafkaJS interleaves partitions as it likes. */
    private static Map<Integer, List<JsonNode>> byPartition(List<? extends JsonNode> messages) {
        Map<Integer, List<JsonNode>> grouped = new TreeMap<>();
        for (JsonNode message : messages) {
            grouped.computeIfAbsent(message.get("partition").asInt(), partition -> new ArrayList<>()).add(message);
        }
        return grouped;
    }

    /** The partition KafkaJS's DefaultPartitioner picks for key-i: Java's murmur2, as in kafka-clients. */
    private static int partitionOf(int i, int partitions) {
        return Utils.toPositive(Utils.murmur2(("key-" + i).getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** fetchTopicMetadata's entry for a topic of ours: node 1 leads every partition and is its only replica. */
    private static String topicMetadata(String topic, int partitions) {
        StringBuilder entries = new StringBuilder();
        for (int partition = 0; partition < partitions; partition++) {
            entries.append(partition == 0 ? "" : ", ").append("""
                    {"partitionErrorCode": 0, "partitionId": %d, "leader": 1, "replicas": [1], "isr": [1], "offlineReplicas": []}"""
                    .formatted(partition));
        }
        return "{\"name\": \"" + topic + "\", \"partitions\": [" + entries + "]}";
    }

    /** A stored batch's header fields that these tests check. */
    private record Batch(int partition, long baseOffset, int recordCount, int compressionId, long producerId, short producerEpoch,
                         int baseSequence) {
    }

    /** Partition, base offset and record count of each batch: what produce.js's sends should have made. */
    private static List<String> batchLayout(List<Batch> batches) {
        return batches.stream().map(batch -> batch.partition() + "@" + batch.baseOffset() + "+" + batch.recordCount()).sorted().toList();
    }

    /** Every batch in the topic's segment files, read from disk as CompressionIT does. */
    private List<Batch> storedBatches(String topic) throws Exception {
        List<Batch> batches = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            List<Path> logs;
            try (var files = Files.list(broker.dataDirectory().resolve(topic + "-" + partition))) {
                logs = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
            }
            for (Path log : logs) {
                ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(log));
                RecordBatchView view = new RecordBatchView();
                for (int position = 0; position < bytes.readableBytes(); position += view.sizeInBytes()) {
                    view.wrap(bytes, position);
                    batches.add(new Batch(partition, view.baseOffset(), view.recordCount(), view.compressionId(), view.producerId(),
                            view.producerEpoch(), view.baseSequence()));
                }
            }
        }
        return batches;
    }

    private void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private KafkaProducer<String, String> javaProducer(String compression) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
