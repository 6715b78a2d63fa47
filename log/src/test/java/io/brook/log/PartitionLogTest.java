package io.brook.log;

import static io.brook.log.LogTestSupport.CLEAN;
import static io.brook.log.LogTestSupport.DELETE_NOW;
import static io.brook.log.LogTestSupport.START_MS;
import static io.brook.log.LogTestSupport.UNCLEAN;
import static io.brook.log.LogTestSupport.append;
import static io.brook.log.LogTestSupport.assertReadsBack;
import static io.brook.log.LogTestSupport.offsets;
import static io.brook.log.LogTestSupport.readAll;
import static io.brook.log.LogTestSupport.segmentBaseOffsets;
import static io.brook.log.LogTestSupport.sizeOf;
import static io.brook.log.LogTestSupport.tryAppend;
import static io.brook.log.LogTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.LogTestSupport.StoredBatch;
import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends, reads, segment rolls, timestamp rules, flushes and reopening of one partition log. */
class PartitionLogTest {
    private static final TopicPartition PARTITION = new TopicPartition("orders", 3);
    private static final int LEADER_EPOCH = 7;
    private static final int LARGE_SEGMENT_BYTES = 1 << 20;

    @TempDir
    Path dataDirectory;

    private final TestClock clock = new TestClock(START_MS);
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

    private static LogConfig config(int segmentBytes) {
        return LogTestSupport.config().segmentBytes(segmentBytes).leaderEpoch(LEADER_EPOCH).build();
    }

    private PartitionLog create(int segmentBytes) throws IOException {
        return create(config(segmentBytes));
    }

    private PartitionLog create(LogConfig config) throws IOException {
        PartitionLog log = PartitionLog.create(partitionDirectory(), PARTITION, config, clock, DELETE_NOW);
        opened.add(log);
        return log;
    }

    private PartitionLog open(LogConfig config, PartitionLoader.Checkpoints checkpoints) throws IOException {
        PartitionLog log = PartitionLog.open(partitionDirectory(), PARTITION, config, clock, DELETE_NOW, checkpoints);
        opened.add(log);
        return log;
    }

    private PartitionLog reopen(PartitionLog log, LogConfig config, PartitionLoader.Checkpoints checkpoints) throws IOException {
        log.close();
        opened.remove(log);
        return open(config, checkpoints);
    }

