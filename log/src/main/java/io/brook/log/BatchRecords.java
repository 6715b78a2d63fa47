package io.brook.log;

import io.brook.compression.CompressionType;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.wire.WireReader;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Timestamp lookups that need the records inside stored batches. Records of an uncompressed
 * batch are walked ({@code length varint, attributes int8, timestampDelta varlong, offsetDelta
 * varint, ...}); a LogAppendTime batch gives every record its max timestamp; a compressed batch
 * stands for itself (base offset, max timestamp) until the compression module has codecs.
 */
final class BatchRecords {
    private BatchRecords() {
    }

    /**
     * The first record at or after {@code target} in the batch of {@code sizeInBytes} bytes at
     * {@code position}, whose max timestamp is at or after {@code target}.
     */
    static OffsetAndTimestamp firstAtOrAfter(LogSegment segment, int position, int sizeInBytes, long target)
            throws IOException {
        ByteBuf batch = segment.readBatch(position, sizeInBytes);
        try {
            RecordBatchView view = new RecordBatchView().wrap(batch, 0);
            if (!hasReadableRecords(view)) {
                return new OffsetAndTimestamp(view.baseOffset(), view.maxTimestamp());
            }
            WireReader records = recordsOf(batch);
            for (int i = 0; i < view.recordCount(); i++) {
                RecordHeader record = RecordHeader.read(records);
                long timestamp = view.baseTimestamp() + record.timestampDelta;
                if (timestamp >= target) {
                    return new OffsetAndTimestamp(view.baseOffset() + record.offsetDelta, timestamp);
                }
            }
            return null;
        } finally {
            batch.release();
        }
    }

    /** The record with the largest timestamp in the segment (the first of equals), or null if it is empty. */
    static OffsetAndTimestamp maxTimestampIn(LogSegment segment) throws IOException {
        BatchWithMaxTimestamp best = new BatchWithMaxTimestamp();
        segment.forEachBatch(best);
        if (best.sizeInBytes == 0) {
            return null;
        }
        return firstAtOrAfter(segment, best.position, best.sizeInBytes, best.maxTimestamp);
    }

    /** Remembers the first batch with the largest max timestamp seen. */
    private static final class BatchWithMaxTimestamp implements LogSegment.BatchVisitor {
        private int position;
        private int sizeInBytes;
        private long maxTimestamp = Long.MIN_VALUE;

        @Override
        public boolean visit(RecordBatchView batch, int batchPosition) {
            if (sizeInBytes == 0 || batch.maxTimestamp() > maxTimestamp) {
                position = batchPosition;
                sizeInBytes = batch.sizeInBytes();
                maxTimestamp = batch.maxTimestamp();
            }
            return true;
        }
    }

    private static boolean hasReadableRecords(RecordBatchView header) {
        return header.compressionId() == CompressionType.NONE.id() && !header.isLogAppendTime();
    }

    private static WireReader recordsOf(ByteBuf batch) {
        return new WireReader(batch.slice(RecordBatchView.RECORDS_OFFSET, batch.readableBytes() - RecordBatchView.RECORDS_OFFSET));
    }

    /** The fields of a record that timestamp lookups need; the rest of the record is skipped. */
    private record RecordHeader(long timestampDelta, int offsetDelta) {
        static RecordHeader read(WireReader reader) {
            int length = reader.readVarint();
            int remainingBefore = reader.remaining();
            reader.readByte();
            long timestampDelta = reader.readVarlong();
            int offsetDelta = reader.readVarint();
            reader.skip(length - (remainingBefore - reader.remaining()));
            return new RecordHeader(timestampDelta, offsetDelta);
        }
    }
}
