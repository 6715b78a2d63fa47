package io.brook.log;

import static io.brook.log.LogTestSupport.START_MS;
import static io.brook.log.LogTestSupport.append;
import static io.brook.log.LogTestSupport.assertReadsBack;
import static io.brook.log.LogTestSupport.fileNames;
import static io.brook.log.LogTestSupport.fileNamesEndingWith;
import static io.brook.log.LogTestSupport.readAll;
import static io.brook.log.LogTestSupport.segmentBaseOffsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.LogTestSupport.StoredBatch;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention (retention.ms, retention.bytes) and DeleteRecords: whole oldest segments leave the
 * log, the log start offset moves up, and the files are renamed {@code *.deleted} and handed to
 * the deleter with file.delete.delay.ms.
 */
class LogRetentionTest {
    private static final TopicPartition PARTITION = new TopicPartition("metrics", 1);
    private static final long FILE_DELETE_DELAY_MS = 12_345;
    /** Each test batch holds two records; a segment holds three batches. */
    private static final int BATCH_BYTES = LogTestSupport.sizeOf(batch(0, 0));

    @TempDir
    Path dataDirectory;

    private final TestClock clock = new TestClock(START_MS);
    private final LogTestSupport.RecordingDeleter deleter = new LogTestSupport.RecordingDeleter();
    private PartitionLog log;

    @AfterEach
    void closeLog() throws IOException {
        if (log != null) {
            log.close();
        }
        deleter.deleteAll();
    }

    private Path directory() {
        return dataDirectory.resolve(PARTITION.directoryName());
    }

    /** A two-record batch, values numbered by {@code index}, with max timestamp {@code timestampMs}. */
    private static ByteBuf batch(int index, long timestampMs) {
        return TestBatches.builder()
                .record(null, String.format("value-%03d-a", index), timestampMs - 1)
                .record(null, String.format("value-%03d-b", index), timestampMs)
                .build();
    }

    /** Small segments, no retention by time or size unless a test sets one. */
    private static LogConfig.Builder config() {
        return LogTestSupport.config().retentionMs(-1).retentionBytes(-1);
    }

    private PartitionLog create(LogConfig.Builder config) throws IOException {
        log = PartitionLog.create(directory(), PARTITION, config.segmentBytes(3 * BATCH_BYTES).fileDeleteDelayMs(FILE_DELETE_DELAY_MS)
                .build(), clock, deleter);
        return log;
    }

    /** Appends batches with the given max timestamps; three per segment. */
    private List<StoredBatch> appendBatches(long... timestampsMs) {
        List<StoredBatch> stored = new ArrayList<>();
        for (int i = 0; i < timestampsMs.length; i++) {
            stored.add(append(log, batch(i, timestampsMs[i])));
        }
        return stored;
    }

    /** Appends {@code count} batches stamped with the clock's time. */
    private List<StoredBatch> appendRecentBatches(int count) {
        long[] timestampsMs = new long[count];
        Arrays.fill(timestampsMs, clock.millis());
        return appendBatches(timestampsMs);
    }

    private List<String> deletedFileNames() throws IOException {
        return fileNamesEndingWith(directory(), LogFileNames.DELETED_SUFFIX);
    }

    private static List<String> filesOfSegments(long... baseOffsets) {
        List<String> names = new ArrayList<>();
        for (long baseOffset : baseOffsets) {
            names.add(LogFileNames.fileName(baseOffset, LogFileNames.INDEX_SUFFIX) + LogFileNames.DELETED_SUFFIX);
            names.add(LogFileNames.logFileName(baseOffset) + LogFileNames.DELETED_SUFFIX);
            names.add(LogFileNames.fileName(baseOffset, LogFileNames.TIME_INDEX_SUFFIX) + LogFileNames.DELETED_SUFFIX);
        }
        return names.stream().sorted().toList();
    }

