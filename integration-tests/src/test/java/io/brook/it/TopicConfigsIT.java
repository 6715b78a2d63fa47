package io.brook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.AlterConfigsRequest;
import io.brook.protocol.message.AlterConfigsResponse;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.DescribeConfigsRequest;
import io.brook.protocol.message.DescribeConfigsRequest.DescribeConfigsResource;
import io.brook.protocol.message.DescribeConfigsResponse;
import io.brook.protocol.message.DescribeConfigsResponse.DescribeConfigsResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * Topic configs through kafka-clients 4.x's AdminClient: createTopics with configs,
 * describeConfigs with every setting, its source and synonyms (as Kafka 4.3.1 reports them, where
 * noted), incrementalAlterConfigs and the legacy AlterConfigs round-trip and survive a restart,
 * and a change takes effect on the partitions at once: a smaller segment.bytes rolls segments,
 * a small retention.ms or retention.bytes deletes old ones within a retention check and moves
 * the earliest offset. Compaction is refused; the broker's settings are described read-only.
 */
class TopicConfigsIT {
    private static final int NODE_ID = 1;
    /** Set in "server.properties", so that its topic synonym max.message.bytes reports STATIC_BROKER_CONFIG. */
    private static final int MESSAGE_MAX_BYTES = 2_000_000;
    private static final long RETENTION_CHECK_INTERVAL_MS = 100;
    private static final int ONE_MIB = 1024 * 1024;
    private static final int RECORD_BYTES = 8 * 1024;
    private static final long WAIT_MS = 15_000;
    private static final Set<String> TOPIC_SETTINGS = Set.of("cleanup.policy", "compression.type", "compression.gzip.level",
            "compression.lz4.level", "compression.zstd.level", "file.delete.delay.ms",
            "flush.messages", "flush.ms", "index.interval.bytes", "max.message.bytes", "message.timestamp.after.max.ms",
            "message.timestamp.before.max.ms", "message.timestamp.type", "retention.bytes", "retention.ms", "segment.bytes",
            "segment.index.bytes", "segment.ms");

    @RegisterExtension
    final BrokerExtension broker = new BrokerExtension()
            .with("message.max.bytes", Integer.toString(MESSAGE_MAX_BYTES))
            .with("log.retention.check.interval.ms", Long.toString(RETENTION_CHECK_INTERVAL_MS));

