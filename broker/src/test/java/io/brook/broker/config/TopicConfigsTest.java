package io.brook.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.LogConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigsTest {
    private static final int LEADER_EPOCH = 0;
    private final TopicConfigs defaults = new TopicConfigs(BrokerConfig.from(Map.of()), LEADER_EPOCH);

    @Test
    void everyTopicSettingHasABrokerSynonymWithADefault() {
        for (TopicConfigs.TopicConfigKey key : TopicConfigs.KEYS) {
            assertFalse(key.synonyms().isEmpty(), key.key().name());
            String last = key.synonyms().get(key.synonyms().size() - 1).name();
            assertTrue(BrokerConfig.key(last) != null && BrokerConfig.key(last).defaultValue() != null, key.key().name());
        }
    }

    @Test
    void validOverridesComeBackWrittenAsKafkaWritesThem() {
        Map<String, String> valid = defaults.validate(Map.of("retention.ms", " 1000 ", "cleanup.policy", "delete , delete",
                "message.timestamp.type", "LogAppendTime", "compression.type", "zstd"));
        assertEquals(Map.of("retention.ms", "1000", "cleanup.policy", "delete,delete", "message.timestamp.type", "LogAppendTime",
                "compression.type", "zstd"), valid);
        assertEquals(List.of("cleanup.policy", "compression.type", "message.timestamp.type", "retention.ms"), List.copyOf(valid.keySet()));
    }

    @Test
    void invalidOverridesAreRefusedWithKafkasWording() {
        assertEquals("Unknown topic config name: retention.days", invalid("retention.days", "1"));
        assertEquals("Invalid value 1000 for configuration segment.bytes: must be at least 1048576.", invalid("segment.bytes", "1000"));
        assertEquals("Invalid value abc for configuration retention.ms: not a valid long.", invalid("retention.ms", "abc"));
        assertTrue(invalid("retention.ms", "-2").contains("must be at least -1"));
        assertTrue(invalid("message.timestamp.type", "createtime").contains("must be one of: CreateTime, LogAppendTime"));
        assertTrue(invalid("compression.type", "brotli").contains("must be one of"));
        assertTrue(invalid("flush.messages", "0").contains("must be at least 1"));
        assertTrue(invalid("segment.index.bytes", "16").contains("must be at least 32"));
        assertTrue(invalid("max.message.bytes", "-1").contains("must be at least 0"));
        assertTrue(invalid("cleanup.policy", "shred").contains("delete and compact"));
    }

    @Test
    void compactionIsRefusedWithAClearMessage() {
        String message = invalid("cleanup.policy", "compact");
        assertTrue(message.startsWith("Invalid value compact for configuration cleanup.policy: compact is not supported"), message);
        assertTrue(invalid("cleanup.policy", "delete,compact").contains("no log cleaner"));
    }

    @Test
    void overridesWinOverTheBrokersSettings() {
        LogConfig log = defaults.logConfig(Map.of("segment.bytes", "1048576", "segment.ms", "5000", "retention.ms", "60000",
                "retention.bytes", "4096", "max.message.bytes", "100", "flush.ms", "7", "flush.messages", "8",
                "file.delete.delay.ms", "9", "index.interval.bytes", "10", "segment.index.bytes", "4096"));
        assertEquals(LogConfig.defaults().toBuilder().segmentBytes(1048576).segmentMs(5000).retentionMs(60000).retentionBytes(4096)
                .maxMessageBytes(100).flushIntervalMs(7).flushIntervalMessages(8).fileDeleteDelayMs(9).indexIntervalBytes(10)
                .segmentIndexBytes(4096).build(), log);
        LogConfig stamped = defaults.logConfig(Map.of("message.timestamp.type", "LogAppendTime",
                "message.timestamp.before.max.ms", "1", "message.timestamp.after.max.ms", "2"));
        assertEquals(LogConfig.TimestampType.LOG_APPEND_TIME, stamped.timestampType());
        assertEquals(List.of(1L, 2L), List.of(stamped.timestampBeforeMaxMs(), stamped.timestampAfterMaxMs()));
    }

    @Test
    void anEmptyCleanupPolicyKeepsEverythingAsInKafka42() {
        LogConfig log = defaults.logConfig(Map.of("cleanup.policy", "", "retention.ms", "1000", "retention.bytes", "1"));
        assertEquals(-1, log.retentionMs());
        assertEquals(-1, log.retentionBytes());
    }

    @Test
    void describedWithTheSourcesAndSynonymsKafka431Reports() {
        TopicConfigs configs = new TopicConfigs(BrokerConfig.from(Map.of("log.segment.bytes", "2097152")), LEADER_EPOCH);
        Map<String, ConfigEntry> entries = byName(configs.describe(Map.of("retention.bytes", "4096")));
        assertEquals(TopicConfigs.KEYS.size(), entries.size());
        // Each as Kafka 4.3.1 describes the same topic on a broker with log.segment.bytes=2097152.
        assertEquals(new ConfigEntry("segment.bytes", "2097152", ConfigSource.STATIC_BROKER_CONFIG, false, ConfigKey.Type.INT,
                TopicConfigs.key("segment.bytes").key().doc(), List.of(
                        new ConfigSynonym("log.segment.bytes", "2097152", ConfigSource.STATIC_BROKER_CONFIG),
                        new ConfigSynonym("log.segment.bytes", "1073741824", ConfigSource.DEFAULT_CONFIG))),
                entries.get("segment.bytes"));
        assertEquals(List.of(new ConfigSynonym("retention.bytes", "4096", ConfigSource.DYNAMIC_TOPIC_CONFIG),
                new ConfigSynonym("log.retention.bytes", "-1", ConfigSource.DEFAULT_CONFIG)), entries.get("retention.bytes").synonyms());
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG, entries.get("retention.bytes").source());
        assertEquals("4096", entries.get("retention.bytes").value());
        assertEquals(List.of(new ConfigSynonym("message.max.bytes", "1048588", ConfigSource.DEFAULT_CONFIG)),
                entries.get("max.message.bytes").synonyms());
        assertEquals(List.of(new ConfigSynonym("log.cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG)),
                entries.get("cleanup.policy").synonyms());
        assertEquals(ConfigKey.Type.LIST, entries.get("cleanup.policy").type());
        assertEquals(List.of(new ConfigSynonym("log.segment.delete.delay.ms", "60000", ConfigSource.DEFAULT_CONFIG)),
                entries.get("file.delete.delay.ms").synonyms());
        for (ConfigEntry entry : entries.values()) {
            assertFalse(entry.readOnly(), entry.name());
        }
    }

    @Test
    void retentionFromLogRetentionHoursIsReportedAsComingFromThere() {
        TopicConfigs configs = new TopicConfigs(BrokerConfig.from(Map.of("log.retention.hours", "24")), LEADER_EPOCH);
        ConfigEntry retention = byName(configs.describe(Map.of())).get("retention.ms");
        // Kafka 4.3.1 says source DEFAULT_CONFIG with no synonyms here; see TopicConfigs.describe.
        assertEquals("86400000", retention.value());
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG, retention.source());
        assertEquals(List.of(new ConfigSynonym("log.retention.hours", "24", ConfigSource.STATIC_BROKER_CONFIG),
                new ConfigSynonym("log.retention.hours", "168", ConfigSource.DEFAULT_CONFIG)), retention.synonyms());
        ConfigEntry roll = byName(defaults.describe(Map.of())).get("segment.ms");
        assertEquals("604800000", roll.value());
        assertEquals(ConfigSource.DEFAULT_CONFIG, roll.source());
    }

    @Test
    void theValueOfOneSettingIsTheOverrideElseTheBrokers() {
        assertEquals("delete", defaults.value(Map.of(), "cleanup.policy"));
        assertEquals("", defaults.value(Map.of("cleanup.policy", ""), "cleanup.policy"));
        assertTrue(TopicConfigs.isList("cleanup.policy"));
        assertFalse(TopicConfigs.isList("retention.ms"));
        assertFalse(TopicConfigs.isList("no.such.setting"));
    }

    private String invalid(String name, String value) {
        return assertThrows(ConfigException.class, () -> defaults.validate(Map.of(name, value))).getMessage();
    }

    private static Map<String, ConfigEntry> byName(List<ConfigEntry> entries) {
        Map<String, ConfigEntry> byName = new HashMap<>();
        for (ConfigEntry entry : entries) {
            byName.put(entry.name(), entry);
        }
        return byName;
    }
}
