package io.brook.it.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The features of the client compatibility matrix (README.md), one workload each, as a
 * kafka-clients generation runs them against the broker: metadata, produce with a codec, consume
 * from the beginning, a consumer group with commits, the idempotent producer, and the AdminClient
 * calls. Each returns the client's version and throws {@link AssertionError} at the first thing
 * that is not as Kafka would have it.
 *
 * <p>Uses only client API that kafka-clients 3.9 and 4.x both have, and only JDK types in its
 * signatures and errors, so it also runs in a class loader that holds kafka-clients 3.9 instead of
 * the 4.x this module compiles against ({@code KafkaClients3IT}).
 */
public final class ClientFeatures {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long DEADLINE_MS = 60_000;
    /** Room for the group coordinator's initial rebalance delay (3 s by default) and a rebalance or two. */
    private static final long GROUP_DEADLINE_MS = 90_000;

    private ClientFeatures() {
    }

    /**
     * describeCluster names this one node as the cluster and its controller; the producer's
     * {@code partitionsFor} and the consumer's {@code listTopics} show a new topic's partitions,
     * each led by that node, its only replica and in-sync replica.
     */
    public static String metadata(String bootstrapServers, String topic) throws Exception {
        int partitionCount = 3;
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitionCount, (short) 1))).all().get();
            DescribeClusterResult cluster = admin.describeCluster();
            Collection<Node> nodes = cluster.nodes().get();
            check(nodes.size() == 1, "describeCluster lists one node, not " + nodes);
            Node node = nodes.iterator().next();
            check(bootstrapServers.equals(node.host() + ":" + node.port()), "the node " + node + " is at " + bootstrapServers);
            check(node.equals(cluster.controller().get()), "the node is the controller, not " + cluster.controller().get());
            check(!cluster.clusterId().get().isEmpty(), "the cluster has an id");

            try (KafkaProducer<String, String> producer = producer(bootstrapServers, Map.of())) {
                checkPartitions("the producer's partitionsFor", producer.partitionsFor(topic), topic, partitionCount, node);
            }
            try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, Map.of())) {
                Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofMillis(DEADLINE_MS));
                check(topics.containsKey(topic), "the consumer's listTopics has " + topic + ": " + topics.keySet());
                checkPartitions("the consumer's listTopics", topics.get(topic), topic, partitionCount, node);
            }
        }
        return version();
    }

    /**
     * A default producer (idempotent) with {@code compression.type} set sends keyed records with
     * headers to three partitions; a group-less consumer reads every one back exactly, in order.
     */
    public static String produce(String bootstrapServers, String topic, String compressionType, int recordCount) throws Exception {
        List<String> report = ProduceConsumeRoundTrip.run(bootstrapServers, topic, 3, recordCount, compressionType);
        check(report.size() == 1, String.join("\n", report.subList(1, report.size())));
        return report.get(0);
    }

    /**
     * A consumer in a new group with {@code auto.offset.reset=earliest} starts at offset 0 of every
     * partition; after deleteRecords moves one partition's start, {@code seekToBeginning} and
     * {@code beginningOffsets} start there.
     */
    public static String consumeFromTheBeginning(String bootstrapServers, String topic, String group) throws Exception {
        int partitionCount = 3;
        int recordCount = 300;
        long deletedBefore = 40;
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitionCount, (short) 1))).all().get();
            produceSpread(bootstrapServers, topic, partitionCount, 0, recordCount);

            try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                consumer.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> records = pollFor(consumer, recordCount, GROUP_DEADLINE_MS);
                checkSpreadFrom(records, partitionCount, new long[partitionCount], "a new group with auto.offset.reset=earliest");
            }

            TopicPartition first = new TopicPartition(topic, 0);
            admin.deleteRecords(Map.of(first, RecordsToDelete.beforeOffset(deletedBefore))).all().get();
            List<TopicPartition> partitions = partitions(topic, partitionCount);
            try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, Map.of())) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
                check(beginnings.get(first) == deletedBefore, "beginningOffsets after deleteRecords: " + beginnings);
                List<ConsumerRecord<String, String>> records = pollFor(consumer, (int) (recordCount - deletedBefore), DEADLINE_MS);
                checkSpreadFrom(records, partitionCount, new long[] {deletedBefore, 0, 0}, "seekToBeginning after deleteRecords");
            }
        }
        return version();
    }

    /**
     * Two consumers in one group share a four-partition topic, commit with {@code commitSync} after
     * each poll and before giving partitions up, and see every record exactly once between them; the
     * committed offsets are the log ends; a consumer started afterwards in the same group resumes
     * from them and sees only what was produced since.
     */
    private static CommittingMember groupMember(String bootstrapServers, String group, String topic, Map<String, Integer> seen) {
        KafkaConsumer<String, String> consumer = consumer(bootstrapServers, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100"));
        return CommittingMember.start(consumer, topic, seen, KafkaConsumer::close);
    }

    public static String consumerGroup(String bootstrapServers, String topic, String group) throws Exception {
        int partitionCount = 4;
        int firstCount = 2_000;
        int laterCount = 400;
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitionCount, (short) 1))).all().get();
            Map<String, Integer> seen = new ConcurrentHashMap<>();
            List<CommittingMember> members = List.of(groupMember(bootstrapServers, group, topic, seen),
                    groupMember(bootstrapServers, group, topic, seen));
            try {
                await(() -> members.get(0).assignment().size() + members.get(1).assignment().size() == partitionCount
                        && !members.get(0).assignment().isEmpty() && !members.get(1).assignment().isEmpty(),
                        "both consumers hold partitions", GROUP_DEADLINE_MS);
                produceSpread(bootstrapServers, topic, partitionCount, 0, firstCount);
                await(() -> seen.size() >= firstCount, "the group consuming " + firstCount + " records", DEADLINE_MS);
                ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                check(described.members().size() == 2, "describeConsumerGroups shows both members: " + described);
            } finally {
                for (CommittingMember member : members) {
                    member.stop();
                }
            }
            for (CommittingMember member : members) {
                check(member.failure() == null, "a consumer failed: " + member.failure());
                check(member.consumedCount() > 0, "each consumer consumed some records: " + seen.size() + " in all");
            }
            checkExactlyOnce(seen, 0, firstCount);
            checkCommitted(admin, group, topic, partitionCount, firstCount / partitionCount);

            produceSpread(bootstrapServers, topic, partitionCount, firstCount, laterCount);
            try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                consumer.subscribe(List.of(topic));
                Map<String, Integer> resumed = new HashMap<>();
                for (ConsumerRecord<String, String> record : pollFor(consumer, laterCount, GROUP_DEADLINE_MS)) {
                    resumed.merge(record.value(), 1, Integer::sum);
                }
                checkExactlyOnce(resumed, firstCount, laterCount);
                consumer.commitSync();
            }
            checkCommitted(admin, group, topic, partitionCount, (firstCount + laterCount) / partitionCount);
        }
        return version();
    }

    /**
     * An idempotent producer ({@code acks=all}, five requests in flight) loses its connections while
     * the broker has written batches whose responses never arrived ({@code holdResponses} before,
     * {@code dropConnections} after); it retries them, every record is acknowledged at the offset of
     * its place in the send order, and each is stored once.
     */
    public static String idempotentProducer(String bootstrapServers, String topic, Runnable holdResponses,
                                            Runnable dropConnections) throws Exception {
        int warmUpCount = 100;
        int heldCount = 2_000;
        int recordCount = 4_000;
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        long[] acknowledged = new long[recordCount];
        AtomicReference<Exception> failure = new AtomicReference<>();
        double retries;
        try (KafkaProducer<String, String> producer = producer(bootstrapServers, Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5", ProducerConfig.BATCH_SIZE_CONFIG, "2048"))) {
            send(producer, topic, 0, warmUpCount, acknowledged, failure);
            producer.flush();
            holdResponses.run();
            send(producer, topic, warmUpCount, warmUpCount + heldCount, acknowledged, failure);
            dropConnections.run();
            send(producer, topic, warmUpCount + heldCount, recordCount, acknowledged, failure);
            producer.flush();
            retries = metric(producer.metrics(), "record-retry-total");
        }
        check(failure.get() == null, "every send succeeds: " + failure.get());
        check(retries > 0, "the producer retried batches after its connections dropped");
        for (int i = 0; i < recordCount; i++) {
            check(acknowledged[i] == i, "record " + i + " acknowledged at offset " + acknowledged[i]);
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, Map.of())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            checkSpreadFrom(pollFor(consumer, recordCount, DEADLINE_MS), 1, new long[1], "the idempotent producer's partition");
        }
        return version();
    }

    /**
     * createTopics with a config, listTopics, describeTopics, describeConfigs, createPartitions,
     * listConsumerGroups, describeConsumerGroups and listConsumerGroupOffsets for a group with a
     * member and commits, then deleteTopics; each answer as Kafka would give it.
     */
    // listConsumerGroups, ConsumerGroupListing.state() and ConsumerGroupDescription.state() are what both generations
    // have: 4.x deprecates them for removal in favour of listGroups and groupState(), which 3.9 lacks.
    @SuppressWarnings({"deprecation", "removal"})
    public static String adminClient(String bootstrapServers, String prefix) throws Exception {
        String topic = prefix + "-configured";
        String other = prefix + "-plain";
        String group = prefix + "-group";
        String retentionMs = "3600000";
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("retention.ms", retentionMs)),
                    new NewTopic(other, 1, (short) 1))).all().get();
            Set<String> names = admin.listTopics().names().get();
            check(names.containsAll(List.of(topic, other)), "listTopics has both new topics: " + names);

            Map<String, TopicDescription> described = admin.describeTopics(List.of(topic, other)).allTopicNames().get();
            check(described.get(topic).partitions().size() == 2, "describeTopics: " + described.get(topic));
            check(described.get(other).partitions().size() == 1, "describeTopics: " + described.get(other));
            check(!Uuid.ZERO_UUID.equals(described.get(topic).topicId()), "describeTopics gives a topic id");

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            ConfigEntry retention = config.get("retention.ms");
            check(retentionMs.equals(retention.value()), "describeConfigs retention.ms: " + retention);
            check(retention.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, "retention.ms is the topic's own: " + retention);
            ConfigEntry cleanupPolicy = config.get("cleanup.policy");
            check("delete".equals(cleanupPolicy.value()), "describeConfigs cleanup.policy: " + cleanupPolicy);
            check(cleanupPolicy.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, "cleanup.policy is not the topic's own: " + cleanupPolicy);

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get();
            int grown = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            check(grown == 4, "createPartitions grew the topic to 4 partitions, not " + grown);

            int perPartition = 5;
            produceSpread(bootstrapServers, topic, 4, 0, 4 * perPartition);
            try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                consumer.subscribe(List.of(topic));
                pollFor(consumer, 4 * perPartition, GROUP_DEADLINE_MS);
                consumer.commitSync();

                var listed = admin.listConsumerGroups().all().get();
                var listing = listed.stream().filter(g -> g.groupId().equals(group)).findFirst().orElse(null);
                check(listing != null, "listConsumerGroups has " + group + ": " + listed);
                check("Stable".equals(listing.state().map(String::valueOf).orElse("")), "listConsumerGroups state: " + listing);

                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                check("Stable".equals(String.valueOf(description.state())), "describeConsumerGroups state: " + description);
                check(description.members().size() == 1, "describeConsumerGroups members: " + description);
                MemberDescription member = description.members().iterator().next();
                check(member.assignment().topicPartitions().equals(new HashSet<>(partitions(topic, 4))),
                        "the member holds every partition: " + member);
                check(!description.partitionAssignor().isEmpty(), "describeConsumerGroups names the assignor: " + description);
                check(description.coordinator().id() == admin.describeCluster().nodes().get().iterator().next().id(),
                        "the coordinator is this node: " + description.coordinator());
                checkCommitted(admin, group, topic, 4, perPartition);
            }
            ConsumerGroupDescription left = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            check("Empty".equals(String.valueOf(left.state())), "once its member left the group is Empty: " + left);

            admin.deleteTopics(List.of(topic, other)).all().get();
            Set<String> after = admin.listTopics().names().get();
            check(!after.contains(topic), "deleteTopics removed " + topic + ": " + after);
            check(!after.contains(other), "deleteTopics removed " + other + ": " + after);
            Throwable describeDeleted = failureOf(admin.describeTopics(List.of(topic)).allTopicNames());
            check(describeDeleted instanceof UnknownTopicOrPartitionException,
                    "describeTopics of a deleted topic fails with UNKNOWN_TOPIC_OR_PARTITION: " + describeDeleted);
        }
        return version();
    }

    private static void checkPartitions(String source, List<PartitionInfo> partitions, String topic, int partitionCount, Node node) {
        check(partitions != null, source + " knows " + topic);
        check(partitions.size() == partitionCount, source + ": " + partitionCount + " partitions, not " + partitions);
        List<PartitionInfo> sorted = new ArrayList<>(partitions);
        sorted.sort(Comparator.comparingInt(PartitionInfo::partition));
        for (int p = 0; p < partitionCount; p++) {
            PartitionInfo info = sorted.get(p);
            check(info.partition() == p, source + ": partition numbers 0.." + (partitionCount - 1) + ": " + partitions);
            check(topic.equals(info.topic()), source + ": " + info);
            check(info.leader() != null, source + ": partition " + p + " has a leader: " + info);
            check(info.leader().id() == node.id(), source + ": partition " + p + " is led by node " + node.id() + ": " + info);
            check(info.replicas().length == 1, source + ": one replica: " + info);
            check(info.replicas()[0].id() == node.id(), source + ": the replica is the node: " + info);
            check(info.inSyncReplicas().length == 1, source + ": one in-sync replica: " + info);
            check(info.inSyncReplicas()[0].id() == node.id(), source + ": the in-sync replica is the node: " + info);
        }
    }

    /** Record {@code i} goes to partition {@code i % partitionCount} with value {@code v-<i>}; every send is acknowledged. */
    private static void produceSpread(String bootstrapServers, String topic, int partitionCount, int from, int count) throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers, Map.of())) {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, i % partitionCount, "k-" + i, "v-" + i)));
            }
            for (Future<?> sent : sends) {
                sent.get();
            }
        }
    }

    /**
     * Records written by {@link #produceSpread} from 0, read from {@code start[p]} on: each
     * partition's offsets run on from its start with no gap or repeat to its end, and offset
     * {@code o} of partition {@code p} holds record {@code o * partitionCount + p}.
     */
    private static void checkSpreadFrom(List<ConsumerRecord<String, String>> records, int partitionCount, long[] start, String what) {
        long[] next = start.clone();
        for (ConsumerRecord<String, String> record : records) {
            int p = record.partition();
            check(record.offset() == next[p], what + ": partition " + p + " offset " + record.offset() + " where " + next[p] + " was due");
            String expected = "v-" + (record.offset() * partitionCount + p);
            check(expected.equals(record.value()), what + ": partition " + p + " offset " + record.offset() + " holds " + record.value());
            next[p]++;
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, int from, int to, long[] acknowledged,
                             AtomicReference<Exception> failure) {
        for (int i = from; i < to; i++) {
            int index = i;
            producer.send(new ProducerRecord<>(topic, 0, "k-" + i, "v-" + i), (metadata, exception) -> {
                if (exception != null) {
                    failure.compareAndSet(null, exception);
                    return;
                }
                acknowledged[index] = metadata.offset();
            });
        }
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getKey().group().equals("producer-metrics")) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("the producer has no metric " + name);
    }

    private static List<ConsumerRecord<String, String>> pollFor(KafkaConsumer<String, String> consumer, int count, long deadlineMs) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + deadlineMs;
        while (records.size() < count && System.currentTimeMillis() < deadline) {
            consumer.poll(POLL).forEach(records::add);
        }
        check(records.size() == count, "consumed " + records.size() + " records, expected " + count);
        return records;
    }

    /** Values {@code v-<from>} .. {@code v-<from + count - 1>}, each seen once and nothing else. */
    private static void checkExactlyOnce(Map<String, Integer> seen, int from, int count) {
        for (int i = from; i < from + count; i++) {
            Integer times = seen.get("v-" + i);
            check(times != null, "record v-" + i + " was consumed");
            check(times == 1, "record v-" + i + " was consumed " + times + " times");
        }
        check(seen.size() == count, "consumed " + seen.size() + " distinct records, expected " + count);
    }

    private static void checkCommitted(Admin admin, String group, String topic, int partitionCount, long offset) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (TopicPartition partition : partitions(topic, partitionCount)) {
            OffsetAndMetadata at = committed.get(partition);
            check(at != null, "listConsumerGroupOffsets has " + partition + ": " + committed);
            check(at.offset() == offset, "listConsumerGroupOffsets: " + partition + " at " + at.offset() + ", expected " + offset);
        }
    }

    /** What the call failed with; null if it succeeded. */
    private static Throwable failureOf(KafkaFuture<?> call) throws InterruptedException {
        try {
            call.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void await(BooleanSupplier condition, String what, long deadlineMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + deadlineMs;
        while (!condition.getAsBoolean()) {
            check(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
            Thread.sleep(POLL.toMillis());
        }
    }

    private static List<TopicPartition> partitions(String topic, int partitionCount) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }

    private static String version() {
        return AppInfoParser.getVersion();
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.putAll(settings);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.putAll(settings);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }
}
