package io.brook.log;

import static io.brook.log.LogTestSupport.CLEAN;
import static io.brook.log.LogTestSupport.START_MS;
import static io.brook.log.LogTestSupport.UNCLEAN;
import static io.brook.log.LogTestSupport.copyDirectory;
import static io.brook.log.LogTestSupport.fileNamesEndingWith;
import static io.brook.log.LogTestSupport.flipByte;
import static io.brook.log.LogTestSupport.readAll;
import static io.brook.log.LogTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.testing.TestBatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotent producers through the partition log: retries answered, gaps and fenced epochs
 * refused, and state kept across restarts through producer snapshots and replay of the log.
 */
class IdempotentAppendTest {
    private static final TopicPartition PARTITION = new TopicPartition("payments", 0);
    private static final long PRODUCER_ID = 99;
    private static final short EPOCH = 2;
    /** Segments of two two-record batches, so that appends roll and snapshot often. */
    private static final LogConfig SMALL_SEGMENTS = LogTestSupport.config()
            .segmentBytes(2 * LogTestSupport.sizeOf(TestBatches.idempotent(PRODUCER_ID, EPOCH, 0, 2))).build();
    private static final LogConfig CONFIG = LogTestSupport.config().build();

    @TempDir
    Path dataDirectory;

    private final TestClock clock = new TestClock(START_MS);
    private final LogTestSupport.RecordingDeleter deleter = new LogTestSupport.RecordingDeleter();
    private final List<PartitionLog> opened = new ArrayList<>();
    private PartitionLog log;

    @BeforeEach
    void createLog() throws IOException {
        log = PartitionLog.create(directory(), PARTITION, CONFIG, clock, deleter);
        opened.add(log);
    }

    @AfterEach
    void closeLogs() throws IOException {
        for (PartitionLog each : opened) {
            each.close();
        }
        deleter.deleteAll();
    }

    private Path directory() {
        return dataDirectory.resolve(PARTITION.directoryName());
    }

    private void recreate(LogConfig config) throws IOException {
        log.close();
        opened.remove(log);
        try (Stream<Path> files = Files.walk(directory())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        log = PartitionLog.create(directory(), PARTITION, config, clock, deleter);
        opened.add(log);
    }

    private void reopen(Path directory, LogConfig config, PartitionLoader.Checkpoints checkpoints) throws IOException {
        log = PartitionLog.open(directory, PARTITION, config, clock, deleter, checkpoints);
        opened.add(log);
    }

    private void closeLog() throws IOException {
        log.close();
        opened.remove(log);
    }

    private AppendResult append(short epoch, int baseSequence, int recordCount) {
        return LogTestSupport.tryAppend(log, TestBatches.idempotent(PRODUCER_ID, epoch, baseSequence, recordCount));
    }

    private long appendOk(short epoch, int baseSequence, int recordCount) {
        AppendResult result = append(epoch, baseSequence, recordCount);
        assertEquals(ErrorCode.NONE, result.error(), result.errorMessage());
        return result.baseOffset();
    }

    /** A retry must come back with its first offset and write nothing. */
    private void assertDuplicate(long expectedOffset, int baseSequence, int recordCount) {
        long endBefore = log.logEndOffset();
        long sizeBefore = log.sizeInBytes();
        assertEquals(expectedOffset, appendOk(EPOCH, baseSequence, recordCount), "retry of sequence " + baseSequence);
        assertEquals(endBefore, log.logEndOffset());
        assertEquals(sizeBefore, log.sizeInBytes());
    }

    private void assertRejected(ErrorCode expected, AppendResult result, long logEndOffsetBefore) {
        assertEquals(expected, result.error());
        assertNotNull(result.errorMessage());
        assertEquals(-1, result.baseOffset());
        assertEquals(logEndOffsetBefore, log.logEndOffset(), "a rejected batch is not written");
    }

    @Test
    void retryOfOneOfTheLastFiveBatchesGetsItsOriginalOffsetAndIsNotWrittenAgain() throws IOException {
        long[] baseOffsets = new long[5];
        for (int i = 0; i < baseOffsets.length; i++) {
            baseOffsets[i] = appendOk(EPOCH, 2 * i, 2);
        }
        assertEquals(10, log.logEndOffset());
        byte[] before = readAll(log, 0);

        for (int i = 0; i < baseOffsets.length; i++) {
            assertDuplicate(baseOffsets[i], 2 * i, 2);
        }
        assertArrayEquals(before, readAll(log, 0));
        assertEquals(10, appendOk(EPOCH, 10, 1));
    }

    @Test
    void retryOfBatchOlderThanTheLastFiveIsRejectedAsOutOfOrder() {
        for (int i = 0; i < 6; i++) {
            appendOk(EPOCH, i, 1);
        }
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(EPOCH, 0, 1), 6);
        assertEquals(1, appendOk(EPOCH, 1, 1));
    }

