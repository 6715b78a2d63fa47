package io.brook.ringbuffer;

import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCounted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Valid, uncompressed magic-2 batches as a producer without idempotence sends them, for pipeline
 * tests. A trimmed copy of the log module's {@code TestBatches}, which this module cannot see
 * (log publishes no test-jar).
 */
final class PipelineBatches {
    private static final long TIMESTAMP_MS = 1_700_000_000_000L;
    private static final int PRODUCER_LEADER_EPOCH = -1;

    private PipelineBatches() {
    }

    /** A batch of {@code recordCount} records with null keys and short values; the caller owns it. */
    static ByteBuf of(int recordCount) {
        ByteBuf records = encodeRecords(recordCount);
        try {
            int sizeInBytes = RecordBatchView.RECORDS_OFFSET + records.readableBytes();
            ByteBuf batch = Unpooled.buffer(sizeInBytes, sizeInBytes);
            batch.writeLong(0);
            batch.writeInt(sizeInBytes - RecordBatchView.LOG_OVERHEAD);
            batch.writeInt(PRODUCER_LEADER_EPOCH);
            batch.writeByte(RecordBatchView.MAGIC_V2);
            batch.writeInt(0);
            batch.writeShort(0);
            batch.writeInt(recordCount - 1);
            batch.writeLong(TIMESTAMP_MS);
            batch.writeLong(TIMESTAMP_MS);
            batch.writeLong(RecordBatchView.NO_PRODUCER_ID);
            batch.writeShort(RecordBatchView.NO_PRODUCER_EPOCH);
            batch.writeInt(RecordBatchView.NO_SEQUENCE);
            batch.writeInt(recordCount);
            batch.writeBytes(records);
            CRC32C crc = new CRC32C();
            crc.update(batch.nioBuffer(RecordBatchView.ATTRIBUTES_OFFSET, sizeInBytes - RecordBatchView.ATTRIBUTES_OFFSET));
            batch.setInt(RecordBatchView.CRC_OFFSET, (int) crc.getValue());
            return batch;
        } finally {
            records.release();
        }
    }

    private static ByteBuf encodeRecords(int recordCount) {
        WireWriter out = new WireWriter(UnpooledByteBufAllocator.DEFAULT);
        for (int i = 0; i < recordCount; i++) {
            byte[] value = ("value-" + i).getBytes(StandardCharsets.UTF_8);
            WireWriter body = out.scratch();
            body.writeByte((byte) 0);
            body.writeVarlong(0);
            body.writeVarint(i);
            body.writeVarint(-1);
            body.writeVarint(value.length);
            for (byte b : value) {
                body.writeByte(b);
            }
            body.writeVarint(0);
            ByteBuf encoded = only(body.finish());
            try {
                out.writeVarint(encoded.readableBytes());
                out.writeBytes(encoded);
            } finally {
                encoded.release();
            }
        }
        return only(out.finish());
    }

    private static ByteBuf only(List<ReferenceCounted> parts) {
        if (parts.size() != 1) {
            parts.forEach(ReferenceCounted::release);
            throw new IllegalStateException("expected one buffer from the writer, got parts=" + parts.size());
        }
        return (ByteBuf) parts.get(0);
    }
}
