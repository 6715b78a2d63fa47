package io.brook.broker.config;

import static io.brook.broker.config.ConfigKey.any;
import static io.brook.broker.config.ConfigKey.atLeast;
import static io.brook.broker.config.ConfigKey.oneOf;
import static io.brook.broker.config.ConfigKey.rule;

import io.brook.broker.config.ConfigKey.Type;
import io.brook.broker.group.GroupCoordinatorConfig;
import io.brook.compression.CompressionLevels;
import io.brook.compression.CompressionType;
import io.brook.log.MaintenanceConfig;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;

/**
 * The broker's configuration: Kafka's setting names, types and defaults (except where a single
 * node on a developer's machine wants another default, said in the doc), declared once in
 * {@link #KEYS} and parsed into typed fields whose names carry their units. Settings come from
 * server.properties and command-line overrides only. They are static: DescribeConfigs reports
 * them read-only, with Kafka's sources (STATIC_BROKER_CONFIG when set, DEFAULT_CONFIG otherwise)
 * and synonyms.
 *
 * <p>The log settings ({@code log.*}, {@code message.max.bytes}, {@code compression.type}) are the
 * defaults of the topic-level settings; {@link TopicConfigs} maps one to the other.
 */
public final class BrokerConfig {
    private static final System.Logger LOG = System.getLogger(BrokerConfig.class.getName());

    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String NODE_ID = "node.id";
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String QUEUED_MAX_REQUESTS = "queued.max.requests";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
    public static final String FETCH_MAX_BYTES = "fetch.max.bytes";
    public static final String COMPRESSION_MAX_DECOMPRESSED_BATCH_BYTES = "compression.max.decompressed.batch.bytes";
    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String LOG_ROLL_MS = "log.roll.ms";
    public static final String LOG_ROLL_HOURS = "log.roll.hours";
    public static final String LOG_INDEX_SIZE_MAX_BYTES = "log.index.size.max.bytes";
    public static final String LOG_INDEX_INTERVAL_BYTES = "log.index.interval.bytes";
    public static final String LOG_RETENTION_MS = "log.retention.ms";
    public static final String LOG_RETENTION_MINUTES = "log.retention.minutes";
    public static final String LOG_RETENTION_HOURS = "log.retention.hours";
    public static final String LOG_RETENTION_BYTES = "log.retention.bytes";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String LOG_CLEANUP_POLICY = "log.cleanup.policy";
    public static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
    public static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
    public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS = "log.flush.scheduler.interval.ms";
    public static final String LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS = "log.flush.offset.checkpoint.interval.ms";
    public static final String LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS = "log.flush.start.offset.checkpoint.interval.ms";
    public static final String LOG_SEGMENT_DELETE_DELAY_MS = "log.segment.delete.delay.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_TYPE = "log.message.timestamp.type";
    public static final String LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "log.message.timestamp.before.max.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS = "log.message.timestamp.after.max.ms";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL = CompressionLevels.GZIP_LEVEL_CONFIG;
    public static final String COMPRESSION_LZ4_LEVEL = CompressionLevels.LZ4_LEVEL_CONFIG;
    public static final String COMPRESSION_ZSTD_LEVEL = CompressionLevels.ZSTD_LEVEL_CONFIG;
    public static final String NUM_APPEND_THREADS = "num.append.threads";
    public static final String APPEND_RING_BUFFER_SIZE = "append.ring.buffer.size";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_MAX_SIZE = "group.max.size";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    public static final String OFFSETS_TOPIC_SEGMENT_BYTES = "offsets.topic.segment.bytes";
    public static final String OFFSETS_COMMIT_TIMEOUT_MS = "offsets.commit.timeout.ms";

