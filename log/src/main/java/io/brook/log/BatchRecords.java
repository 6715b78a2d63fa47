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
     * The first record at or after {@code target}, with an offset at or above {@code minOffset},
     * in the batch of {@code sizeInBytes} bytes at {@code position}; null when none is.
     */
    static OffsetAndTimestamp firstAtOrAfter(LogSegment segment, int position, int sizeInBytes, long target, long minOffset)
            throws IOException {
        ByteBuf batch = segment.readBatch(position, sizeInBytes);
        try {
            RecordBatchView view = new RecordBatchView().wrap(batch, 0);
            if (!hasReadableRecords(view)) {
                return view.maxTimestamp() >= target
                        ? new OffsetAndTimestamp(Math.max(view.baseOffset(), minOffset), view.maxTimestamp())
                        : null;
            }
            WireReader records = recordsOf(batch);
            for (int i = 0; i < view.recordCount(); i++) {
                RecordHeader record = RecordHeader.read(records);
                long timestamp = view.baseTimestamp() + record.timestampDelta;
                long offset = view.baseOffset() + record.offsetDelta;
                if (timestamp >= target && offset >= minOffset) {
                    return new OffsetAndTimestamp(offset, timestamp);
                }
            }
            return null;
        } finally {
            batch.release();
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
