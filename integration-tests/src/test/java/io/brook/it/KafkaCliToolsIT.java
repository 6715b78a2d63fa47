package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own command-line tools (4.3.1) against this broker, their output parsed and checked
 * value by value: TopicCommand (kafka-topics.sh), GetOffsetShell (kafka-get-offsets.sh),
 * DeleteRecordsCommand (kafka-delete-records.sh), ConfigCommand (kafka-configs.sh) and
 * ConsumerGroupCommand (kafka-consumer-groups.sh, against groups of real consumers). Each tool
 * run is a JVM of its own, so each test makes few of them. Every test uses topics of its own on
 * the one broker of the class; a tool is added by naming its reference-kafka alias (such as
 * {@code consumer-groups} for ConsumerGroupCommand) or main class and calling {@link #run}.
 */
class KafkaCliToolsIT {
    private static final List<String> TOPIC_COMMAND = List.of("topics");
    private static final List<String> GET_OFFSET_SHELL = List.of("get-offsets");
    private static final List<String> DELETE_RECORDS_COMMAND = List.of("tool", "org.apache.kafka.tools.DeleteRecordsCommand");
    private static final List<String> CONFIG_COMMAND = List.of("tool", "kafka.admin.ConfigCommand");
    private static final String NODE_ID = "1";
    private static final String NUM_PARTITIONS = "2";

    /** TopicCommand --describe: a topic's header line, then one line per partition. */
    private static final Pattern TOPIC_HEADER = Pattern.compile(
            "^Topic: (\\S+)\\tTopicId: (\\S+)\\tPartitionCount: (\\d+)\\tReplicationFactor: (\\d+)\\tConfigs: (.*)$");
    private static final Pattern PARTITION_LINE = Pattern.compile(
            "^\\tTopic: (\\S+)\\tPartition: (\\d+)\\tLeader: (\\S+)\\tReplicas: (\\S+)\\tIsr: (\\S+)\\t.*$");
    /** GetOffsetShell: {@code topic:partition:offset}. */
    private static final Pattern OFFSET_LINE = Pattern.compile("^(\\S+):(\\d+):(-?\\d+)$");
    /** DeleteRecordsCommand: {@code partition: topic-partition<TAB>low_watermark: offset}. */
    private static final Pattern LOW_WATERMARK_LINE = Pattern.compile("^partition: (\\S+)\\tlow_watermark: (-?\\d+)$");
    /** ConfigCommand --describe: {@code   name=value sensitive=false synonyms={...}}. */
    private static final Pattern CONFIG_LINE = Pattern.compile("^  ([^=\\s]+)=(.*) sensitive=(true|false) synonyms=\\{(.*)}$");

    private static final List<String> CONSUMER_GROUP_COMMAND = List.of("consumer-groups");
    /** ConsumerGroupCommand's tables: --describe (offsets), --describe --members, --reset-offsets, --list --state, --delete-offsets. */
    private static final List<String> DESCRIBE_OFFSETS_HEADER = List.of("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET",
            "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
    private static final List<String> MEMBERS_HEADER = List.of("GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS");
    private static final List<String> NEW_OFFSET_HEADER = List.of("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
    private static final List<String> LIST_STATE_HEADER = List.of("GROUP", "STATE");
    private static final List<String> OFFSET_STATUS_HEADER = List.of("TOPIC", "PARTITION", "STATUS");
    /** --describe --state: group, coordinator {@code host:port  (id)}, assignment strategy, state, member count. */
    private static final Pattern GROUP_STATE_LINE = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+\\((\\d+)\\)\\s+(\\S+)\\s+(\\S+)\\s+(\\d+)\\s*$");
    /** A member's host as Kafka reports it: the client's address, InetAddress-style. */
    private static final String CLIENT_HOST = "/127.0.0.1";

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension().with("num.partitions", NUM_PARTITIONS)
            .with("group.initial.rebalance.delay.ms", "0");

    @TempDir
    Path workDirectory;

    @Test
    void topicCommandCreatesDescribesAltersDeletesAndListsTopics() throws Exception {
        String topic = "cli-topics";
        String doomed = "cli-doomed";
        assertEquals(List.of("Created topic " + topic + "."),
                run(TOPIC_COMMAND, "--create", "--topic", topic, "--partitions", "3", "--replication-factor", "1").assertSucceeded().lines());
        String topicId;
        try (Admin admin = admin()) {
            topicId = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).topicId().toString();
            admin.createTopics(List.of(new NewTopic(doomed, 1, (short) 1))).all().get();
        }
        assertDescribed(run(TOPIC_COMMAND, "--describe", "--topic", topic).assertSucceeded(), topic, topicId, 3);

        run(TOPIC_COMMAND, "--alter", "--topic", topic, "--partitions", "5").assertSucceeded();
        ClientProcess.Finished shrink = run(TOPIC_COMMAND, "--alter", "--topic", topic, "--partitions", "2");
        assertEquals(1, shrink.exitCode(), shrink::toString);
        assertEquals(List.of("Error while executing topic command : The topic " + topic + " currently has 5 partition(s); "
                + "2 would not be an increase."), shrink.lines());
        assertDescribed(run(TOPIC_COMMAND, "--describe", "--topic", topic).assertSucceeded(), topic, topicId, 5);

        run(TOPIC_COMMAND, "--delete", "--topic", doomed).assertSucceeded();
        List<String> listed = run(TOPIC_COMMAND, "--list").assertSucceeded().lines();
        assertTrue(listed.contains(topic), listed::toString);
        assertFalse(listed.contains(doomed), listed::toString);
    }

    /** The header and partition lines: the id, the count, and this node as leader, only replica and ISR of each partition. */
    private static void assertDescribed(ClientProcess.Finished described, String topic, String topicId, int partitionCount) {
        List<String> lines = described.lines();
        Matcher header = TOPIC_HEADER.matcher(lines.get(0));
        assertTrue(header.matches(), described::toString);
        assertEquals(List.of(topic, topicId, Integer.toString(partitionCount), "1"),
                List.of(header.group(1), header.group(2), header.group(3), header.group(4)));
        List<List<String>> partitions = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (int partition = 0; partition < partitionCount; partition++) {
            Matcher line = PARTITION_LINE.matcher(lines.get(1 + partition));
            assertTrue(line.matches(), described::toString);
            partitions.add(List.of(line.group(1), line.group(2), line.group(3), line.group(4), line.group(5)));
            expected.add(List.of(topic, Integer.toString(partition), NODE_ID, NODE_ID, NODE_ID));
        }
        assertEquals(expected, partitions);
        assertEquals(1 + partitionCount, lines.size(), described::toString);
    }

    @Test
    void getOffsetShellAndDeleteRecordsCommandSeeAndMoveTheOffsets() throws Exception {
        String topic = "cli-offsets";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        produce(topic, Map.of(0, 10, 1, 20, 2, 30));
        assertEquals(Map.of(0, 10L, 1, 20L, 2, 30L), offsets(run(GET_OFFSET_SHELL, "--topic", topic, "--time", "-1"), topic));

        Path offsetsFile = workDirectory.resolve("delete-records.json");
        Files.writeString(offsetsFile, "{\"version\": 1, \"partitions\": ["
                + "{\"topic\": \"" + topic + "\", \"partition\": 1, \"offset\": 5},"
                + "{\"topic\": \"" + topic + "\", \"partition\": 2, \"offset\": 30}]}");
        ClientProcess.Finished deleted = run(DELETE_RECORDS_COMMAND, "--offset-json-file", offsetsFile.toString()).assertSucceeded();
        assertEquals(Map.of(topic + "-1", 5L, topic + "-2", 30L), matchedPairs(deleted, LOW_WATERMARK_LINE));

        assertEquals(Map.of(0, 0L, 1, 5L, 2, 30L), offsets(run(GET_OFFSET_SHELL, "--topic", topic, "--time", "-2"), topic));
    }

    /** GetOffsetShell's lines as offsets by partition; every line is one of {@code topic}'s. */
    private static Map<Integer, Long> offsets(ClientProcess.Finished result, String topic) {
        result.assertSucceeded();
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String line : result.lines()) {
            Matcher matcher = OFFSET_LINE.matcher(line);
            assertTrue(matcher.matches(), () -> "unexpected line '" + line + "' in " + result);
            assertEquals(topic, matcher.group(1), result::toString);
            offsets.put(Integer.parseInt(matcher.group(2)), Long.parseLong(matcher.group(3)));
        }
        return offsets;
    }

    @Test
    void configCommandAltersAndDescribesTopicConfigsAndDescribesTheBroker() throws Exception {
        String topic = "cli-configs";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<String> updated = List.of("Completed updating config for topic " + topic + ".");
        String header = "Dynamic configs for topic " + topic + " are:";

        assertEquals(updated, configCommand("topics", topic, "--alter", "--add-config", "retention.ms=3600000,max.message.bytes=2048")
                .assertSucceeded().lines());
        assertEquals(Map.of("retention.ms", "3600000", "max.message.bytes", "2048"),
                configs(configCommand("topics", topic, "--describe"), header));

        assertEquals(updated, configCommand("topics", topic, "--alter", "--delete-config", "retention.ms").assertSucceeded().lines());
        assertEquals(Map.of("max.message.bytes", "2048"), configs(configCommand("topics", topic, "--describe"), header));

        ClientProcess.Finished brokerConfigs = configCommand("brokers", NODE_ID, "--describe", "--all");
        Map<String, String> described = configs(brokerConfigs, "All configs for broker " + NODE_ID + " are:");
        assertEquals(NUM_PARTITIONS, described.get("num.partitions"), brokerConfigs::toString);
        assertEquals(broker.dataDirectory().toString(), described.get("log.dirs"), brokerConfigs::toString);
        assertTrue(brokerConfigs.lines().contains("  num.partitions=" + NUM_PARTITIONS + " sensitive=false synonyms={"
                + "STATIC_BROKER_CONFIG:num.partitions=" + NUM_PARTITIONS + ", DEFAULT_CONFIG:num.partitions=1}"), brokerConfigs::toString);
    }

    /** ConfigCommand's described configs by name, after the one header line it prints for the entity. */
    private static Map<String, String> configs(ClientProcess.Finished result, String header) {
        result.assertSucceeded();
        List<String> lines = result.lines();
        assertEquals(header, lines.get(0), result::toString);
        Map<String, String> configs = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher matcher = CONFIG_LINE.matcher(line);
            assertTrue(matcher.matches(), () -> "unexpected line '" + line + "' in " + result);
            assertEquals("false", matcher.group(3), line);
            configs.put(matcher.group(1), matcher.group(2));
        }
        return configs;
    }

    @Test
    void consumerGroupCommandListsGroupsAndDescribesTheirOffsetsLagMembersAndState() throws Exception {
        String topic = "cli-lag";
        String active = "cli-lag-active";
        String simple = "cli-lag-simple";
        String clientId = "cli-lag-client";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            produce(topic, Map.of(0, 10, 1, 20, 2, 30));
            // A group with offsets and never a member, as assign()-mode consumers and tools make.
            admin.alterConsumerGroupOffsets(simple, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(10),
                    new TopicPartition(topic, 2), new OffsetAndMetadata(7))).all().get();
        }
        try (KafkaConsumer<String, String> consumer = subscribedConsumer(active, clientId, topic, 3)) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(4),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(20)));
            String memberId = consumer.groupMetadata().memberId();

            Map<String, String> states = new TreeMap<>();
            for (Map<String, String> row : table(run(CONSUMER_GROUP_COMMAND, "--list", "--state"), LIST_STATE_HEADER)) {
                states.put(row.get("GROUP"), row.get("STATE"));
            }
            assertEquals("Stable", states.get(active), states::toString);
            assertEquals("Empty", states.get(simple), states::toString);

            // One row per partition with an offset or an owner; "-" where there is neither offset nor member.
            ClientProcess.Finished described = run(CONSUMER_GROUP_COMMAND, "--describe", "--group", active, "--group", simple);
            Map<String, List<String>> rows = new TreeMap<>();
            for (Map<String, String> row : table(described, DESCRIBE_OFFSETS_HEADER)) {
                assertEquals(topic, row.get("TOPIC"), described::toString);
                rows.put(row.get("GROUP") + "-" + row.get("PARTITION"), List.of(row.get("CURRENT-OFFSET"), row.get("LOG-END-OFFSET"),
                        row.get("LAG"), row.get("CONSUMER-ID"), row.get("HOST"), row.get("CLIENT-ID")));
            }
            Map<String, List<String>> expected = new TreeMap<>();
            expected.put(active + "-0", List.of("4", "10", "6", memberId, CLIENT_HOST, clientId));
            expected.put(active + "-1", List.of("20", "20", "0", memberId, CLIENT_HOST, clientId));
            expected.put(active + "-2", List.of("-", "30", "-", memberId, CLIENT_HOST, clientId));
            expected.put(simple + "-0", List.of("10", "10", "0", "-", "-", "-"));
            expected.put(simple + "-2", List.of("7", "30", "23", "-", "-", "-"));
            assertEquals(expected, rows, described::toString);
            assertTrue(described.stderr().contains("Consumer group '" + simple + "' has no active members."), described::toString);

            ClientProcess.Finished members = run(CONSUMER_GROUP_COMMAND, "--describe", "--group", active, "--members");
            assertEquals(List.of(Map.of("GROUP", active, "CONSUMER-ID", memberId, "HOST", CLIENT_HOST, "CLIENT-ID", clientId, "#PARTITIONS", "3")),
                    table(members, MEMBERS_HEADER), members::toString);

            ClientProcess.Finished state = run(CONSUMER_GROUP_COMMAND, "--describe", "--group", active, "--state").assertSucceeded();
            List<List<String>> stateRows = new ArrayList<>();
            for (String line : state.lines()) {
                Matcher matcher = GROUP_STATE_LINE.matcher(line);
                if (matcher.matches()) {
                    stateRows.add(List.of(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4), matcher.group(5), matcher.group(6)));
                }
            }
            assertEquals(List.of(List.of(active, broker.bootstrapServers(), NODE_ID, "range", "Stable", "1")), stateRows, state::toString);
        }
    }

    @Test
    void consumerGroupCommandResetsAnInactiveGroupToTheEarliestOffsetAndToADateTimeButNotAnActiveGroup() throws Exception {
        String topic = "cli-reset";
        String group = "cli-reset-group";
        // Within the default retention; whole seconds, so the tool's millisecond date-time names it exactly.
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            // A record a second on partition 0 and one every half second on 1: base + 3.5 s is
            // just before offset 4 on the one and offset 7 on the other.
            produceTimestamped(topic, 0, 10, base, Duration.ofSeconds(1));
            produceTimestamped(topic, 1, 10, base, Duration.ofMillis(500));
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(10),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(9))).all().get();
        }

        Map<Integer, Long> earliest = Map.of(0, 0L, 1, 0L);
        assertEquals(earliest, newOffsets(run(CONSUMER_GROUP_COMMAND, "--reset-offsets", "--group", group, "--topic", topic,
                "--to-earliest", "--execute"), group, topic));
        assertEquals(earliest, committed(group, topic));

        String dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC).format(base.plusMillis(3_500));
        Map<Integer, Long> atDateTime = Map.of(0, 4L, 1, 7L);
        assertEquals(atDateTime, newOffsets(run(CONSUMER_GROUP_COMMAND, "--reset-offsets", "--group", group, "--topic", topic,
                "--to-datetime", dateTime, "--execute"), group, topic));
        assertEquals(atDateTime, committed(group, topic));

        try (KafkaConsumer<String, String> consumer = subscribedConsumer(group, "cli-reset-client", topic, 2)) {
            ClientProcess.Finished refused = run(CONSUMER_GROUP_COMMAND, "--reset-offsets", "--group", group, "--topic", topic,
                    "--to-earliest", "--execute");
            assertTrue(refused.lines().contains("Error: Assignments can only be reset if the group '" + group
                    + "' is inactive, but the current state is Stable."), refused::toString);
            assertEquals(Map.of(), newOffsets(refused, group, topic));
            assertEquals(atDateTime, committed(group, topic));
        }
    }

    @Test
    void consumerGroupCommandDeletesOffsetsAndAnEmptyGroupButNotAGroupWithAMember() throws Exception {
        String topic = "cli-delete";
        String empty = "cli-delete-empty";
        String busy = "cli-delete-busy";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            produce(topic, Map.of(0, 5, 1, 5));
            admin.alterConsumerGroupOffsets(empty, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(5))).all().get();
        }
        try (KafkaConsumer<String, String> consumer = subscribedConsumer(busy, "cli-delete-client", topic, 2)) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5)));

            ClientProcess.Finished deletedOffsets = run(CONSUMER_GROUP_COMMAND, "--delete-offsets", "--group", empty, "--topic", topic + ":1");
            assertTrue(deletedOffsets.lines().contains("Request succeeded for deleting offsets from group " + empty + "."), deletedOffsets::toString);
            assertEquals(List.of(Map.of("TOPIC", topic, "PARTITION", "1", "STATUS", "Successful")),
                    table(deletedOffsets, OFFSET_STATUS_HEADER), deletedOffsets::toString);
            assertEquals(Map.of(0, 3L), committed(empty, topic));

            ClientProcess.Finished subscribed = run(CONSUMER_GROUP_COMMAND, "--delete-offsets", "--group", busy, "--topic", topic + ":0");
            assertTrue(subscribed.lines().contains("Error: Encountered some partition-level error, see the follow-up details."), subscribed::toString);
            Pattern refusedPartition = Pattern.compile(Pattern.quote(topic) + "\\s+0\\s+" + Pattern.quote("Error: org.apache.kafka.common."
                    + "errors.GroupSubscribedToTopicException: Deleting offsets of a topic is forbidden while the consumer group is "
                    + "actively subscribed to it."));
            assertTrue(subscribed.lines().stream().anyMatch(line -> refusedPartition.matcher(line).matches()), subscribed::toString);
            assertEquals(Map.of(0, 5L), committed(busy, topic));

            ClientProcess.Finished deleted = run(CONSUMER_GROUP_COMMAND, "--delete", "--group", empty, "--group", busy);
            assertTrue(deleted.lines().containsAll(List.of("Error: Deletion of some consumer groups failed:",
                    "* Group '" + busy + "' could not be deleted due to: org.apache.kafka.common.errors.GroupNotEmptyException: "
                            + "The group is not empty.",
                    "These consumer groups were deleted successfully: '" + empty + "'")), deleted::toString);

            List<String> listed = run(CONSUMER_GROUP_COMMAND, "--list").assertSucceeded().lines();
            assertTrue(listed.contains(busy), listed::toString);
            assertFalse(listed.contains(empty), listed::toString);
            assertEquals(Map.of(), committed(empty, topic));
            assertEquals(Map.of(0, 5L), committed(busy, topic));
        }
    }

    /**
     * The rows of every table whose header line is {@code header} (columns split on whitespace),
     * each table up to the next blank line, each row as column name to value.
     */
    private static List<Map<String, String>> table(ClientProcess.Finished result, List<String> header) {
        result.assertSucceeded();
        List<Map<String, String>> rows = new ArrayList<>();
        boolean inTable = false;
        boolean found = false;
        for (String line : result.lines()) {
            String[] values = line.trim().split("\\s+");
            if (!inTable) {
                inTable = List.of(values).equals(header);
                found |= inTable;
            } else if (line.isBlank()) {
                inTable = false;
            } else {
                assertEquals(header.size(), values.length, () -> "unexpected line '" + line + "' in " + result);
                Map<String, String> row = new LinkedHashMap<>();
                for (int column = 0; column < values.length; column++) {
                    row.put(header.get(column), values[column]);
                }
                rows.add(row);
            }
        }
        assertTrue(found, () -> "no header " + header + " in " + result);
        return rows;
    }

    /** The NEW-OFFSET table of --reset-offsets, by partition; every row is {@code group}'s and {@code topic}'s. */
    private static Map<Integer, Long> newOffsets(ClientProcess.Finished result, String group, String topic) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (Map<String, String> row : table(result, NEW_OFFSET_HEADER)) {
            assertEquals(List.of(group, topic), List.of(row.get("GROUP"), row.get("TOPIC")), result::toString);
            offsets.put(Integer.parseInt(row.get("PARTITION")), Long.parseLong(row.get("NEW-OFFSET")));
        }
        return offsets;
    }

    /** The group's committed offsets in {@code topic}, by partition, as Admin reads them. */
    private static Map<Integer, Long> committed(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<Integer, Long> offsets = new TreeMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry
                    : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
                if (entry.getKey().topic().equals(topic) && entry.getValue() != null) {
                    offsets.put(entry.getKey().partition(), entry.getValue().offset());
                }
            }
            return offsets;
        }
    }

    /** A consumer in {@code group}, subscribed to {@code topic} and polled until it owns all its {@code partitions}; it never commits by itself. */
    private static KafkaConsumer<String, String> subscribedConsumer(String group, String clientId, String topic, int partitions) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        try {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.assignment().size() < partitions) {
                assertTrue(System.nanoTime() < deadline, () -> "no assignment of " + topic + " to the member of " + group);
                consumer.poll(Duration.ofMillis(100));
            }
            return consumer;
        } catch (RuntimeException | Error e) {
            consumer.close();
            throw e;
        }
    }

    /** The two groups of every line matching {@code pattern}, as key and number; other lines are ignored. */
    private static Map<String, Long> matchedPairs(ClientProcess.Finished result, Pattern pattern) {
        Map<String, Long> pairs = new TreeMap<>();
        for (String line : result.lines()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                pairs.put(matcher.group(1), Long.parseLong(matcher.group(2)));
            }
        }
        return pairs;
    }

    /** Runs {@code tool} against the broker with {@code arguments}. */
    private static ClientProcess.Finished run(List<String> tool, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(tool);
        command.add("--bootstrap-server");
        command.add(broker.bootstrapServers());
        command.addAll(List.of(arguments));
        return KafkaTool.run(command);
    }

    /** Runs ConfigCommand on one entity. */
    private static ClientProcess.Finished configCommand(String entityType, String entityName, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--entity-type", entityType, "--entity-name", entityName));
        all.addAll(List.of(arguments));
        return run(CONFIG_COMMAND, all.toArray(String[]::new));
    }

    private static void produce(String topic, Map<Integer, Integer> recordCountByPartition) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<Integer, Integer> partition : recordCountByPartition.entrySet()) {
                for (int i = 0; i < partition.getValue(); i++) {
                    producer.send(new ProducerRecord<>(topic, partition.getKey(), null, "record-" + i));
                }
            }
            producer.flush();
        }
    }

    /** {@code count} records into one partition, the first at {@code first} and each {@code step} after the one before. */
    private static void produceTimestamped(String topic, int partition, int count, Instant first, Duration step) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, first.plus(step.multipliedBy(i)).toEpochMilli(), null, "record-" + i));
            }
            producer.flush();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
