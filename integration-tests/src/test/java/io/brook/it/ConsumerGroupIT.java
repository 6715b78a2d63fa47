package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.brook.it.clients.CommittingMember;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6, acceptance 1 and 2: KafkaConsumers in one group on a 6-partition topic consume every
 * record exactly once while members join (with each of the client's assignors, eager and
 * cooperative), and a member that dies without leaving is evicted after its session timeout;
 * committed offsets survive a broker restart.
 */
class ConsumerGroupIT {
    private static final int PARTITIONS = 6;
    private static final int SESSION_TIMEOUT_MS = 6_000;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long DEADLINE_MS = 60_000;

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension().with("group.initial.rebalance.delay.ms", "0");

    @ParameterizedTest
    @ValueSource(classes = {RangeAssignor.class, RoundRobinAssignor.class, StickyAssignor.class, CooperativeStickyAssignor.class})
    void twoThenThreeConsumersShareTheTopicExactlyOnceAndADeadMemberIsEvicted(Class<?> assignor) throws Exception {
        String topic = "shared-" + assignor.getSimpleName();
        String group = "group-" + assignor.getSimpleName();
        createTopic(topic);
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        List<GroupMember> members = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            members.add(GroupMember.start(broker.bootstrapServers(), group, topic, assignor, seen));
            members.add(GroupMember.start(broker.bootstrapServers(), group, topic, assignor, seen));
            int produced = produce(producer, topic, 0, 2_000);
            awaitCount(seen, produced);
            awaitAssignment(members, PARTITIONS);

            members.add(GroupMember.start(broker.bootstrapServers(), group, topic, assignor, seen));
            produced += produce(producer, topic, produced, 2_000);
            awaitCount(seen, produced);
            awaitCondition(() -> members.stream().allMatch(member -> !member.assignment().isEmpty())
                    && assignedTotal(members) == PARTITIONS, "three members sharing the six partitions");
            produced += produce(producer, topic, produced, 1_000);
            awaitCount(seen, produced);

            // The third member dies: no LeaveGroup, no heartbeats. The coordinator notices only
            // when its session times out, and then gives its partitions to the others.
            GroupMember dead = members.remove(2);
            Set<TopicPartition> orphaned = dead.assignment();
            long diedAtNs = System.nanoTime();
            dead.dieWithoutLeaving();
            produced += produce(producer, topic, produced, 1_000);
            awaitCondition(() -> assignedTotal(members) == PARTITIONS, "the survivors taking over every partition");
            long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - diedAtNs);
            assertTrue(takeoverMs >= SESSION_TIMEOUT_MS - 1_000,
                    "partitions moved after " + takeoverMs + " ms, before the session could time out");
            Set<TopicPartition> survivorsHold = new HashSet<>();
            members.forEach(member -> survivorsHold.addAll(member.assignment()));
            assertTrue(survivorsHold.containsAll(orphaned), "the dead member's partitions " + orphaned + " moved to the others");
            awaitCount(seen, produced);

