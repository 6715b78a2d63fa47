package io.brook.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.LogConfig;
import io.brook.log.MaintenanceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @Test
    void defaultsAreKafkasExceptWhereASingleLocalNodeWantsOthers() {
        BrokerConfig config = BrokerConfig.from(Map.of());
        assertEquals(new Listener("127.0.0.1", 9092), config.listener());
        assertNull(config.advertisedListener());
        assertEquals(1, config.nodeId());
        assertEquals(Path.of("data"), config.logDirectory());
        assertEquals(1, config.numPartitions());
        assertEquals(1048588, config.messageMaxBytes());
        assertEquals(104857600, config.socketRequestMaxBytes());
        assertEquals(1073741824, config.logSegmentBytes());
        assertEquals(104857600, config.offsetsTopicSegmentBytes());
        assertEquals(5000, config.offsetsCommitTimeoutMs());
        assertEquals(500, config.queuedMaxRequests());
        assertEquals(600000L, config.connectionsMaxIdleMs());
        assertTrue(config.autoCreateTopicsEnable());
        assertTrue(config.deleteTopicEnable());
    }

    @Test
    void logDirsOverridesLogDir() {
        assertEquals(Path.of("/a"), BrokerConfig.from(Map.of("log.dir", "/b", "log.dirs", "/a")).logDirectory());
        assertEquals(Path.of("/b"), BrokerConfig.from(Map.of("log.dir", "/b")).logDirectory());
    }

    @Test
    void badValuesFailWithTheSettingAndTheValue() {
        ConfigException notANumber = assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("num.partitions", "many")));
        assertTrue(notANumber.getMessage().contains("num.partitions") && notANumber.getMessage().contains("many"));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("num.partitions", "0")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("append.ring.buffer.size", "1000")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("default.replication.factor", "3")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("auto.create.topics.enable", "yes")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.dirs", "/a,/b")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.segment.bytes", "13")));
    }

    @Test
    void unknownSettingsAreIgnoredSoThatKafkasOwnFileWorks() {
        BrokerConfig config = BrokerConfig.from(Map.of("process.roles", "broker,controller", "num.partitions", "3"));
        assertEquals(3, config.numPartitions());
    }

    @Test
    void listenersFollowKafkasSyntax() {
        assertEquals(new Listener("", 9093), BrokerConfig.from(Map.of("listeners", "PLAINTEXT://:9093")).listener());
        assertEquals(new Listener("::1", 9092), BrokerConfig.from(Map.of("listeners", "PLAINTEXT://[::1]:9092")).listener());
        assertEquals(new Listener("broker.example", 19092),
                BrokerConfig.from(Map.of("advertised.listeners", "PLAINTEXT://broker.example:19092")).advertisedListener());
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "SSL://:9093")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://a:1,PLAINTEXT://b:2")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://host")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://host:70000")));
    }

    @Test
    void overridesWinOverTheFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("server.properties");
        Files.writeString(file, "# comment\nnum.partitions=2\nnode.id=7\n");
        Map<String, String> settings = ServerProperties.load(file, List.of("num.partitions=5", "log.dirs=/x=y"));
        BrokerConfig config = BrokerConfig.from(settings);
        assertEquals(5, config.numPartitions());
        assertEquals(7, config.nodeId());
        assertEquals(Path.of("/x=y"), config.logDirectory());
        assertThrows(ConfigException.class, () -> ServerProperties.load(null, List.of("no-equals-sign")));
    }

    @Test
    void theShippedServerPropertiesHoldsExactlyTheDefaults() throws IOException {
        Path shipped = Path.of("..", "config", "server.properties");
        Map<String, String> settings = ServerProperties.load(shipped, List.of());
        for (ConfigKey key : BrokerConfig.KEYS) {
            if (key.name().equals(BrokerConfig.LOG_DIR) || key.name().equals(BrokerConfig.LOG_DIRS)) {
                continue;
            }
            assertEquals(key.defaultValue(), settings.get(key.name()), key.name());
        }
        assertEquals(Path.of("data"), BrokerConfig.from(settings).logDirectory());
    }

    @Test
    void theLogSettingsDefaultToKafkasWithASingleNodesFlushInterval() {
        BrokerConfig config = BrokerConfig.from(Map.of());
        assertEquals(LogConfig.defaults(), new TopicConfigs(config, 0).brokerDefaults());
        assertEquals(MaintenanceConfig.defaults(), config.maintenanceConfig());
    }

    @Test
    void retentionTakesMillisecondsOverMinutesOverHoursAndNegativeMeansUnlimited() {
        assertEquals(7 * 24 * 3_600_000L, retentionMs(Map.of()));
        assertEquals(2 * 3_600_000L, retentionMs(Map.of("log.retention.hours", "2")));
        assertEquals(3 * 60_000L, retentionMs(Map.of("log.retention.hours", "2", "log.retention.minutes", "3")));
        assertEquals(5L, retentionMs(Map.of("log.retention.hours", "2", "log.retention.minutes", "3", "log.retention.ms", "5")));
        assertEquals(-1L, retentionMs(Map.of("log.retention.ms", "-5")));
        assertEquals(-1L, retentionMs(Map.of("log.retention.hours", "-1")));
    }

    @Test
    void segmentsRollByLogRollMsOverLogRollHours() {
        assertEquals(3 * 3_600_000L, logConfig(Map.of("log.roll.hours", "3")).segmentMs());
        assertEquals(5000L, logConfig(Map.of("log.roll.hours", "3", "log.roll.ms", "5000")).segmentMs());
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.roll.hours", "0")));
    }

    @Test
    void everyLogSettingReachesTheLogConfigAndTheMaintenanceIntervals() {
        BrokerConfig config = BrokerConfig.from(Map.ofEntries(
                Map.entry("log.segment.bytes", "2000"), Map.entry("log.index.size.max.bytes", "4096"),
                Map.entry("log.index.interval.bytes", "100"), Map.entry("log.retention.bytes", "123456"),
                Map.entry("log.flush.interval.messages", "7"), Map.entry("log.flush.interval.ms", "8"),
                Map.entry("log.segment.delete.delay.ms", "9"), Map.entry("message.max.bytes", "10"),
                Map.entry("log.message.timestamp.type", "LogAppendTime"), Map.entry("log.message.timestamp.before.max.ms", "11"),
                Map.entry("log.message.timestamp.after.max.ms", "12"), Map.entry("log.flush.scheduler.interval.ms", "13"),
                Map.entry("log.retention.check.interval.ms", "14"), Map.entry("log.flush.offset.checkpoint.interval.ms", "15"),
                Map.entry("log.flush.start.offset.checkpoint.interval.ms", "16")));
        LogConfig log = new TopicConfigs(config, 0).brokerDefaults();
        assertEquals(List.of(2000, 4096, 100, 123456L, 7L, 8L, 9L, 10, LogConfig.TimestampType.LOG_APPEND_TIME, 11L, 12L),
                List.of(log.segmentBytes(), log.segmentIndexBytes(), log.indexIntervalBytes(), log.retentionBytes(),
                        log.flushIntervalMessages(), log.flushIntervalMs(), log.fileDeleteDelayMs(), log.maxMessageBytes(),
                        log.timestampType(), log.timestampBeforeMaxMs(), log.timestampAfterMaxMs()));
        assertEquals(new MaintenanceConfig(13, 14, 15, 16), config.maintenanceConfig());
    }

    @Test
    void compactionIsRefusedAtStartUpWithAClearMessage() {
        ConfigException compact = assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.cleanup.policy", "compact")));
        assertTrue(compact.getMessage().contains("log.cleanup.policy") && compact.getMessage().contains("no log cleaner"), compact.getMessage());
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.cleanup.policy", "delete,compact")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.cleanup.policy", "shred")));
        assertEquals(-1L, logConfig(Map.of("log.cleanup.policy", "")).retentionMs());
    }

    @Test
    void compressionAndTimestampTypesAreKafkasNames() {
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("compression.type", "brotli")));
        assertThrows(ConfigException.class, () -> BrokerConfig.from(Map.of("log.message.timestamp.type", "createtime")));
        BrokerConfig.from(Map.of("compression.type", "zstd"));
    }

    @Test
    void theBrokerIsDescribedReadOnlyWithKafkasSourcesAndSynonyms() {
        BrokerConfig config = BrokerConfig.from(Map.of("log.segment.bytes", "2097152", "log.retention.hours", "24"));
        Map<String, ConfigEntry> entries = new HashMap<>();
        for (ConfigEntry entry : config.describe()) {
            assertTrue(entry.readOnly(), entry.name());
            entries.put(entry.name(), entry);
        }
        assertEquals(BrokerConfig.KEYS.size(), entries.size());
        assertEquals(new ConfigEntry("log.segment.bytes", "2097152", ConfigSource.STATIC_BROKER_CONFIG, true, ConfigKey.Type.INT,
                BrokerConfig.key("log.segment.bytes").doc(), List.of(
                        new ConfigSynonym("log.segment.bytes", "2097152", ConfigSource.STATIC_BROKER_CONFIG),
                        new ConfigSynonym("log.segment.bytes", "1073741824", ConfigSource.DEFAULT_CONFIG))),
                entries.get("log.segment.bytes"));
        // As Kafka 4.3.1 answers: log.retention.ms has no value and no synonyms; log.retention.hours
        // lists itself as set and as defaulted.
        assertNull(entries.get("log.retention.ms").value());
        assertEquals(ConfigSource.DEFAULT_CONFIG, entries.get("log.retention.ms").source());
        assertEquals(List.of(), entries.get("log.retention.ms").synonyms());
        assertEquals(List.of(new ConfigSynonym("log.retention.hours", "24", ConfigSource.STATIC_BROKER_CONFIG),
                new ConfigSynonym("log.retention.hours", "168", ConfigSource.DEFAULT_CONFIG)), entries.get("log.retention.hours").synonyms());
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG, entries.get("log.retention.hours").source());
        assertEquals(List.of(new ConfigSynonym("message.max.bytes", "1048588", ConfigSource.DEFAULT_CONFIG)),
                entries.get("message.max.bytes").synonyms());
        assertEquals(ConfigKey.Type.LIST, entries.get("log.cleanup.policy").type());
    }

    private static long retentionMs(Map<String, String> settings) {
        return logConfig(settings).retentionMs();
    }

    private static LogConfig logConfig(Map<String, String> settings) {
        return new TopicConfigs(BrokerConfig.from(settings), 0).brokerDefaults();
    }
}