    /** Kafka's smallest fetch.max.bytes. */
    private static final int MIN_FETCH_MAX_BYTES = 1024;
    /**
     * The smallest log.segment.bytes: Kafka 3's (the overhead of one legacy record). Kafka 4 asks
     * for 1 MiB at the broker level too; this broker keeps the lower bound so that tests can roll
     * small segments. The topic-level segment.bytes has Kafka 4's bound.
     */
    private static final int MIN_SEGMENT_BYTES = 14;
    /**
     * The smallest index file: room for four offset-index entries of 8 bytes. Kafka accepts 4
     * bytes (one entry of nothing); this log needs an index that can hold something.
     */
    static final int MIN_INDEX_BYTES = 32;
    static final String CLEANUP_POLICY_DELETE = "delete";
    static final String CLEANUP_POLICY_COMPACT = "compact";
    static final String[] COMPRESSION_TYPES = {"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"};
    static final String[] TIMESTAMP_TYPES = {"CreateTime", "LogAppendTime"};
    /**
     * Kafka's cleanup policies are delete and compact, in any combination, or none (since Kafka
     * 4.2: keep everything). Compaction needs a log cleaner, which this broker does not have yet,
     * so a policy with compact is refused rather than silently not compacted.
     */
    static final ConfigKey.Validator CLEANUP_POLICY_VALIDATOR = value -> {
        for (Object policy : (List<?>) value) {
            if (CLEANUP_POLICY_COMPACT.equals(policy)) {
                return "compact is not supported: this broker has no log cleaner yet, so it cannot keep only the "
                        + "latest record of each key; use delete";
            }
            if (!CLEANUP_POLICY_DELETE.equals(policy)) {
                return "must be a list of delete and compact";
            }
        }
        return null;
    };
    private static final String COMPRESSION_DOC = " A batch in another codec is recompressed before it is stored; one already "
            + "in the topic's codec is stored as it came.";

