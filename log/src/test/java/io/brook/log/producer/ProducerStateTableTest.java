package io.brook.log.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kafka's idempotent-producer rules, applied to batches one partition has stored. */
class ProducerStateTableTest {
    private static final long PRODUCER_ID = 1234;
    private static final short EPOCH = 3;

    private final ProducerStateTable table = new ProducerStateTable();
    private final List<ByteBuf> buffers = new ArrayList<>();
    private long nextOffset;

    @AfterEach
    void releaseBuffers() {
        buffers.forEach(ByteBuf::release);
    }

    /** A batch as the producer sends it, not yet stored. */
    private RecordBatchView batch(short epoch, int baseSequence, int recordCount) {
        ByteBuf buffer = TestBatches.idempotent(PRODUCER_ID, epoch, baseSequence, recordCount);
        buffers.add(buffer);
        return new RecordBatchView().wrap(buffer, 0);
    }

    /** Stores a batch: assigns the next offsets and replays it; returns its base offset. */
    private long store(short epoch, int baseSequence, int recordCount) {
        RecordBatchView view = batch(epoch, baseSequence, recordCount);
        long baseOffset = nextOffset;
        view.setBaseOffset(baseOffset);
        table.replay(view);
        nextOffset = view.lastOffset() + 1;
        return baseOffset;
    }

    @Test
    void unknownProducerMayStartAtAnySequence() {
        assertEquals(ErrorCode.NONE, table.checkSequence(batch(EPOCH, 42, 1)));
        assertEquals(-1, table.findDuplicate(batch(EPOCH, 42, 1)));
        assertEquals(-1, table.expectedSequence(PRODUCER_ID));
        assertEquals(RecordBatchView.NO_PRODUCER_EPOCH, table.currentEpoch(PRODUCER_ID));
    }

    @Test
    void nextBatchMustStartRightAfterTheLastStoredSequence() {
        store(EPOCH, 0, 3);
        assertEquals(3, table.expectedSequence(PRODUCER_ID));
        assertEquals(ErrorCode.NONE, table.checkSequence(batch(EPOCH, 3, 2)));
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, table.checkSequence(batch(EPOCH, 4, 1)));
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, table.checkSequence(batch(EPOCH, 2, 1)));
    }

    @Test
    void retryOfEachOfTheLastFiveBatchesIsDuplicateWithItsFirstOffset() {
        long[] baseOffsets = new long[5];
        for (int i = 0; i < baseOffsets.length; i++) {
            baseOffsets[i] = store(EPOCH, 2 * i, 2);
        }
        for (int i = 0; i < baseOffsets.length; i++) {
            assertEquals(baseOffsets[i], table.findDuplicate(batch(EPOCH, 2 * i, 2)), "batch " + i);
        }
    }

    @Test
    void batchWithSameFirstSequenceButDifferentLengthIsNotDuplicate() {
        store(EPOCH, 0, 2);
        assertEquals(-1, table.findDuplicate(batch(EPOCH, 0, 3)));
    }

    @Test
    void batchOlderThanTheLastFiveIsNotDuplicateAndBreaksTheSequence() {
        for (int i = 0; i < 6; i++) {
            store(EPOCH, i, 1);
        }
        RecordBatchView oldest = batch(EPOCH, 0, 1);
        assertEquals(-1, table.findDuplicate(oldest));
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, table.checkSequence(oldest));
        assertEquals(1, table.findDuplicate(batch(EPOCH, 1, 1)));
    }

    @Test
    void olderEpochIsFenced() {
        store(EPOCH, 0, 1);
        RecordBatchView stale = batch((short) (EPOCH - 1), 1, 1);
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH, table.checkSequence(stale));
        assertEquals(-1, table.findDuplicate(batch((short) (EPOCH - 1), 0, 1)));
        assertEquals(EPOCH, table.currentEpoch(PRODUCER_ID));
    }

    @Test
    void newEpochMustStartAtSequenceZero() {
        store(EPOCH, 0, 5);
        short next = (short) (EPOCH + 1);
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, table.checkSequence(batch(next, 5, 1)));
        assertEquals(ErrorCode.NONE, table.checkSequence(batch(next, 0, 1)));
    }

    @Test
    void newEpochForgetsTheOldEpochsBatches() {
        store(EPOCH, 0, 1);
        short next = (short) (EPOCH + 1);
        long firstOfNewEpoch = store(next, 0, 1);
        assertEquals(next, table.currentEpoch(PRODUCER_ID));
        assertEquals(firstOfNewEpoch, table.findDuplicate(batch(next, 0, 1)));
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH, table.checkSequence(batch(EPOCH, 1, 1)));
        assertEquals(1, table.expectedSequence(PRODUCER_ID));
    }

    @Test
    void sequenceWrapsFromIntegerMaxValueToZero() {
        long wrapped = store(EPOCH, Integer.MAX_VALUE - 1, 3);
        assertEquals(1, table.expectedSequence(PRODUCER_ID));
        assertEquals(ErrorCode.NONE, table.checkSequence(batch(EPOCH, 1, 1)));
        assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, table.checkSequence(batch(EPOCH, Integer.MAX_VALUE, 1)));
        assertEquals(wrapped, table.findDuplicate(batch(EPOCH, Integer.MAX_VALUE - 1, 3)));
    }

    @Test
    void batchEndingExactlyAtIntegerMaxValueIsFollowedByZero() {
        store(EPOCH, Integer.MAX_VALUE - 1, 2);
        assertEquals(0, table.expectedSequence(PRODUCER_ID));
        assertEquals(ErrorCode.NONE, table.checkSequence(batch(EPOCH, 0, 1)));
    }

    @Test
    void producersAreTrackedSeparately() {
        store(EPOCH, 0, 1);
        ByteBuf other = TestBatches.idempotent(PRODUCER_ID + 1, EPOCH, 7, 1);
        buffers.add(other);
        RecordBatchView otherView = new RecordBatchView().wrap(other, 0);
        assertEquals(ErrorCode.NONE, table.checkSequence(otherView));
        otherView.setBaseOffset(nextOffset);
        table.replay(otherView);
        assertEquals(2, table.producerCount());
        assertEquals(1, table.expectedSequence(PRODUCER_ID));
        assertEquals(8, table.expectedSequence(PRODUCER_ID + 1));
    }

    @Test
    void batchWithoutProducerIdIsNotTracked() {
        ByteBuf plain = TestBatches.ofValues("a");
        buffers.add(plain);
        table.replay(new RecordBatchView().wrap(plain, 0));
        assertEquals(0, table.producerCount());
    }
}