    @Test
    void retentionMsDeletesTheOldestSegmentsWhoseNewestRecordIsTooOld() throws IOException {
        create(config().retentionMs(10_000));
        long old = START_MS - 30_000;
        List<StoredBatch> stored = appendBatches(old, old + 1, old + 2, old + 10_000, START_MS - 20_000, old, START_MS, START_MS, START_MS);
        assertEquals(List.of(0L, 6L, 12L), segmentBaseOffsets(directory()));

        clock.setMs(START_MS);
        assertEquals(2, log.deleteRetainedSegments(), "both segments whose newest record is 20 s old or more");
        assertEquals(12, log.logStartOffset());
        assertEquals(18, log.logEndOffset());
        assertEquals(List.of(12L), segmentBaseOffsets(directory()));
        assertEquals(filesOfSegments(0, 6), deletedFileNames(), "renamed, not yet deleted");
        assertEquals(List.of(FILE_DELETE_DELAY_MS, FILE_DELETE_DELAY_MS), deleter.delaysMs);
        assertFalse(log.read(11, Integer.MAX_VALUE, false).offsetInRange());
        assertReadsBack(log, stored.subList(6, 9));

        deleter.deleteAll();
        assertEquals(List.of(), deletedFileNames(), "gone once the delay ran out");
        assertEquals(0, log.deleteRetainedSegments(), "the active segment's newest record is recent");
    }

    @Test
    void retentionMsCountsFromTheNewestRecordOfTheSegmentNotItsFirst() throws IOException {
        create(config().retentionMs(10_000));
        appendBatches(START_MS - 50_000, START_MS - 40_000, START_MS - 9_000, START_MS);
        assertEquals(0, log.deleteRetainedSegments());
        clock.advanceMs(1_001);
        assertEquals(1, log.deleteRetainedSegments());
        assertEquals(6, log.logStartOffset());
    }

    @Test
    void retentionMsRollsTheActiveSegmentWhenEverySegmentIsTooOld() throws IOException {
        create(config().retentionMs(10_000));
        appendBatches(START_MS - 2, START_MS - 2, START_MS - 2, START_MS - 2);
        clock.advanceMs(9_998);
        assertEquals(0, log.deleteRetainedSegments(), "exactly retention.ms old is kept");
        clock.advanceMs(1);
        assertEquals(2, log.deleteRetainedSegments());
        assertEquals(8, log.logStartOffset());
        assertEquals(8, log.logEndOffset());
        assertEquals(1, log.segmentCount());
        assertEquals(List.of(8L), segmentBaseOffsets(directory()), "a new, empty active segment at the log end offset");
        assertEquals(filesOfSegments(0, 6), deletedFileNames());
        LogReadResult atEnd = log.read(8, Integer.MAX_VALUE, true);
        assertTrue(atEnd.offsetInRange());
        assertNull(atEnd.slice());

        assertEquals(8, append(log, batch(9, clock.millis())).baseOffset());
        assertEquals(0, log.deleteRetainedSegments(), "an empty active segment is never deleted, and a new batch is not old");
        assertTrue(fileNames(directory()).contains(LogFileNames.fileName(8, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX)),
                "the roll snapshotted the producers at the new segment");
    }

    @Test
    void retentionMsMinusOneKeepsEverything() throws IOException {
        create(config().retentionMs(-1));
        appendRecentBatches(4);
        clock.advanceMs(365L * 24 * 3_600_000);
        assertEquals(0, log.deleteRetainedSegments());
        assertEquals(0, log.logStartOffset());
    }

    /**
     * retention.bytes deletes the oldest segments while what remains stays at or above the
     * limit, as Kafka's does: with 5 equal segments and a limit of 2.5 segments, two go.
     */
    @Test
    void retentionBytesDeletesOldestSegmentsWhileTheRestStaysAboveTheLimit() throws IOException {
        long segmentBytes = 3L * BATCH_BYTES;
        create(config().retentionBytes(2 * segmentBytes + segmentBytes / 2));
        List<StoredBatch> stored = appendRecentBatches(15);
        assertEquals(5, log.segmentCount());
        assertEquals(5 * segmentBytes, log.sizeInBytes());

        assertEquals(2, log.deleteRetainedSegments());
        assertEquals(List.of(12L, 18L, 24L), segmentBaseOffsets(directory()));
        assertEquals(12, log.logStartOffset());
        assertEquals(3 * segmentBytes, log.sizeInBytes());
        assertEquals(filesOfSegments(0, 6), deletedFileNames());
        assertReadsBack(log, stored.subList(6, 15));
        assertEquals(0, log.deleteRetainedSegments(), "nothing more to delete");
    }

    @Test
    void retentionBytesZeroDeletesEverythingAndRollsTheActiveSegment() throws IOException {
        create(config().retentionBytes(0));
        appendRecentBatches(4);
        assertEquals(2, log.deleteRetainedSegments());
        assertEquals(8, log.logStartOffset());
        assertEquals(0, log.sizeInBytes());
        assertEquals(List.of(8L), segmentBaseOffsets(directory()));
    }