            assertExactlyOnce(seen, produced);
        } finally {
            for (GroupMember member : members) {
                member.close();
            }
        }
        for (GroupMember member : members) {
            assertEquals(null, member.failure(), "a consumer thread failed");
        }
    }

    @Test
    void aConsumerResumesFromItsCommittedOffsetsAfterABrokerRestart() throws Exception {
        String topic = "resume";
        String group = "resumers";
        createTopic(topic);
        try (KafkaProducer<String, String> producer = producer()) {
            produce(producer, topic, 0, 600);
        }
        Map<TopicPartition, Long> committed = new HashMap<>();
        int consumedBefore = 0;
        try (KafkaConsumer<String, String> consumer = consumer(group, RangeAssignor.class)) {
            consumer.subscribe(List.of(topic));
            int consumed = 0;
            long deadline = System.currentTimeMillis() + DEADLINE_MS;
            while (consumed < 300 && System.currentTimeMillis() < deadline) {
                consumed += consumer.poll(POLL).count();
            }
            assertTrue(consumed >= 300 && consumed < 600, "consumed " + consumed);
            consumedBefore = consumed;
            consumer.commitSync();
            for (TopicPartition partition : consumer.assignment()) {
                committed.put(partition, consumer.position(partition));
            }
        }
        broker.restart();

        try (KafkaConsumer<String, String> consumer = consumer(group, RangeAssignor.class)) {
            Map<TopicPartition, OffsetAndMetadata> fetched = consumer.committed(committed.keySet());
            for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
                assertEquals(entry.getValue(), fetched.get(entry.getKey()).offset(), "committed offset of " + entry.getKey());
            }
            consumer.subscribe(List.of(topic));
            Map<TopicPartition, Long> firstOffsets = new HashMap<>();
            int remaining = 600 - consumedBefore;
            int consumed = 0;
            long deadline = System.currentTimeMillis() + DEADLINE_MS;
            while (consumed < remaining && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    firstOffsets.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
                    consumed++;
                }
            }
            consumer.poll(POLL).forEach(record -> fail("read past the end: " + record));
            assertEquals(remaining, consumed, "the records after the committed offsets, and no others");
            for (Map.Entry<TopicPartition, Long> entry : firstOffsets.entrySet()) {
                assertEquals(committed.getOrDefault(entry.getKey(), 0L), entry.getValue(), "first offset read from " + entry.getKey());
            }
        }
    }

    @Test
    void deletingATopicDeletesTheOffsetsCommittedForIt() throws Exception {
        String topic = "short-lived";
        createTopic(topic);
        TopicPartition partition = new TopicPartition(topic, 0);
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            admin.alterConsumerGroupOffsets("keeper", Map.of(partition, new OffsetAndMetadata(42, "meta"))).all().get();
            assertEquals(new OffsetAndMetadata(42, "meta"),
                    admin.listConsumerGroupOffsets("keeper").partitionsToOffsetAndMetadata().get().get(partition));

            admin.deleteTopics(List.of(topic)).all().get();
            awaitCondition(() -> committedOffsets(admin, "keeper").isEmpty(), "the offsets of the deleted topic to go");
            createTopic(topic);
            assertEquals(Map.of(), committedOffsets(admin, "keeper"), "a topic created again starts without the old offsets");
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A committing member that can also die as a killed process would: without leaving the group. */
    private static final class GroupMember {
        private final AtomicBoolean leaveOnClose = new AtomicBoolean(true);
        private final CommittingMember member;

        private GroupMember(String bootstrap, String group, String topic, Class<?> assignor, Map<String, Integer> seen) {
            member = CommittingMember.start(newConsumer(bootstrap, group, assignor), topic, seen, consumer -> consumer.close(
                    leaveOnClose.get() ? CloseOptions.timeout(Duration.ofSeconds(10))
                            : CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                                    .withTimeout(Duration.ZERO)));
        }

        static GroupMember start(String bootstrap, String group, String topic, Class<?> assignor, Map<String, Integer> seen) {
            return new GroupMember(bootstrap, group, topic, assignor, seen);
        }

        Set<TopicPartition> assignment() {
            return member.assignment();
        }

        Throwable failure() {
            return member.failure();
        }

        /** Stops polling and closes without leaving the group: no LeaveGroup, no more heartbeats. */
        void dieWithoutLeaving() throws InterruptedException {
            leaveOnClose.set(false);
            close();
        }

        void close() throws InterruptedException {
            member.stop();
        }
    }

    private static KafkaConsumer<String, String> newConsumer(String bootstrap, String group, Class<?> assignor) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(SESSION_TIMEOUT_MS));
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private KafkaConsumer<String, String> consumer(String group, Class<?> assignor) {
        return newConsumer(broker.bootstrapServers(), group, assignor);
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private void createTopic(String topic) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
    }

    /** Sends values "v-first" to "v-(first+count-1)", keyed so they spread over the partitions. */
    private static int produce(KafkaProducer<String, String> producer, String topic, int first, int count) throws Exception {
        for (int i = first; i < first + count; i++) {
            producer.send(new ProducerRecord<>(topic, "k-" + i, "v-" + i));
        }
        producer.flush();
        return count;
    }

    private static int assignedTotal(List<GroupMember> members) {
        Set<TopicPartition> union = new HashSet<>();
        int total = 0;
        for (GroupMember member : members) {
            union.addAll(member.assignment());
            total += member.assignment().size();
        }
        return union.size() == total ? total : -1;
    }

    private static void awaitAssignment(List<GroupMember> members, int partitions) throws InterruptedException {
        awaitCondition(() -> assignedTotal(members) == partitions, partitions + " partitions assigned once each");
    }

    private static void awaitCount(Map<String, Integer> seen, int count) throws InterruptedException {
        awaitCondition(() -> seen.size() >= count, count + " distinct records consumed (have " + seen.size() + ")");
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static void assertExactlyOnce(Map<String, Integer> seen, int produced) {
        assertEquals(produced, seen.size(), "distinct records consumed");
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < produced; i++) {
            Integer times = seen.get("v-" + i);
            assertTrue(times != null, "record v-" + i + " was never consumed");
            if (times != 1) {
                duplicates.add("v-" + i + " x" + times);
            }
        }
        assertEquals(List.of(), duplicates, "records consumed more than once");
    }
}
