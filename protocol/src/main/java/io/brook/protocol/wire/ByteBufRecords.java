package io.brook.protocol.wire;

import io.netty.buffer.ByteBuf;

/**
 * Records held in a buffer, such as the records of a decoded produce request. This is a view: it
 * neither retains nor releases the buffer, which stays owned by whoever owns the frame it came from.
 */
public final class ByteBufRecords implements RecordSet {
    private final ByteBuf buffer;

    public ByteBufRecords(ByteBuf buffer) {
        this.buffer = buffer;
    }

    /** The records' bytes, from the reader index; a view, valid while the owning frame is. */
    public ByteBuf buffer() {
        return buffer;
    }

    @Override
    public int sizeInBytes() {
        return buffer.readableBytes();
    }

    @Override
    public void writeTo(WireWriter writer) {
        writer.writeBytes(buffer);
    }

    @Override
    public String toString() {
        return "ByteBufRecords(sizeInBytes=" + sizeInBytes() + ")";
    }
}
