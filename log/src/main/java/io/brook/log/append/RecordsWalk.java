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
        int length = RecordFields.readVarint(reader);
        if (length < 0 || length > reader.remaining()) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Record " + index + " claims " + length + " bytes but "
                    + reader.remaining() + " remain in the batch.");
        }
        int end = reader.position() + length;
        reader.get();
        RecordFields.readVarlong(reader);
        int offsetDelta = RecordFields.readVarint(reader);
        if (offsetDelta != index) {
            return new BatchRejection(ErrorCode.INVALID_RECORD, "Record " + index + " has offset delta " + offsetDelta
                    + "; the records of a batch must count 0, 1, 2...");
        }
        skipBytes(reader, NULL_LENGTH);
        skipBytes(reader, NULL_LENGTH);
        int headers = RecordFields.readVarint(reader);
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
        int length = RecordFields.readVarint(reader);
        if (length < minimumLength || length > reader.remaining()) {
            throw new IllegalArgumentException("a field length of " + length);
        }
        if (length > 0) {
            reader.position(reader.position() + length);
        }
    }
}
