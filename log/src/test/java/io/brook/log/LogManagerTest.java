package io.brook.log;

import static io.brook.log.LogTestSupport.START_MS;
import static io.brook.log.LogTestSupport.append;
import static io.brook.log.LogTestSupport.assertReadsBack;
import static io.brook.log.LogTestSupport.checksumValidAt;
import static io.brook.log.LogTestSupport.copyDirectory;
import static io.brook.log.LogTestSupport.fileNamesEndingWith;
import static io.brook.log.LogTestSupport.flipByte;
import static io.brook.log.LogTestSupport.logFile;
import static io.brook.log.LogTestSupport.readAll;
import static io.brook.log.LogTestSupport.segmentBaseOffsets;
import static io.brook.log.LogTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.LogTestSupport.StoredBatch;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory: its lock, loading and creating partitions, removing orphans and deleted
 * partitions, the recovery-point and log-start-offset checkpoints, and the clean-shutdown marker
 * that decides whether a start recovers.
 */
class LogManagerTest {
    private static final LogConfig CONFIG = LogTestSupport.config().build();
    private static final MaintenanceConfig MAINTENANCE = MaintenanceConfig.defaults();
    private static final TopicPartition KEPT = new TopicPartition("kept", 0);
    private static final TopicPartition ORPHAN = new TopicPartition("orphan", 1);
    private static final TopicPartition MISSING = new TopicPartition("missing", 2);

    @TempDir
    Path root;

    private Path dataDirectory;

    private final TestClock clock = new TestClock(START_MS);
    private final CapturedLog captured = CapturedLog.start();

    @AfterEach
    void stopCapturing() {
        captured.close();
    }

    @BeforeEach
    void chooseDataDirectory() {
        dataDirectory = root.resolve("data");
    }

    private LogManager open(Path directory) throws IOException {
        return LogManager.open(directory, MAINTENANCE, clock);
    }

    private Path partitionDirectory(Path directory, TopicPartition partition) {
        return directory.resolve(partition.directoryName());
    }

    /** A config whose segments hold three one-record batches of {@link #record}. */
    private static LogConfig threeRecordSegments() {
        return LogTestSupport.config().segmentBytes(3 * LogTestSupport.sizeOf(record(0))).build();
    }

    /** A one-record batch whose timestamp is {@code index} ms after the test's start. */
    private static ByteBuf record(int index) {
        return TestBatches.builder().record(null, String.format("record-%04d", index), START_MS + index).build();
    }

