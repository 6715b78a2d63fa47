package io.brook.log.append;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way a produced batch is refused, with the Kafka error code a client sees. */
class BatchValidatorTest {
    private static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final int MAX_DECOMPRESSED_BYTES = 1 << 20;
    private static final int TRANSACTIONAL_BIT = 0x10;
    private static final int CONTROL_BIT = 0x20;

    private final RecordBatchView scratch = new RecordBatchView();
    private ByteBuf records;

    @AfterEach
    void releaseRecords() {
        if (records != null) {
            records.release();
        }
    }

    private BatchRejection validate(ByteBuf produced) {
        records = produced;
        return BatchValidator.validateProduced(produced, MAX_MESSAGE_BYTES, MAX_DECOMPRESSED_BYTES, scratch);
    }

    private static ErrorCode errorOf(BatchRejection rejection) {
        assertNotNull(rejection, "the batch was accepted");
        assertNotNull(rejection.message());
        return rejection.error();
    }

    @Test
    void acceptsValidBatch() {
        assertNull(validate(TestBatches.ofValues("a", "b", "c")));
    }

    @Test
    void acceptsValidIdempotentBatch() {
        assertNull(validate(TestBatches.idempotent(5, (short) 0, 0, 3)));
    }

    @Test
    void acceptsValidBatchAtReaderIndexPastZero() {
        ByteBuf batch = TestBatches.ofValues("a");
        ByteBuf framed = Unpooled.buffer();
        framed.writeInt(0xCAFE);
        framed.writeBytes(batch);
        batch.release();
        framed.skipBytes(Integer.BYTES);
        assertNull(validate(framed));
    }