    @Test
    void deleteRecordsMovesTheLogStartOffsetMidSegmentAndDeletesWhollyLowerSegments() throws IOException {
        create(config());
        List<StoredBatch> stored = appendBatches(START_MS - 90, START_MS - 80, START_MS - 70, START_MS - 60, START_MS - 50,
                START_MS - 40, START_MS - 30);
        assertEquals(List.of(0L, 6L, 12L), segmentBaseOffsets(directory()));

        assertEquals(9, log.deleteRecordsBefore(9));
        assertEquals(9, log.logStartOffset());
        assertEquals(List.of(6L, 12L), segmentBaseOffsets(directory()), "the segment holding the new start stays");
        assertEquals(filesOfSegments(0), deletedFileNames());

        LogReadResult below = log.read(8, Integer.MAX_VALUE, false);
        assertFalse(below.offsetInRange());
        assertEquals(9, below.logStartOffset());
        assertFalse(log.read(6, Integer.MAX_VALUE, false).offsetInRange(), "the rest of the segment is below the start too");
        assertEquals(List.of(8L, 9L, 10L, 11L), LogTestSupport.offsets(readAll(log, 9)),
                "a read at the start offset returns the batch holding it, from its first record");
        assertReadsBack(log, stored.subList(4, 7));

        assertEquals(new OffsetAndTimestamp(9, START_MS - 50), log.offsetForTimestamp(START_MS - 100),
                "timestamp lookups start at the log start offset");
        assertEquals(new OffsetAndTimestamp(9, START_MS - 50), log.offsetForTimestamp(START_MS - 61));
        assertEquals(new OffsetAndTimestamp(10, START_MS - 41), log.offsetForTimestamp(START_MS - 45));

        assertEquals(9, log.deleteRecordsBefore(3), "the start never moves back");
        assertThrows(IllegalArgumentException.class, () -> log.deleteRecordsBefore(15));
        assertEquals(9, log.logStartOffset());
    }

    @Test
    void deleteRecordsUpToTheLogEndOffsetEmptiesTheLog() throws IOException {
        create(config());
        appendRecentBatches(4);
        assertEquals(8, log.deleteRecordsBefore(8));
        assertEquals(List.of(8L), segmentBaseOffsets(directory()));
        assertEquals(0, log.sizeInBytes());
        assertEquals(8, log.logEndOffset());
        assertEquals(8, append(log, batch(4, START_MS)).baseOffset());
    }

    /**
     * A crash between writing the log start offset checkpoint and deleting the segments below it
     * leaves them on disk: retention deletes them.
     */
    @Test
    void retentionDeletesSegmentsBelowACheckpointedLogStartOffset() throws IOException {
        LogConfig config = create(config()).config();
        appendRecentBatches(7);
        log.deleteRecordsBefore(5);
        assertEquals(List.of(0L, 6L, 12L), segmentBaseOffsets(directory()), "offset 5 is still in the first segment");
        log.close();
        log = PartitionLog.open(directory(), PARTITION, config, clock, deleter, new PartitionLoader.Checkpoints(true, 0, 7));
        assertEquals(7, log.logStartOffset());
        assertEquals(List.of(0L, 6L, 12L), segmentBaseOffsets(directory()));
        assertFalse(log.read(5, Integer.MAX_VALUE, false).offsetInRange());

        assertEquals(1, log.deleteRetainedSegments());
        assertEquals(List.of(6L, 12L), segmentBaseOffsets(directory()));
        assertEquals(7, log.logStartOffset(), "deleting below it does not move the start offset");
    }

    @Test
    void deletedSegmentsStayReadableUntilTheDeleterRemovesThem() throws IOException {
        create(config());
        List<StoredBatch> stored = appendRecentBatches(4);
        LogReadResult before = log.read(0, Integer.MAX_VALUE, false);
        log.deleteRecordsBefore(6);
        assertEquals(1, deleter.segments.size());
        byte[] stillThere = LogSlices.read(before.slice());
        assertEquals(3 * BATCH_BYTES, stillThere.length, "a read that started before the deletion completes");
        assertTrue(Files.exists(directory().resolve(LogFileNames.logFileName(0) + LogFileNames.DELETED_SUFFIX)));
        deleter.deleteAll();
        assertFalse(Files.exists(directory().resolve(LogFileNames.logFileName(0) + LogFileNames.DELETED_SUFFIX)));
        assertReadsBack(log, stored.subList(3, 4));
    }
}
