package io.brook.log;

import static io.brook.log.PartitionLogTest.readAll;
import static io.brook.log.PartitionLogTest.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent producers through the partition log: retries answered, gaps and fenced epochs refused, state kept across restarts. */
class IdempotentAppendTest {
    private static final TopicPartition PARTITION = new TopicPartition("payments", 0);
    private static final LogConfig CONFIG = new LogConfig(1 << 20, 0);
    private static final long PRODUCER_ID = 99;
    private static final short EPOCH = 2;

    @TempDir
    Path dataDirectory;

    private PartitionLog log;

    @BeforeEach
    void createLog() throws IOException {
        log = PartitionLog.create(directory(), PARTITION, CONFIG);
    }

    @AfterEach
    void closeLog() throws IOException {
        log.close();
    }

    private Path directory() {
        return dataDirectory.resolve(PARTITION.directoryName());
    }

    private AppendResult append(short epoch, int baseSequence, int recordCount) {
        ByteBuf batch = TestBatches.idempotent(PRODUCER_ID, epoch, baseSequence, recordCount);
        AppendResult result = new AppendResult();
        try {
            log.append(batch, result);
        } finally {
            batch.release();
        }
        return result;
    }

    private long appendOk(short epoch, int baseSequence, int recordCount) {
        AppendResult result = append(epoch, baseSequence, recordCount);
        assertEquals(ErrorCode.NONE, result.error(), result.errorMessage());
        return result.baseOffset();
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
            assertEquals(baseOffsets[i], appendOk(EPOCH, 2 * i, 2), "retry of batch " + i);
        }
        assertEquals(10, log.logEndOffset());
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
    void duplicatesAreStillCaughtAfterReopen() throws IOException {
        appendOk(EPOCH, 0, 2);
        appendOk(EPOCH, 2, 2);
        log.close();
        log = PartitionLog.open(directory(), PARTITION, CONFIG);

        assertEquals(4, log.logEndOffset());
        assertEquals(2, appendOk(EPOCH, 2, 2));
        assertEquals(0, appendOk(EPOCH, 0, 2));
        assertEquals(4, log.logEndOffset());
        assertRejected(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, append(EPOCH, 5, 1), 4);
        assertRejected(ErrorCode.INVALID_PRODUCER_EPOCH, append((short) (EPOCH - 1), 4, 1), 4);
        assertEquals(4, appendOk(EPOCH, 4, 1));
    }

    @Test
    void nonIdempotentBatchesAreNeverTreatedAsDuplicates() throws IOException {
        PartitionLogTest.appendOk(log, TestBatches.ofValues("same"));
        PartitionLogTest.appendOk(log, TestBatches.ofValues("same"));
        assertEquals(2, log.logEndOffset());
        assertEquals(List.of("same", "same"), values(TestBatches.decode(readAll(log, 0))));
    }
}
