package io.brook.log.append;

import io.brook.protocol.ErrorCode;
import io.netty.buffer.ByteBuf;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Walks the records of a batch, as Kafka's broker does on produce, so that nothing unreadable is
 * stored: each record's length covers exactly its fields ({@code attributes int8, timestampDelta
 * varlong, offsetDelta varint, key, value, headers}), lengths are -1 or more (0 or more for a
 * header key), the offset deltas count 0, 1, 2..., and the records fill the batch to its last
 * byte. Reads fields in place through one NIO view of the records: nothing is allocated per
 * record, and no per-byte call goes through Netty's buffer checks (leak-aware wrappers record
 * every access).
 */
public final class RecordsWalk {
    private static final int NULL_LENGTH = -1;
    private static final int MAX_VARINT_BYTES = 5;
    private static final int MAX_VARLONG_BYTES = 10;

    private RecordsWalk() {
    }

    /**
     * Checks {@code records} (the bytes after the batch header, decompressed when the batch is
     * compressed; its indexes are left as they were) holds exactly {@code recordCount}
     * well-formed records. Null when it does.
     */
    public static BatchRejection check(ByteBuf records, int recordCount) {
        return check(records.nioBuffer(), recordCount);
    }

    /** As {@link #check(ByteBuf, int)}, over the records from {@code records}' position to its limit. */
    public static BatchRejection check(ByteBuffer records, int recordCount) {
        ByteBuffer reader = records.duplicate();
        try {
            for (int index = 0; index < recordCount; index++) {
                BatchRejection rejection = checkRecord(reader, index);
                if (rejection != null) {
                    return rejection;
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException truncated) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "The batch's records end early or hold a malformed field.");
        }
        if (reader.hasRemaining()) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE,
                    "The batch has " + reader.remaining() + " bytes after its " + recordCount + " records.");
        }
        return null;
    }

    private static BatchRejection checkRecord(ByteBuffer reader, int index) {
        int length = readVarint(reader);
        if (length < 0 || length > reader.remaining()) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Record " + index + " claims " + length + " bytes but "
                    + reader.remaining() + " remain in the batch.");
        }
        int end = reader.position() + length;
        reader.get();
        readVarlong(reader);
        int offsetDelta = readVarint(reader);
        if (offsetDelta != index) {
            return new BatchRejection(ErrorCode.INVALID_RECORD, "Record " + index + " has offset delta " + offsetDelta
                    + "; the records of a batch must count 0, 1, 2...");
        }
        skipBytes(reader, NULL_LENGTH);
        skipBytes(reader, NULL_LENGTH);
        int headers = readVarint(reader);
        if (headers < 0) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Record " + index + " claims " + headers + " headers.");
        }
        for (int header = 0; header < headers; header++) {
            skipBytes(reader, 0);
            skipBytes(reader, NULL_LENGTH);
        }
        if (reader.position() != end) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Record " + index + "'s fields take "
                    + (reader.position() - (end - length)) + " bytes, not the " + length + " its length says.");
        }
        return null;
    }

    /** Skips a varint-length-prefixed field whose length may be as low as {@code minimumLength}. */
    private static void skipBytes(ByteBuffer reader, int minimumLength) {
        int length = readVarint(reader);
        if (length < minimumLength || length > reader.remaining()) {
            throw new IllegalArgumentException("a field length of " + length);
        }
        if (length > 0) {
            reader.position(reader.position() + length);
        }
    }

    /** A zig-zag varint, as records encode their int32 fields. */
    private static int readVarint(ByteBuffer reader) {
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
    private static long readVarlong(ByteBuffer reader) {
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