    @Test
    void sequenceGapIsRejectedAsOutOfOrder() {
        appendOk(EPOCH, 0, 3);
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(EPOCH, 4, 1), 3);
        assertEquals(3, appendOk(EPOCH, 3, 1));
    }

    @Test
    void olderEpochIsRejectedAsInvalidProducerEpoch() {
        appendOk(EPOCH, 0, 1);
        assertRejected(ErrorCode.INVALID_PRODUCER_EPOCH, append((short) (EPOCH - 1), 1, 1), 1);
        assertRejected(ErrorCode.INVALID_PRODUCER_EPOCH, append((short) (EPOCH - 1), 0, 1), 1);
    }

    @Test
    void newEpochMustStartAtSequenceZero() {
        appendOk(EPOCH, 0, 2);
        short next = (short) (EPOCH + 1);
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(next, 2, 1), 2);
        assertEquals(2, appendOk(next, 0, 1));
        assertRejected(ErrorCode.INVALID_PRODUCER_EPOCH, append(EPOCH, 2, 1), 3);
    }

    @Test
    void unknownProducerMayStartAtAnySequence() {
        assertEquals(0, appendOk(EPOCH, 500, 2));
        assertEquals(2, appendOk(EPOCH, 502, 1));
    }

    @Test
    void sequenceWrapsAtIntegerMaxValue() {
        assertEquals(0, appendOk(EPOCH, Integer.MAX_VALUE - 1, 3));
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(EPOCH, Integer.MAX_VALUE, 1), 3);
        assertEquals(3, appendOk(EPOCH, 1, 1));
    }

    @Test
    void duplicatesAreStillCaughtAfterACleanReopen() throws IOException {
        appendOk(EPOCH, 0, 2);
        appendOk(EPOCH, 2, 2);
        closeLog();
        assertEquals(List.of(LogFileNames.fileName(4, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX)),
                fileNamesEndingWith(directory(), LogFileNames.PRODUCER_SNAPSHOT_SUFFIX), "close snapshots the producers");
        reopen(directory(), CONFIG, CLEAN);

        assertEquals(4, log.logEndOffset());
        assertDuplicate(2, 2, 2);
        assertDuplicate(0, 0, 2);
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(EPOCH, 5, 1), 4);
        assertRejected(ErrorCode.INVALID_PRODUCER_EPOCH, append((short) (EPOCH - 1), 4, 1), 4);
        assertEquals(4, appendOk(EPOCH, 4, 1));
    }

    @Test
    void nonIdempotentBatchesAreNeverTreatedAsDuplicates() throws IOException {
        LogTestSupport.append(log, TestBatches.ofValues("same"));
        LogTestSupport.append(log, TestBatches.ofValues("same"));
        assertEquals(2, log.logEndOffset());
        assertEquals(List.of("same", "same"), values(readAll(log, 0)));
    }

    /**
     * Each roll snapshots the producers at the new segment's base offset. After a crash, loading
     * takes the newest snapshot and replays the batches after it, so retries from before and
     * after the last roll are both recognised.
     */
    @Test
    void retryFromBeforeACrashIsStillADuplicateAfterARollAndAnUncleanReopen() throws IOException {
        recreate(SMALL_SEGMENTS);
        for (int i = 0; i < 5; i++) {
            assertEquals(2L * i, appendOk(EPOCH, 2 * i, 2));
        }
        assertEquals(3, log.segmentCount());
        Path crashed = dataDirectory.resolve("crashed");
        copyDirectory(directory(), crashed);
        assertEquals(List.of(LogFileNames.fileName(4, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX),
                        LogFileNames.fileName(8, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX)),
                fileNamesEndingWith(crashed, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX), "the snapshots of the two rolls");
        closeLog();

        reopen(crashed, SMALL_SEGMENTS, UNCLEAN);
        assertEquals(10, log.logEndOffset());
        assertDuplicate(2, 2, 2);
        assertDuplicate(6, 6, 2);
        assertDuplicate(8, 8, 2);
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(EPOCH, 11, 1), 10);
        assertEquals(10, appendOk(EPOCH, 10, 1));
    }

    /**
     * The producer's batches can be older than every remaining segment: then only the snapshot
     * remembers them, and a retry is still recognised (with the offset it got, now below the log
     * start offset, as Kafka answers it).
     */
    @Test
    void snapshotRemembersProducersWhoseBatchesWereDeleted() throws IOException {
        recreate(SMALL_SEGMENTS);
        appendOk(EPOCH, 0, 2);
        appendOk(EPOCH, 2, 2);
        LogTestSupport.append(log, TestBatches.ofValues("other", "producer"));
        assertEquals(4, log.deleteRecordsBefore(4));
        Path crashed = dataDirectory.resolve("crashed");
        copyDirectory(directory(), crashed);
        closeLog();

        reopen(crashed, SMALL_SEGMENTS, new PartitionLoader.Checkpoints(false, 0, 4));
        assertEquals(4, log.logStartOffset());
        assertDuplicate(2, 2, 2);
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(EPOCH, 5, 1), 6);
        assertEquals(6, appendOk(EPOCH, 4, 1));
    }

    @Test
    void damagedNewestSnapshotIsDeletedAndTheStateRebuiltFromAnOlderOneAndTheLog() throws IOException {
        recreate(SMALL_SEGMENTS);
        for (int i = 0; i < 5; i++) {
            appendOk(EPOCH, 2 * i, 2);
        }
        closeLog();
        Path newest = directory().resolve(LogFileNames.fileName(10, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX));
        assertTrue(Files.exists(newest));
        flipByte(newest, Files.size(newest) - 1);

        reopen(directory(), SMALL_SEGMENTS, CLEAN);
        assertFalse(Files.exists(newest), "the damaged snapshot was deleted");
        assertDuplicate(8, 8, 2);
        assertDuplicate(0, 0, 2);
        assertEquals(10, appendOk(EPOCH, 10, 1));
    }

    @Test
    void everySnapshotDamagedMeansAFullReplayOfTheLog() throws IOException {
        recreate(SMALL_SEGMENTS);
        for (int i = 0; i < 5; i++) {
            appendOk(EPOCH, 2 * i, 2);
        }
        closeLog();
        List<String> snapshots = fileNamesEndingWith(directory(), LogFileNames.PRODUCER_SNAPSHOT_SUFFIX);
        assertEquals(2, snapshots.size(), "two snapshots are kept");
        for (String snapshot : snapshots) {
            Files.writeString(directory().resolve(snapshot), "not a snapshot");
        }

        reopen(directory(), SMALL_SEGMENTS, UNCLEAN);
        assertEquals(List.of(), fileNamesEndingWith(directory(), LogFileNames.PRODUCER_SNAPSHOT_SUFFIX));
        for (int i = 0; i < 5; i++) {
            assertDuplicate(2L * i, 2 * i, 2);
        }
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(EPOCH, 12, 1), 10);
    }

    /**
     * A snapshot taken at an offset the recovered log no longer reaches describes batches that are
     * gone: it is deleted, and the producer may send the lost batch again.
     */
    @Test
    void snapshotBeyondTheRecoveredLogIsDeletedAndTheLostBatchMayBeSentAgain() throws IOException {
        recreate(SMALL_SEGMENTS);
        for (int i = 0; i < 5; i++) {
            appendOk(EPOCH, 2 * i, 2);
        }
        Path crashed = dataDirectory.resolve("crashed");
        copyDirectory(directory(), crashed);
        closeLog();
        Files.delete(crashed.resolve(LogFileNames.logFileName(8)));
        Path segmentFour = crashed.resolve(LogFileNames.logFileName(4));
        Files.write(segmentFour, Arrays.copyOf(Files.readAllBytes(segmentFour), (int) Files.size(segmentFour) - 1));

        reopen(crashed, SMALL_SEGMENTS, UNCLEAN);
        assertEquals(6, log.logEndOffset());
        assertEquals(List.of(LogFileNames.fileName(4, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX)),
                fileNamesEndingWith(crashed, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX));
        assertDuplicate(4, 4, 2);
        assertEquals(6, appendOk(EPOCH, 6, 2), "the batch the crash lost is new again");
    }
}
