package io.brook.broker.config;

import io.brook.compression.CompressionLevels;
import io.brook.compression.CompressionType;
import io.brook.compression.TopicCompression;
import static io.brook.broker.config.ConfigKey.any;
import static io.brook.broker.config.ConfigKey.atLeast;
import static io.brook.broker.config.ConfigKey.oneOf;

import io.brook.broker.config.ConfigKey.Type;
import io.brook.log.LogConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topic-level settings (Kafka's {@code TopicConfig} names, types and ranges) and how a topic's
 * own settings, its overrides, combine with the broker's into the {@link LogConfig} its partitions
 * run with. A setting a topic does not override takes its value from its broker synonyms, highest
 * precedence first (Kafka's {@code ServerTopicConfigSynonyms}): retention.ms from log.retention.ms,
 * else log.retention.minutes, else log.retention.hours, converted to milliseconds.
 *
 * <p>Immutable and thread-safe.
 */
public final class TopicConfigs {
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL = CompressionLevels.GZIP_LEVEL_CONFIG;
    public static final String COMPRESSION_LZ4_LEVEL = CompressionLevels.LZ4_LEVEL_CONFIG;
    public static final String COMPRESSION_ZSTD_LEVEL = CompressionLevels.ZSTD_LEVEL_CONFIG;
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String SEGMENT_MS = "segment.ms";

    /** Kafka 4's smallest segment.bytes (KIP-1030). */
    static final int MIN_SEGMENT_BYTES = 1024 * 1024;
    private static final long MS_PER_MINUTE = 60_000L;
    private static final long MS_PER_HOUR = 3_600_000L;
    /** Kafka's value for "no time limit": any negative broker retention becomes this. */
    private static final long UNLIMITED = -1;

    /**
     * A broker setting that gives a topic setting its default.
     *
     * @param msPerUnit what one unit of the broker setting is in the topic setting's milliseconds
     *     (hours and minutes settings); 1 to take the value as it is
     */
    record BrokerSynonym(String name, long msPerUnit) {
        static BrokerSynonym same(String name) {
            return new BrokerSynonym(name, 1);
        }
    }

    /**
     * A topic-level setting. Its default is not its own: it comes from {@code synonyms}, highest
     * precedence first, so the key's {@code defaultValue} is null.
     */
    record TopicConfigKey(ConfigKey key, List<BrokerSynonym> synonyms) {
        List<String> synonymNames() {
            List<String> names = new ArrayList<>();
            for (BrokerSynonym synonym : synonyms) {
                names.add(synonym.name());
            }
            return names;
        }
    }

    /** Every topic-level setting, by name. */
    static final List<TopicConfigKey> KEYS = List.of(
            topicKey(CLEANUP_POLICY, Type.LIST, BrokerConfig.CLEANUP_POLICY_VALIDATOR,
                    "delete: old segments are deleted by retention.ms and retention.bytes; an empty list keeps them forever. "
                            + "compact is refused: this broker has no log cleaner yet.",
                    BrokerSynonym.same(BrokerConfig.LOG_CLEANUP_POLICY)),
            topicKey(COMPRESSION_TYPE, Type.STRING, oneOf(BrokerConfig.COMPRESSION_TYPES),
                    "The compression of the topic's stored batches: uncompressed, gzip, snappy, lz4, zstd, or producer "
                            + "to keep the producer's. A batch in another codec is recompressed before it is stored.",
                    BrokerSynonym.same(BrokerConfig.COMPRESSION_TYPE)),
            topicKey(COMPRESSION_GZIP_LEVEL, Type.INT, BrokerConfig.levelOf(CompressionType.GZIP),
                    "The level of batches this topic recompresses to gzip (1-9, or -1 for zlib's default).",
                    BrokerSynonym.same(BrokerConfig.COMPRESSION_GZIP_LEVEL)),
            topicKey(COMPRESSION_LZ4_LEVEL, Type.INT, BrokerConfig.levelOf(CompressionType.LZ4),
                    "The level of batches this topic recompresses to lz4 (1-17).",
                    BrokerSynonym.same(BrokerConfig.COMPRESSION_LZ4_LEVEL)),
            topicKey(COMPRESSION_ZSTD_LEVEL, Type.INT, BrokerConfig.levelOf(CompressionType.ZSTD),
                    "The level of batches this topic recompresses to zstd (-131072 to 22).",
                    BrokerSynonym.same(BrokerConfig.COMPRESSION_ZSTD_LEVEL)),
            topicKey(FILE_DELETE_DELAY_MS, Type.LONG, atLeast(0),
                    "How long the files of a segment deleted by retention stay for readers still using them.",
                    BrokerSynonym.same(BrokerConfig.LOG_SEGMENT_DELETE_DELAY_MS)),
            topicKey(FLUSH_MESSAGES, Type.LONG, atLeast(1),
                    "Flush a partition to disk once this many records are unflushed.",
                    BrokerSynonym.same(BrokerConfig.LOG_FLUSH_INTERVAL_MESSAGES)),
            topicKey(FLUSH_MS, Type.LONG, atLeast(0),
                    "Flush a partition to disk once data has been unflushed this long (checked every log.flush.scheduler.interval.ms).",
                    BrokerSynonym.same(BrokerConfig.LOG_FLUSH_INTERVAL_MS)),
            topicKey(INDEX_INTERVAL_BYTES, Type.INT, atLeast(0),
                    "Bytes appended between two offset-index entries: a denser index finds an offset with a shorter scan.",
                    BrokerSynonym.same(BrokerConfig.LOG_INDEX_INTERVAL_BYTES)),
            topicKey(MAX_MESSAGE_BYTES, Type.INT, atLeast(0),
                    "The largest record batch a producer may send to the topic; a larger one gets MESSAGE_TOO_LARGE.",
                    BrokerSynonym.same(BrokerConfig.MESSAGE_MAX_BYTES)),
            topicKey(MESSAGE_TIMESTAMP_AFTER_MAX_MS, Type.LONG, atLeast(0),
                    "How far a CreateTime timestamp may lie ahead of the broker's clock; a batch further ahead gets INVALID_TIMESTAMP.",
                    BrokerSynonym.same(BrokerConfig.LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS)),
            topicKey(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, Type.LONG, atLeast(0),
                    "How far a CreateTime timestamp may lie behind the broker's clock; a batch further behind gets INVALID_TIMESTAMP.",
                    BrokerSynonym.same(BrokerConfig.LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS)),
            topicKey(MESSAGE_TIMESTAMP_TYPE, Type.STRING, oneOf(BrokerConfig.TIMESTAMP_TYPES),
                    "CreateTime keeps the producer's timestamps; LogAppendTime stamps each batch with the broker's clock.",
                    BrokerSynonym.same(BrokerConfig.LOG_MESSAGE_TIMESTAMP_TYPE)),
            topicKey(RETENTION_BYTES, Type.LONG, any(),
                    "Delete a partition's oldest segments while the partition is larger than this; -1 for no limit. "
                            + "Whole segments only, and never the active one's last records.",
                    BrokerSynonym.same(BrokerConfig.LOG_RETENTION_BYTES)),
            topicKey(RETENTION_MS, Type.LONG, atLeast(UNLIMITED),
                    "Delete a segment once its newest record is older than this (by record timestamps); -1 for no limit. "
                            + "Checked every log.retention.check.interval.ms.",
                    BrokerSynonym.same(BrokerConfig.LOG_RETENTION_MS),
                    new BrokerSynonym(BrokerConfig.LOG_RETENTION_MINUTES, MS_PER_MINUTE),
                    new BrokerSynonym(BrokerConfig.LOG_RETENTION_HOURS, MS_PER_HOUR)),
            topicKey(SEGMENT_BYTES, Type.INT, atLeast(MIN_SEGMENT_BYTES),
                    "Start a new segment file when the active one would grow past this size. At least 1 MiB, as in Kafka 4.",
                    BrokerSynonym.same(BrokerConfig.LOG_SEGMENT_BYTES)),
            topicKey(SEGMENT_INDEX_BYTES, Type.INT, atLeast(BrokerConfig.MIN_INDEX_BYTES),
                    "The size of each segment's offset and time index files; a full index rolls the segment. "
                            + "At least " + BrokerConfig.MIN_INDEX_BYTES + " bytes (Kafka accepts 4).",
                    BrokerSynonym.same(BrokerConfig.LOG_INDEX_SIZE_MAX_BYTES)),
            topicKey(SEGMENT_MS, Type.LONG, atLeast(1),
                    "Start a new segment when the active one's first record is this old, so that retention can delete it.",
                    BrokerSynonym.same(BrokerConfig.LOG_ROLL_MS),
                    new BrokerSynonym(BrokerConfig.LOG_ROLL_HOURS, MS_PER_HOUR)));

    private final BrokerConfig broker;
    private final int leaderEpoch;
    private final LogConfig brokerDefaults;

    /**
     * Topic settings over {@code broker}'s; every resolved LogConfig stamps {@code leaderEpoch}.
     * Throws ConfigException when the broker's settings do not make a valid topic config.
     */
    public TopicConfigs(BrokerConfig broker, int leaderEpoch) {
        this.broker = broker;
        this.leaderEpoch = leaderEpoch;
        this.brokerDefaults = logConfig(Map.of());
    }

    private static TopicConfigKey topicKey(String name, Type type, ConfigKey.Validator validator, String doc,
                                           BrokerSynonym... synonyms) {
        return new TopicConfigKey(new ConfigKey(name, type, null, validator, doc), List.of(synonyms));
    }

    /** The topic setting {@code name}, or null when there is none. */
    static TopicConfigKey key(String name) {
        for (TopicConfigKey key : KEYS) {
            if (key.key().name().equals(name)) {
                return key;
            }
        }
        return null;
    }

    /** Whether {@code name} is a topic setting whose values are lists (the only kind APPEND and SUBTRACT apply to). */
    public static boolean isList(String name) {
        TopicConfigKey key = key(name);
        return key != null && key.key().type() == Type.LIST;
    }

    /**
     * Checks a topic's overrides, each name and value: an unknown name, a value of the wrong type
     * or out of range throws ConfigException with Kafka's wording ("Unknown topic config name: x",
     * "Invalid value v for configuration n: ..."). Returns them with their values written as Kafka
     * writes them, sorted by name. Values must not be null.
     */
    public Map<String, String> validate(Map<String, String> overrides) {
        Map<String, String> valid = new TreeMap<>();
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            TopicConfigKey key = key(override.getKey());
            if (key == null) {
                throw new ConfigException("Unknown topic config name: " + override.getKey());
            }
            valid.put(override.getKey(), key.key().format(key.key().parse(override.getValue())));
        }
        return valid;
    }

    /** The items of a list setting's value, in Kafka's list syntax. */
    public static List<String> parseList(String text) {
        return ConfigKey.parseList(text);
    }

    /** The value of setting {@code name} for a topic with these (valid) overrides, as Kafka writes it. */
    public String value(Map<String, String> overrides, String name) {
        TopicConfigKey key = key(name);
        if (key == null) {
            throw new IllegalArgumentException("no topic setting " + name);
        }
        return key.key().format(effectiveValues(overrides).get(name));
    }

    /** The LogConfig of a topic without overrides: the broker's settings. */
    public LogConfig brokerDefaults() {
        return brokerDefaults;
    }

    /**
     * The LogConfig of a topic with these (valid) overrides. A cleanup.policy without delete turns
     * retention off, as in Kafka, whatever retention.ms and retention.bytes say.
     */
    public LogConfig logConfig(Map<String, String> overrides) {
        Map<String, Object> values = effectiveValues(overrides);
        boolean delete = ((List<?>) values.get(CLEANUP_POLICY)).contains(BrokerConfig.CLEANUP_POLICY_DELETE);
        TopicCompression compression = TopicCompression.forConfigName((String) values.get(COMPRESSION_TYPE));
        return new LogConfig(
                (Integer) values.get(SEGMENT_BYTES),
                (Long) values.get(SEGMENT_MS),
                (Integer) values.get(SEGMENT_INDEX_BYTES),
                (Integer) values.get(INDEX_INTERVAL_BYTES),
                delete ? (Long) values.get(RETENTION_MS) : UNLIMITED,
                delete ? (Long) values.get(RETENTION_BYTES) : UNLIMITED,
                (Long) values.get(FLUSH_MESSAGES),
                (Long) values.get(FLUSH_MS),
                (Long) values.get(FILE_DELETE_DELAY_MS),
                (Integer) values.get(MAX_MESSAGE_BYTES),
                LogConfig.TimestampType.forConfigValue((String) values.get(MESSAGE_TIMESTAMP_TYPE)),
                (Long) values.get(MESSAGE_TIMESTAMP_BEFORE_MAX_MS),
                (Long) values.get(MESSAGE_TIMESTAMP_AFTER_MAX_MS),
                compression,
                level(compression, values),
                leaderEpoch);
    }

    /** The level of the codec {@code compression} stores batches in, from its level setting. */
    private static int level(TopicCompression compression, Map<String, Object> values) {
        CompressionType stored = compression.storedType(CompressionType.NONE);
        String setting = CompressionLevels.configName(stored);
        return setting == null ? CompressionLevels.NO_LEVEL : (Integer) values.get(setting);
    }

    /**
     * Every topic setting as DescribeConfigs reports a topic: the value in use; its synonyms, the
     * topic's own setting (DYNAMIC_TOPIC_CONFIG) first, then the broker settings that would give
     * the value, set ones (STATIC_BROKER_CONFIG) before defaults (DEFAULT_CONFIG); and as its source
     * that of the first synonym. Topic settings are never read-only.
     *
     * <p>One difference from Kafka, on purpose: Kafka lists a topic setting's broker synonyms only
     * from its first broker name on, so with log.retention.hours=24 in server.properties it reports
     * retention.ms=86400000 with no synonyms and source DEFAULT_CONFIG (checked against Kafka 4.3.1).
     * Here it is reported with source STATIC_BROKER_CONFIG and the synonyms log.retention.hours=24
     * and log.retention.hours=168, which is where the value comes from.
     */
    public List<ConfigEntry> describe(Map<String, String> overrides) {
        Map<String, Object> values = effectiveValues(overrides);
        List<ConfigEntry> entries = new ArrayList<>();
        for (TopicConfigKey topicKey : KEYS) {
            ConfigKey key = topicKey.key();
            List<ConfigSynonym> synonyms = new ArrayList<>();
            String override = overrides.get(key.name());
            if (override != null) {
                synonyms.add(new ConfigSynonym(key.name(), override, ConfigSource.DYNAMIC_TOPIC_CONFIG));
            }
            synonyms.addAll(broker.synonyms(topicKey.synonymNames()));
            ConfigSource source = synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG : synonyms.get(0).source();
            entries.add(new ConfigEntry(key.name(), key.format(values.get(key.name())), source, false, key.type(), key.doc(),
                    List.copyOf(synonyms)));
        }
        return entries;
    }

    /** Each topic setting's value: the override, else the broker's. */
    private Map<String, Object> effectiveValues(Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (TopicConfigKey key : KEYS) {
            String override = overrides.get(key.key().name());
            values.put(key.key().name(), override != null ? key.key().parse(override) : brokerValue(key));
        }
        return values;
    }

    /**
     * The value the broker's settings give a topic setting: from the first synonym with a value,
     * converted to the topic setting's unit. As in Kafka, a negative retention from the broker
     * means no limit (-1).
     */
    private Object brokerValue(TopicConfigKey key) {
        for (BrokerSynonym synonym : key.synonyms()) {
            Object value = broker.value(synonym.name());
            if (value == null) {
                continue;
            }
            if (key.key().type() == Type.LONG) {
                long converted = ((Number) value).longValue() * synonym.msPerUnit();
                return key.key().name().equals(RETENTION_MS) && converted < 0 ? UNLIMITED : converted;
            }
            return value;
        }
        throw new IllegalStateException("no broker setting gives " + key.key().name() + " a value");
    }
}