    private static List<StoredBatch> appendRecords(PartitionLog log, int count) {
        List<StoredBatch> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(append(log, record((int) log.logEndOffset())));
        }
        return stored;
    }

    /** The entries of a checkpoint file, checking Kafka's layout: version 0, a count, then one line per partition. */
    private static Map<String, Long> readCheckpoint(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals("0", lines.get(0), "version line of " + file);
        int count = Integer.parseInt(lines.get(1));
        assertEquals(2 + count, lines.size(), "entry count of " + file);
        Map<String, Long> entries = new HashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.split(" ");
            assertEquals(3, fields.length, "'<topic> <partition> <offset>': " + line);
            entries.put(fields[0] + "-" + fields[1], Long.parseLong(fields[2]));
        }
        return entries;
    }

    private Path marker(Path directory) {
        return directory.resolve(LogManager.CLEAN_SHUTDOWN_FILE_NAME);
    }

    @Test
    void secondManagerOnSameDirectoryFailsWhileFirstHoldsTheLock() throws IOException {
        try (LogManager first = open(dataDirectory)) {
            IOException failure = assertThrows(IOException.class, () -> open(dataDirectory).close());
            assertTrue(failure.getMessage().contains(dataDirectory.toString()), failure.getMessage());
            assertSame(dataDirectory, first.dataDirectory());
        }
    }

    @Test
    void secondManagerOpensAfterTheFirstCloses() throws IOException {
        open(dataDirectory).close();
        try (LogManager second = open(dataDirectory)) {
            assertEquals(dataDirectory, second.dataDirectory());
        }
    }

    @Test
    void failedOpenDoesNotKeepTheLockFileOpen() throws IOException {
        try (LogManager first = open(dataDirectory)) {
            assertThrows(IOException.class, () -> open(dataDirectory).close());
            assertThrows(IOException.class, () -> open(dataDirectory).close());
        }
        open(dataDirectory).close();
    }

    @Test
    void openCreatesMissingDataDirectory() throws IOException {
        Path nested = dataDirectory.resolve("a").resolve("b");
        try (LogManager manager = open(nested)) {
            assertTrue(Files.isDirectory(nested));
            assertEquals(nested, manager.dataDirectory());
        }
    }

    @Test
    void loadOpensKnownPartitionsCreatesMissingOnesAndDeletesOrphans() throws IOException {
        try (LogManager manager = open(dataDirectory)) {
            append(manager.create(KEPT, CONFIG), TestBatches.ofValues("k0", "k1"));
            append(manager.create(ORPHAN, CONFIG), TestBatches.ofValues("o0"));
        }
        Path unrelated = Files.createDirectory(dataDirectory.resolve("notes"));

        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, CONFIG, MISSING, CONFIG));

            PartitionLog kept = manager.get(KEPT);
            assertNotNull(kept);
            assertEquals(2, kept.logEndOffset());
            assertEquals(List.of("k0", "k1"), values(readAll(kept, 0)));
            assertSame(CONFIG, kept.config());

            PartitionLog created = manager.get(MISSING);
            assertNotNull(created);
            assertEquals(0, created.logEndOffset());
            assertTrue(Files.isRegularFile(partitionDirectory(dataDirectory, MISSING).resolve(LogFileNames.logFileName(0))));

            assertNull(manager.get(ORPHAN));
            assertFalse(Files.exists(partitionDirectory(dataDirectory, ORPHAN)));
            assertTrue(Files.isDirectory(unrelated), "a directory not named like a partition is left alone");
        }
    }

    @Test
    void aFirstStartThatCreatesPartitionsIsNotReportedAsAnUncleanShutdown() throws IOException {
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(MISSING, CONFIG));
        }
        assertEquals(List.of(), captured.messagesContaining("was not shut down cleanly"));
    }

    @Test
    void createRefusesAPartitionThatExists() throws IOException {
        try (LogManager manager = open(dataDirectory)) {
            manager.create(KEPT, CONFIG);
            assertThrows(IllegalStateException.class, () -> manager.create(KEPT, CONFIG));
        }
    }

    @Test
    void deleteClosesTheLogAndRemovesItsDirectory() throws IOException {
        try (LogManager manager = open(dataDirectory)) {
            PartitionLog log = manager.create(KEPT, CONFIG);
            append(log, TestBatches.ofValues("v"));
            Path directory = partitionDirectory(dataDirectory, KEPT);
            assertTrue(Files.isDirectory(directory));

            manager.delete(log);

            assertFalse(Files.exists(directory));
            assertNull(manager.get(KEPT));
            manager.load(Map.of());
            assertFalse(Files.exists(directory));
        }
        assertEquals(Map.of(), readCheckpoint(dataDirectory.resolve(LogManager.RECOVERY_POINT_CHECKPOINT_FILE_NAME)),
                "a deleted partition leaves the checkpoints");
    }

    @Test
    void deletedPartitionCanBeCreatedAgainEmpty() throws IOException {
        try (LogManager manager = open(dataDirectory)) {
            PartitionLog log = manager.create(KEPT, CONFIG);
            append(log, TestBatches.ofValues("old"));
            manager.delete(log);
            PartitionLog again = manager.create(KEPT, CONFIG);
            assertEquals(0, again.logEndOffset());
        }
    }

    @Test
    void closeWritesBothCheckpointsInKafkasFormatAndTheCleanShutdownMarker() throws IOException {
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of());
            assertFalse(Files.exists(marker(dataDirectory)));
            appendRecords(manager.create(KEPT, threeRecordSegments()), 7);
            PartitionLog other = manager.create(MISSING, CONFIG);
            appendRecords(other, 2);
            other.deleteRecordsBefore(1);
        }
        assertTrue(Files.exists(marker(dataDirectory)));
        assertEquals(Map.of("kept-0", 7L, "missing-2", 2L),
                readCheckpoint(dataDirectory.resolve(LogManager.RECOVERY_POINT_CHECKPOINT_FILE_NAME)));
        assertEquals(Map.of("kept-0", 0L, "missing-2", 1L),
                readCheckpoint(dataDirectory.resolve(LogManager.LOG_START_OFFSET_CHECKPOINT_FILE_NAME)));
        assertEquals(List.of(), fileNamesEndingWith(dataDirectory, ".tmp"), "checkpoints are replaced atomically");
    }

    /**
     * The marker makes the next start trust every segment (damage that only a CRC check would see
     * stays unseen, as in Kafka); loading removes it, so a crash after that is recovered: the
     * segment above the checkpointed recovery point is CRC-checked and cut at the damage.
     */
    @Test
    void cleanShutdownMarkerIsTrustedOnceAndACrashAfterLoadingRecovers() throws IOException {
        LogConfig config = threeRecordSegments();
        List<StoredBatch> stored;
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            stored = appendRecords(manager.get(KEPT), 8);
        }
        Path partition = partitionDirectory(dataDirectory, KEPT);
        assertEquals(List.of(0L, 3L, 6L), segmentBaseOffsets(partition));
        StoredBatch damaged = stored.get(7);
        flipByte(logFile(partition, 6), stored.get(6).sizeInBytes() + damaged.sizeInBytes() - 3);

        Path crashed = root.resolve("crashed");
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            assertFalse(Files.exists(marker(dataDirectory)), "from here on a stop without close is unclean");
            PartitionLog log = manager.get(KEPT);
            assertEquals(8, log.logEndOffset(), "a clean shutdown is trusted: no CRC check");
            assertEquals(8, log.recoveryPoint());
            assertFalse(checksumValidAt(readAll(log, 7), 0));
            assertEquals(Map.of("kept-0", 8L), readCheckpoint(dataDirectory.resolve(LogManager.RECOVERY_POINT_CHECKPOINT_FILE_NAME)));
            copyDirectory(dataDirectory, crashed);
        }

        try (LogManager manager = open(crashed)) {
            manager.load(Map.of(KEPT, config));
            PartitionLog log = manager.get(KEPT);
            assertEquals(7, log.logEndOffset(), "after a crash the segment holding the recovery point is CRC-checked");
            assertReadsBack(log, stored.subList(0, 7));
        }
        IndexConsistency.assertConsistent(partitionDirectory(crashed, KEPT), config.indexIntervalBytes(), config.segmentIndexBytes());
    }

    @Test
    void segmentsBelowTheCheckpointedRecoveryPointAreTrustedAfterACrash() throws IOException {
        LogConfig config = threeRecordSegments();
        List<StoredBatch> stored = new ArrayList<>();
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            stored.addAll(appendRecords(manager.get(KEPT), 7));
        }
        Path crashed = root.resolve("crashed");
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            PartitionLog log = manager.get(KEPT);
            assertEquals(7, log.recoveryPoint(), "checkpointed at load");
            stored.addAll(appendRecords(log, 6));
            copyDirectory(dataDirectory, crashed);
        }
        Path partition = partitionDirectory(crashed, KEPT);
        assertEquals(List.of(0L, 3L, 6L, 9L, 12L), segmentBaseOffsets(partition));
        Path trustedImage = root.resolve("trusted");
        copyDirectory(crashed, trustedImage);

        // Below the recovery point (7): segments 0 and 3 end at or below it and are trusted.
        flipByte(logFile(partitionDirectory(trustedImage, KEPT), 3), stored.get(3).sizeInBytes() - 3);
        try (LogManager manager = open(trustedImage)) {
            manager.load(Map.of(KEPT, config));
            PartitionLog log = manager.get(KEPT);
            assertEquals(13, log.logEndOffset());
            assertFalse(checksumValidAt(readAll(log, 3), 0), "not CRC-checked: trusted as Kafka trusts it");
        }

        // Segment 6 holds the recovery point: it is recovered, so the damage cuts the log there.
        flipByte(logFile(partition, 6), stored.get(6).sizeInBytes() + stored.get(7).sizeInBytes() - 3);
        try (LogManager manager = open(crashed)) {
            captured.clear();
            manager.load(Map.of(KEPT, config));
            List<String> reports = captured.messagesContaining("recovered it");
            assertEquals(1, reports.size(), captured.messages().toString());
            assertTrue(reports.get(0).contains("checked 1 batches of " + LogFileNames.logFileName(6)), reports.get(0));
            assertFalse(reports.get(0).contains(LogFileNames.logFileName(3)), "trusted below the recovery point: " + reports.get(0));
            assertEquals(1, captured.messagesContaining("was not shut down cleanly; checked 1 partition(s)").size(),
                    captured.messages().toString());
            PartitionLog log = manager.get(KEPT);
            assertEquals(7, log.logEndOffset());
            assertEquals(List.of(0L, 3L, 6L), segmentBaseOffsets(partition));
            assertEquals(7, log.recoveryPoint());
            assertReadsBack(log, stored.subList(0, 7));
        }
        IndexConsistency.assertConsistent(partition, config.indexIntervalBytes(), config.segmentIndexBytes());
    }

    @Test
    void malformedRecoveryPointCheckpointMeansEverySegmentIsRecovered() throws IOException {
        LogConfig config = threeRecordSegments();
        List<StoredBatch> stored;
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            stored = appendRecords(manager.get(KEPT), 7);
            manager.get(KEPT).flush();
        }
        Files.delete(marker(dataDirectory));
        Files.writeString(dataDirectory.resolve(LogManager.RECOVERY_POINT_CHECKPOINT_FILE_NAME), "0\n5\nkept 0 7\n");
        flipByte(logFile(partitionDirectory(dataDirectory, KEPT), 0), stored.get(0).sizeInBytes() + stored.get(1).sizeInBytes() - 3);
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            assertEquals(1, manager.get(KEPT).logEndOffset());
            assertEquals(List.of(0L), segmentBaseOffsets(partitionDirectory(dataDirectory, KEPT)));
        }
    }

    @Test
    void deleteRecordsSurvivesCloseAndReopenThroughTheLogStartOffsetCheckpoint() throws IOException {
        LogConfig config = threeRecordSegments();
        List<StoredBatch> stored;
        Path partition = partitionDirectory(dataDirectory, KEPT);
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            PartitionLog log = manager.get(KEPT);
            stored = appendRecords(log, 8);
            assertEquals(4, log.deleteRecordsBefore(4));
            manager.logStartOffsetChanged();
            assertEquals(List.of(3L, 6L), segmentBaseOffsets(partition));
            assertEquals(List.of(LogFileNames.logFileName(0) + LogFileNames.DELETED_SUFFIX),
                    fileNamesEndingWith(partition, LogFileNames.DELETED_SUFFIX).stream().filter(name -> name.contains(".log")).toList(),
                    "file.delete.delay.ms has not passed");
        }
        assertEquals(List.of(), fileNamesEndingWith(partition, LogFileNames.DELETED_SUFFIX), "close deletes what waited");
        assertEquals(Map.of("kept-0", 4L), readCheckpoint(dataDirectory.resolve(LogManager.LOG_START_OFFSET_CHECKPOINT_FILE_NAME)));

        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            PartitionLog log = manager.get(KEPT);
            assertEquals(4, log.logStartOffset());
            assertEquals(8, log.logEndOffset());
            assertFalse(log.read(3, Integer.MAX_VALUE, false).offsetInRange());
            assertEquals(List.of(4L, 5L), LogTestSupport.offsets(readAll(log, 4)), "the read starts at the batch holding offset 4");
            assertReadsBack(log, stored.subList(3, 8));
        }
    }

    @Test
    void retentionThroughTheManagerRenamesSegmentsAndDeletesThemOnClose() throws IOException {
        LogConfig config = threeRecordSegments().toBuilder().retentionMs(5_000).fileDeleteDelayMs(60_000).build();
        Path partition = partitionDirectory(dataDirectory, KEPT);
        try (LogManager manager = open(dataDirectory)) {
            manager.load(Map.of(KEPT, config));
            PartitionLog log = manager.get(KEPT);
            appendRecords(log, 7);
            clock.setMs(START_MS + 5 + 5_001);
            assertEquals(2, log.deleteRetainedSegments(), "segments whose newest record is more than 5 s old");
            assertEquals(6, log.logStartOffset());
            assertEquals(List.of(6L), segmentBaseOffsets(partition));
            assertEquals(6, fileNamesEndingWith(partition, LogFileNames.DELETED_SUFFIX).size(), "log, index, time index of two segments");
        }
        assertEquals(List.of(), fileNamesEndingWith(partition, LogFileNames.DELETED_SUFFIX));
        assertEquals(Map.of("kept-0", 6L), readCheckpoint(dataDirectory.resolve(LogManager.LOG_START_OFFSET_CHECKPOINT_FILE_NAME)));
    }

    /** The maintenance thread hands retention to the partition's append thread, here the test's own. */
    @Test
    void maintenanceRunsRetentionThroughThePartitionTaskRunner() throws Exception {
        LogConfig config = threeRecordSegments().toBuilder().retentionBytes(0).build();
        LinkedBlockingQueue<Runnable> submitted = new LinkedBlockingQueue<>();
        CountDownLatch firstSubmission = new CountDownLatch(1);
        try (LogManager manager = LogManager.open(dataDirectory, new MaintenanceConfig(60_000, 1, 60_000, 60_000), clock)) {
            manager.load(Map.of(KEPT, config));
            PartitionLog log = manager.get(KEPT);
            appendRecords(log, 4);
            manager.startMaintenance((target, task) -> {
                assertSame(log, target);
                submitted.add(task);
                firstSubmission.countDown();
                return true;
            });
            assertTrue(firstSubmission.await(10, TimeUnit.SECONDS), "retention ran within 10 s");
            submitted.take().run();
            assertEquals(4, log.logStartOffset(), "retention.bytes 0 keeps nothing: the active segment was rolled and deleted");
            assertEquals(0, log.sizeInBytes());
        }
        assertEquals(Map.of("kept-0", 4L), readCheckpoint(dataDirectory.resolve(LogManager.LOG_START_OFFSET_CHECKPOINT_FILE_NAME)));
    }
}
