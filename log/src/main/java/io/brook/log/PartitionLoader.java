package io.brook.log;

import io.brook.log.producer.ProducerSnapshotFile;
import io.brook.log.producer.ProducerStateTable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens a partition directory at start-up. Segments written by a clean shutdown, or wholly below
 * the recovery point, keep their indexes if those agree with the log; every other segment (after
 * an unclean stop: from the one holding the recovery point on) is recovered: each batch's length,
 * magic, offsets and CRC-32C are checked, the indexes rebuilt, and the file cut at the first
 * invalid byte, after which every later segment is deleted. Idempotent-producer state comes from
 * the newest usable snapshot plus a replay of the batches after it. What was repaired is logged
 * once, in plain words.
 */
final class PartitionLoader {
    private static final System.Logger LOG = System.getLogger(PartitionLoader.class.getName());

    private final Path directory;
    private final TopicPartition topicPartition;
    private final LogConfig config;
    private final Clock clock;
    private final List<String> repairs = new ArrayList<>();

    /**
     * What the log directory's checkpoints say about the partition.
     *
     * @param cleanShutdown the broker stopped cleanly last time: nothing needs recovery
     * @param recoveryPoint every offset below it was flushed; 0 when unknown
     * @param logStartOffset the log start offset last checkpointed; 0 when unknown
     */
    record Checkpoints(boolean cleanShutdown, long recoveryPoint, long logStartOffset) {
    }

    record Loaded(LogSegment[] segments, long logStartOffset, long recoveryPoint, ProducerStateTable producers) {
    }

    PartitionLoader(Path directory, TopicPartition topicPartition, LogConfig config, Clock clock) {
        this.directory = directory;
        this.topicPartition = topicPartition;
        this.config = config;
        this.clock = clock;
    }

