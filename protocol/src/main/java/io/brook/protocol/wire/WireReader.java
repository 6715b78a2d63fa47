package io.brook.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads Kafka's primitive types from a buffer, in order, checking every length against the bytes
 * that remain so that a hostile frame can neither read past its end nor make us allocate more than
 * it carries.
 *
 * <p>"Compact" types are the flexible-version encodings of KIP-482: unsigned varint length + 1,
 * with 0 meaning null. Classic types use an int16 (strings) or int32 (arrays, bytes) length with
 * -1 meaning null.
 *
 * <p>Not thread-safe. Reads advance the buffer's reader index; the buffer stays owned by the
 * caller, and {@link #readRecords} returns a view that is valid only while that buffer is.
 */
public final class WireReader {
    /** A varint of an int32 never needs more than 5 bytes; more means a corrupt or hostile encoding. */
    private static final int MAX_VARINT_BYTES = 5;
    private static final int MAX_VARLONG_BYTES = 10;

    private final ByteBuf buffer;

    public WireReader(ByteBuf buffer) {
        this.buffer = buffer;
    }

    public int remaining() {
        return buffer.readableBytes();
    }

    public byte readByte() {
        require(Byte.BYTES, "int8");
        return buffer.readByte();
    }

    public short readShort() {
        require(Short.BYTES, "int16");
        return buffer.readShort();
    }

    public int readInt() {
        require(Integer.BYTES, "int32");
        return buffer.readInt();
    }

    public long readLong() {
        require(Long.BYTES, "int64");
        return buffer.readLong();
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public UUID readUuid() {
        require(2 * Long.BYTES, "uuid");
        return new UUID(buffer.readLong(), buffer.readLong());
    }

    public int readUnsignedVarint() {
        int value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            int b = readByte() & 0xff;
            value |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedMessageException("unsigned varint is longer than " + MAX_VARINT_BYTES + " bytes");
    }

    /** A zig-zag encoded int32, as used inside records. */
    public int readVarint() {
        int raw = readUnsignedVarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A zig-zag encoded int64, as used inside records. */
    public long readVarlong() {
        long raw = 0;
        for (int i = 0; i < MAX_VARLONG_BYTES; i++) {
            long b = readByte() & 0xff;
            raw |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MalformedMessageException("varlong is longer than " + MAX_VARLONG_BYTES + " bytes");
    }

    public String readString(boolean compact) {
        String value = readNullableString(compact);
        if (value == null) {
            throw new MalformedMessageException("null string in a non-nullable field");
        }
        return value;
    }

    public String readNullableString(boolean compact) {
        int length = compact ? readUnsignedVarint() - 1 : readShort();
        if (length < 0) {
            if (length < -1) {
                throw new MalformedMessageException("negative string length " + length);
            }
            return null;
        }
        require(length, "string");
        String value = buffer.toString(buffer.readerIndex(), length, StandardCharsets.UTF_8);
        buffer.skipBytes(length);
        return value;
    }

    /** Reads a bytes field into a fresh array; a null is malformed. */
    public byte[] readByteArray(boolean compact) {
        byte[] value = readNullableByteArray(compact);
        if (value == null) {
            throw new MalformedMessageException("null bytes in a non-nullable field");
        }
        return value;
    }

    /** Reads a bytes field into a fresh array that does not share this buffer; null when the field is null. */
    public byte[] readNullableByteArray(boolean compact) {
        int length = compact ? readUnsignedVarint() - 1 : readInt();
        if (length < 0) {
            if (length < -1) {
                throw new MalformedMessageException("negative bytes length " + length);
            }
            return null;
        }
        require(length, "bytes");
        byte[] value = new byte[length];
        buffer.readBytes(value);
        return value;
    }

    /**
     * Reads an array length; -1 means null. Every element takes at least one byte, so a length
     * above the remaining bytes is rejected before anyone allocates room for it.
     */
    public int readArrayLength(boolean compact) {
        int length = compact ? readUnsignedVarint() - 1 : readInt();
        if (length < -1) {
            throw new MalformedMessageException("negative array length " + length);
        }
        if (length > remaining()) {
            throw new MalformedMessageException("array of " + length + " elements in " + remaining() + " bytes");
        }
        return length;
    }

    /** Reads a records field as a view of this buffer; null when the field is null. */
    public RecordSet readRecords(boolean compact) {
        int length = compact ? readUnsignedVarint() - 1 : readInt();
        if (length < 0) {
            if (length < -1) {
                throw new MalformedMessageException("negative records length " + length);
            }
            return null;
        }
        require(length, "records");
        return new ByteBufRecords(buffer.readSlice(length));
    }

    /** Reads the number of tagged fields; each takes at least two bytes (tag and size). */
    public int readTaggedFieldCount() {
        int count = readUnsignedVarint();
        if (count < 0 || count > remaining() / 2) {
            throw new MalformedMessageException(count + " tagged fields in " + remaining() + " bytes");
        }
        return count;
    }

    /** Skips a whole tagged-field section whose fields are all unknown to the reader. */
    public void skipTaggedFields() {
        for (int count = readTaggedFieldCount(); count > 0; count--) {
            readUnsignedVarint();
            skip(readUnsignedVarint());
        }
    }

    public void skip(int length) {
        if (length < 0) {
            throw new MalformedMessageException("negative field size " + length);
        }
        require(length, "tagged field");
        buffer.skipBytes(length);
    }

    private void require(int length, String what) {
        if (buffer.readableBytes() < length) {
            throw new MalformedMessageException(
                    what + " needs " + length + " bytes but only " + buffer.readableBytes() + " remain");
        }
    }
}
