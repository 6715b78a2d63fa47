package io.brook.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

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

    /**
     * Equal when the readable bytes are equal, wherever they live, so that a message decoded from a
     * frame equals the message it was encoded from.
     */
    @Override
    public boolean equals(Object object) {
        if (this == object) {
            return true;
        }
        if (!(object instanceof ByteBufRecords other)) {
            return false;
        }
        return ByteBufUtil.equals(buffer, other.buffer);
    }

    @Override
    public int hashCode() {
        return ByteBufUtil.hashCode(buffer);
    }

    @Override
    public String toString() {
        return "ByteBufRecords(sizeInBytes=" + sizeInBytes() + ")";
    }
}
