package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.CreatePartitionsRequest;
import io.brook.protocol.message.CreatePartitionsRequest.CreatePartitionsTopic;
import io.brook.protocol.message.CreatePartitionsResponse;
import io.brook.protocol.message.CreatePartitionsResponse.CreatePartitionsTopicResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AdminClient createPartitions: new partitions are served at once with the topic's settings,
 * survive a restart, and bad requests get Kafka's errors with Kafka's messages.
 */
class CreatePartitionsIT {
    private static final int NODE_ID = 1;
    private static final String MAX_MESSAGE_BYTES = "1024";

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension();

    @Test
    void newPartitionsAreServedWithTheTopicsSettingsAndSurviveARestart() throws Exception {
        String topic = "growing";
        TopicPartition added = new TopicPartition(topic, 4);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("max.message.bytes", MAX_MESSAGE_BYTES))))
                    .all().get();
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(5))).all().get();
            assertServedByThisNode(describe(admin, topic), 5);
        }
        assertTrue(Files.isDirectory(broker.dataDirectory().resolve(topic + "-4")));

        try (KafkaProducer<String, String> producer = producer()) {
            assertEquals(5, producer.partitionsFor(topic).size());
            assertEquals(0, producer.send(new ProducerRecord<>(topic, 4, "k", "before restart")).get().offset());
            ExecutionException tooLarge = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(topic, 4, "k", "x".repeat(2_000))).get());
            assertInstanceOf(RecordTooLargeException.class, tooLarge.getCause(),
                    "the new partition runs with the topic's max.message.bytes");
        }
        assertEquals(List.of("before restart"), consume(added, 1));

        broker.restart();
        try (Admin admin = admin()) {
            assertServedByThisNode(describe(admin, topic), 5);
        }
        try (KafkaProducer<String, String> producer = producer()) {
            assertEquals(1, producer.send(new ProducerRecord<>(topic, 4, "k", "after restart")).get().offset());
        }
        assertEquals(List.of("before restart", "after restart"), consume(added, 2));

        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        try (Stream<Path> directories = Files.list(broker.dataDirectory())) {
            assertEquals(List.of(), directories.filter(path -> path.getFileName().toString().startsWith(topic + "-")).toList(),
                    "deleting the topic deletes the added partitions too");
        }
    }

    @Test
    void badRequestsGetKafkasErrorsAndChangeNothing() throws Exception {
        String topic = "fixed";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();

            assertFails(UnknownTopicOrPartitionException.class, null, admin, "never-created", NewPartitions.increaseTo(3));
            assertFails(InvalidPartitionsException.class, "Topic already has 2 partition(s).", admin, topic, NewPartitions.increaseTo(2));
            assertFails(InvalidPartitionsException.class, "The topic fixed currently has 2 partition(s); 1 would not be an increase.",
                    admin, topic, NewPartitions.increaseTo(1));
            assertFails(InvalidReplicaAssignmentException.class,
                    "Attempted to add 2 additional partition(s), but only 1 assignment(s) were specified.",
                    admin, topic, NewPartitions.increaseTo(4, List.of(List.of(NODE_ID))));
            assertFails(InvalidReplicaAssignmentException.class,
                    "The manual partition assignment includes broker 2, but no such broker is registered.",
                    admin, topic, NewPartitions.increaseTo(3, List.of(List.of(2))));
            assertFails(InvalidReplicaAssignmentException.class,
                    "The manual partition assignment includes the broker 1 more than once.",
                    admin, topic, NewPartitions.increaseTo(3, List.of(List.of(NODE_ID, NODE_ID))));
            assertEquals(2, describe(admin, topic).partitions().size());

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3, List.of(List.of(NODE_ID)))),
                    new CreatePartitionsOptions().validateOnly(true)).all().get();
            assertEquals(2, describe(admin, topic).partitions().size(), "validateOnly changes nothing");

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3, List.of(List.of(NODE_ID))))).all().get();
            assertServedByThisNode(describe(admin, topic), 3);
        }
    }

    @Test
    void aTopicNamedTwiceAndARequestPastItsTimeoutAreRefused() throws Exception {
        String topic = "raw";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (WireClient client = new WireClient(broker.port())) {
            CreatePartitionsRequest twice = new CreatePartitionsRequest().setTimeoutMs(30_000).setTopics(List.of(
                    new CreatePartitionsTopic().setName(topic).setCount(2).setAssignments(null),
                    new CreatePartitionsTopic().setName(topic).setCount(3).setAssignments(null)));
            List<CreatePartitionsTopicResult> results = client.call(ApiKey.CREATE_PARTITIONS, (short) 3, twice,
                    CreatePartitionsResponse.class).results();
            assertEquals(1, results.size(), "one answer per duplicated name, as Kafka gives: " + results);
            assertEquals(ErrorCode.INVALID_REQUEST.code(), results.get(0).errorCode());
            assertEquals("Duplicate topic name.", results.get(0).errorMessage());

            // No time at all: the deadline has passed by the time the control plane runs the request.
            CreatePartitionsRequest noTime = new CreatePartitionsRequest().setTimeoutMs(0).setTopics(List.of(
                    new CreatePartitionsTopic().setName(topic).setCount(2).setAssignments(null)));
            results = client.call(ApiKey.CREATE_PARTITIONS, (short) 0, noTime, CreatePartitionsResponse.class).results();
            assertEquals(ErrorCode.REQUEST_TIMED_OUT.code(), results.get(0).errorCode());
        }
        try (Admin admin = admin()) {
            assertEquals(1, describe(admin, topic).partitions().size());
        }
    }

    private static void assertServedByThisNode(TopicDescription description, int partitionCount) {
        assertEquals(partitionCount, description.partitions().size());
        for (TopicPartitionInfo partition : description.partitions()) {
            assertEquals(NODE_ID, partition.leader().id(), description.toString());
            assertEquals(List.of(NODE_ID), partition.replicas().stream().map(node -> node.id()).toList());
            assertEquals(List.of(NODE_ID), partition.isr().stream().map(node -> node.id()).toList());
        }
    }

    private static void assertFails(Class<? extends Exception> expected, String message, Admin admin, String topic,
                                    NewPartitions partitions) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> admin.createPartitions(Map.of(topic, partitions)).all().get());
        assertInstanceOf(expected, failure.getCause());
        if (message != null) {
            assertEquals(message, failure.getCause().getMessage());
        }
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private List<String> consume(TopicPartition partition, int recordCount) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, 0);
            List<String> values = new ArrayList<>();
            long deadlineNs = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < recordCount && System.nanoTime() - deadlineNs < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
