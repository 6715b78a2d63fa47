package io.brook.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Owns the data directory ({@code log.dirs}): locks it against a second broker, opens and
 * recovers the partitions that belong to topics, creates and deletes partition directories.
 *
 * <p>Thread-safety: the partition map is concurrent; creating and deleting a partition is
 * serialised by its callers (topic administration runs on one thread).
 */
public final class LogManager implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LogManager.class.getName());
    private static final String LOCK_FILE_NAME = ".lock";

    private final Path dataDirectory;
    private final LogConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();

    private LogManager(Path dataDirectory, LogConfig config, FileChannel lockChannel, FileLock lock) {
        this.dataDirectory = dataDirectory;
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the data directory if needed and takes its lock; fails if another process holds it. */
    public static LogManager open(Path dataDirectory, LogConfig config) throws IOException {
        Files.createDirectories(dataDirectory);
        FileChannel channel = FileChannel.open(dataDirectory.resolve(LOCK_FILE_NAME),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            // tryLock reports a lock held by this JVM (another LogManager) with an exception
            // rather than null; it is the same conflict as a lock held by another process.
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("Another process is using the data directory " + dataDirectory
                    + " (it holds " + LOCK_FILE_NAME + "); stop it or choose another log.dirs.");
        }
        return new LogManager(dataDirectory, config, channel, lock);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Opens (recovering) every partition in {@code partitions}, creating the ones without a
     * directory, and deletes partition directories that belong to no topic: what a topic deletion
     * interrupted by a crash left behind.
     */
    public void load(Set<TopicPartition> partitions) throws IOException {
        for (Path directory : partitionDirectories()) {
            TopicPartition found = TopicPartition.fromDirectoryName(directory.getFileName().toString());
            if (partitions.contains(found)) {
                logs.put(found, PartitionLog.open(directory, found, config));
            } else {
                LOG.log(Level.WARNING, "Deleting {0}: partition {1} belongs to no topic (left over from an interrupted topic deletion).",
                        directory, found);
                deleteRecursively(directory);
            }
        }
        for (TopicPartition partition : partitions) {
            if (!logs.containsKey(partition)) {
                create(partition);
            }
        }
    }

    public PartitionLog get(TopicPartition partition) {
        return logs.get(partition);
    }

    /** Creates the directory and first segment of a new partition. */
    public PartitionLog create(TopicPartition partition) throws IOException {
        if (logs.containsKey(partition)) {
            throw new IllegalStateException("partition " + partition + " already exists");
        }
        PartitionLog log = PartitionLog.create(dataDirectory.resolve(partition.directoryName()), partition, config);
        logs.put(partition, log);
        return log;
    }

    /**
     * Closes a partition's log and deletes its directory. Runs on the partition's append thread,
     * after its last append.
     */
    public void delete(PartitionLog log) throws IOException {
        logs.remove(log.topicPartition(), log);
        log.closeAndDelete();
    }

    private Iterable<Path> partitionDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            return entries.filter(Files::isDirectory)
                    .filter(path -> TopicPartition.fromDirectoryName(path.getFileName().toString()) != null)
                    .toList();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (Files.isDirectory(file)) {
                    deleteRecursively(file);
                } else {
                    Files.delete(file);
                }
            }
        }
        Files.delete(directory);
    }

    /** Closes every log, then releases the directory lock. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (PartitionLog log : logs.values()) {
            try {
                log.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        logs.clear();
        lock.release();
        lockChannel.close();
        if (failure != null) {
            throw failure;
        }
    }
}
