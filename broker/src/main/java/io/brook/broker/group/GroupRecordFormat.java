package io.brook.broker.group;

import io.brook.broker.group.GroupRecord.GroupMetadata;
import io.brook.broker.group.GroupRecord.GroupTombstone;
import io.brook.broker.group.GroupRecord.OffsetCommit;
import io.brook.broker.group.GroupRecord.OffsetTombstone;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The key and value of one group record in the group log: our own format, in the spirit of
 * Kafka's {@code __consumer_offsets} records. The key says what the record is about, the value
 * what it is now; a record without a value (null) is a tombstone for its key. Big-endian.
 *
 * <pre>
 *  key: offset commit (type 1)           value: version 0 (absent for OffsetTombstone)
 *    int8    key type = 1                  int16    version = 0
 *    string  groupId                       int64    offset
 *    string  topic                         int32    leaderEpoch (-1: none)
 *    int32   partition                     nstring  metadata
 *                                          int64    commitTimestampMs
 *                                          int64    expireTimestampMs (-1: none)
 *
 *  key: group metadata (type 2)          value: version 0 (absent for GroupTombstone)
 *    int8    key type = 2                  int16    version = 0
 *    string  groupId                       nstring  protocolType
 *                                          int32    generationId
 *                                          nstring  protocolName
 *                                          int64    stateTimestampMs
 *
 *  string  = int16 length, then that many bytes of UTF-8
 *  nstring = the same, or length -1 for null
 * </pre>
 *
 * The key type doubles as the key's version: a new key layout takes a new type. Types start at 1
 * so that zeroed bytes never read as a valid key. Reading fails with an IOException on a key type
 * or value version this broker does not know, or on fields that do not fill the key or value
 * exactly: group state is never dropped silently.
 *
 * <p>Thread-safety: stateless.
 */
final class GroupRecordFormat {
    static final byte OFFSET_KEY_TYPE = 1;
    static final byte GROUP_KEY_TYPE = 2;
    static final short OFFSET_VALUE_VERSION = 0;
    static final short GROUP_VALUE_VERSION = 0;

    private static final int NULL_LENGTH = -1;
    private static final int STRING_LENGTH_BYTES = Short.BYTES;

    private GroupRecordFormat() {
    }

    /** The key of {@code record}. Throws IllegalArgumentException when a field cannot be written. */
    static byte[] key(GroupRecord record) {
        if (record instanceof OffsetCommit commit) {
            return offsetKey(commit.groupId(), commit.topic(), commit.partition());
        }
        if (record instanceof OffsetTombstone tombstone) {
            return offsetKey(tombstone.groupId(), tombstone.topic(), tombstone.partition());
        }
        // GroupMetadata or GroupTombstone: the interface is sealed.
        return groupKey(record.groupId());
    }

    /** The value of {@code record}; null for a tombstone. Throws IllegalArgumentException when a field cannot be written. */
    static byte[] value(GroupRecord record) {
        if (record instanceof OffsetCommit commit) {
            return offsetValue(commit);
        }
        if (record instanceof GroupMetadata metadata) {
            return groupValue(metadata);
        }
        return null;
    }

    private static byte[] offsetKey(String groupId, String topic, int partition) {
        byte[] group = utf8(groupId, "group id");
        byte[] topicName = utf8(topic, "topic");
        ByteBuffer key = ByteBuffer.allocate(Byte.BYTES + stringBytes(group) + stringBytes(topicName) + Integer.BYTES);
        key.put(OFFSET_KEY_TYPE);
        putString(key, group);
        putString(key, topicName);
        key.putInt(partition);
        return key.array();
    }

    private static byte[] groupKey(String groupId) {
        byte[] group = utf8(groupId, "group id");
        ByteBuffer key = ByteBuffer.allocate(Byte.BYTES + stringBytes(group));
        key.put(GROUP_KEY_TYPE);
        putString(key, group);
        return key.array();
    }

    private static byte[] offsetValue(OffsetCommit commit) {
        byte[] metadata = nullableUtf8(commit.metadata(), "offset metadata");
        ByteBuffer value = ByteBuffer.allocate(Short.BYTES + Long.BYTES + Integer.BYTES + stringBytes(metadata) + 2 * Long.BYTES);
        value.putShort(OFFSET_VALUE_VERSION);
        value.putLong(commit.offset());
        value.putInt(commit.leaderEpoch());
        putString(value, metadata);
        value.putLong(commit.commitTimestampMs());
        value.putLong(commit.expireTimestampMs());
        return value.array();
    }