    @Test
    void createTopicsWithConfigsAndDescribeConfigsReportsEverySettingWithSourcesAndSynonyms() throws Exception {
        try (Admin admin = admin()) {
            CreateTopicsResult created = admin.createTopics(List.of(new NewTopic("configured", 2, (short) 1)
                    .configs(Map.of("retention.ms", "3600000", "max.message.bytes", "4096", "cleanup.policy", "delete"))));
            created.all().get();
            Map<String, ConfigEntry> returned = byName(created.config("configured").get().entries());
            assertEquals(TOPIC_SETTINGS, returned.keySet());
            assertEquals("3600000", returned.get("retention.ms").value());
            assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, returned.get("retention.ms").source());
            assertEquals(ConfigSource.DEFAULT_CONFIG, returned.get("segment.bytes").source());
            assertEquals(2, created.numPartitions("configured").get());

            Map<String, ConfigEntry> described = describe(admin, "configured");
            assertEquals(TOPIC_SETTINGS, described.keySet());
            for (ConfigEntry entry : described.values()) {
                assertFalse(entry.isReadOnly(), entry.name());
                assertFalse(entry.isSensitive(), entry.name());
                assertNotNull(entry.documentation(), entry.name());
                assertNotNull(entry.value(), entry.name());
                assertTrue(entry.type() != ConfigEntry.ConfigType.UNKNOWN, entry.name());
            }
            // These as Kafka 4.3.1 describes the same topic on a broker with the same server.properties.
            assertEntry(described.get("retention.ms"), "3600000", ConfigSource.DYNAMIC_TOPIC_CONFIG,
                    "DYNAMIC_TOPIC_CONFIG:retention.ms=3600000", "DEFAULT_CONFIG:log.retention.hours=168");
            assertEntry(described.get("max.message.bytes"), "4096", ConfigSource.DYNAMIC_TOPIC_CONFIG,
                    "DYNAMIC_TOPIC_CONFIG:max.message.bytes=4096", "STATIC_BROKER_CONFIG:message.max.bytes=" + MESSAGE_MAX_BYTES,
                    "DEFAULT_CONFIG:message.max.bytes=1048588");
            assertEntry(described.get("segment.bytes"), "1073741824", ConfigSource.DEFAULT_CONFIG,
                    "DEFAULT_CONFIG:log.segment.bytes=1073741824");
            assertEntry(described.get("cleanup.policy"), "delete", ConfigSource.DYNAMIC_TOPIC_CONFIG,
                    "DYNAMIC_TOPIC_CONFIG:cleanup.policy=delete", "DEFAULT_CONFIG:log.cleanup.policy=delete");
            assertEntry(described.get("file.delete.delay.ms"), "60000", ConfigSource.DEFAULT_CONFIG,
                    "DEFAULT_CONFIG:log.segment.delete.delay.ms=60000");
            assertEntry(described.get("compression.type"), "producer", ConfigSource.DEFAULT_CONFIG,
                    "DEFAULT_CONFIG:compression.type=producer");
            assertEquals(ConfigEntry.ConfigType.LIST, described.get("cleanup.policy").type());
            assertEquals(ConfigEntry.ConfigType.LONG, described.get("retention.ms").type());
            assertEquals(ConfigEntry.ConfigType.INT, described.get("segment.bytes").type());
        }
    }

    @Test
    void theTopicsMaxMessageBytesLimitsWhatProducersMaySend() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("small-batches", 1, (short) 1).configs(Map.of("max.message.bytes", "2048")))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("small-batches", new byte[100])).get();
            ExecutionException tooLarge = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("small-batches", new byte[4096])).get());
            assertInstanceOf(RecordTooLargeException.class, tooLarge.getCause());
        }
    }

    @Test
    void incrementalAlterConfigsSetAndDeleteRoundTripAndSurviveARestart() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "altered");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("altered", 1, (short) 1).configs(Map.of("flush.messages", "1000")))).all().get();
            admin.incrementalAlterConfigs(Map.of(topic, List.of(
                    set("retention.ms", "86400000"), set("message.timestamp.type", "LogAppendTime"),
                    new AlterConfigOp(new ConfigEntry("flush.messages", null), AlterConfigOp.OpType.DELETE)))).all().get();
            Map<String, ConfigEntry> described = describe(admin, "altered");
            assertEquals("86400000", described.get("retention.ms").value());
            assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, described.get("retention.ms").source());
            assertEquals("LogAppendTime", described.get("message.timestamp.type").value());
            assertEquals(Long.toString(Long.MAX_VALUE), described.get("flush.messages").value());
            assertEquals(ConfigSource.DEFAULT_CONFIG, described.get("flush.messages").source());

            admin.incrementalAlterConfigs(Map.of(topic, List.of(set("retention.ms", "1"))), new AlterConfigsOptions().validateOnly(true)).all().get();
            assertEquals("86400000", describe(admin, "altered").get("retention.ms").value(), "validateOnly changes nothing");
        }

        broker.restart();

        try (Admin admin = admin()) {
            Map<String, ConfigEntry> described = describe(admin, "altered");
            assertEquals("86400000", described.get("retention.ms").value());
            assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, described.get("retention.ms").source());
            assertEquals("LogAppendTime", described.get("message.timestamp.type").value());
            assertEquals(ConfigSource.DEFAULT_CONFIG, described.get("flush.messages").source());
            // The restored LogAppendTime applies to the partition: the broker stamps the batch.
            long sentTimestamp = 1_000L;
            RecordMetadata acknowledged;
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                acknowledged = producer.send(new ProducerRecord<>("altered", 0, sentTimestamp, null, new byte[10])).get();
            }
            ConsumerRecord<byte[], byte[]> stored = consumeFirst("altered");
            assertEquals(TimestampType.LOG_APPEND_TIME, stored.timestampType());
            assertTrue(stored.timestamp() > sentTimestamp, "the broker's clock, not the producer's: " + stored.timestamp());
            assertEquals(stored.timestamp(), acknowledged.timestamp(), "the produce response carries the append time");

            admin.incrementalAlterConfigs(Map.of(topic, List.of(delete("retention.ms"), delete("message.timestamp.type")))).all().get();
            described = describe(admin, "altered");
            assertEquals(Long.toString(7 * 24 * 3_600_000L), described.get("retention.ms").value());
            assertEquals(ConfigSource.DEFAULT_CONFIG, described.get("retention.ms").source());
            assertEquals("CreateTime", described.get("message.timestamp.type").value());
        }
    }

    @Test
    void aSmallerSegmentBytesMakesTheSegmentsRoll() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("rolling", 1, (short) 1))).all().get();
        }
        produce("rolling", 3 * ONE_MIB, System.currentTimeMillis());
        assertEquals(1, segmentCount("rolling-0"), "1 GiB segments hold it all");

        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "rolling"),
                    List.of(set("segment.bytes", Integer.toString(ONE_MIB))))).all().get();
        }
        produce("rolling", 3 * ONE_MIB, System.currentTimeMillis());
        assertTrue(segmentCount("rolling-0") >= 4, "3 MiB more in 1 MiB segments, after the oversized one: " + segmentCount("rolling-0"));
    }

    @Test
    void aSmallRetentionMsDeletesOldSegmentsAndTheEarliestOffsetAdvances() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("expiring", 1, (short) 1)
                    .configs(Map.of("segment.bytes", Integer.toString(ONE_MIB), "file.delete.delay.ms", "0")))).all().get();
        }
        long twoDaysAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(2);
        long end = produce("expiring", 3 * ONE_MIB, twoDaysAgo);
        assertTrue(segmentCount("expiring-0") >= 3);
        try (Admin admin = admin()) {
            assertEquals(0, offset(admin, "expiring", OffsetSpec.earliest()));
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "expiring"),
                    List.of(set("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1)))))).all().get();
            long earliest = awaitOffset(admin, "expiring", OffsetSpec.earliest(), offset -> offset == end);
            assertEquals(end, earliest, "every record was older than retention.ms");
            assertEquals(end, offset(admin, "expiring", OffsetSpec.latest()));
        }
        assertEquals(1, segmentCount("expiring-0"), "only the new empty active segment is left");
        long next = produce("expiring", RECORD_BYTES, System.currentTimeMillis());
        try (Admin admin = admin()) {
            assertEquals(end, offset(admin, "expiring", OffsetSpec.earliest()), "a new record is kept");
            assertEquals(next, offset(admin, "expiring", OffsetSpec.latest()));
        }
    }

    @Test
    void aSmallRetentionBytesDeletesTheOldestSegments() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("bounded", 1, (short) 1)
                    .configs(Map.of("segment.bytes", Integer.toString(ONE_MIB))))).all().get();
        }
        long end = produce("bounded", 4 * ONE_MIB, System.currentTimeMillis());
        int segmentsBefore = segmentCount("bounded-0");
        assertTrue(segmentsBefore >= 4, "segments: " + segmentsBefore);
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "bounded"),
                    List.of(set("retention.bytes", Integer.toString(2 * ONE_MIB))))).all().get();
            long earliest = awaitOffset(admin, "bounded", OffsetSpec.earliest(), offset -> offset > 0);
            assertTrue(earliest < end, "the newest segments stay");
            assertEquals(end, offset(admin, "bounded", OffsetSpec.latest()));
        }
        assertTrue(segmentCount("bounded-0") < segmentsBefore);
        // Whole segments go while what is left stays at least retention.bytes, so less than one more segment remains.
        assertTrue(logBytes("bounded-0") < 3L * ONE_MIB, "about retention.bytes left: " + logBytes("bounded-0"));
    }

    @Test
    void compactionAndBadSettingsAreRefusedWithInvalidConfig() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "strict");
        try (Admin admin = admin()) {
            InvalidConfigurationException compact = assertCause(InvalidConfigurationException.class, () -> admin.createTopics(List.of(
                    new NewTopic("compacted", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get());
            assertTrue(compact.getMessage().contains("compact is not supported"), compact.getMessage());
            assertFalse(admin.listTopics().names().get().contains("compacted"));

            admin.createTopics(List.of(new NewTopic("strict", 1, (short) 1))).all().get();
            assertCause(InvalidConfigurationException.class, () -> alter(admin, topic, set("cleanup.policy", "compact")));
            assertCause(InvalidConfigurationException.class,
                    () -> alter(admin, topic, new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND)));
            InvalidConfigurationException append = assertCause(InvalidConfigurationException.class,
                    () -> alter(admin, topic, new AlterConfigOp(new ConfigEntry("retention.ms", "1"), AlterConfigOp.OpType.APPEND)));
            assertEquals("Can't APPEND to key retention.ms because its type is not LIST.", append.getMessage());
            InvalidConfigurationException unknown = assertCause(InvalidConfigurationException.class,
                    () -> alter(admin, topic, set("retention.days", "1")));
            assertEquals("Unknown topic config name: retention.days", unknown.getMessage());
            assertCause(InvalidConfigurationException.class, () -> alter(admin, topic, set("segment.bytes", "1000")));
            assertCause(InvalidConfigurationException.class, () -> alter(admin, topic, set("retention.ms", "soon")));
            assertCause(InvalidRequestException.class, () -> alter(admin, topic, set("retention.ms", "1"), set("retention.ms", "2")));
            assertCause(UnknownTopicOrPartitionException.class,
                    () -> alter(admin, new ConfigResource(ConfigResource.Type.TOPIC, "missing"), set("retention.ms", "1")));
            assertCause(UnknownTopicOrPartitionException.class, () -> describe(admin, "missing"));
            for (ConfigEntry entry : describe(admin, "strict").values()) {
                assertTrue(entry.source() != ConfigSource.DYNAMIC_TOPIC_CONFIG, "nothing refused was applied: " + entry.name());
            }

            // An empty policy (Kafka 4.2's "keep everything") and a SUBTRACT down to it are fine.
            admin.incrementalAlterConfigs(Map.of(topic, List.of(
                    new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SUBTRACT)))).all().get();
            assertEquals("", describe(admin, "strict").get("cleanup.policy").value());
            admin.incrementalAlterConfigs(Map.of(topic, List.of(
                    new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.APPEND)))).all().get();
            assertEquals("delete", describe(admin, "strict").get("cleanup.policy").value());
        }
    }

    @Test
    void createTopicsWithValidateOnlyChecksTheConfigsButCreatesNothing() throws Exception {
        try (Admin admin = admin()) {
            CreateTopicsResult validated = admin.createTopics(List.of(new NewTopic("only-checked", 1, (short) 1)
                    .configs(Map.of("retention.ms", "1000"))), new CreateTopicsOptions().validateOnly(true));
            validated.all().get();
            assertEquals("1000", byName(validated.config("only-checked").get().entries()).get("retention.ms").value());
            assertFalse(admin.listTopics().names().get().contains("only-checked"));
            assertCause(InvalidConfigurationException.class, () -> admin.createTopics(List.of(new NewTopic("never", 1, (short) 1)
                    .configs(Map.of("segment.ms", "0"))), new CreateTopicsOptions().validateOnly(true)).all().get());
        }
    }

    @Test
    void theBrokerIsDescribedReadOnlyAndCannotBeAltered() throws Exception {
        ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(NODE_ID));
        try (Admin admin = admin()) {
            Config config = admin.describeConfigs(List.of(brokerResource), new DescribeConfigsOptions().includeSynonyms(true))
                    .all().get().get(brokerResource);
            Map<String, ConfigEntry> entries = byName(config.entries());
            for (ConfigEntry entry : entries.values()) {
                assertTrue(entry.isReadOnly(), entry.name());
            }
            assertEntry(entries.get("message.max.bytes"), Integer.toString(MESSAGE_MAX_BYTES), ConfigSource.STATIC_BROKER_CONFIG,
                    "STATIC_BROKER_CONFIG:message.max.bytes=" + MESSAGE_MAX_BYTES, "DEFAULT_CONFIG:message.max.bytes=1048588");
            assertEntry(entries.get("log.retention.hours"), "168", ConfigSource.DEFAULT_CONFIG, "DEFAULT_CONFIG:log.retention.hours=168");
            assertEntry(entries.get("log.retention.ms"), null, ConfigSource.DEFAULT_CONFIG);
            assertEquals(ConfigSource.STATIC_BROKER_CONFIG, entries.get("log.dirs").source());
            assertEquals(ConfigSource.DEFAULT_CONFIG, entries.get("num.partitions").source());

            InvalidRequestException refused = assertCause(InvalidRequestException.class,
                    () -> alter(admin, brokerResource, set("log.retention.hours", "1")));
            assertTrue(refused.getMessage().startsWith("Cannot update these configs dynamically: [log.retention.hours]"), refused.getMessage());
        }
    }

    @Test
    void theLegacyAlterConfigsReplacesATopicsSettings() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("legacy", 1, (short) 1).configs(Map.of("flush.ms", "5000")))).all().get();
        }
        try (WireClient client = new WireClient(broker.port())) {
            for (short version = 0; version <= 2; version++) {
                AlterConfigsResponse replaced = client.call(ApiKey.ALTER_CONFIGS, version, alterConfigs("legacy",
                        "retention.ms", Integer.toString(1000 + version), "segment.bytes", Integer.toString(2 * ONE_MIB)), AlterConfigsResponse.class);
                assertEquals(ErrorCode.NONE.code(), replaced.responses().get(0).errorCode(), "version " + version);
                assertNull(replaced.responses().get(0).errorMessage());
            }
            AlterConfigsResponse nullValue = client.call(ApiKey.ALTER_CONFIGS, (short) 2, alterConfigs("legacy", "retention.ms", null),
                    AlterConfigsResponse.class);
            assertEquals(ErrorCode.INVALID_REQUEST.code(), nullValue.responses().get(0).errorCode());
        }
        try (Admin admin = admin()) {
            Map<String, ConfigEntry> described = describe(admin, "legacy");
            assertEquals("1002", described.get("retention.ms").value());
            assertEquals(Integer.toString(2 * ONE_MIB), described.get("segment.bytes").value());
            assertEquals(ConfigSource.DEFAULT_CONFIG, described.get("flush.ms").source(), "the whole set was replaced");
        }
    }

    @Test
    void describeConfigsKeepsOnlyTheAskedKeysAndAnswersEachResourceOnItsOwn() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("filtered", 1, (short) 1))).all().get();
        }
        try (WireClient client = new WireClient(broker.port())) {
            DescribeConfigsRequest request = new DescribeConfigsRequest().setIncludeSynonyms(true).setResources(List.of(
                    new DescribeConfigsResource().setResourceType((byte) 2).setResourceName("filtered")
                            .setConfigurationKeys(List.of("retention.ms", "no.such.setting")),
                    new DescribeConfigsResource().setResourceType((byte) 2).setResourceName("missing").setConfigurationKeys(null),
                    new DescribeConfigsResource().setResourceType((byte) 4).setResourceName("7").setConfigurationKeys(null),
                    new DescribeConfigsResource().setResourceType((byte) 4).setResourceName("").setConfigurationKeys(null),
                    new DescribeConfigsResource().setResourceType((byte) 8).setResourceName("1").setConfigurationKeys(null)));
            for (short version = 1; version <= 4; version++) {
                List<DescribeConfigsResult> results = client.call(ApiKey.DESCRIBE_CONFIGS, version, request, DescribeConfigsResponse.class).results();
                assertEquals(List.of("retention.ms"), results.get(0).configs().stream().map(c -> c.name()).toList());
                assertEquals(ErrorCode.NONE.code(), results.get(0).errorCode());
                assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), results.get(1).errorCode());
                assertEquals(ErrorCode.INVALID_REQUEST.code(), results.get(2).errorCode());
                assertEquals(ErrorCode.NONE.code(), results.get(3).errorCode(), "the cluster-wide dynamic defaults: none");
                assertEquals(List.of(), results.get(3).configs());
                assertEquals(ErrorCode.INVALID_REQUEST.code(), results.get(4).errorCode(), "broker loggers are not described");
            }
        }
    }

    private static AlterConfigsRequest alterConfigs(String topic, String... namesAndValues) {
        List<AlterConfigsRequest.AlterableConfig> configs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            configs.add(new AlterConfigsRequest.AlterableConfig().setName(namesAndValues[i]).setValue(namesAndValues[i + 1]));
        }
        return new AlterConfigsRequest().setResources(List.of(new AlterConfigsRequest.AlterConfigsResource()
                .setResourceType((byte) 2).setResourceName(topic).setConfigs(configs)));
    }

    private static void assertEntry(ConfigEntry entry, String value, ConfigSource source, String... synonyms) {
        assertEquals(value, entry.value(), entry.name());
        assertEquals(source, entry.source(), entry.name());
        assertEquals(List.of(synonyms), entry.synonyms().stream().map(s -> s.source() + ":" + s.name() + "=" + s.value()).toList(), entry.name());
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    private static AlterConfigOp delete(String name) {
        return new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE);
    }

    private static void alter(Admin admin, ConfigResource resource, AlterConfigOp... operations) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(operations))).all().get();
    }

    private static Map<String, ConfigEntry> describe(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return byName(admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().includeSynonyms(true).includeDocumentation(true))
                .all().get().get(resource).entries());
    }

    private static Map<String, ConfigEntry> byName(Collection<ConfigEntry> entries) {
        Map<String, ConfigEntry> byName = new HashMap<>();
        for (ConfigEntry entry : entries) {
            byName.put(entry.name(), entry);
        }
        return byName;
    }

    /** Sends {@code bytes} of records with this timestamp to partition 0; returns the log end offset after them. */
    private long produce(String topic, int bytes, long timestamp) throws Exception {
        long lastOffset = -1;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int written = 0; written < bytes; written += RECORD_BYTES) {
                sent.add(producer.send(new ProducerRecord<>(topic, 0, timestamp, null, new byte[RECORD_BYTES])));
            }
            for (Future<RecordMetadata> metadata : sent) {
                lastOffset = Math.max(lastOffset, metadata.get().offset());
            }
        }
        return lastOffset + 1;
    }

    private ConsumerRecord<byte[], byte[]> consumeFirst(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (deadlineNs - System.nanoTime() > 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
            throw new AssertionError("no record in " + topic);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long offset(Admin admin, String topic, OffsetSpec spec) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, spec)).partitionResult(partition).get().offset();
    }

    /**
     * Polls ListOffsets until the offset satisfies {@code done}: retention runs in the background
     * every log.retention.check.interval.ms, so there is nothing to wait on but its effect.
     */
    private static long awaitOffset(Admin admin, String topic, OffsetSpec spec, LongPredicate done) throws Exception {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        long offset = offset(admin, topic, spec);
        while (!done.test(offset)) {
            assertTrue(deadlineNs - System.nanoTime() > 0, "retention did not act within " + WAIT_MS + " ms; offset " + offset);
            Thread.sleep(RETENTION_CHECK_INTERVAL_MS);
            offset = offset(admin, topic, spec);
        }
        return offset;
    }

    private int segmentCount(String partitionDirectory) throws Exception {
        try (Stream<Path> files = Files.list(broker.dataDirectory().resolve(partitionDirectory))) {
            return (int) files.filter(file -> file.getFileName().toString().endsWith(".log")).count();
        }
    }

    private long logBytes(String partitionDirectory) throws Exception {
        long total = 0;
        try (Stream<Path> files = Files.list(broker.dataDirectory().resolve(partitionDirectory))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                total += Files.size(file);
            }
        }
        return total;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static <T extends Throwable> T assertCause(Class<T> expected, Executable call) {
        ExecutionException failure = assertThrows(ExecutionException.class, call);
        return assertInstanceOf(expected, failure.getCause());
    }
}
