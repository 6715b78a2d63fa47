package io.brook.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches.StoredRecord;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends, reads, segment rolls, reopening and timestamp lookups of one partition log. */
class PartitionLogTest {
    private static final TopicPartition PARTITION = new TopicPartition("orders", 3);
    private static final int LEADER_EPOCH = 7;
    private static final int LARGE_SEGMENT_BYTES = 1 << 20;

    @TempDir
    Path dataDirectory;

    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() throws IOException {
        for (PartitionLog log : opened) {
            log.close();
        }
    }

    private Path partitionDirectory() {
        return dataDirectory.resolve(PARTITION.directoryName());
    }

    private PartitionLog create(int segmentBytes) throws IOException {
        PartitionLog log = PartitionLog.create(partitionDirectory(), PARTITION, new LogConfig(segmentBytes, LEADER_EPOCH));
        opened.add(log);
        return log;
    }

    private PartitionLog reopen(PartitionLog log, int segmentBytes) throws IOException {
        log.close();
        opened.remove(log);
        PartitionLog reopened = PartitionLog.open(partitionDirectory(), PARTITION, new LogConfig(segmentBytes, LEADER_EPOCH));
        opened.add(reopened);
        return reopened;
    }

    /** Appends {@code batch}, releases it, and returns the base offset it got. */
    static long appendOk(PartitionLog log, ByteBuf batch) {
        AppendResult result = new AppendResult();
        try {
            log.append(batch, result);
        } finally {
            batch.release();
        }
        assertEquals(ErrorCode.NONE, result.error(), result.errorMessage());
        return result.baseOffset();
    }

    static byte[] readAll(PartitionLog log, long offset) throws IOException {
        LogReadResult read = log.read(offset, Integer.MAX_VALUE, false);
        assertTrue(read.offsetInRange());
        assertNotNull(read.slice());
        return LogSlices.read(read.slice());
    }

    static List<String> values(List<StoredRecord> records) {
        return records.stream().map(StoredRecord::value).toList();
    }

    static List<Long> offsets(List<StoredRecord> records) {
        return records.stream().map(StoredRecord::offset).toList();
    }

