package io.brook.log.append;

import java.nio.ByteBuffer;

/**
 * The zig-zag varints records encode their fields with, read from a NIO view: record walks read
 * through one view rather than Netty's per-byte calls, which leak-aware buffers record one by one.
 * A truncated field throws BufferUnderflowException; an over-long one IllegalArgumentException.
 */
public final class RecordFields {
    private static final int MAX_VARINT_BYTES = 5;
    private static final int MAX_VARLONG_BYTES = 10;

    private RecordFields() {
    }

    /** A zig-zag varint (int32 fields: lengths, offset deltas). */
    public static int readVarint(ByteBuffer reader) {
        int raw = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            int b = reader.get() & 0xff;
            raw |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("a varint longer than " + MAX_VARINT_BYTES + " bytes");
    }

    /** A zig-zag varlong (timestamp deltas). */
    public static long readVarlong(ByteBuffer reader) {
        long raw = 0;
        for (int i = 0; i < MAX_VARLONG_BYTES; i++) {
            long b = reader.get() & 0xff;
            raw |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("a varlong longer than " + MAX_VARLONG_BYTES + " bytes");
    }
}
