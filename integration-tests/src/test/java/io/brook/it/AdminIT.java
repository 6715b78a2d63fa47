package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.message.ProduceResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance 3: producing to an unknown topic creates it with num.partitions; AdminClient
 * createTopics, listTopics and deleteTopics work, and a deleted topic's files are gone.
 */
class AdminIT {
    private static final int NUM_PARTITIONS = 4;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension().with("num.partitions", Integer.toString(NUM_PARTITIONS));

    @Test
    void producerToAnUnknownTopicCreatesItWithNumPartitions() throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertEquals(0, producer.send(new ProducerRecord<>("made-by-producer", 3, "k", "v")).get().offset());
            assertEquals(NUM_PARTITIONS, producer.partitionsFor("made-by-producer").size());
        }
        assertEquals(NUM_PARTITIONS, describe("made-by-producer").partitions().size());
    }

    @Test
    void rawProduceToAnUnknownTopicCreatesItToo() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            ProduceResponse produced = client.call(ApiKey.PRODUCE, (short) 9,
                    Requests.produce("made-by-produce-request", 2, (short) 1, TestBatches.plain(2)), ProduceResponse.class);
            assertEquals(ErrorCode.NONE.code(), produced.responses().get(0).partitionResponses().get(0).errorCode());
            MetadataResponse metadata = client.call(ApiKey.METADATA, (short) 12,
                    Requests.metadata("made-by-produce-request").setAllowAutoTopicCreation(false), MetadataResponse.class);
            assertEquals(NUM_PARTITIONS, metadata.topics().get(0).partitions().size());
        }
    }

    @Test
    void metadataWithoutAutoCreationLeavesUnknownTopicsUnknown() throws Exception {
        try (WireClient client = new WireClient(broker.port())) {
            MetadataRequest request = Requests.metadata("not-created").setAllowAutoTopicCreation(false);
            MetadataResponse metadata = client.call(ApiKey.METADATA, (short) 12, request, MetadataResponse.class);
            assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), metadata.topics().get(0).errorCode());
        }
        try (Admin admin = admin()) {
            assertFalse(admin.listTopics().names().get().contains("not-created"));
        }
    }

    @Test
    void createListAndDeleteTopicsWithTheAdminClient() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1), new NewTopic("payments", java.util.Optional.empty(),
                    java.util.Optional.empty()))).all().get();
            assertEquals(Set.of("orders", "payments"), admin.listTopics().names().get());
            assertEquals(3, describe("orders").partitions().size());
            assertEquals(NUM_PARTITIONS, describe("payments").partitions().size());
            assertTrue(Files.isDirectory(broker.dataDirectory().resolve("orders-2")));

            admin.deleteTopics(List.of("orders")).all().get();
            assertEquals(Set.of("payments"), admin.listTopics().names().get());
            assertEquals(List.of(), partitionDirectoriesOf("orders"), "the deleted topic's files are gone");
            assertEquals(NUM_PARTITIONS, partitionDirectoriesOf("payments").size());
        }
    }

    @Test
    void adminErrorsAreKafkas() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("exists", 1, (short) 1))).all().get();
            assertCause(TopicExistsException.class, () -> admin.createTopics(List.of(new NewTopic("exists", 1, (short) 1))).all().get());
            assertCause(InvalidReplicationFactorException.class,
                    () -> admin.createTopics(List.of(new NewTopic("three-replicas", 1, (short) 3))).all().get());
            assertCause(InvalidTopicException.class, () -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get());
            // The group log's name: Kafka answers INVALID_REQUEST for its own internal log, __cluster_metadata.
            assertCause(InvalidRequestException.class,
                    () -> admin.createTopics(List.of(new NewTopic("__brook_groups", 1, (short) 1))).all().get());
            assertCause(UnknownTopicOrPartitionException.class, () -> admin.deleteTopics(List.of("never-was")).all().get());
        }
    }

    private TopicDescription describe(String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        }
    }

    private List<Path> partitionDirectoriesOf(String topic) throws Exception {
        try (Stream<Path> entries = Files.list(broker.dataDirectory())) {
            return entries.filter(path -> path.getFileName().toString().matches(java.util.regex.Pattern.quote(topic) + "-\\d+")).toList();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void assertCause(Class<? extends Throwable> expected, org.junit.jupiter.api.function.Executable call) {
        ExecutionException failure = assertThrows(ExecutionException.class, call);
        assertInstanceOf(expected, failure.getCause());
    }
}