    Loaded load(Checkpoints checkpoints) throws IOException {
        deleteLeftovers();
        List<LogSegment> loaded = new ArrayList<>();
        try {
            loadSegments(checkpoints, loaded);
            if (loaded.isEmpty()) {
                loaded.add(LogSegment.create(directory, checkpoints.logStartOffset(), config.segmentIndexBytes(), clock.millis()));
            }
            for (int i = 0; i < loaded.size() - 1; i++) {
                loaded.get(i).onBecomeInactive();
            }
            long logEndOffset = loaded.get(loaded.size() - 1).nextOffset();
            long logStartOffset = Math.min(Math.max(checkpoints.logStartOffset(), loaded.get(0).baseOffset()), logEndOffset);
            long recoveryPoint = checkpoints.cleanShutdown() ? logEndOffset : Math.min(checkpoints.recoveryPoint(), logEndOffset);
            ProducerStateTable producers = loadProducers(loaded, logEndOffset);
            if (!repairs.isEmpty()) {
                String how = checkpoints.cleanShutdown() ? "was shut down cleanly but its files disagreed" : "was not shut down cleanly";
                LOG.log(Level.WARNING, "Partition {0} {1}; recovered it: {2}. The log now ends at offset {3}.",
                        topicPartition, how, String.join("; ", repairs), logEndOffset);
            }
            return new Loaded(loaded.toArray(new LogSegment[0]), logStartOffset, recoveryPoint, producers);
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : loaded) {
                segment.close();
            }
            throw e;
        }
    }

    private void loadSegments(Checkpoints checkpoints, List<LogSegment> loaded) throws IOException {
        List<Path> files = filesWithSuffix(directory, LogFileNames.LOG_SUFFIX);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long baseOffset = LogFileNames.baseOffsetOf(file.getFileName().toString());
            long expectedBase = loaded.isEmpty() ? baseOffset : loaded.get(loaded.size() - 1).nextOffset();
            if (baseOffset != expectedBase) {
                repairs.add("segment " + file.getFileName() + " starts at offset " + baseOffset + " but the log before it ends at "
                        + expectedBase + ", so it and every later segment were deleted");
                deleteSegmentFilesFrom(files.subList(i, files.size()));
                return;
            }
            boolean indexesPresent = Files.exists(sibling(baseOffset, LogFileNames.INDEX_SUFFIX))
                    && Files.exists(sibling(baseOffset, LogFileNames.TIME_INDEX_SUFFIX));
            long segmentEnd = i + 1 < files.size() ? LogFileNames.baseOffsetOf(files.get(i + 1).getFileName().toString()) : Long.MAX_VALUE;
            boolean trusted = checkpoints.cleanShutdown() || segmentEnd <= checkpoints.recoveryPoint();
            LogSegment segment = LogSegment.open(file, baseOffset, config.segmentIndexBytes());
            loaded.add(segment);
            if (trusted && indexesPresent && segment.loadTrusted()) {
                continue;
            }
            LogSegment.RecoveryResult result = segment.recover(config.indexIntervalBytes());
            if (trusted) {
                repairs.add("rebuilt the " + (indexesPresent ? "inconsistent" : "missing") + " indexes of " + file.getFileName());
            } else {
                repairs.add("checked " + result.validBatches() + " batches of " + file.getFileName());
            }
            if (result.cutBytes() > 0) {
                repairs.add("cut " + result.cutBytes() + " bytes that did not form valid record batches from the end of "
                        + file.getFileName() + (i + 1 < files.size() ? " and deleted the " + (files.size() - i - 1) + " later segment(s)" : ""));
                deleteSegmentFilesFrom(files.subList(i + 1, files.size()));
                return;
            }
        }
    }

    /**
     * The newest snapshot at or below the log end offset, with the batches after it replayed; a
     * snapshot beyond the end (the log was cut) or damaged is deleted.
     */
    private ProducerStateTable loadProducers(List<LogSegment> loaded, long logEndOffset) throws IOException {
        List<Path> snapshots = producerSnapshots(directory);
        ProducerStateTable producers = null;
        long replayFrom = loaded.get(0).baseOffset();
        for (int i = snapshots.size() - 1; i >= 0 && producers == null; i--) {
            Path snapshot = snapshots.get(i);
            long offset = LogFileNames.offsetOf(snapshot.getFileName().toString(), LogFileNames.PRODUCER_SNAPSHOT_SUFFIX);
            if (offset > logEndOffset || offset < loaded.get(0).baseOffset()) {
                Files.delete(snapshot);
                continue;
            }
            try {
                producers = ProducerSnapshotFile.read(snapshot);
                replayFrom = offset;
            } catch (IOException damaged) {
                repairs.add("deleted the damaged producer snapshot " + snapshot.getFileName() + " (" + damaged.getMessage() + ")");
                Files.delete(snapshot);
            }
        }
        if (producers == null) {
            producers = new ProducerStateTable();
        }
        ProducerStateTable table = producers;
        for (LogSegment segment : loaded) {
            if (segment.nextOffset() > replayFrom) {
                segment.forEachBatchFrom(replayFrom, batch -> {
                    table.replay(batch);
                    return true;
                });
            }
        }
        return table;
    }

    /** Removes what an interrupted deletion or write left: {@code *.deleted}, temporary files, indexes without a log. */
    private void deleteLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : entries.toList()) {
                String name = file.getFileName().toString();
                boolean orphanIndex = (name.endsWith(LogFileNames.INDEX_SUFFIX) || name.endsWith(LogFileNames.TIME_INDEX_SUFFIX))
                        && !Files.exists(file.resolveSibling(name.substring(0, name.indexOf('.')) + LogFileNames.LOG_SUFFIX));
                if (name.endsWith(LogFileNames.DELETED_SUFFIX) || name.endsWith(".tmp") || orphanIndex) {
                    Files.delete(file);
                }
            }
        }
    }

    private void deleteSegmentFilesFrom(List<Path> logFiles) throws IOException {
        for (Path logFile : logFiles) {
            long baseOffset = LogFileNames.baseOffsetOf(logFile.getFileName().toString());
            Files.deleteIfExists(logFile);
            Files.deleteIfExists(sibling(baseOffset, LogFileNames.INDEX_SUFFIX));
            Files.deleteIfExists(sibling(baseOffset, LogFileNames.TIME_INDEX_SUFFIX));
        }
    }

    private Path sibling(long baseOffset, String suffix) {
        return directory.resolve(LogFileNames.fileName(baseOffset, suffix));
    }

    static List<Path> producerSnapshots(Path directory) throws IOException {
        return filesWithSuffix(directory, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX);
    }

    private static List<Path> filesWithSuffix(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> LogFileNames.offsetOf(file.getFileName().toString(), suffix) >= 0).sorted().toList();
        }
    }
}
