package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own command-line tools (4.3.1) against this broker, their output parsed and checked
 * value by value: TopicCommand (kafka-topics.sh), GetOffsetShell (kafka-get-offsets.sh),
 * DeleteRecordsCommand (kafka-delete-records.sh) and ConfigCommand (kafka-configs.sh). Each tool
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

    @RegisterExtension
    static final BrokerExtension broker = new BrokerExtension().with("num.partitions", NUM_PARTITIONS);

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
        KafkaTool.Result shrink = run(TOPIC_COMMAND, "--alter", "--topic", topic, "--partitions", "2");
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
    private static void assertDescribed(KafkaTool.Result described, String topic, String topicId, int partitionCount) {
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
        KafkaTool.Result deleted = run(DELETE_RECORDS_COMMAND, "--offset-json-file", offsetsFile.toString()).assertSucceeded();
        assertEquals(Map.of(topic + "-1", 5L, topic + "-2", 30L), matchedPairs(deleted, LOW_WATERMARK_LINE));

        assertEquals(Map.of(0, 0L, 1, 5L, 2, 30L), offsets(run(GET_OFFSET_SHELL, "--topic", topic, "--time", "-2"), topic));
    }

    /** GetOffsetShell's lines as offsets by partition; every line is one of {@code topic}'s. */
    private static Map<Integer, Long> offsets(KafkaTool.Result result, String topic) {
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

        KafkaTool.Result brokerConfigs = configCommand("brokers", NODE_ID, "--describe", "--all");
        Map<String, String> described = configs(brokerConfigs, "All configs for broker " + NODE_ID + " are:");
        assertEquals(NUM_PARTITIONS, described.get("num.partitions"), brokerConfigs::toString);
        assertEquals(broker.dataDirectory().toString(), described.get("log.dirs"), brokerConfigs::toString);
        assertTrue(brokerConfigs.lines().contains("  num.partitions=" + NUM_PARTITIONS + " sensitive=false synonyms={"
                + "STATIC_BROKER_CONFIG:num.partitions=" + NUM_PARTITIONS + ", DEFAULT_CONFIG:num.partitions=1}"), brokerConfigs::toString);
    }

    /** ConfigCommand's described configs by name, after the one header line it prints for the entity. */
    private static Map<String, String> configs(KafkaTool.Result result, String header) {
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

    /** The two groups of every line matching {@code pattern}, as key and number; other lines are ignored. */
    private static Map<String, Long> matchedPairs(KafkaTool.Result result, Pattern pattern) {
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
    private static KafkaTool.Result run(List<String> tool, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(tool);
        command.add("--bootstrap-server");
        command.add(broker.bootstrapServers());
        command.addAll(List.of(arguments));
        return KafkaTool.run(command);
    }

    /** Runs ConfigCommand on one entity. */
    private static KafkaTool.Result configCommand(String entityType, String entityName, String... arguments) throws Exception {
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

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
