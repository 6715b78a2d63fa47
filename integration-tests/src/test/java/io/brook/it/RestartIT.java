package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.InitProducerIdResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance 4: after a clean stop and a start on the same log.dirs, all topics and records are
 * there, offsets continue, and producer ids handed out after the restart are new.
 */
class RestartIT {
    private static final int RECORDS_PER_TOPIC = 1_000;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension().with("log.segment.bytes", "16384");

    @Test
    void topicsRecordsAndOffsetsSurviveACleanRestartAndProducerIdsAreNew() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("first", 2, (short) 1), new NewTopic("second", 1, (short) 1),
                    new NewTopic("empty", 3, (short) 1))).all().get();
        }
        produce("first", 0, RECORDS_PER_TOPIC);
        produce("second", 0, RECORDS_PER_TOPIC);
        long producerIdBefore = initProducerId();

        broker.restart();

        try (Admin admin = admin()) {
            assertEquals(Set.of("first", "second", "empty"), admin.listTopics().names().get());
            assertEquals(3, admin.describeTopics(List.of("empty")).allTopicNames().get().get("empty").partitions().size());
        }
        assertEquals(expectedValues(RECORDS_PER_TOPIC), consumeAll("first", 2));
        assertEquals(expectedValues(RECORDS_PER_TOPIC), consumeAll("second", 1));
        produce("second", RECORDS_PER_TOPIC, 10);
        assertEquals(expectedValues(RECORDS_PER_TOPIC + 10), consumeAll("second", 1));
        assertTrue(initProducerId() > producerIdBefore, "producer ids after a restart are new");
    }

    /** Sends values "value-from" .. "value-(from + count - 1)" to partition 0, which must store them at offsets from.. on. */
    private void produce(String topic, int from, int count) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            Future<RecordMetadata> last = null;
            for (int i = from; i < from + count; i++) {
                last = producer.send(new ProducerRecord<>(topic, 0, null, "value-" + i));
            }
            assertEquals(from + count - 1, last.get().offset(), "offsets continue where the log ended");
        }
    }

    private static List<String> expectedValues(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add("value-" + i);
        }
        return values;
    }

    private List<String> consumeAll(String topic, int partitions) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(topic, p));
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long expected = end.values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.currentTimeMillis() + 60_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private long initProducerId() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            InitProducerIdResponse response = client.call(ApiKey.INIT_PRODUCER_ID, (short) 4, Requests.initProducerId(), InitProducerIdResponse.class);
            assertEquals(ErrorCode.NONE.code(), response.errorCode());
            return response.producerId();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
