package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DeleteRecords through AdminClient: the low watermark advances, whole segments below it go, a
 * consumer positioned below it resets per auto.offset.reset, and the new start survives a restart.
 */
class DeleteRecordsIT {
    private static final String TOPIC = "trimmed";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final int RECORDS = 2_000;
    private static final long DELETE_BEFORE = 1_234;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension().with("log.segment.bytes", "4096");

    @Test
    void deleteRecordsAdvancesTheLowWatermarkAndConsumersBelowItReset() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            produce();
            int segmentsBefore = segmentFiles().size();
            assertTrue(segmentsBefore > 5, "the test needs several segments, got " + segmentsBefore);

            long lowWatermark = admin.deleteRecords(Map.of(PARTITION, RecordsToDelete.beforeOffset(DELETE_BEFORE)))
                    .lowWatermarks().get(PARTITION).get().lowWatermark();
            assertEquals(DELETE_BEFORE, lowWatermark);
            List<String> checkpoint = Files.readAllLines(broker.dataDirectory().resolve("log-start-offset-checkpoint"));
            assertTrue(checkpoint.contains(TOPIC + " 0 " + DELETE_BEFORE),
                    "the new start is on disk before the response, so a crash keeps it: " + checkpoint);
            assertEquals(DELETE_BEFORE, earliest(admin));
            List<Long> remaining = segmentFiles();
            assertTrue(remaining.size() < segmentsBefore, "segments wholly below the low watermark are deleted: " + remaining);
            assertTrue(remaining.get(0) > 0 && remaining.get(0) <= DELETE_BEFORE,
                    "the first segment kept holds the low watermark: " + remaining);

            // Moving it back changes nothing; past the high watermark is out of range.
            assertEquals(DELETE_BEFORE, admin.deleteRecords(Map.of(PARTITION, RecordsToDelete.beforeOffset(10)))
                    .lowWatermarks().get(PARTITION).get().lowWatermark());
            ExecutionException beyond = assertThrows(ExecutionException.class, () -> admin.deleteRecords(
                    Map.of(PARTITION, RecordsToDelete.beforeOffset(RECORDS + 1))).lowWatermarks().get(PARTITION).get());
            assertInstanceOf(OffsetOutOfRangeException.class, beyond.getCause());
        }

        assertEquals(DELETE_BEFORE, firstOffsetConsumedFrom(100, "earliest"));
        assertEquals(RECORDS, positionAfterResetFrom(100, "latest"));

        broker.restart();
        try (Admin admin = admin()) {
            assertEquals(DELETE_BEFORE, earliest(admin), "the log start offset survives a restart");
        }
        assertEquals(DELETE_BEFORE, firstOffsetConsumedFrom(0, "earliest"));
    }

    private void produce() throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, "1024");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, "value-" + i));
            }
            producer.flush();
        }
    }

    private static long earliest(Admin admin) throws Exception {
        return admin.listOffsets(Map.of(PARTITION, OffsetSpec.earliest())).partitionResult(PARTITION).get().offset();
    }

    /** Base offsets of the partition's live segment files, in order. */
    private List<Long> segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(broker.dataDirectory().resolve(TOPIC + "-0"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".log"))
                    .map(name -> Long.parseLong(name.substring(0, 20))).sorted().toList();
        }
    }

    private long firstOffsetConsumedFrom(long position, String reset) {
        try (KafkaConsumer<String, String> consumer = consumer(reset)) {
            consumer.assign(List.of(PARTITION));
            consumer.seek(PARTITION, position);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    long first = records.iterator().next().offset();
                    assertEquals("value-" + first, records.iterator().next().value());
                    return first;
                }
            }
            throw new AssertionError("no records consumed from " + position);
        }
    }

    private long positionAfterResetFrom(long position, String reset) {
        try (KafkaConsumer<String, String> consumer = consumer(reset)) {
            consumer.assign(List.of(PARTITION));
            consumer.seek(PARTITION, position);
            consumer.poll(Duration.ofMillis(500));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(PARTITION) == position && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            return consumer.position(PARTITION);
        }
    }

    private KafkaConsumer<String, String> consumer(String reset) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