    static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(LogFileNames.LOG_SUFFIX)).sorted().toList();
        }
    }

    private static int sizeOf(ByteBuf batch) {
        return batch.readableBytes();
    }

    @Test
    void appendAssignsConsecutiveOffsetsByRewritingBaseOffsetInPlace() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        AppendResult result = new AppendResult();
        List<Long> baseOffsets = new ArrayList<>();
        for (String[] values : new String[][] {{"a", "b", "c"}, {"d"}, {"e", "f"}}) {
            ByteBuf batch = TestBatches.ofValues(values);
            try {
                log.append(batch, result);
                assertEquals(ErrorCode.NONE, result.error());
                assertEquals(result.baseOffset(), new RecordBatchView().wrap(batch, 0).baseOffset(),
                        "the caller's buffer carries the assigned base offset");
                baseOffsets.add(result.baseOffset());
            } finally {
                batch.release();
            }
        }
        assertEquals(List.of(0L, 3L, 4L), baseOffsets);
        assertEquals(6, log.logEndOffset());
        assertEquals(0, log.logStartOffset());

        List<StoredRecord> records = TestBatches.decode(readAll(log, 0));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), offsets(records));
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), values(records));
    }

    @Test
    void storedBatchesKeepValidCrcAfterOffsetRewrite() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        appendOk(log, TestBatches.ofValues("a", "b"));
        appendOk(log, TestBatches.ofValues("c"));
        byte[] stored = readAll(log, 0);
        ByteBuf buffer = Unpooled.wrappedBuffer(stored);
        try {
            RecordBatchView view = new RecordBatchView();
            int position = 0;
            int batchCount = 0;
            while (position < stored.length) {
                view.wrap(buffer, position);
                assertTrue(view.isChecksumValid(), "CRC of batch at position " + position);
                position += view.sizeInBytes();
                batchCount++;
            }
            assertEquals(2, batchCount);
            assertEquals(List.of(0L, 2L), TestBatches.baseOffsets(stored));
        } finally {
            buffer.release();
        }
    }

    @Test
    void appendStampsLeaderEpochOnStoredBatches() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        ByteBuf batch = TestBatches.ofValues("a");
        assertEquals(TestBatches.PRODUCER_LEADER_EPOCH, new RecordBatchView().wrap(batch, 0).partitionLeaderEpoch());
        appendOk(log, batch);
        appendOk(log, TestBatches.ofValues("b"));
        byte[] stored = readAll(log, 0);
        ByteBuf buffer = Unpooled.wrappedBuffer(stored);
        try {
            RecordBatchView view = new RecordBatchView();
            assertEquals(LEADER_EPOCH, view.wrap(buffer, 0).partitionLeaderEpoch());
            assertEquals(LEADER_EPOCH, view.wrap(buffer, view.sizeInBytes()).partitionLeaderEpoch());
        } finally {
            buffer.release();
        }
    }

    @Test
    void readFromMidBatchOffsetStartsAtTheBatchHoldingIt() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        appendOk(log, TestBatches.ofValues("0", "1", "2"));
        appendOk(log, TestBatches.ofValues("3", "4", "5"));
        appendOk(log, TestBatches.ofValues("6", "7", "8"));

        byte[] fromFour = readAll(log, 4);
        assertEquals(List.of(3L, 6L), TestBatches.baseOffsets(fromFour));
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L), offsets(TestBatches.decode(fromFour)));

        assertEquals(List.of(6L), TestBatches.baseOffsets(readAll(log, 8)));
        assertEquals(List.of(0L, 3L, 6L), TestBatches.baseOffsets(readAll(log, 2)));
    }

    @Test
    void readStopsAtTheLastWholeBatchWithinMaxBytes() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        int[] sizes = new int[3];
        for (int i = 0; i < sizes.length; i++) {
            ByteBuf batch = TestBatches.ofValues("value-" + i, "other-" + i);
            sizes[i] = sizeOf(batch);
            appendOk(log, batch);
        }
        int twoBatches = sizes[0] + sizes[1];

        LogReadResult exact = log.read(0, twoBatches, false);
        assertEquals(0, exact.slice().position());
        assertEquals(twoBatches, exact.slice().sizeInBytes());

        LogReadResult partOfThird = log.read(0, twoBatches + sizes[2] - 1, false);
        assertEquals(twoBatches, partOfThird.slice().sizeInBytes());

        LogReadResult oneByteShort = log.read(0, twoBatches - 1, false);
        assertEquals(sizes[0], oneByteShort.slice().sizeInBytes());

        LogReadResult fromSecond = log.read(2, sizes[1] + sizes[2], false);
        assertEquals(sizes[0], fromSecond.slice().position());
        assertEquals(sizes[1] + sizes[2], fromSecond.slice().sizeInBytes());
    }

    @Test
    void readWithMinOneBatchReturnsOversizedFirstBatchWhole() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        ByteBuf big = TestBatches.ofValues("x".repeat(500));
        int bigSize = sizeOf(big);
        appendOk(log, big);
        appendOk(log, TestBatches.ofValues("small"));

        LogReadResult read = log.read(0, 10, true);
        assertTrue(read.offsetInRange());
        assertEquals(0, read.slice().position());
        assertEquals(bigSize, read.slice().sizeInBytes());
        assertEquals(List.of("x".repeat(500)), values(TestBatches.decode(LogSlices.read(read.slice()))));
    }

    @Test
    void readWithoutMinOneBatchReturnsNothingWhenFirstBatchIsOversized() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        appendOk(log, TestBatches.ofValues("x".repeat(500)));

        LogReadResult read = log.read(0, 10, false);
        assertTrue(read.offsetInRange());
        assertNull(read.slice());
        assertEquals(1, read.logEndOffset());
    }

    @Test
    void readAtLogEndOffsetIsInRangeWithoutSlice() throws IOException {
        PartitionLog emptyLog = create(LARGE_SEGMENT_BYTES);
        LogReadResult empty = emptyLog.read(0, Integer.MAX_VALUE, true);
        assertTrue(empty.offsetInRange());
        assertNull(empty.slice());

        appendOk(emptyLog, TestBatches.ofValues("a", "b"));
        LogReadResult atEnd = emptyLog.read(2, Integer.MAX_VALUE, true);
        assertTrue(atEnd.offsetInRange());
        assertNull(atEnd.slice());
        assertEquals(0, atEnd.logStartOffset());
        assertEquals(2, atEnd.logEndOffset());
    }

    @Test
    void readBeyondLogEndOffsetIsOutOfRange() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        appendOk(log, TestBatches.ofValues("a", "b"));
        LogReadResult beyond = log.read(3, Integer.MAX_VALUE, true);
        assertFalse(beyond.offsetInRange());
        assertNull(beyond.slice());
        assertEquals(2, beyond.logEndOffset());
    }

    @Test
    void readBelowLogStartOffsetIsOutOfRange() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        appendOk(log, TestBatches.ofValues("a"));
        LogReadResult negative = log.read(-1, Integer.MAX_VALUE, true);
        assertFalse(negative.offsetInRange());
        assertNull(negative.slice());
    }

    @Test
    void readBelowLogStartOffsetOfLogWhoseFirstSegmentWasRemovedIsOutOfRange() throws IOException {
        ByteBuf probe = TestBatches.ofValues("a", "b");
        int batchBytes = sizeOf(probe);
        probe.release();
        PartitionLog log = create(batchBytes);
        appendOk(log, TestBatches.ofValues("a", "b"));
        appendOk(log, TestBatches.ofValues("c", "d"));
        appendOk(log, TestBatches.ofValues("e", "f"));
        log.close();
        opened.remove(log);
        Files.delete(partitionDirectory().resolve(LogFileNames.logFileName(0)));

        PartitionLog trimmed = PartitionLog.open(partitionDirectory(), PARTITION, new LogConfig(batchBytes, LEADER_EPOCH));
        opened.add(trimmed);
        assertEquals(2, trimmed.logStartOffset());
        assertEquals(6, trimmed.logEndOffset());
        LogReadResult below = trimmed.read(1, Integer.MAX_VALUE, true);
        assertFalse(below.offsetInRange());
        assertEquals(2, below.logStartOffset());
        assertEquals(List.of("c", "d"), values(TestBatches.decode(readAll(trimmed, 2))));
        assertEquals(List.of("e", "f"), values(TestBatches.decode(readAll(trimmed, 5))));
    }

    @Test
    void segmentRollsWhenNextBatchWouldPassSegmentBytes() throws IOException {
        ByteBuf probe = TestBatches.ofValues("v0", "v1");
        int batchBytes = sizeOf(probe);
        probe.release();
        PartitionLog log = create(2 * batchBytes);
        for (int i = 0; i < 5; i++) {
            assertEquals(2L * i, appendOk(log, TestBatches.ofValues("v" + 2 * i, "v" + (2 * i + 1))));
        }

        List<Path> files = segmentFiles(partitionDirectory());
        assertEquals(List.of("00000000000000000000.log", "00000000000000000004.log", "00000000000000000008.log"),
                files.stream().map(file -> file.getFileName().toString()).toList());
        assertEquals(2L * batchBytes, Files.size(files.get(0)));
        assertEquals(2L * batchBytes, Files.size(files.get(1)));
        assertEquals(batchBytes, Files.size(files.get(2)));
        assertEquals(10, log.logEndOffset());
    }

    @Test
    void batchLargerThanSegmentBytesGoesIntoItsOwnSegment() throws IOException {
        PartitionLog log = create(100);
        appendOk(log, TestBatches.ofValues("x".repeat(200)));
        appendOk(log, TestBatches.ofValues("y".repeat(200)));
        assertEquals(List.of("00000000000000000000.log", "00000000000000000001.log"),
                segmentFiles(partitionDirectory()).stream().map(file -> file.getFileName().toString()).toList());
        assertEquals(List.of("y".repeat(200)), values(TestBatches.decode(readAll(log, 1))));
    }

    @Test
    void readsWorkInEverySegmentAndStopAtTheSegmentEnd() throws IOException {
        ByteBuf probe = TestBatches.ofValues("v0", "v1");
        int batchBytes = sizeOf(probe);
        probe.release();
        PartitionLog log = create(2 * batchBytes);
        for (int i = 0; i < 5; i++) {
            appendOk(log, TestBatches.ofValues("v" + 2 * i, "v" + (2 * i + 1)));
        }

        assertEquals(List.of(0L, 1L, 2L, 3L), offsets(TestBatches.decode(readAll(log, 1))));
        List<StoredRecord> second = TestBatches.decode(readAll(log, 5));
        assertEquals(List.of(4L, 5L, 6L, 7L), offsets(second));
        assertEquals(List.of("v4", "v5", "v6", "v7"), values(second));
        assertEquals(List.of("v8", "v9"), values(TestBatches.decode(readAll(log, 9))));
        assertEquals(0, log.read(9, Integer.MAX_VALUE, false).slice().position());
    }

    @Test
    void reopenRecoversLogEndOffsetAndContents() throws IOException {
        ByteBuf probe = TestBatches.ofValues("a0", "b0");
        int batchBytes = sizeOf(probe);
        probe.release();
        int segmentBytes = 2 * batchBytes;
        PartitionLog log = create(segmentBytes);
        for (int i = 0; i < 3; i++) {
            appendOk(log, TestBatches.ofValues("a" + i, "b" + i));
        }
        byte[] firstSegment = readAll(log, 0);
        byte[] secondSegment = readAll(log, 4);

        PartitionLog reopened = reopen(log, segmentBytes);
        assertEquals(6, reopened.logEndOffset());
        assertEquals(0, reopened.logStartOffset());
        assertArrayEquals(firstSegment, readAll(reopened, 0));
        assertArrayEquals(secondSegment, readAll(reopened, 4));

        assertEquals(6, appendOk(reopened, TestBatches.ofValues("c3", "d3")));
        assertEquals(8, reopened.logEndOffset());
        assertEquals(List.of("a2", "b2", "c3", "d3"), values(TestBatches.decode(readAll(reopened, 4))));
    }

    @Test
    void reopenOfEmptyLogStartsAtZero() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        PartitionLog reopened = reopen(log, LARGE_SEGMENT_BYTES);
        assertEquals(0, reopened.logEndOffset());
        assertEquals(0, appendOk(reopened, TestBatches.ofValues("a")));
    }

    private PartitionLog logWithTimestamps() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        appendOk(log, TestBatches.builder().record(null, "0", 100).record(null, "1", 200).record(null, "2", 300).build());
        appendOk(log, TestBatches.builder().record(null, "3", 400).record(null, "4", 600).record(null, "5", 500).build());
        return log;
    }

    @Test
    void offsetForTimestampFindsFirstRecordAtOrAfterTarget() throws IOException {
        PartitionLog log = logWithTimestamps();
        assertEquals(new OffsetAndTimestamp(0, 100), log.offsetForTimestamp(Long.MIN_VALUE));
        assertEquals(new OffsetAndTimestamp(0, 100), log.offsetForTimestamp(100));
        assertEquals(new OffsetAndTimestamp(1, 200), log.offsetForTimestamp(101));
        assertEquals(new OffsetAndTimestamp(1, 200), log.offsetForTimestamp(200));
        assertEquals(new OffsetAndTimestamp(2, 300), log.offsetForTimestamp(250));
        assertEquals(new OffsetAndTimestamp(3, 400), log.offsetForTimestamp(301));
    }

    @Test
    void offsetForTimestampFindsRecordInsideBatchWithUnorderedTimestamps() throws IOException {
        PartitionLog log = logWithTimestamps();
        assertEquals(new OffsetAndTimestamp(4, 600), log.offsetForTimestamp(450));
        assertEquals(new OffsetAndTimestamp(4, 600), log.offsetForTimestamp(550));
        assertEquals(new OffsetAndTimestamp(4, 600), log.offsetForTimestamp(600));
    }

    @Test
    void offsetForTimestampPastEveryRecordIsNull() throws IOException {
        PartitionLog log = logWithTimestamps();
        assertNull(log.offsetForTimestamp(601));
        assertNull(create(LARGE_SEGMENT_BYTES, "empty").offsetForTimestamp(0));
    }

    private PartitionLog create(int segmentBytes, String topic) throws IOException {
        TopicPartition partition = new TopicPartition(topic, 0);
        PartitionLog log = PartitionLog.create(dataDirectory.resolve(partition.directoryName()), partition,
                new LogConfig(segmentBytes, LEADER_EPOCH));
        opened.add(log);
        return log;
    }

    @Test
    void offsetForTimestampSearchesLaterSegments() throws IOException {
        PartitionLog log = create(1);
        appendOk(log, TestBatches.builder().record(null, "0", 100).record(null, "1", 200).build());
        appendOk(log, TestBatches.builder().record(null, "2", 300).record(null, "3", 400).build());
        assertEquals(2, segmentFiles(partitionDirectory()).size());
        assertEquals(new OffsetAndTimestamp(3, 400), log.offsetForTimestamp(350));
    }

    @Test
    void offsetOfMaxTimestampPrefersTheEarliestOfEqualTimestampsAcrossSegments() throws IOException {
        PartitionLog log = create(1);
        appendOk(log, TestBatches.builder().record(null, "0", 100).record(null, "1", 900).record(null, "2", 300).build());
        appendOk(log, TestBatches.builder().record(null, "3", 500).record(null, "4", 900).build());
        appendOk(log, TestBatches.builder().record(null, "5", 700).build());
        assertEquals(new OffsetAndTimestamp(1, 900), log.offsetOfMaxTimestamp());
    }

    @Test
    void offsetOfMaxTimestampFindsMaxInLaterSegment() throws IOException {
        PartitionLog log = create(1);
        appendOk(log, TestBatches.builder().record(null, "0", 100).build());
        appendOk(log, TestBatches.builder().record(null, "1", 50).record(null, "2", 800).build());
        assertEquals(new OffsetAndTimestamp(2, 800), log.offsetOfMaxTimestamp());
    }

    @Test
    void offsetOfMaxTimestampPrefersTheEarliestOfEqualTimestampsWithinOneSegment() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        appendOk(log, TestBatches.builder().record(null, "0", 100).record(null, "1", 700).build());
        appendOk(log, TestBatches.builder().record(null, "2", 700).record(null, "3", 200).build());
        assertEquals(1, segmentFiles(partitionDirectory()).size());
        assertEquals(new OffsetAndTimestamp(1, 700), log.offsetOfMaxTimestamp());
    }

    @Test
    void appendFromASecondThreadTripsTheSingleWriterAssertion() throws Exception {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        appendOk(log, TestBatches.ofValues("owner"));
        Throwable[] failure = new Throwable[1];
        Thread intruder = new Thread(() -> {
            ByteBuf batch = TestBatches.ofValues("intruder");
            try {
                log.append(batch, new AppendResult());
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                batch.release();
            }
        }, "intruder");
        intruder.start();
        intruder.join();
        assertTrue(failure[0] instanceof AssertionError, "expected an AssertionError, got " + failure[0]);
        assertEquals(1, log.logEndOffset());
    }

    @Test
    void offsetOfMaxTimestampOfEmptyLogIsNull() throws IOException {
        assertNull(create(LARGE_SEGMENT_BYTES).offsetOfMaxTimestamp());
    }

    @Test
    void appendsQueuedBehindADeletionAreRefusedAndWriteNothing() throws IOException {
        PartitionLog log = PartitionLog.create(partitionDirectory(), PARTITION, new LogConfig(LARGE_SEGMENT_BYTES, LEADER_EPOCH));
        appendOk(log, TestBatches.ofValues("before"));
        log.closeAndDelete();
        AppendResult result = new AppendResult();
        ByteBuf late = TestBatches.ofValues("after");
        try {
            log.append(late, result);
        } finally {
            late.release();
        }
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, result.error());
        assertFalse(Files.exists(partitionDirectory()), "a late append must not bring the directory back");
    }
}