    public static final List<ConfigKey> KEYS = List.of(
            new ConfigKey(LISTENERS, Type.STRING, "PLAINTEXT://127.0.0.1:9092", any(),
                    "The address to listen on. Kafka listens on all interfaces by default; this broker on loopback only."),
            new ConfigKey(ADVERTISED_LISTENERS, Type.STRING, null, any(),
                    "The address clients are told to connect to; defaults to the listener."),
            new ConfigKey(NODE_ID, Type.INT, "1", atLeast(0),
                    "This broker's id in metadata responses. Kafka requires it; a single node defaults to 1."),
            new ConfigKey(LOG_DIRS, Type.STRING, null, any(),
                    "The directory holding the data; overrides log.dir. One directory only."),
            new ConfigKey(LOG_DIR, Type.STRING, "data", any(),
                    "The data directory when log.dirs is not set. Kafka's default is /tmp/kafka-logs; ours is data/ under the working folder."),
            new ConfigKey(NUM_PARTITIONS, Type.INT, "1", atLeast(1),
                    "Partitions of an auto-created topic, and of a topic created with -1 partitions."),
            new ConfigKey(DEFAULT_REPLICATION_FACTOR, Type.SHORT, "1",
                    rule(value -> (Short) value == 1, "a single broker keeps exactly one replica"),
                    "Replication factor of auto-created topics."),
            new ConfigKey(AUTO_CREATE_TOPICS_ENABLE, Type.BOOLEAN, "true", any(),
                    "Create a topic when a client asks for its metadata or produces to it."),
            new ConfigKey(DELETE_TOPIC_ENABLE, Type.BOOLEAN, "true", any(),
                    "Allow DeleteTopics."),
            new ConfigKey(MESSAGE_MAX_BYTES, Type.INT, "1048588", atLeast(0),
                    "The largest record batch a producer may send (1 MiB plus the 12-byte log overhead); the default of max.message.bytes."),
            new ConfigKey(SOCKET_REQUEST_MAX_BYTES, Type.INT, "104857600", atLeast(1),
                    "The largest request frame; a larger frame closes the connection."),
            new ConfigKey(NUM_NETWORK_THREADS, Type.INT, "3", atLeast(1),
                    "Threads that read requests and write responses (Netty event loops)."),
            new ConfigKey(QUEUED_MAX_REQUESTS, Type.INT, "500", atLeast(1),
                    "Requests one connection may have waiting for their responses before the broker stops reading from it."),
            new ConfigKey(CONNECTIONS_MAX_IDLE_MS, Type.LONG, "600000", atLeast(1),
                    "Close connections idle for this long."),
            new ConfigKey(FETCH_MAX_BYTES, Type.INT, "57671680", atLeast(MIN_FETCH_MAX_BYTES),
                    "The most record bytes one fetch response carries (55 MiB), whatever the client asks for."),
            new ConfigKey(COMPRESSION_MAX_DECOMPRESSED_BATCH_BYTES, Type.INT, "67108864", atLeast(MIN_FETCH_MAX_BYTES),
                    "Ours, not Kafka's: the most bytes a produced compressed batch's records may decompress to (64 MiB). "
                            + "The broker decompresses each compressed batch to check its records, as Kafka does; a batch that "
                            + "would expand further is refused with CORRUPT_MESSAGE rather than expanded."),
            new ConfigKey(LOG_SEGMENT_BYTES, Type.INT, "1073741824", atLeast(MIN_SEGMENT_BYTES),
                    "Start a new segment file when the active one would grow past this size; the default of segment.bytes."),
            new ConfigKey(LOG_ROLL_MS, Type.LONG, null, atLeast(1),
                    "Start a new segment when the active one's first record is this old (by record timestamps); "
                            + "the default of segment.ms. Unset: log.roll.hours decides."),
            new ConfigKey(LOG_ROLL_HOURS, Type.INT, "168", atLeast(1),
                    "log.roll.ms in hours, used when log.roll.ms is not set."),
            new ConfigKey(LOG_INDEX_SIZE_MAX_BYTES, Type.INT, "10485760", atLeast(MIN_INDEX_BYTES),
                    "The size of each segment's offset and time index files; a full index rolls the segment. "
                            + "The default of segment.index.bytes."),
            new ConfigKey(LOG_INDEX_INTERVAL_BYTES, Type.INT, "4096", atLeast(0),
                    "Bytes appended between two offset-index entries; the default of index.interval.bytes."),
            new ConfigKey(LOG_RETENTION_MS, Type.LONG, null, any(),
                    "Delete a segment once its newest record is older than this; negative keeps segments forever. "
                            + "The default of retention.ms. Unset: log.retention.minutes, then log.retention.hours decide."),
            new ConfigKey(LOG_RETENTION_MINUTES, Type.INT, null, any(),
                    "log.retention.ms in minutes, used when log.retention.ms is not set."),
            new ConfigKey(LOG_RETENTION_HOURS, Type.INT, "168", any(),
                    "log.retention.ms in hours, used when neither log.retention.ms nor log.retention.minutes is set."),
            new ConfigKey(LOG_RETENTION_BYTES, Type.LONG, "-1", any(),
                    "Delete a partition's oldest segments while it is larger than this; -1 for no limit. "
                            + "The default of retention.bytes."),
            new ConfigKey(LOG_RETENTION_CHECK_INTERVAL_MS, Type.LONG, "300000", atLeast(1),
                    "How often segments are checked for deletion by retention."),
            new ConfigKey(LOG_CLEANUP_POLICY, Type.LIST, CLEANUP_POLICY_DELETE, CLEANUP_POLICY_VALIDATOR,
                    "delete: retention deletes old segments; an empty list keeps them forever. The default of "
                            + "cleanup.policy. compact is refused: this broker has no log cleaner yet."),
            new ConfigKey(LOG_FLUSH_INTERVAL_MESSAGES, Type.LONG, Long.toString(Long.MAX_VALUE), atLeast(1),
                    "Flush a partition to disk once this many records are unflushed; the default of flush.messages."),
            new ConfigKey(LOG_FLUSH_INTERVAL_MS, Type.LONG, "1000", atLeast(0),
                    "Flush a partition to disk once data has been unflushed this long; the default of flush.ms. "
                            + "Kafka leaves it unset (never flushing, as replicas hold the data); a single node flushes every second."),
            new ConfigKey(LOG_FLUSH_SCHEDULER_INTERVAL_MS, Type.LONG, "100", atLeast(1),
                    "How often partitions are checked for data due a flush. Kafka's default is never; "
                            + "this broker checks every 100 ms so that log.flush.interval.ms holds closely."),
            new ConfigKey(LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, Type.INT, "60000", atLeast(1),
                    "How often the recovery points (offsets below which everything is on disk) are written."),
            new ConfigKey(LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS, Type.INT, "60000", atLeast(1),
                    "How often the log start offsets are written."),
            new ConfigKey(LOG_SEGMENT_DELETE_DELAY_MS, Type.LONG, "60000", atLeast(0),
                    "How long a deleted segment's files stay for readers still using them; the default of file.delete.delay.ms."),
            new ConfigKey(LOG_MESSAGE_TIMESTAMP_TYPE, Type.STRING, "CreateTime", oneOf(TIMESTAMP_TYPES),
                    "CreateTime keeps the producer's timestamps; LogAppendTime stamps batches with the broker's clock. "
                            + "The default of message.timestamp.type."),
            new ConfigKey(LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS, Type.LONG, Long.toString(Long.MAX_VALUE), atLeast(0),
                    "How far a CreateTime timestamp may lie behind the broker's clock; the default of message.timestamp.before.max.ms."),
            new ConfigKey(LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS, Type.LONG, "3600000", atLeast(0),
                    "How far a CreateTime timestamp may lie ahead of the broker's clock; the default of message.timestamp.after.max.ms."),
            new ConfigKey(COMPRESSION_TYPE, Type.STRING, "producer", oneOf(COMPRESSION_TYPES),
                    "The compression of stored batches: producer keeps the producer's; the default of the topic-level "
                            + "compression.type." + COMPRESSION_DOC),
            new ConfigKey(COMPRESSION_GZIP_LEVEL, Type.INT, Integer.toString(CompressionLevels.GZIP_DEFAULT_LEVEL),
                    levelOf(CompressionType.GZIP), "The gzip level of batches the broker compresses (1-9, or -1 for zlib's default)."),
            new ConfigKey(COMPRESSION_LZ4_LEVEL, Type.INT, Integer.toString(CompressionLevels.LZ4_DEFAULT_LEVEL),
                    levelOf(CompressionType.LZ4), "The lz4 level of batches the broker compresses (1-17)."),
            new ConfigKey(COMPRESSION_ZSTD_LEVEL, Type.INT, Integer.toString(CompressionLevels.ZSTD_DEFAULT_LEVEL),
                    levelOf(CompressionType.ZSTD), "The zstd level of batches the broker compresses (-131072 to 22)."),
            new ConfigKey(NUM_APPEND_THREADS, Type.INT, "2", atLeast(1),
                    "Threads that append to partition logs; each partition always uses the same one."),
            new ConfigKey(APPEND_RING_BUFFER_SIZE, Type.INT, "4096",
                    rule(value -> Integer.bitCount((Integer) value) == 1, "must be a power of two"),
                    "Slots in each append thread's ring buffer; when a ring is full, connections stop reading."),
            new ConfigKey(GROUP_INITIAL_REBALANCE_DELAY_MS, Type.INT, "3000", atLeast(0),
                    "How long the first rebalance of an empty group waits for more members (extended by each new member, "
                            + "up to the rebalance timeout). Tests usually set 0."),
            new ConfigKey(GROUP_MIN_SESSION_TIMEOUT_MS, Type.INT, "6000", atLeast(0),
                    "The shortest session.timeout.ms a member may ask for; shorter gets INVALID_SESSION_TIMEOUT."),
            new ConfigKey(GROUP_MAX_SESSION_TIMEOUT_MS, Type.INT, "1800000", atLeast(0),
                    "The longest session.timeout.ms a member may ask for; longer gets INVALID_SESSION_TIMEOUT."),
            new ConfigKey(GROUP_MAX_SIZE, Type.INT, Integer.toString(Integer.MAX_VALUE), atLeast(1),
                    "The most members a group may have; a member beyond it gets GROUP_MAX_SIZE_REACHED."),
            new ConfigKey(OFFSETS_RETENTION_MINUTES, Type.INT, "10080", atLeast(1),
                    "How long committed offsets are kept once their group is empty (or, for offsets of topics nobody "
                            + "subscribes to and of groups that only store offsets, after their commit)."),
            new ConfigKey(OFFSETS_RETENTION_CHECK_INTERVAL_MS, Type.LONG, "600000", atLeast(1),
                    "How often committed offsets are checked for expiry."),
            new ConfigKey(OFFSET_METADATA_MAX_BYTES, Type.INT, "4096", atLeast(0),
                    "The longest metadata string a committed offset may carry; longer gets OFFSET_METADATA_TOO_LARGE."),
            new ConfigKey(OFFSETS_TOPIC_SEGMENT_BYTES, Type.INT, "104857600", atLeast(1),
                    "The segment size of the log that keeps consumer groups' offsets and metadata (Kafka's offsets topic; "
                            + "here an internal log that is not a topic). Its size also sets how much superseded group state "
                            + "may pile up before the log is rewritten to the live state."),
            new ConfigKey(OFFSETS_COMMIT_TIMEOUT_MS, Type.INT, "5000", atLeast(1),
                    "How long a write of group state (an offset commit, a group change) may wait for room in the append ring "
                            + "before it fails. Kafka's bound on the same write waiting for the offsets topic's replicas."));

