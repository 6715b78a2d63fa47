package io.brook.log;

import io.brook.compression.CodecBuffer;
import io.brook.compression.CompressionType;
import io.brook.log.append.CompressedRecords;
import io.brook.log.append.RecordFields;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Timestamp lookups that need the records inside stored batches. Records are walked ({@code
 * length varint, attributes int8, timestampDelta varlong, offsetDelta varint, ...}), a compressed
 * batch's after decompressing them; a LogAppendTime batch gives every record its max timestamp. A
 * stored compressed batch that cannot be decompressed (it was checked when produced, so only
 * damage does that) stands for itself: its base offset and max timestamp.
 */
final class BatchRecords {
    /** Stored batches passed the produce-time limit already; this only keeps a damaged one bounded. */
    private static final int MAX_DECOMPRESSED_BYTES = CodecBuffer.MAX_CAPACITY_BYTES;

    private BatchRecords() {
    }

    /**
     * The first record at or after {@code target}, with an offset at or above {@code minOffset},
     * in the batch of {@code sizeInBytes} bytes at {@code position}; null when none is.
     */
    static OffsetAndTimestamp firstAtOrAfter(LogSegment segment, int position, int sizeInBytes, long target, long minOffset)
            throws IOException {
        ByteBuf batch = segment.readBatch(position, sizeInBytes);
        try {
            RecordBatchView view = new RecordBatchView().wrap(batch, 0);
            OffsetAndTimestamp wholeBatch = view.maxTimestamp() >= target
                    ? new OffsetAndTimestamp(Math.max(view.baseOffset(), minOffset), view.maxTimestamp())
                    : null;
            if (view.isLogAppendTime()) {
                return wholeBatch;
            }
            ByteBuf body = batch.slice(RecordBatchView.RECORDS_OFFSET, batch.readableBytes() - RecordBatchView.RECORDS_OFFSET);
            CompressionType type = CompressionType.forId(view.compressionId());
            if (type == CompressionType.NONE) {
                return firstInRecords(body.nioBuffer(), view, target, minOffset);
            }
            CompressedRecords.Outcome<OffsetAndTimestamp> found = CompressedRecords.forThisThread()
                    .read(body, type, MAX_DECOMPRESSED_BYTES, records -> firstInRecords(records.nioBuffer(), view, target, minOffset));
            return found.rejection() == null ? found.result() : wholeBatch;
        } finally {
            batch.release();
        }
    }

    /** Reads each record's timestamp and offset deltas and skips the rest of it. */
    private static OffsetAndTimestamp firstInRecords(ByteBuffer records, RecordBatchView view, long target, long minOffset) {
        for (int i = 0; i < view.recordCount(); i++) {
            int length = RecordFields.readVarint(records);
            int end = records.position() + length;
            records.get();
            long timestamp = view.baseTimestamp() + RecordFields.readVarlong(records);
            long offset = view.baseOffset() + RecordFields.readVarint(records);
            if (timestamp >= target && offset >= minOffset) {
                return new OffsetAndTimestamp(offset, timestamp);
            }
            records.position(end);
        }
        return null;
    }
}
