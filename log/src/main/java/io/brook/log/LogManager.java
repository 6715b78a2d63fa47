package io.brook.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Owns the data directory ({@code log.dirs}): locks it against a second broker, opens and
 * recovers the partitions that belong to topics, creates and deletes partition directories, and
 * runs the background work on one thread ({@code log-maintenance}): flushes by flush.ms and
 * flush.messages, retention, the recovery-point and log-start-offset checkpoints, and the delayed
 * deletion of segment files. A clean close leaves the clean-shutdown marker, so that the next
 * start skips recovery.
 *
 * <p>Thread-safety: the partition map is concurrent; creating and deleting a partition is
 * serialised by its callers (topic administration runs on one thread).
 */
public final class LogManager implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LogManager.class.getName());
    private static final String LOCK_FILE_NAME = ".lock";
    /** Kafka's names, so that Kafka itself would read these files. */
    static final String CLEAN_SHUTDOWN_FILE_NAME = ".kafka_cleanshutdown";
    static final String RECOVERY_POINT_CHECKPOINT_FILE_NAME = "recovery-point-offset-checkpoint";
    static final String LOG_START_OFFSET_CHECKPOINT_FILE_NAME = "log-start-offset-checkpoint";
    /** How long close() waits for a flush or checkpoint in progress. */
    private static final long SHUTDOWN_WAIT_SECONDS = 60;

    private final Path dataDirectory;
    private final MaintenanceConfig maintenance;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final OffsetCheckpointFile recoveryPoints;
    private final OffsetCheckpointFile logStartOffsets;
    private final ScheduledThreadPoolExecutor maintenanceThread;
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    /** Segments that left their logs and wait out file.delete.delay.ms. */
    private final Set<LogSegment> pendingDeletions = ConcurrentHashMap.newKeySet();

    private LogManager(Path dataDirectory, MaintenanceConfig maintenance, Clock clock, FileChannel lockChannel, FileLock lock) {
        this.dataDirectory = dataDirectory;
        this.maintenance = maintenance;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recoveryPoints = new OffsetCheckpointFile(dataDirectory.resolve(RECOVERY_POINT_CHECKPOINT_FILE_NAME));
        this.logStartOffsets = new OffsetCheckpointFile(dataDirectory.resolve(LOG_START_OFFSET_CHECKPOINT_FILE_NAME));
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "log-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        // Shutdown lets a running flush finish (an interrupt would close the channel it forces)
        // and drops what waits: close() deletes the pending segments itself.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.maintenanceThread = executor;
    }

    /** Creates the data directory if needed and takes its lock; fails if another process holds it. */
    public static LogManager open(Path dataDirectory, MaintenanceConfig maintenance, Clock clock) throws IOException {
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
        return new LogManager(dataDirectory, maintenance, clock, channel, lock);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Opens every partition in {@code partitions} with its config, recovering what an unclean stop
     * left, creating the ones without a directory, and deletes partition directories that belong
     * to no topic: what a topic deletion interrupted by a crash left behind. Then removes the
     * clean-shutdown marker: from here on, a stop without {@link #close()} is unclean.
     */
    public void load(Map<TopicPartition, LogConfig> partitions) throws IOException {
        Path marker = dataDirectory.resolve(CLEAN_SHUTDOWN_FILE_NAME);
        boolean cleanShutdown = Files.exists(marker);
        Map<TopicPartition, Long> recoveryPointByPartition = recoveryPoints.read();
        Map<TopicPartition, Long> logStartByPartition = logStartOffsets.read();
        long startNs = System.nanoTime();
        int openedCount = 0;
        for (Path directory : partitionDirectories()) {
            TopicPartition found = TopicPartition.fromDirectoryName(directory.getFileName().toString());
            LogConfig config = partitions.get(found);
            if (config != null) {
                PartitionLoader.Checkpoints checkpoints = new PartitionLoader.Checkpoints(cleanShutdown,
                        recoveryPointByPartition.getOrDefault(found, 0L), logStartByPartition.getOrDefault(found, 0L));
                logs.put(found, PartitionLog.open(directory, found, config, clock, this::deleteLater, checkpoints));
                openedCount++;
            } else {
                LOG.log(Level.WARNING, "Deleting {0}: partition {1} belongs to no topic (left over from an interrupted topic deletion).",
                        directory, found);
                deleteRecursively(directory);
            }
        }
        for (Map.Entry<TopicPartition, LogConfig> partition : partitions.entrySet()) {
            if (!logs.containsKey(partition.getKey())) {
                create(partition.getKey(), partition.getValue());
            }
        }
        // Counting only partitions that existed: a first start that creates partitions (the broker's
        // own logs) is no unclean shutdown.
        if (!cleanShutdown && openedCount > 0) {
            LOG.log(Level.WARNING, "The data directory {0} was not shut down cleanly; checked {1} partition(s) in {2} ms.",
                    dataDirectory, openedCount, (System.nanoTime() - startNs) / 1_000_000);
        }
        checkpointRecoveryPoints();
        checkpointLogStartOffsets();
        Files.deleteIfExists(marker);
    }

    public PartitionLog get(TopicPartition partition) {
        return logs.get(partition);
    }

    /** Creates the directory and first segment of a new partition. */
    public PartitionLog create(TopicPartition partition, LogConfig config) throws IOException {
        if (logs.containsKey(partition)) {
            throw new IllegalStateException("partition " + partition + " already exists");
        }
        PartitionLog log = PartitionLog.create(dataDirectory.resolve(partition.directoryName()), partition, config, clock, this::deleteLater);
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

    /**
     * Starts the periodic work: flush checks, retention (run on each partition's append thread
     * through {@code runner}) and checkpoints.
     */
    public void startMaintenance(PartitionTaskRunner runner) {
        schedule(maintenance.flushCheckIntervalMs(), this::flushDueLogs);
        schedule(maintenance.retentionCheckIntervalMs(), () -> enforceRetention(runner));
        schedule(maintenance.recoveryPointCheckpointIntervalMs(), this::checkpointRecoveryPoints);
        schedule(maintenance.logStartOffsetCheckpointIntervalMs(), this::checkpointLogStartOffsets);
    }

    private void schedule(long intervalMs, MaintenanceTask task) {
        maintenanceThread.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "Log maintenance failed; it runs again in " + intervalMs + " ms.", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @FunctionalInterface
    private interface MaintenanceTask {
        void run() throws IOException;
    }

    private void flushDueLogs() throws IOException {
        for (PartitionLog log : logs.values()) {
            log.flushIfDue();
        }
    }

    private void enforceRetention(PartitionTaskRunner runner) {
        for (PartitionLog log : logs.values()) {
            runner.submit(log, () -> {
                try {
                    if (log.deleteRetainedSegments() > 0) {
                        logStartOffsetChanged();
                    }
                } catch (IOException e) {
                    LOG.log(Level.ERROR, "Partition " + log.topicPartition() + ": retention could not delete segments.", e);
                }
            });
        }
    }

    /** Records a moved log start offset soon (off the calling thread), so that it survives a crash. */
    void logStartOffsetChanged() {
        try {
            maintenanceThread.execute(() -> {
                try {
                    checkpointLogStartOffsets();
                } catch (IOException e) {
                    LOG.log(Level.ERROR, "Could not write the log start offset checkpoint.", e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // close() writes the checkpoint.
        }
    }

    private void deleteLater(LogSegment segment, long delayMs) {
        pendingDeletions.add(segment);
        try {
            maintenanceThread.schedule(() -> deleteNow(segment), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            deleteNow(segment);
        }
    }

    private void deleteNow(LogSegment segment) {
        if (!pendingDeletions.remove(segment)) {
            return;
        }
        try {
            segment.closeAndDelete();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Could not delete segment " + segment + "; the next start removes it.", e);
        }
    }

    private void checkpointRecoveryPoints() throws IOException {
        checkpoint(recoveryPoints, PartitionLog::recoveryPoint);
    }

    /** Writes every partition's log start offset to Kafka's checkpoint file now; any thread. */
    public void checkpointLogStartOffsets() throws IOException {
        checkpoint(logStartOffsets, PartitionLog::logStartOffset);
    }

    /** Writes every partition's {@code offsetOf} to {@code file}; one writer at a time, from any thread. */
    private synchronized void checkpoint(OffsetCheckpointFile file, ToLongFunction<PartitionLog> offsetOf) throws IOException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        logs.forEach((partition, log) -> offsets.put(partition, offsetOf.applyAsLong(log)));
        file.write(offsets);
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

    /**
     * Stops the background work (deleting now what waited for deletion), closes every log
     * (flushed, indexes trimmed, producer state snapshotted), writes both checkpoints, and leaves
     * the clean-shutdown marker; then releases the directory lock. Call after the last append.
     */
    @Override
    public void close() throws IOException {
        maintenanceThread.shutdown();
        try {
            if (!maintenanceThread.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Log maintenance was still running after {0} seconds of shutdown.", SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LogSegment segment : List.copyOf(pendingDeletions)) {
            deleteNow(segment);
        }
        IOException failure = null;
        for (PartitionLog log : logs.values()) {
            try {
                log.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        try {
            if (failure == null) {
                checkpointRecoveryPoints();
                checkpointLogStartOffsets();
                AtomicFileWriter.write(dataDirectory.resolve(CLEAN_SHUTDOWN_FILE_NAME), "");
            }
        } catch (IOException e) {
            failure = e;
        }
        logs.clear();
        lock.release();
        lockChannel.close();
        if (failure != null) {
            throw failure;
        }
    }
}