    /**
     * The settings that may stand in for one another, highest precedence first, as Kafka groups
     * them ({@code DynamicBrokerConfig.brokerConfigSynonyms}): log.roll.ms over log.roll.hours;
     * log.retention.ms over .minutes over .hours. Kafka also lists log.flush.scheduler.interval.ms
     * after log.flush.interval.ms, as the fallback when the latter is unset; here the latter always
     * has a value, so the scheduler interval never stands in and is not listed.
     */
    private static final List<List<String>> SYNONYM_GROUPS = List.of(
            List.of(LOG_ROLL_MS, LOG_ROLL_HOURS),
            List.of(LOG_RETENTION_MS, LOG_RETENTION_MINUTES, LOG_RETENTION_HOURS));

    private final Listener listener;
    private final Listener advertisedListener;
    private final int nodeId;
    private final Path logDirectory;
    private final int numPartitions;
    private final short defaultReplicationFactor;
    private final boolean autoCreateTopicsEnable;
    private final boolean deleteTopicEnable;
    private final int messageMaxBytes;
    private final int socketRequestMaxBytes;
    private final int numNetworkThreads;
    private final int queuedMaxRequests;
    private final long connectionsMaxIdleMs;
    private final int fetchMaxBytes;
    private final int compressionMaxDecompressedBatchBytes;
    private final int logSegmentBytes;
    private final int numAppendThreads;
    private final int appendRingBufferSize;
    private final int offsetsTopicSegmentBytes;
    private final int offsetsCommitTimeoutMs;
    private final long logFlushSchedulerIntervalMs;
    private final long logRetentionCheckIntervalMs;
    private final int logFlushOffsetCheckpointIntervalMs;
    private final int logFlushStartOffsetCheckpointIntervalMs;
    /** A level Kafka accepts for {@code type}. */
    static ConfigKey.Validator levelOf(CompressionType type) {
        return ConfigKey.rule(value -> CompressionLevels.isValid(type, (Integer) value), "is not a " + type.configName() + " level Kafka accepts");
    }

