package io.brook.broker.config;

import static io.brook.broker.config.ConfigKey.atLeast;

import io.brook.broker.config.ConfigKey.Type;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker's configuration: Kafka's setting names, types and defaults (except where a single
 * node on a developer's machine wants another default, said in the doc), declared once in
 * {@link #KEYS} and parsed into typed fields whose names carry their units. Settings come from
 * server.properties and command-line overrides only.
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
    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String NUM_APPEND_THREADS = "num.append.threads";
    public static final String APPEND_RING_BUFFER_SIZE = "append.ring.buffer.size";

    /** Kafka's smallest fetch.max.bytes. */
    private static final int MIN_FETCH_MAX_BYTES = 1024;
    /** Kafka's smallest segment.bytes (the overhead of one legacy record). */
    private static final int MIN_SEGMENT_BYTES = 14;

    public static final List<ConfigKey> KEYS = List.of(
            new ConfigKey(LISTENERS, Type.STRING, "PLAINTEXT://127.0.0.1:9092", ConfigKey.any(), "",
                    "The address to listen on. Kafka listens on all interfaces by default; this broker on loopback only."),
            new ConfigKey(ADVERTISED_LISTENERS, Type.STRING, null, ConfigKey.any(), "",
                    "The address clients are told to connect to; defaults to the listener."),
            new ConfigKey(NODE_ID, Type.INT, "1", atLeast(0), "must be at least 0",
                    "This broker's id in metadata responses. Kafka requires it; a single node defaults to 1."),
            new ConfigKey(LOG_DIRS, Type.STRING, null, ConfigKey.any(), "",
                    "The directory holding the data; overrides log.dir. One directory only."),
            new ConfigKey(LOG_DIR, Type.STRING, "data", ConfigKey.any(), "",
                    "The data directory when log.dirs is not set. Kafka's default is /tmp/kafka-logs; ours is data/ under the working folder."),
            new ConfigKey(NUM_PARTITIONS, Type.INT, "1", atLeast(1), "must be at least 1",
                    "Partitions of an auto-created topic, and of a topic created with -1 partitions."),
            new ConfigKey(DEFAULT_REPLICATION_FACTOR, Type.SHORT, "1", value -> (Short) value == 1,
                    "a single broker keeps exactly one replica",
                    "Replication factor of auto-created topics."),
            new ConfigKey(AUTO_CREATE_TOPICS_ENABLE, Type.BOOLEAN, "true", ConfigKey.any(), "",
                    "Create a topic when a client asks for its metadata or produces to it."),
            new ConfigKey(DELETE_TOPIC_ENABLE, Type.BOOLEAN, "true", ConfigKey.any(), "",
                    "Allow DeleteTopics."),
            new ConfigKey(MESSAGE_MAX_BYTES, Type.INT, "1048588", atLeast(0), "must be at least 0",
                    "The largest record batch a producer may send (1 MiB plus the 12-byte log overhead)."),
            new ConfigKey(SOCKET_REQUEST_MAX_BYTES, Type.INT, "104857600", atLeast(1), "must be at least 1",
                    "The largest request frame; a larger frame closes the connection."),
            new ConfigKey(NUM_NETWORK_THREADS, Type.INT, "3", atLeast(1), "must be at least 1",
                    "Threads that read requests and write responses (Netty event loops)."),
            new ConfigKey(QUEUED_MAX_REQUESTS, Type.INT, "500", atLeast(1), "must be at least 1",
                    "Requests one connection may have waiting for their responses before the broker stops reading from it."),
            new ConfigKey(CONNECTIONS_MAX_IDLE_MS, Type.LONG, "600000", atLeast(1), "must be at least 1",
                    "Close connections idle for this long."),
            new ConfigKey(FETCH_MAX_BYTES, Type.INT, "57671680", atLeast(MIN_FETCH_MAX_BYTES), "must be at least " + MIN_FETCH_MAX_BYTES,
                    "The most record bytes one fetch response carries (55 MiB), whatever the client asks for."),
            new ConfigKey(LOG_SEGMENT_BYTES, Type.INT, "1073741824", atLeast(MIN_SEGMENT_BYTES), "must be at least " + MIN_SEGMENT_BYTES,
                    "Start a new segment file when the active one would grow past this size."),
            new ConfigKey(NUM_APPEND_THREADS, Type.INT, "2", atLeast(1), "must be at least 1",
                    "Threads that append to partition logs; each partition always uses the same one."),
            new ConfigKey(APPEND_RING_BUFFER_SIZE, Type.INT, "4096", value -> Integer.bitCount((Integer) value) == 1,
                    "must be a power of two",
                    "Slots in each append thread's ring buffer; when a ring is full, connections stop reading."));

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
    private final int logSegmentBytes;
    private final int numAppendThreads;
    private final int appendRingBufferSize;

    private BrokerConfig(Map<String, Object> values) {
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
        logSegmentBytes = (Integer) values.get(LOG_SEGMENT_BYTES);
        numAppendThreads = (Integer) values.get(NUM_APPEND_THREADS);
        appendRingBufferSize = (Integer) values.get(APPEND_RING_BUFFER_SIZE);
    }

    /**
     * Parses settings given as text; unknown names are logged and ignored, as Kafka does, so that
     * an existing Kafka server.properties works.
     */
    public static BrokerConfig from(Map<String, String> settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey key : KEYS) {
            String text = settings.get(key.name());
            if (text == null) {
                text = key.defaultValue();
            }
            values.put(key.name(), text == null ? null : key.parse(text));
        }
        for (String name : settings.keySet()) {
            if (KEYS.stream().noneMatch(key -> key.name().equals(name))) {
                LOG.log(Level.WARNING, "Ignoring the setting {0}: this broker does not know it.", name);
            }
        }
        return new BrokerConfig(values);
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

    public int logSegmentBytes() {
        return logSegmentBytes;
    }

    public int numAppendThreads() {
        return numAppendThreads;
    }

    public int appendRingBufferSize() {
        return appendRingBufferSize;
    }
}
