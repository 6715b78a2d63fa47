package io.brook.broker.metadata;

import io.brook.broker.config.ConfigException;
import io.brook.broker.config.TopicConfigs;
import io.brook.log.LogConfig;
import io.brook.log.LogManager;
import io.brook.log.PartitionLog;
import io.brook.log.TopicPartition;
import io.brook.ringbuffer.AppendPipeline;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The topics this broker hosts, by name and by id, with their own settings (overrides of the
 * broker's), persisted in a {@link TopicStore} and backed by partition logs. Lookups are lock-free
 * from any thread; creation, deletion and changes of settings are serialised and reach the disk
 * before anyone can see them.
 */
public final class TopicRegistry {
    private static final System.Logger LOG = System.getLogger(TopicRegistry.class.getName());
    /** How long a deletion may wait for the append threads before it gives up. */
    private static final long DELETION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final LogManager logManager;
    private final AppendPipeline pipeline;
    private final TopicConfigs configs;
    private final TopicStore store;
    /** The topic names of the broker's own logs: no topic may take one. */
    private final Set<String> internalNames;
    private final Map<String, Topic> byName = new ConcurrentHashMap<>();
    private final Map<UUID, Topic> byId = new ConcurrentHashMap<>();
    /** Each topic's own settings, by topic id; a topic without any has no entry. */
    private final Map<UUID, Map<String, String>> overridesById = new ConcurrentHashMap<>();

    private TopicRegistry(LogManager logManager, AppendPipeline pipeline, TopicStore store, TopicConfigs configs,
                          Set<String> internalNames) {
        this.logManager = logManager;
        this.pipeline = pipeline;
        this.configs = configs;
        this.store = store;
        this.internalNames = Set.copyOf(internalNames);
    }

    /**
     * Loads the topic list, then opens (and recovers) every partition of every topic with the
     * settings of its topic, and the broker's own {@code internalPartitions} with theirs. An
     * internal partition is a log and no topic: it is in no lookup, and its topic name is
     * reserved ({@link #isInternal}). A stored setting that is no longer valid stops the start
     * (ConfigException naming the topic), as does a stored topic with a reserved name.
     */
    public static TopicRegistry load(LogManager logManager, AppendPipeline pipeline, TopicConfigs configs,
                                     Map<TopicPartition, LogConfig> internalPartitions) throws IOException {
        TopicStore store = new TopicStore(logManager.dataDirectory());
        List<TopicStore.Entry> entries = store.load();
        Set<String> internalNames = new HashSet<>();
        for (TopicPartition partition : internalPartitions.keySet()) {
            internalNames.add(partition.topic());
        }
        Map<UUID, Map<String, String>> overrides = new HashMap<>();
        Map<TopicPartition, LogConfig> partitions = new HashMap<>(internalPartitions);
        for (TopicStore.Entry entry : entries) {
            if (internalNames.contains(entry.name())) {
                throw new IOException("Topic " + entry.name() + " in " + TopicStore.FILE_NAME
                        + " has a name the broker keeps for its own log; rename or remove it there.");
            }
            Map<String, String> topicOverrides = storedOverrides(entry, configs);
            overrides.put(entry.id(), topicOverrides);
            LogConfig logConfig = configs.logConfig(topicOverrides);
            for (int partition = 0; partition < entry.partitionCount(); partition++) {
                partitions.put(new TopicPartition(entry.name(), partition), logConfig);
            }
        }
        logManager.load(partitions);
        TopicRegistry registry = new TopicRegistry(logManager, pipeline, store, configs, internalNames);
        for (TopicStore.Entry entry : entries) {
            PartitionLog[] logs = new PartitionLog[entry.partitionCount()];
            for (int partition = 0; partition < logs.length; partition++) {
                logs[partition] = logManager.get(new TopicPartition(entry.name(), partition));
            }
            registry.publish(new Topic(entry.name(), entry.id(), logs), overrides.get(entry.id()));
        }
        return registry;
    }

    private static Map<String, String> storedOverrides(TopicStore.Entry entry, TopicConfigs configs) {
        try {
            return configs.validate(entry.configs());
        } catch (ConfigException e) {
            throw new ConfigException("Topic " + entry.name() + " in " + TopicStore.FILE_NAME + " has a setting this broker cannot use: "
                    + e.getMessage());
        }
    }

    public Topic get(String name) {
        return name == null ? null : byName.get(name);
    }

    public Topic get(UUID id) {
        return byId.get(id);
    }

    /** Whether {@code name} belongs to one of the broker's own logs, so that no topic may have it. */
    public boolean isInternal(String name) {
        return internalNames.contains(name);
    }

    /** Every topic, by name. */
    public List<Topic> all() {
        List<Topic> topics = new ArrayList<>(byName.values());
        topics.sort(Comparator.comparing(Topic::name));
        return topics;
    }

    /** The topic's own settings, by name (empty when it has none). */
    public Map<String, String> overrides(Topic topic) {
        return overridesById.getOrDefault(topic.id(), Map.of());
    }

    /** Creates a topic with the broker's settings; see {@link #create(String, int, Map)}. */
    public Topic create(String name, int partitionCount) throws IOException {
        return create(name, partitionCount, Map.of());
    }

    /**
     * Creates a topic with {@code partitionCount} empty partitions and its own settings
     * {@code overrides} (as {@code TopicConfigs.validate} returned them), or returns null when a
     * topic of that name exists. The name must already be valid and not internal. Blocks on disk I/O.
     */
    public synchronized Topic create(String name, int partitionCount, Map<String, String> overrides) throws IOException {
        if (isInternal(name)) {
            throw new IllegalArgumentException("topic name " + name + " is reserved for the broker's own log");
        }
        if (byName.containsKey(name)) {
            return null;
        }
        LogConfig logConfig = configs.logConfig(overrides);
        PartitionLog[] logs = new PartitionLog[partitionCount];
        Topic topic = new Topic(name, Uuids.random(), logs);
        try {
            for (int partition = 0; partition < partitionCount; partition++) {
                logs[partition] = logManager.create(new TopicPartition(name, partition), logConfig);
            }
            store.save(entriesWith(topic, overrides));
        } catch (IOException | RuntimeException e) {
            discard(logs, e);
            throw e;
        }
        publish(topic, overrides);
        if (overrides.isEmpty()) {
            LOG.log(Level.INFO, "Created topic {0} with {1} partition(s).", name, partitionCount);
        } else {
            LOG.log(Level.INFO, "Created topic {0} with {1} partition(s) and the settings {2}.", name, partitionCount, overrides);
        }
        return topic;
    }

    /**
     * Replaces a topic's own settings with {@code overrides} (as {@code TopicConfigs.validate}
     * returned them): stored first, then given to every partition log, whose next append, roll,
     * flush check and retention check use them. Returns false when the topic has been deleted
     * meanwhile. Blocks on disk I/O.
     */
    public synchronized boolean alterOverrides(Topic topic, Map<String, String> overrides) throws IOException {
        Topic current = current(topic);
        if (current == null) {
            return false;
        }
        LogConfig logConfig = configs.logConfig(overrides);
        store.save(entriesWith(current, overrides));
        overridesById.put(current.id(), Map.copyOf(overrides));
        for (PartitionLog log : current.partitions()) {
            log.updateConfig(logConfig);
        }
        LOG.log(Level.INFO, "Topic {0} now has the settings {1}.", current.name(), overrides);
        return true;
    }

    /**
     * Raises a topic's partition count to {@code partitionCount}, above its current one: the new
     * partitions are created empty, with the topic's settings, and the new count is stored before
     * anyone can see them. Returns the topic as it now is, or null when it has been deleted
     * meanwhile. Blocks on disk I/O.
     */
    public synchronized Topic addPartitions(Topic topic, int partitionCount) throws IOException {
        Topic current = current(topic);
        if (current == null) {
            return null;
        }
        int oldCount = current.partitionCount();
        if (partitionCount <= oldCount) {
            throw new IllegalArgumentException("topic " + current.name() + " has " + oldCount
                    + " partitions; " + partitionCount + " is no increase");
        }
        Map<String, String> overrides = overrides(current);
        LogConfig logConfig = configs.logConfig(overrides);
        PartitionLog[] logs = Arrays.copyOf(current.partitions(), partitionCount);
        Topic grown = new Topic(current.name(), current.id(), logs);
        try {
            for (int partition = oldCount; partition < partitionCount; partition++) {
                logs[partition] = logManager.create(new TopicPartition(current.name(), partition), logConfig);
            }
            store.save(entriesWith(grown, overrides));
        } catch (IOException | RuntimeException e) {
            discard(Arrays.copyOfRange(logs, oldCount, partitionCount), e);
            throw e;
        }
        publish(grown, overrides);
        LOG.log(Level.INFO, "Topic {0} now has {1} partitions (was {2}).", current.name(), partitionCount, oldCount);
        return grown;
    }

    /**
     * The registered version of {@code topic}, or null when it has been deleted: a topic that gained
     * partitions is a new {@link Topic} with the same id, and changes must reach all its partitions.
     */
    private Topic current(Topic topic) {
        Topic current = byName.get(topic.name());
        return current != null && current.id().equals(topic.id()) ? current : null;
    }

    /**
     * Deletes the logs of a topic, or of new partitions, that failed to come into being. Nobody has
     * seen them, so no append thread owns them yet and this thread may delete them.
     */
    private void discard(PartitionLog[] logs, Exception cause) {
        for (PartitionLog log : logs) {
            if (log == null) {
                continue;
            }
            try {
                logManager.delete(log);
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Deletes a topic: it disappears from lookups and from the store at once; each partition's files
     * are deleted on its append thread, after the appends already queued for it. Returns when every
     * partition's files are gone, so that a topic of the same name can be created next. Blocks on
     * disk I/O and on the append threads.
     */
    public synchronized void delete(Topic requested) throws IOException {
        Topic topic = current(requested);
        if (topic == null) {
            return;
        }
        byName.remove(topic.name());
        byId.remove(topic.id());
        overridesById.remove(topic.id());
        store.save(entriesWith(null, Map.of()));
        long deadlineNs = System.nanoTime() + DELETION_TIMEOUT_NS;
        List<CompletableFuture<Void>> deletions = new ArrayList<>();
        for (PartitionLog log : topic.partitions()) {
            deletions.add(deleteOnAppendThread(log, deadlineNs));
        }
        try {
            CompletableFuture.allOf(deletions.toArray(new CompletableFuture[0]))
                    .get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while deleting the files of topic " + topic.name() + ".", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("The files of topic " + topic.name() + " were not all deleted; "
                    + "partition directories left behind are removed at the next start.", e);
        }
        LOG.log(Level.INFO, "Deleted topic {0}.", topic.name());
    }

    private CompletableFuture<Void> deleteOnAppendThread(PartitionLog log, long deadlineNs) {
        return pipeline.call(log, () -> {
            try {
                logManager.delete(log);
                return null;
            } catch (IOException e) {
                LOG.log(Level.ERROR, "Could not delete the files of partition " + log + ".", e);
                throw e;
            }
        }, deadlineNs);
    }

    /** The stored form of the current topics, with {@code changed} added or given {@code overrides}, unless it is null. */
    private List<TopicStore.Entry> entriesWith(Topic changed, Map<String, String> overrides) {
        List<TopicStore.Entry> entries = new ArrayList<>();
        for (Topic topic : byName.values()) {
            if (changed == null || !topic.id().equals(changed.id())) {
                entries.add(new TopicStore.Entry(topic.name(), topic.id(), topic.partitionCount(), overrides(topic)));
            }
        }
        if (changed != null) {
            entries.add(new TopicStore.Entry(changed.name(), changed.id(), changed.partitionCount(), overrides));
        }
        entries.sort(Comparator.comparing(TopicStore.Entry::name));
        return entries;
    }

    /** Makes a topic visible: its settings first, so that whoever finds it finds them too. */
    private void publish(Topic topic, Map<String, String> overrides) {
        if (!overrides.isEmpty()) {
            overridesById.put(topic.id(), Map.copyOf(overrides));
        }
        byId.put(topic.id(), topic);
        byName.put(topic.name(), topic);
    }
}
