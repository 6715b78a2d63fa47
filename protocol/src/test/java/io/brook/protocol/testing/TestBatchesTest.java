package io.brook.protocol.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.testing.TestBatches.StoredRecord;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch builder the log tests rely on writes what a producer would. */
class TestBatchesTest {
    @Test
    void builtBatchHasProducerHeaderAndValidChecksum() {
        ByteBuf batch = TestBatches.builder()
                .record("a", "one", 1_000)
                .record(null, "two", 3_000)
                .record("c", null, 2_000)
                .producer(77, (short) 2, 10)
                .build();
        try {
            RecordBatchView view = new RecordBatchView().wrap(batch, 0);
            assertEquals(batch.readableBytes(), view.sizeInBytes());
            assertEquals(RecordBatchView.MAGIC_V2, view.magic());
            assertEquals(0, view.baseOffset());
            assertEquals(TestBatches.PRODUCER_LEADER_EPOCH, view.partitionLeaderEpoch());
            assertEquals(3, view.recordCount());
            assertEquals(2, view.lastOffsetDelta());
            assertEquals(1_000, view.baseTimestamp());
            assertEquals(3_000, view.maxTimestamp());
            assertEquals(77, view.producerId());
            assertEquals(2, view.producerEpoch());
            assertEquals(10, view.baseSequence());
            assertEquals(12, view.lastSequence());
            assertTrue(view.isChecksumValid());
        } finally {
            batch.release();
        }
    }

    @Test
    void decodeReadsBackKeysValuesTimestampsAndOffsets() {
        ByteBuf batch = TestBatches.builder()
                .record("a", "one", 1_000)
                .record(null, "two", 3_000)
                .record("c", null, 2_000)
                .build();
        try {
            new RecordBatchView().wrap(batch, 0).setBaseOffset(40);
            List<StoredRecord> records = TestBatches.decode(TestBatches.bytesOf(batch));
            assertEquals(List.of(
                    new StoredRecord(40, 1_000, "a", "one"),
                    new StoredRecord(41, 3_000, null, "two"),
                    new StoredRecord(42, 2_000, "c", null)), records);
        } finally {
            batch.release();
        }
    }
}
