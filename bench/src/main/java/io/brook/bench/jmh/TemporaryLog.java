package io.brook.bench.jmh;

import io.brook.log.LogConfig;
import io.brook.log.LogManager;
import io.brook.log.MaintenanceConfig;
import io.brook.log.PartitionLog;
import io.brook.log.TopicPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One partition in a fresh temporary data directory, opened through {@link LogManager} as the
 * broker opens its logs; {@link #close()} closes the manager and deletes the directory. The
 * manager's periodic maintenance (flush, retention, checkpoints) is not started: a benchmark
 * measures the calling thread's work, and the broker does that work on another thread. Its
 * maintenance thread still deletes the segment files that {@link PartitionLog#deleteRecordsBefore}
 * hands it.
 *
 * <p>Not thread-safe: the thread that first appends owns the log (the log asserts it).
 */
final class TemporaryLog implements AutoCloseable {
    static final TopicPartition PARTITION = new TopicPartition("jmh", 0);

    private final Path directory;
    private final LogManager manager;
    private final PartitionLog log;

    private TemporaryLog(Path directory, LogManager manager, PartitionLog log) {
        this.directory = directory;
        this.manager = manager;
        this.log = log;
    }

    static TemporaryLog create(String prefix, LogConfig config) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        LogManager manager = LogManager.open(directory, MaintenanceConfig.defaults(), Clock.systemUTC());
        try {
            return new TemporaryLog(directory, manager, manager.create(PARTITION, config));
        } catch (IOException | RuntimeException e) {
            manager.close();
            deleteRecursively(directory);
            throw e;
        }
    }

    PartitionLog log() {
        return log;
    }

    @Override
    public void close() throws IOException {
        try {
            manager.close();
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
