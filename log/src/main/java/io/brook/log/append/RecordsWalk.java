package io.brook.log.append;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.wire.MalformedMessageException;
import io.brook.protocol.wire.WireReader;
import io.netty.buffer.ByteBuf;

/**
 * Walks the records of a batch, as Kafka's broker does on produce, so that nothing unreadable is
 * stored: each record's length covers exactly its fields ({@code attributes int8, timestampDelta
 * varlong, offsetDelta varint, key, value, headers}), lengths are -1 or more (0 or more for a
 * header key), the offset deltas count 0, 1, 2..., and the records fill the batch to its last
 * byte. Reads fields in place: nothing is allocated per record.
 */
public final class RecordsWalk {
    private static final int NULL_LENGTH = -1;

    private RecordsWalk() {
    }

    /**
     * Checks {@code records} (the bytes after the batch header, decompressed when the batch is
     * compressed; read from its reader index, which is left where it was) holds exactly
     * {@code recordCount} well-formed records. Null when it does.
     */
    public static BatchRejection check(ByteBuf records, int recordCount) {
        WireReader reader = new WireReader(records.duplicate());
        try {
            for (int index = 0; index < recordCount; index++) {
                BatchRejection rejection = checkRecord(reader, index);
                if (rejection != null) {
                    return rejection;
                }
            }
        } catch (MalformedMessageException truncated) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "The batch's records end early: " + truncated.getMessage() + ".");
        }
        if (reader.remaining() != 0) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE,
                    "The batch has " + reader.remaining() + " bytes after its " + recordCount + " records.");
        }
        return null;
    }

    private static BatchRejection checkRecord(WireReader reader, int index) {
        int length = reader.readVarint();
        if (length < 0 || length > reader.remaining()) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Record " + index + " claims " + length + " bytes but "
                    + reader.remaining() + " remain in the batch.");
        }
        int end = reader.remaining() - length;
        reader.readByte();
        reader.readVarlong();
        int offsetDelta = reader.readVarint();
        if (offsetDelta != index) {
            return new BatchRejection(ErrorCode.INVALID_RECORD, "Record " + index + " has offset delta " + offsetDelta
                    + "; the records of a batch must count 0, 1, 2...");
        }
        skipBytes(reader, NULL_LENGTH);
        skipBytes(reader, NULL_LENGTH);
        int headers = reader.readVarint();
        if (headers < 0) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Record " + index + " claims " + headers + " headers.");
        }
        for (int header = 0; header < headers; header++) {
            skipBytes(reader, 0);
            skipBytes(reader, NULL_LENGTH);
        }
        if (reader.remaining() != end) {
            return new BatchRejection(ErrorCode.CORRUPT_MESSAGE, "Record " + index + "'s fields take "
                    + (length - (reader.remaining() - end)) + " bytes, not the " + length + " its length says.");
        }
        return null;
    }

    /** Skips a varint-length-prefixed field whose length may be as low as {@code minimumLength}. */
    private static void skipBytes(WireReader reader, int minimumLength) {
        int length = reader.readVarint();
        if (length < minimumLength) {
            throw new MalformedMessageException("a field length of " + length);
        }
        if (length > 0) {
            reader.skip(length);
        }
    }
}