    /** Every key's parsed value: the one set, else the default (null when there is none). */
    private final Map<String, Object> values;
    /** The keys set in server.properties or by an override. */
    private final Map<String, Object> setValues;

    private BrokerConfig(Map<String, Object> values, Map<String, Object> setValues) {
        this.values = Collections.unmodifiableMap(values);
        this.setValues = Collections.unmodifiableMap(setValues);
        listener = Listener.parse(LISTENERS, (String) values.get(LISTENERS));
        String advertised = (String) values.get(ADVERTISED_LISTENERS);
        advertisedListener = advertised == null ? null : Listener.parse(ADVERTISED_LISTENERS, advertised);
        nodeId = (Integer) values.get(NODE_ID);
        String dirs = (String) values.get(LOG_DIRS);
        String directory = dirs != null ? dirs : (String) values.get(LOG_DIR);
        if (directory.contains(",")) {
            throw new ConfigException("Invalid value " + directory + " for configuration " + LOG_DIRS + ": this broker uses one data directory.");
        }
        logDirectory = Path.of(directory);
        numPartitions = (Integer) values.get(NUM_PARTITIONS);
        defaultReplicationFactor = (Short) values.get(DEFAULT_REPLICATION_FACTOR);
        autoCreateTopicsEnable = (Boolean) values.get(AUTO_CREATE_TOPICS_ENABLE);
        deleteTopicEnable = (Boolean) values.get(DELETE_TOPIC_ENABLE);
        messageMaxBytes = (Integer) values.get(MESSAGE_MAX_BYTES);
        socketRequestMaxBytes = (Integer) values.get(SOCKET_REQUEST_MAX_BYTES);
        numNetworkThreads = (Integer) values.get(NUM_NETWORK_THREADS);
        queuedMaxRequests = (Integer) values.get(QUEUED_MAX_REQUESTS);
        connectionsMaxIdleMs = (Long) values.get(CONNECTIONS_MAX_IDLE_MS);
        fetchMaxBytes = (Integer) values.get(FETCH_MAX_BYTES);
        compressionMaxDecompressedBatchBytes = (Integer) values.get(COMPRESSION_MAX_DECOMPRESSED_BATCH_BYTES);
        logSegmentBytes = (Integer) values.get(LOG_SEGMENT_BYTES);
        numAppendThreads = (Integer) values.get(NUM_APPEND_THREADS);
        appendRingBufferSize = (Integer) values.get(APPEND_RING_BUFFER_SIZE);
        offsetsTopicSegmentBytes = (Integer) values.get(OFFSETS_TOPIC_SEGMENT_BYTES);
        offsetsCommitTimeoutMs = (Integer) values.get(OFFSETS_COMMIT_TIMEOUT_MS);
        logFlushSchedulerIntervalMs = (Long) values.get(LOG_FLUSH_SCHEDULER_INTERVAL_MS);
        logRetentionCheckIntervalMs = (Long) values.get(LOG_RETENTION_CHECK_INTERVAL_MS);
        logFlushOffsetCheckpointIntervalMs = (Integer) values.get(LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS);
        logFlushStartOffsetCheckpointIntervalMs = (Integer) values.get(LOG_FLUSH_START_OFFSET_CHECKPOINT_INTERVAL_MS);
    }