    private static byte[] groupValue(GroupMetadata metadata) {
        byte[] protocolType = nullableUtf8(metadata.protocolType(), "protocol type");
        byte[] protocolName = nullableUtf8(metadata.protocolName(), "protocol name");
        ByteBuffer value = ByteBuffer.allocate(Short.BYTES + stringBytes(protocolType) + Integer.BYTES + stringBytes(protocolName)
                + Long.BYTES);
        value.putShort(GROUP_VALUE_VERSION);
        putString(value, protocolType);
        value.putInt(metadata.generationId());
        putString(value, protocolName);
        value.putLong(metadata.stateTimestampMs());
        return value.array();
    }

    /**
     * The record stored at {@code offset} with {@code key} and {@code value} (null for a
     * tombstone), each read from its position to its limit.
     */
    static GroupRecord read(ByteBuffer key, ByteBuffer value, long offset) throws IOException {
        try {
            byte type = key.get();
            GroupRecord record;
            if (type == OFFSET_KEY_TYPE) {
                record = readOffset(key, value, offset);
            } else if (type == GROUP_KEY_TYPE) {
                record = readGroup(key, value, offset);
            } else {
                throw new IOException("The record at offset " + offset + " of the group log has key type " + type
                        + ", which this broker does not know: a newer broker wrote it, or the log is damaged.");
            }
            requireConsumed(key, "key", offset);
            if (value != null) {
                requireConsumed(value, "value", offset);
            }
            return record;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | CharacterCodingException e) {
            throw new IOException("The record at offset " + offset + " of the group log is malformed: its key or value ends early "
                    + "or holds text that is not UTF-8.", e);
        }
    }

    private static GroupRecord readOffset(ByteBuffer key, ByteBuffer value, long offset) throws IOException {
        String groupId = readString(key, offset);
        String topic = readString(key, offset);
        int partition = key.getInt();
        if (value == null) {
            return new OffsetTombstone(groupId, topic, partition);
        }
        requireVersion(value.getShort(), OFFSET_VALUE_VERSION, "offset commit", offset);
        long committedOffset = value.getLong();
        int leaderEpoch = value.getInt();
        String metadata = readNullableString(value);
        long commitTimestampMs = value.getLong();
        long expireTimestampMs = value.getLong();
        return new OffsetCommit(groupId, topic, partition, committedOffset, leaderEpoch, metadata, commitTimestampMs,
                expireTimestampMs);
    }

    private static GroupRecord readGroup(ByteBuffer key, ByteBuffer value, long offset) throws IOException {
        String groupId = readString(key, offset);
        if (value == null) {
            return new GroupTombstone(groupId);
        }
        requireVersion(value.getShort(), GROUP_VALUE_VERSION, "group metadata", offset);
        String protocolType = readNullableString(value);
        int generationId = value.getInt();
        String protocolName = readNullableString(value);
        long stateTimestampMs = value.getLong();
        return new GroupMetadata(groupId, protocolType, generationId, protocolName, stateTimestampMs);
    }

    private static void requireVersion(short version, short known, String kind, long offset) throws IOException {
        if (version != known) {
            throw new IOException("The " + kind + " record at offset " + offset + " of the group log has value version " + version
                    + "; this broker knows version " + known + " only: a newer broker wrote it, or the log is damaged.");
        }
    }

    private static void requireConsumed(ByteBuffer field, String name, long offset) throws IOException {
        if (field.hasRemaining()) {
            throw new IOException("The record at offset " + offset + " of the group log has " + field.remaining()
                    + " bytes after the fields of its " + name + ".");
        }
    }

    private static String readString(ByteBuffer buffer, long offset) throws IOException, CharacterCodingException {
        String value = readNullableString(buffer);
        if (value == null) {
            throw new IOException("The record at offset " + offset + " of the group log has a null group id or topic in its key.");
        }
        return value;
    }

    /** Strict decoding: bytes that are not UTF-8 are damage, not text to replace. */
    private static String readNullableString(ByteBuffer buffer) throws CharacterCodingException {
        short length = buffer.getShort();
        if (length == NULL_LENGTH) {
            return null;
        }
        // A length below -1 or past the end fails here, as IndexOutOfBoundsException.
        ByteBuffer bytes = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes)
                .toString();
    }

    private static byte[] utf8(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException("a group record's " + field + " must not be null");
        }
        return nullableUtf8(text, field);
    }

    private static byte[] nullableUtf8(String text, String field) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a group record's " + field + " takes " + bytes.length
                    + " bytes of UTF-8; an int16 length allows " + Short.MAX_VALUE);
        }
        return bytes;
    }

    private static int stringBytes(byte[] utf8) {
        return STRING_LENGTH_BYTES + (utf8 == null ? 0 : utf8.length);
    }

    private static void putString(ByteBuffer buffer, byte[] utf8) {
        if (utf8 == null) {
            buffer.putShort((short) NULL_LENGTH);
            return;
        }
        buffer.putShort((short) utf8.length);
        buffer.put(utf8);
    }
}
