package io.brook.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCounted;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes Kafka's primitive types into pooled buffers. Record data that lives elsewhere (a slice of a
 * segment file) is not copied: {@link #writeExternal} closes the current buffer and queues the
 * region itself, so the result is a list of parts that the transport sends in order.
 *
 * <p>Ownership: the writer owns every part until {@link #finish} hands them over; on failure the
 * caller calls {@link #release} instead. Not thread-safe.
 */
public final class WireWriter {
    private static final int VARINT_PAYLOAD_MASK = 0x7f;
    private static final int VARINT_CONTINUATION_BIT = 0x80;

    private final ByteBufAllocator allocator;
    private final List<ReferenceCounted> parts = new ArrayList<>(1);
    private ByteBuf current;
    /** Bytes in the buffers closed by {@link #writeExternal}; regions are counted in externalBytes. */
    private int closedBufferBytes;
    private int externalBytes;

    public WireWriter(ByteBufAllocator allocator) {
        this.allocator = allocator;
        this.current = allocator.buffer();
    }

    /** Bytes written so far, external regions included. */
    public int sizeInBytes() {
        return closedBufferBytes + externalBytes + current.readableBytes();
    }

    public void writeByte(byte value) {
        current.writeByte(value);
    }

    public void writeShort(short value) {
        current.writeShort(value);
    }

    public void writeInt(int value) {
        current.writeInt(value);
    }

    public void writeLong(long value) {
        current.writeLong(value);
    }

    public void writeBoolean(boolean value) {
        current.writeByte(value ? 1 : 0);
    }

    public void writeUuid(UUID value) {
        current.writeLong(value.getMostSignificantBits());
        current.writeLong(value.getLeastSignificantBits());
    }

    public void writeUnsignedVarint(int value) {
        int remaining = value;
        while ((remaining & ~VARINT_PAYLOAD_MASK) != 0) {
            current.writeByte((remaining & VARINT_PAYLOAD_MASK) | VARINT_CONTINUATION_BIT);
            remaining >>>= 7;
        }
        current.writeByte(remaining);
    }

    /** A zig-zag encoded int32, as used inside records. */
    public void writeVarint(int value) {
        writeUnsignedVarint((value << 1) ^ (value >> 31));
    }

    /** A zig-zag encoded int64, as used inside records. */
    public void writeVarlong(long value) {
        long remaining = (value << 1) ^ (value >> 63);
        while ((remaining & ~VARINT_PAYLOAD_MASK) != 0) {
            current.writeByte((int) ((remaining & VARINT_PAYLOAD_MASK) | VARINT_CONTINUATION_BIT));
            remaining >>>= 7;
        }
        current.writeByte((int) remaining);
    }

    public void writeString(String value, boolean compact) {
        if (value == null) {
            throw new IllegalArgumentException("null written to a non-nullable string field");
        }
        writeNullableString(value, compact);
    }

    public void writeNullableString(String value, boolean compact) {
        if (value == null) {
            writeLengthPrefix(-1, compact, false);
            return;
        }
        int length = ByteBufUtil.utf8Bytes(value);
        if (!compact && length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + length + " bytes does not fit an int16 length");
        }
        writeLengthPrefix(length, compact, false);
        ByteBufUtil.reserveAndWriteUtf8(current, value, length);
    }

    /** Writes a bytes field: an int32 (classic) or varint (compact) length, then the bytes. */
    public void writeByteArray(byte[] value, boolean compact) {
        if (value == null) {
            throw new IllegalArgumentException("null written to a non-nullable bytes field");
        }
        writeNullableByteArray(value, compact);
    }

    public void writeNullableByteArray(byte[] value, boolean compact) {
        if (value == null) {
            writeLengthPrefix(-1, compact, true);
            return;
        }
        writeLengthPrefix(value.length, compact, true);
        current.writeBytes(value);
    }

    /** Writes an array's length; -1 for a null array. */
    public void writeArrayLength(int length, boolean compact) {
        writeLengthPrefix(length, compact, true);
    }

    /** Writes a records field: its length, then the records themselves (or null). */
    public void writeRecords(RecordSet records, boolean compact) {
        if (records == null) {
            writeLengthPrefix(-1, compact, true);
            return;
        }
        writeLengthPrefix(records.sizeInBytes(), compact, true);
        records.writeTo(this);
    }

    /** Copies the readable bytes of {@code source} without changing its indexes. */
    public void writeBytes(ByteBuf source) {
        current.writeBytes(source, source.readerIndex(), source.readableBytes());
    }

    /**
     * Queues a region the transport sends without copying (a segment file slice). Takes ownership
     * of {@code region}: it is released with the other parts.
     */
    public void writeExternal(ReferenceCounted region, int sizeInBytes) {
        parts.add(current);
        parts.add(region);
        closedBufferBytes += current.readableBytes();
        externalBytes += sizeInBytes;
        current = allocator.buffer();
    }

    /**
     * Writes one tagged field: its tag, its size, then the bytes written to {@code value}, which
     * is consumed (released). Tagged fields never hold external regions.
     */
    public void writeTaggedField(int tag, WireWriter value) {
        try {
            if (!value.parts.isEmpty()) {
                throw new IllegalStateException("a tagged field cannot hold an external region");
            }
            writeUnsignedVarint(tag);
            writeUnsignedVarint(value.current.readableBytes());
            writeBytes(value.current);
        } finally {
            value.release();
        }
    }

    /** A fresh writer on the same allocator, for a value whose size must be known before it is written. */
    public WireWriter scratch() {
        return new WireWriter(allocator);
    }

    /** Overwrites the first int32 written, typically a frame length reserved with {@code writeInt(0)}. */
    public void patchFirstInt(int value) {
        ByteBuf first = parts.isEmpty() ? current : (ByteBuf) parts.get(0);
        first.setInt(first.readerIndex(), value);
    }

    /** Hands over the parts in send order: buffers and external regions. The writer is spent. */
    public List<ReferenceCounted> finish() {
        List<ReferenceCounted> result = new ArrayList<>(parts.size() + 1);
        result.addAll(parts);
        if (current.isReadable() || result.isEmpty()) {
            result.add(current);
        } else {
            current.release();
        }
        parts.clear();
        current = null;
        return result;
    }

    /** Releases everything written, after a failure. */
    public void release() {
        for (ReferenceCounted part : parts) {
            part.release();
        }
        parts.clear();
        if (current != null) {
            current.release();
            current = null;
        }
    }

    private void writeLengthPrefix(int length, boolean compact, boolean int32Length) {
        if (compact) {
            writeUnsignedVarint(length + 1);
        } else if (int32Length) {
            current.writeInt(length);
        } else {
            current.writeShort(length);
        }
    }
}