    /**
     * Parses settings given as text; unknown names are logged and ignored, as Kafka does, so that
     * an existing Kafka server.properties works.
     */
    public static BrokerConfig from(Map<String, String> settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> setValues = new LinkedHashMap<>();
        for (ConfigKey key : KEYS) {
            String text = settings.get(key.name());
            if (text != null) {
                Object value = key.parse(text);
                values.put(key.name(), value);
                setValues.put(key.name(), value);
            } else {
                values.put(key.name(), key.defaultValue() == null ? null : key.parse(key.defaultValue()));
            }
        }
        for (String name : settings.keySet()) {
            if (KEYS.stream().noneMatch(key -> key.name().equals(name))) {
                LOG.log(Level.WARNING, "Ignoring the setting {0}: this broker does not know it.", name);
            }
        }
        return new BrokerConfig(values, setValues);
    }

    /** The declaration of {@code name}, or null when there is no such setting. */
    static ConfigKey key(String name) {
        for (ConfigKey key : KEYS) {
            if (key.name().equals(name)) {
                return key;
            }
        }
        return null;
    }

    /** The value of {@code name}: set, else the default; null when it has neither. */
    Object value(String name) {
        return values.get(name);
    }

    /** The settings that may stand in for {@code name}, itself included, highest precedence first. */
    static List<String> synonymGroup(String name) {
        for (List<String> group : SYNONYM_GROUPS) {
            if (group.contains(name)) {
                return group;
            }
        }
        return List.of(name);
    }

