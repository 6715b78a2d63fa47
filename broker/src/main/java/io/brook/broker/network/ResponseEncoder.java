package io.brook.broker.network;

import io.brook.protocol.header.ResponseHeader;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCounted;
import java.util.List;

/** Frames a response: int32 size, header, body. The parts are buffers and zero-copy file regions, in send order. */
final class ResponseEncoder {
    private static final int SIZE_FIELD_BYTES = 4;

    private ResponseEncoder() {
    }

    static List<ReferenceCounted> encode(ByteBufAllocator allocator, PendingResponse pending) {
        WireWriter writer = new WireWriter(allocator);
        try {
            writer.writeInt(0);
            ResponseHeader.write(writer, pending.correlationId, pending.headerVersion);
            pending.response.write(writer, pending.responseVersion);
            writer.patchFirstInt(writer.sizeInBytes() - SIZE_FIELD_BYTES);
            return writer.finish();
        } catch (RuntimeException e) {
            writer.release();
            throw e;
        }
    }
}