    private static int twoRecordBatchBytes() {
        return sizeOf(TestBatches.ofValues("v0", "v1"));
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
        assertEquals(0, result.logStartOffset());

        byte[] all = readAll(log, 0);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), offsets(all));
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), values(all));
    }

    @Test
    void storedBatchesKeepValidCrcAfterOffsetRewrite() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        append(log, TestBatches.ofValues("a", "b"));
        append(log, TestBatches.ofValues("c"));
        byte[] stored = readAll(log, 0);
        assertEquals(List.of(0L, 2L), TestBatches.baseOffsets(stored));
        int position = 0;
        int batchCount = 0;
        ByteBuf buffer = Unpooled.wrappedBuffer(stored);
        try {
            RecordBatchView view = new RecordBatchView();
            while (position < stored.length) {
                assertTrue(view.wrap(buffer, position).isChecksumValid(), "CRC of batch at position " + position);
                position += view.sizeInBytes();
                batchCount++;
            }
        } finally {
            buffer.release();
        }
        assertEquals(2, batchCount);
    }

    @Test
    void appendStampsLeaderEpochOnStoredBatches() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        ByteBuf batch = TestBatches.ofValues("a");
        assertEquals(TestBatches.PRODUCER_LEADER_EPOCH, new RecordBatchView().wrap(batch, 0).partitionLeaderEpoch());
        append(log, batch);
        append(log, TestBatches.ofValues("b"));
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
        append(log, TestBatches.ofValues("0", "1", "2"));
        append(log, TestBatches.ofValues("3", "4", "5"));
        append(log, TestBatches.ofValues("6", "7", "8"));

        byte[] fromFour = readAll(log, 4);
        assertEquals(List.of(3L, 6L), TestBatches.baseOffsets(fromFour));
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L), offsets(fromFour));

        assertEquals(List.of(6L), TestBatches.baseOffsets(readAll(log, 8)));
        assertEquals(List.of(0L, 3L, 6L), TestBatches.baseOffsets(readAll(log, 2)));
    }

    /**
     * Reads end at maxBytes even inside a batch, as Kafka's do (consumers drop the partial batch
     * at the end of a fetch): every whole batch up to the limit is there, then part of the next.
     */
    @Test
    void readReturnsWholeBatchesUpToMaxBytesThenPartOfTheNext() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        List<StoredBatch> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stored.add(append(log, TestBatches.ofValues("value-" + i, "other-" + i)));
        }
        int first = stored.get(0).sizeInBytes();
        int twoBatches = first + stored.get(1).sizeInBytes();
        byte[] everything = readAll(log, 0);

        LogReadResult exact = log.read(0, twoBatches, false);
        assertEquals(0, exact.slice().position());
        assertEquals(twoBatches, exact.slice().sizeInBytes());
        assertEquals(List.of(0L, 2L), TestBatches.baseOffsets(LogSlices.read(exact.slice())));

        int partOfThirdBytes = twoBatches + stored.get(2).sizeInBytes() - 1;
        LogReadResult partOfThird = log.read(0, partOfThirdBytes, false);
        assertEquals(partOfThirdBytes, partOfThird.slice().sizeInBytes());
        assertArrayEquals(Arrays.copyOf(everything, partOfThirdBytes), LogSlices.read(partOfThird.slice()));

        LogReadResult oneByteShort = log.read(0, twoBatches - 1, false);
        assertEquals(twoBatches - 1, oneByteShort.slice().sizeInBytes());
        assertArrayEquals(stored.get(0).bytes(), Arrays.copyOf(LogSlices.read(oneByteShort.slice()), first));

        LogReadResult fromSecond = log.read(2, stored.get(1).sizeInBytes() + stored.get(2).sizeInBytes(), false);
        assertEquals(first, fromSecond.slice().position(), "the read starts at the batch holding offset 2");
        assertArrayEquals(Arrays.copyOfRange(everything, first, everything.length), LogSlices.read(fromSecond.slice()));
    }

    @Test
    void readWithMinOneBatchReturnsOversizedFirstBatchWhole() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        StoredBatch big = append(log, TestBatches.ofValues("x".repeat(500)));
        append(log, TestBatches.ofValues("small"));

        LogReadResult read = log.read(0, 10, true);
        assertTrue(read.offsetInRange());
        assertEquals(0, read.slice().position());
        assertEquals(big.sizeInBytes(), read.slice().sizeInBytes());
        assertArrayEquals(big.bytes(), LogSlices.read(read.slice()));
    }

    /** Kafka returns the first maxBytes of an oversized first batch when minOneMessage is off; so do we. */
    @Test
    void readWithoutMinOneBatchReturnsOnlyPartOfAnOversizedFirstBatch() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        StoredBatch big = append(log, TestBatches.ofValues("x".repeat(500)));

        LogReadResult read = log.read(0, 10, false);
        assertTrue(read.offsetInRange());
        assertEquals(0, read.slice().position());
        assertEquals(10, read.slice().sizeInBytes());
        assertArrayEquals(Arrays.copyOf(big.bytes(), 10), LogSlices.read(read.slice()));
        assertEquals(1, read.logEndOffset());
        assertNull(log.read(0, 0, false).slice(), "nothing fits in zero bytes");
    }

    @Test
    void readAtLogEndOffsetIsInRangeWithoutSlice() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        LogReadResult empty = log.read(0, Integer.MAX_VALUE, true);
        assertTrue(empty.offsetInRange());
        assertNull(empty.slice());

        append(log, TestBatches.ofValues("a", "b"));
        LogReadResult atEnd = log.read(2, Integer.MAX_VALUE, true);
        assertTrue(atEnd.offsetInRange());
        assertNull(atEnd.slice());
        assertEquals(0, atEnd.logStartOffset());
        assertEquals(2, atEnd.logEndOffset());
    }

    @Test
    void readBeyondLogEndOffsetIsOutOfRange() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        append(log, TestBatches.ofValues("a", "b"));
        LogReadResult beyond = log.read(3, Integer.MAX_VALUE, true);
        assertFalse(beyond.offsetInRange());
        assertNull(beyond.slice());
        assertEquals(2, beyond.logEndOffset());
    }

    @Test
    void readBelowLogStartOffsetIsOutOfRange() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        append(log, TestBatches.ofValues("a"));
        LogReadResult negative = log.read(-1, Integer.MAX_VALUE, true);
        assertFalse(negative.offsetInRange());
        assertNull(negative.slice());
    }

    @Test
    void readBelowLogStartOffsetOfLogWhoseFirstSegmentWasRemovedIsOutOfRange() throws IOException {
        int batchBytes = twoRecordBatchBytes();
        PartitionLog log = create(batchBytes);
        append(log, TestBatches.ofValues("a", "b"));
        append(log, TestBatches.ofValues("c", "d"));
        append(log, TestBatches.ofValues("e", "f"));
        log.close();
        opened.remove(log);
        Files.delete(partitionDirectory().resolve(LogFileNames.logFileName(0)));

        PartitionLog trimmed = open(config(batchBytes), UNCLEAN);
        assertEquals(2, trimmed.logStartOffset());
        assertEquals(6, trimmed.logEndOffset());
        LogReadResult below = trimmed.read(1, Integer.MAX_VALUE, true);
        assertFalse(below.offsetInRange());
        assertEquals(2, below.logStartOffset());
        assertEquals(List.of("c", "d"), values(readAll(trimmed, 2)));
        assertEquals(List.of("e", "f"), values(readAll(trimmed, 5)));
        assertFalse(Files.exists(LogTestSupport.indexFile(partitionDirectory(), 0)), "the orphaned index went with its segment");
    }

    @Test
    void segmentRollsWhenNextBatchWouldPassSegmentBytes() throws IOException {
        int batchBytes = twoRecordBatchBytes();
        PartitionLog log = create(2 * batchBytes);
        for (int i = 0; i < 5; i++) {
            assertEquals(2L * i, append(log, TestBatches.ofValues("v" + 2 * i, "v" + (2 * i + 1))).baseOffset());
        }

        assertEquals(List.of(0L, 4L, 8L), segmentBaseOffsets(partitionDirectory()));
        List<Path> files = LogTestSupport.segmentFiles(partitionDirectory());
        assertEquals(2L * batchBytes, Files.size(files.get(0)));
        assertEquals(2L * batchBytes, Files.size(files.get(1)));
        assertEquals(batchBytes, Files.size(files.get(2)));
        assertEquals(3, log.segmentCount());
        assertEquals(5L * batchBytes, log.sizeInBytes());
        assertEquals(10, log.logEndOffset());
    }

    @Test
    void batchLargerThanSegmentBytesGoesIntoItsOwnSegment() throws IOException {
        PartitionLog log = create(100);
        append(log, TestBatches.ofValues("x".repeat(200)));
        append(log, TestBatches.ofValues("y".repeat(200)));
        assertEquals(List.of(0L, 1L), segmentBaseOffsets(partitionDirectory()));
        assertEquals(List.of("y".repeat(200)), values(readAll(log, 1)));
    }

    /**
     * segment.ms counts from the first batch's timestamp to the incoming batch's, as Kafka's
     * timeWaitedForRoll does when the first batch has one: the broker's clock does not matter.
     */
    @Test
    void segmentRollsWhenIncomingTimestampIsSegmentMsPastTheFirstBatch() throws IOException {
        long segmentMs = 10_000;
        PartitionLog log = create(config(LARGE_SEGMENT_BYTES).toBuilder().segmentMs(segmentMs).build());
        long firstMs = START_MS - 30_000;
        append(log, TestBatches.builder().record(null, "first", firstMs).build());
        clock.advanceMs(10 * segmentMs);
        append(log, TestBatches.builder().record(null, "same segment despite the clock", firstMs + 5).build());
        append(log, TestBatches.builder().record(null, "exactly segment.ms later", firstMs + segmentMs).build());
        assertEquals(List.of(0L), segmentBaseOffsets(partitionDirectory()));

        append(log, TestBatches.builder().record(null, "older", firstMs - 1).record(null, "one past", firstMs + segmentMs + 1).build());
        assertEquals(List.of(0L, 3L), segmentBaseOffsets(partitionDirectory()));

        long secondFirstMs = firstMs + segmentMs + 1;
        append(log, TestBatches.builder().record(null, "within the new segment", secondFirstMs + segmentMs).build());
        assertEquals(List.of(0L, 3L), segmentBaseOffsets(partitionDirectory()));
        append(log, TestBatches.builder().record(null, "past the new segment", secondFirstMs + segmentMs + 1).build());
        assertEquals(List.of(0L, 3L, 6L), segmentBaseOffsets(partitionDirectory()));
    }

    /**
     * With index.interval.bytes 0 every batch but a segment's first takes an entry in both
     * indexes. 48-byte indexes hold 6 offset entries and 4 time entries; a segment rolls when
     * an index has no room for the next entry and the closing time entry.
     */
    @Test
    void segmentRollsWhenAnIndexIsFull() throws IOException {
        int indexBytes = 48;
        LogConfig config = config(LARGE_SEGMENT_BYTES).toBuilder().segmentIndexBytes(indexBytes).indexIntervalBytes(0).build();
        PartitionLog log = create(config);
        List<StoredBatch> stored = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            stored.add(append(log, TestBatches.builder().record(null, "rising-" + i, START_MS - 1000 + i).build()));
        }
        assertEquals(List.of(0L, 4L, 8L), segmentBaseOffsets(partitionDirectory()),
                "rising timestamps fill the time index first: 3 entries after 4 batches leave room only for the closing one");
        for (int i = 0; i < 8; i++) {
            stored.add(append(log, TestBatches.builder().record(null, "flat-" + i, START_MS).build()));
        }
        assertEquals(List.of(0L, 4L, 8L, 12L, 18L), segmentBaseOffsets(partitionDirectory()),
                "equal timestamps add no time entries: the offset index fills after 6 batches");
        assertReadsBack(log, stored);

        log.close();
        opened.remove(log);
        IndexConsistency.assertConsistent(partitionDirectory(), 0, indexBytes);
        PartitionLog reopened = open(config, CLEAN);
        assertReadsBack(reopened, stored);
    }

    @Test
    void readsFromEveryOffsetCrossSegmentBoundariesAndSurviveReopening() throws IOException {
        LogConfig config = config(300).toBuilder().indexIntervalBytes(100).build();
        PartitionLog log = create(config);
        List<StoredBatch> stored = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String[] values = new String[1 + i % 4];
            for (int r = 0; r < values.length; r++) {
                values[r] = "b" + i + "-r" + r;
            }
            stored.add(append(log, TestBatches.ofValues(values)));
        }
        assertTrue(log.segmentCount() > 5, "the batches span several segments: " + log.segmentCount());
        assertReadsBack(log, stored);

        PartitionLog trusted = reopen(log, config, CLEAN);
        assertEquals(stored.get(stored.size() - 1).lastOffset() + 1, trusted.logEndOffset());
        assertReadsBack(trusted, stored);

        PartitionLog recovered = reopen(trusted, config, UNCLEAN);
        assertReadsBack(recovered, stored);
        stored.add(append(recovered, TestBatches.ofValues("after reopening")));
        assertReadsBack(recovered, stored);
        recovered.close();
        opened.remove(recovered);
        IndexConsistency.assertConsistent(partitionDirectory(), 100, LogTestSupport.TEST_INDEX_BYTES);
    }

    @Test
    void readsWorkInEverySegmentAndStopAtTheSegmentEnd() throws IOException {
        int batchBytes = twoRecordBatchBytes();
        PartitionLog log = create(2 * batchBytes);
        for (int i = 0; i < 5; i++) {
            append(log, TestBatches.ofValues("v" + 2 * i, "v" + (2 * i + 1)));
        }

        assertEquals(List.of(0L, 1L, 2L, 3L), offsets(readAll(log, 1)));
        byte[] second = readAll(log, 5);
        assertEquals(List.of(4L, 5L, 6L, 7L), offsets(second));
        assertEquals(List.of("v4", "v5", "v6", "v7"), values(second));
        assertEquals(List.of("v8", "v9"), values(readAll(log, 9)));
        assertEquals(0, log.read(9, Integer.MAX_VALUE, false).slice().position());
    }

    @Test
    void reopenRecoversLogEndOffsetAndContents() throws IOException {
        int segmentBytes = 2 * twoRecordBatchBytes();
        PartitionLog log = create(segmentBytes);
        for (int i = 0; i < 3; i++) {
            append(log, TestBatches.ofValues("a" + i, "b" + i));
        }
        byte[] firstSegment = readAll(log, 0);
        byte[] secondSegment = readAll(log, 4);

        for (PartitionLoader.Checkpoints checkpoints : List.of(CLEAN, UNCLEAN)) {
            log = reopen(log, config(segmentBytes), checkpoints);
            assertEquals(6, log.logEndOffset(), checkpoints.toString());
            assertEquals(0, log.logStartOffset(), checkpoints.toString());
            assertArrayEquals(firstSegment, readAll(log, 0), checkpoints.toString());
            assertArrayEquals(secondSegment, readAll(log, 4), checkpoints.toString());
        }

        assertEquals(6, append(log, TestBatches.ofValues("c3", "d3")).baseOffset());
        assertEquals(8, log.logEndOffset());
        assertEquals(List.of("a2", "b2", "c3", "d3"), values(readAll(log, 4)));
    }

    @Test
    void reopenOfEmptyLogStartsAtZero() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        PartitionLog reopened = reopen(log, config(LARGE_SEGMENT_BYTES), UNCLEAN);
        assertEquals(0, reopened.logEndOffset());
        assertEquals(0, append(reopened, TestBatches.ofValues("a")).baseOffset());
    }

    private PartitionLog logWithTimestamps() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        append(log, TestBatches.builder().record(null, "0", 100).record(null, "1", 200).record(null, "2", 300).build());
        append(log, TestBatches.builder().record(null, "3", 400).record(null, "4", 600).record(null, "5", 500).build());
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
        TopicPartition empty = new TopicPartition("empty", 0);
        PartitionLog emptyLog = PartitionLog.create(dataDirectory.resolve(empty.directoryName()), empty,
                config(LARGE_SEGMENT_BYTES), clock, DELETE_NOW);
        opened.add(emptyLog);
        assertNull(emptyLog.offsetForTimestamp(0));
    }

    @Test
    void offsetForTimestampSearchesLaterSegments() throws IOException {
        PartitionLog log = create(1);
        append(log, TestBatches.builder().record(null, "0", 100).record(null, "1", 200).build());
        append(log, TestBatches.builder().record(null, "2", 300).record(null, "3", 400).build());
        assertEquals(2, log.segmentCount());
        assertEquals(new OffsetAndTimestamp(3, 400), log.offsetForTimestamp(350));
    }

    @Test
    void offsetOfMaxTimestampPrefersTheEarliestOfEqualTimestampsAcrossSegments() throws IOException {
        PartitionLog log = create(1);
        append(log, TestBatches.builder().record(null, "0", 100).record(null, "1", 900).record(null, "2", 300).build());
        append(log, TestBatches.builder().record(null, "3", 500).record(null, "4", 900).build());
        append(log, TestBatches.builder().record(null, "5", 700).build());
        assertEquals(new OffsetAndTimestamp(1, 900), log.offsetOfMaxTimestamp());
    }

    @Test
    void offsetOfMaxTimestampFindsMaxInLaterSegment() throws IOException {
        PartitionLog log = create(1);
        append(log, TestBatches.builder().record(null, "0", 100).build());
        append(log, TestBatches.builder().record(null, "1", 50).record(null, "2", 800).build());
        assertEquals(new OffsetAndTimestamp(2, 800), log.offsetOfMaxTimestamp());
    }

    @Test
    void offsetOfMaxTimestampPrefersTheEarliestOfEqualTimestampsWithinOneSegment() throws IOException {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        append(log, TestBatches.builder().record(null, "0", 100).record(null, "1", 700).build());
        append(log, TestBatches.builder().record(null, "2", 700).record(null, "3", 200).build());
        assertEquals(1, log.segmentCount());
        assertEquals(new OffsetAndTimestamp(1, 700), log.offsetOfMaxTimestamp());
    }

    @Test
    void offsetOfMaxTimestampOfEmptyLogIsNull() throws IOException {
        assertNull(create(LARGE_SEGMENT_BYTES).offsetOfMaxTimestamp());
    }

    @Test
    void logAppendTimeTopicStampsTheBrokerClockAndKeepsTheCrcValid() throws IOException {
        PartitionLog log = create(config(LARGE_SEGMENT_BYTES).toBuilder().timestampType(LogConfig.TimestampType.LOG_APPEND_TIME).build());
        StoredBatch first = append(log, TestBatches.builder().record(null, "a", 5).record(null, "b", 7).build());
        clock.advanceMs(250);
        StoredBatch second = append(log, TestBatches.builder().record(null, "c", START_MS + 999_999).build());

        byte[] stored = readAll(log, 0);
        ByteBuf buffer = Unpooled.wrappedBuffer(stored);
        try {
            RecordBatchView view = new RecordBatchView().wrap(buffer, 0);
            assertTrue(view.isLogAppendTime());
            assertEquals(START_MS, view.maxTimestamp());
            assertTrue(view.isChecksumValid(), "the CRC covers the rewritten attributes and timestamp");
            view.wrap(buffer, first.sizeInBytes());
            assertTrue(view.isLogAppendTime());
            assertEquals(START_MS + 250, view.maxTimestamp());
            assertTrue(view.isChecksumValid());
        } finally {
            buffer.release();
        }
        assertEquals(START_MS, first.maxTimestamp());
        assertEquals(START_MS + 250, second.maxTimestamp());
        assertEquals(new OffsetAndTimestamp(0, START_MS), log.offsetForTimestamp(6));
        assertEquals(new OffsetAndTimestamp(2, START_MS + 250), log.offsetForTimestamp(START_MS + 1));
        assertEquals(new OffsetAndTimestamp(2, START_MS + 250), log.offsetOfMaxTimestamp());
    }

    @Test
    void createTimeTooFarInTheFutureIsRejectedAsInvalidTimestamp() throws IOException {
        long afterMaxMs = 60_000;
        PartitionLog log = create(config(LARGE_SEGMENT_BYTES).toBuilder().timestampAfterMaxMs(afterMaxMs).build());
        append(log, TestBatches.builder().record(null, "at the limit", START_MS + afterMaxMs).build());
        long sizeBefore = log.sizeInBytes();

        AppendResult result = tryAppend(log, TestBatches.builder().record(null, "now", START_MS)
                .record(null, "too far ahead", START_MS + afterMaxMs + 1).build());
        assertEquals(ErrorCode.INVALID_TIMESTAMP, result.error());
        assertTrue(result.errorMessage().contains("message.timestamp.after.max.ms"), result.errorMessage());
        assertEquals(-1, result.baseOffset());
        assertEquals(1, log.logEndOffset());
        assertEquals(sizeBefore, log.sizeInBytes(), "a refused batch writes nothing");

        clock.advanceMs(1);
        assertEquals(1, append(log, TestBatches.builder().record(null, "now within the limit", START_MS + afterMaxMs + 1).build())
                .baseOffset());
    }

    @Test
    void createTimeTooFarInThePastIsRejectedAsInvalidTimestamp() throws IOException {
        long beforeMaxMs = 60_000;
        PartitionLog log = create(config(LARGE_SEGMENT_BYTES).toBuilder().timestampBeforeMaxMs(beforeMaxMs).build());
        AppendResult result = tryAppend(log, TestBatches.builder().record(null, "old", START_MS - beforeMaxMs - 1).build());
        assertEquals(ErrorCode.INVALID_TIMESTAMP, result.error());
        assertTrue(result.errorMessage().contains("message.timestamp.before.max.ms"), result.errorMessage());
        assertEquals(0, log.logEndOffset());
        assertEquals(0, append(log, TestBatches.builder().record(null, "old enough", START_MS - beforeMaxMs).build()).baseOffset());
    }

    @Test
    void flushAdvancesTheRecoveryPointToTheLogEndOffset() throws IOException {
        PartitionLog log = create(2 * twoRecordBatchBytes());
        assertEquals(0, log.recoveryPoint());
        for (int i = 0; i < 5; i++) {
            append(log, TestBatches.ofValues("a" + i, "b" + i));
        }
        assertEquals(0, log.recoveryPoint(), "appends alone do not move the recovery point");
        log.flush();
        assertEquals(10, log.recoveryPoint());
        append(log, TestBatches.ofValues("c"));
        assertEquals(10, log.recoveryPoint());
        log.flush();
        assertEquals(11, log.recoveryPoint());
    }

    @Test
    void flushIfDueWaitsForFlushMs() throws IOException {
        PartitionLog log = create(config(LARGE_SEGMENT_BYTES).toBuilder().flushIntervalMs(1000).build());
        assertFalse(log.flushIfDue(), "nothing to flush");
        append(log, TestBatches.ofValues("a", "b"));
        clock.advanceMs(999);
        assertFalse(log.flushIfDue());
        assertEquals(0, log.recoveryPoint());
        clock.advanceMs(1);
        assertTrue(log.flushIfDue());
        assertEquals(2, log.recoveryPoint());
        assertFalse(log.flushIfDue(), "flushed already");
    }

    @Test
    void flushIfDueFlushesAtOnceWhenFlushMessagesIsReached() throws IOException {
        PartitionLog log = create(config(LARGE_SEGMENT_BYTES).toBuilder().flushIntervalMs(Long.MAX_VALUE).flushIntervalMessages(3).build());
        append(log, TestBatches.ofValues("a", "b"));
        assertFalse(log.flushIfDue(), "two records wait");
        append(log, TestBatches.ofValues("c"));
        assertTrue(log.flushIfDue(), "the third record reaches flush.messages");
        assertEquals(3, log.recoveryPoint());
    }

    @Test
    void appendFromASecondThreadTripsTheSingleWriterAssertion() throws Exception {
        PartitionLog log = create(LARGE_SEGMENT_BYTES);
        append(log, TestBatches.ofValues("owner"));
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
    void appendsQueuedBehindADeletionAreRefusedAndWriteNothing() throws IOException {
        PartitionLog log = PartitionLog.create(partitionDirectory(), PARTITION, config(LARGE_SEGMENT_BYTES), clock, DELETE_NOW);
        append(log, TestBatches.ofValues("before"));
        log.closeAndDelete();
        AppendResult result = tryAppend(log, TestBatches.ofValues("after"));
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, result.error());
        assertFalse(Files.exists(partitionDirectory()), "a late append must not bring the directory back");
    }
}