    /**
     * The synonyms among {@code names} that have a value, as Kafka lists them: first those set (in
     * server.properties or by an override), then those with a default, each group in the order of
     * {@code names}.
     */
    List<ConfigSynonym> synonyms(List<String> names) {
        List<ConfigSynonym> synonyms = new ArrayList<>();
        for (String name : names) {
            Object set = setValues.get(name);
            if (set != null) {
                synonyms.add(new ConfigSynonym(name, key(name).format(set), ConfigSource.STATIC_BROKER_CONFIG));
            }
        }
        for (String name : names) {
            String defaultValue = key(name).defaultValue();
            if (defaultValue != null) {
                synonyms.add(new ConfigSynonym(name, key(name).format(key(name).parse(defaultValue)), ConfigSource.DEFAULT_CONFIG));
            }
        }
        return synonyms;
    }

    /**
     * Every setting as DescribeConfigs reports a broker: read-only (none can change while the
     * broker runs), the value in use, and its synonyms with their sources. As in Kafka, a setting's
     * synonyms start at the setting itself: log.retention.hours lists no log.retention.ms, and an
     * unset log.retention.ms lists none at all (its value is null, its source DEFAULT_CONFIG).
     */
    public List<ConfigEntry> describe() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : KEYS) {
            List<ConfigSynonym> synonyms = new ArrayList<>(synonyms(synonymGroup(key.name())));
            while (!synonyms.isEmpty() && !synonyms.get(0).name().equals(key.name())) {
                synonyms.remove(0);
            }
            ConfigSource source = synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG : synonyms.get(0).source();
            entries.add(new ConfigEntry(key.name(), key.format(values.get(key.name())), source, true, key.type(), key.doc(),
                    List.copyOf(synonyms)));
        }
        return entries;
    }

    /** How often the log manager's background work runs. */
    public MaintenanceConfig maintenanceConfig() {
        return new MaintenanceConfig(logFlushSchedulerIntervalMs, logRetentionCheckIntervalMs,
                logFlushOffsetCheckpointIntervalMs, logFlushStartOffsetCheckpointIntervalMs);
    }

    public Listener listener() {
        return listener;
    }

    /** The advertised listener, or null to advertise the listener's host and the bound port. */
    public Listener advertisedListener() {
        return advertisedListener;
    }

    public int nodeId() {
        return nodeId;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    public int numPartitions() {
        return numPartitions;
    }

    public short defaultReplicationFactor() {
        return defaultReplicationFactor;
    }

    public boolean autoCreateTopicsEnable() {
        return autoCreateTopicsEnable;
    }

    public boolean deleteTopicEnable() {
        return deleteTopicEnable;
    }

    public int messageMaxBytes() {
        return messageMaxBytes;
    }

    public int socketRequestMaxBytes() {
        return socketRequestMaxBytes;
    }

    public int numNetworkThreads() {
        return numNetworkThreads;
    }

    public int queuedMaxRequests() {
        return queuedMaxRequests;
    }

    public long connectionsMaxIdleMs() {
        return connectionsMaxIdleMs;
    }

    public int fetchMaxBytes() {
        return fetchMaxBytes;
    }

    public int compressionMaxDecompressedBatchBytes() {
        return compressionMaxDecompressedBatchBytes;
    }

    public int logSegmentBytes() {
        return logSegmentBytes;
    }

    public int numAppendThreads() {
        return numAppendThreads;
    }

    /** The group coordinator's settings. */
    public GroupCoordinatorConfig groupCoordinatorConfig() {
        return new GroupCoordinatorConfig((Integer) values.get(GROUP_INITIAL_REBALANCE_DELAY_MS),
                (Integer) values.get(GROUP_MIN_SESSION_TIMEOUT_MS), (Integer) values.get(GROUP_MAX_SESSION_TIMEOUT_MS),
                (Integer) values.get(GROUP_MAX_SIZE), TimeUnit.MINUTES.toMillis((Integer) values.get(OFFSETS_RETENTION_MINUTES)),
                (Long) values.get(OFFSETS_RETENTION_CHECK_INTERVAL_MS), (Integer) values.get(OFFSET_METADATA_MAX_BYTES));
    }

    public int appendRingBufferSize() {
        return appendRingBufferSize;
    }

    public int offsetsTopicSegmentBytes() {
        return offsetsTopicSegmentBytes;
    }

    public int offsetsCommitTimeoutMs() {
        return offsetsCommitTimeoutMs;
    }
}