    @Test
    void rejectsRecordsShorterThanBatchHeaderAsCorrupt() {
        ByteBuf batch = TestBatches.ofValues("a");
        batch.writerIndex(RecordBatchView.RECORD_BATCH_OVERHEAD - 1);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(validate(batch)));
    }

    @Test
    void rejectsMagicOtherThanTwoAsInvalidRecord() {
        ByteBuf batch = TestBatches.ofValues("a");
        batch.setByte(RecordBatchView.MAGIC_OFFSET, 1);
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(validate(batch)));
    }

    @Test
    void rejectsTruncatedBatchAsCorrupt() {
        ByteBuf batch = TestBatches.ofValues("a", "b");
        batch.writerIndex(batch.writerIndex() - 1);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(validate(batch)));
    }

    @Test
    void rejectsBatchLengthTooSmallForHeaderAsCorrupt() {
        ByteBuf batch = TestBatches.ofValues("a");
        batch.setInt(RecordBatchView.BATCH_LENGTH_OFFSET, RecordBatchView.RECORD_BATCH_OVERHEAD - RecordBatchView.LOG_OVERHEAD - 1);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(validate(batch)));
    }

    /** A length near Integer.MAX_VALUE must not overflow into looking like a shorter batch. */
    @Test
    void rejectsBatchLengthNearIntMaxAsCorrupt() {
        ByteBuf batch = TestBatches.ofValues("a");
        batch.setInt(RecordBatchView.BATCH_LENGTH_OFFSET, Integer.MAX_VALUE);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(validate(batch)));
    }

    @Test
    void rejectsTwoBatchesForOnePartitionAsInvalidRecord() {
        ByteBuf first = TestBatches.ofValues("a");
        ByteBuf second = TestBatches.ofValues("b");
        ByteBuf both = Unpooled.buffer();
        both.writeBytes(first).writeBytes(second);
        first.release();
        second.release();
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(validate(both)));
    }

    @Test
    void rejectsTrailingBytesAfterBatchAsInvalidRecord() {
        ByteBuf batch = TestBatches.ofValues("a");
        ByteBuf padded = Unpooled.buffer();
        padded.writeBytes(batch).writeByte(0);
        batch.release();
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(validate(padded)));
    }

    @Test
    void rejectsBatchOverMaxMessageBytesAsTooLarge() {
        ByteBuf batch = TestBatches.ofValues("x".repeat(100));
        records = batch;
        int sizeInBytes = batch.readableBytes();
        assertEquals(ErrorCode.MESSAGE_TOO_LARGE, errorOf(BatchValidator.validateProduced(batch, sizeInBytes - 1, MAX_DECOMPRESSED_BYTES, scratch)));
        assertNull(BatchValidator.validateProduced(batch, sizeInBytes, MAX_DECOMPRESSED_BYTES, scratch));
    }

    @Test
    void rejectsBadCrcAsCorrupt() {
        ByteBuf batch = TestBatches.ofValues("value");
        int lastByte = batch.writerIndex() - 2;
        batch.setByte(lastByte, batch.getByte(lastByte) ^ 0x01);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(validate(batch)));
    }

    @Test
    void rejectsNonZeroBaseOffsetAsInvalidRecord() {
        ByteBuf batch = TestBatches.ofValues("a");
        new RecordBatchView().wrap(batch, 0).setBaseOffset(7);
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(validate(batch)));
    }

    @Test
    void rejectsRecordCountThatDisagreesWithOffsetDeltaAsInvalidRecord() {
        ByteBuf batch = TestBatches.ofValues("a", "b", "c");
        batch.setInt(RecordBatchView.LAST_OFFSET_DELTA_OFFSET, 3);
        TestBatches.recomputeCrc(batch);
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(validate(batch)));
    }

    @Test
    void rejectsZeroRecordCountAsInvalidRecord() {
        ByteBuf batch = TestBatches.ofValues("a");
        batch.setInt(RecordBatchView.LAST_OFFSET_DELTA_OFFSET, -1);
        batch.setInt(RecordBatchView.RECORDS_COUNT_OFFSET, 0);
        TestBatches.recomputeCrc(batch);
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(validate(batch)));
    }

    @Test
    void rejectsControlBatchAsInvalidRecord() {
        ByteBuf batch = TestBatches.builder().record(null, "marker", 1).attributes(CONTROL_BIT).build();
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(validate(batch)));
    }

    @Test
    void rejectsTransactionalBatchAsInvalidTxnState() {
        ByteBuf batch = TestBatches.builder().record(null, "a", 1).attributes(TRANSACTIONAL_BIT)
                .producer(9, (short) 0, 0).build();
        assertEquals(ErrorCode.INVALID_TXN_STATE, errorOf(validate(batch)));
    }

    @Test
    void rejectsProducerIdWithNegativeSequenceAsInvalidRecord() {
        ByteBuf batch = TestBatches.builder().record(null, "a", 1)
                .producer(9, (short) 0, RecordBatchView.NO_SEQUENCE).build();
        assertEquals(ErrorCode.INVALID_RECORD, errorOf(validate(batch)));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7})
    void rejectsUndefinedCompressionIdAsCorrupt(int compressionId) {
        ByteBuf batch = TestBatches.builder().record(null, "a", 1).attributes(compressionId).build();
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(validate(batch)));
    }

    @Test
    void storedHeaderCheckRejectsWrongMagicAndNegativeOffsetRange() {
        ByteBuf batch = TestBatches.ofValues("a");
        records = batch;
        RecordBatchView view = new RecordBatchView().wrap(batch, 0);
        assertNull(BatchValidator.validateStoredHeader(view));
        batch.setInt(RecordBatchView.LAST_OFFSET_DELTA_OFFSET, -1);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(BatchValidator.validateStoredHeader(view)));
        batch.setInt(RecordBatchView.LAST_OFFSET_DELTA_OFFSET, 0);
        batch.setByte(RecordBatchView.MAGIC_OFFSET, 0);
        assertEquals(ErrorCode.CORRUPT_MESSAGE, errorOf(BatchValidator.validateStoredHeader(view)));
    }
}
