package io.brook.broker.group;

import io.brook.log.append.RecordFields;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Group records as one record batch of magic 2 ({@link RecordBatchView} shows the header): no
 * compression, CreateTime, no producer id, every record stamped with the batch's timestamp, each
 * record's key and value as {@link GroupRecordFormat} writes them, no headers. One batch is one
 * append, so the records of one {@link GroupStore#append} reach the log together or not at all:
 * recovery keeps or cuts a batch whole.
 *
 * <p>Built in two steps: {@link #of} encodes the keys and values (and refuses what cannot be
 * encoded, before anything is published), {@link #toByteBuf} lays out the batch. {@link #read}
 * goes the other way for a stored batch.
 *
 * <p>Thread-safety: immutable once built.
 */
final class GroupRecordBatch {
    private static final byte NO_ATTRIBUTES = 0;
    /** The log overwrites the leader epoch on append; this is Kafka's "no epoch". */
    private static final int NO_PARTITION_LEADER_EPOCH = -1;
    private static final int NULL_LENGTH = -1;
    private static final int NO_HEADERS = 0;
    private static final long NO_TIMESTAMP_DELTA = 0;
    private static final int VARINT_PAYLOAD_MASK = 0x7f;
    private static final int VARINT_CONTINUATION_BIT = 0x80;

    private final List<GroupRecord> records;
    private final byte[][] keys;
    private final byte[][] values;
    /** Each record's encoded size, its length prefix included. */
    private final int[] recordSizesInBytes;
    private final int sizeInBytes;

    private GroupRecordBatch(List<GroupRecord> records, byte[][] keys, byte[][] values, int[] recordSizesInBytes, int sizeInBytes) {
        this.records = records;
        this.keys = keys;
        this.values = values;
        this.recordSizesInBytes = recordSizesInBytes;
        this.sizeInBytes = sizeInBytes;
    }

    /**
     * Encodes {@code records} (at least one). Throws IllegalArgumentException when a record has a
     * field the format cannot hold, or the batch would pass the 2 GiB a batch length can say.
     */
    static GroupRecordBatch of(List<GroupRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a group record batch needs at least one record");
        }
        List<GroupRecord> copy = List.copyOf(records);
        int count = copy.size();
        byte[][] keys = new byte[count][];
        byte[][] values = new byte[count][];
        int[] sizes = new int[count];
        long total = RecordBatchView.RECORD_BATCH_OVERHEAD;
        for (int i = 0; i < count; i++) {
            keys[i] = GroupRecordFormat.key(copy.get(i));
            values[i] = GroupRecordFormat.value(copy.get(i));
            int bodyBytes = bodyBytes(i, keys[i], values[i]);
            sizes[i] = varintBytes(bodyBytes) + bodyBytes;
            total += sizes[i];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(count + " group records take " + total + " bytes; a record batch holds at most "
                    + Integer.MAX_VALUE);
        }
        return new GroupRecordBatch(copy, keys, values, sizes, (int) total);
    }

    List<GroupRecord> records() {
        return records;
    }

    int recordCount() {
        return records.size();
    }

    /** The encoded size of record {@code index}, as it lies in the batch. */
    int recordSizeInBytes(int index) {
        return recordSizesInBytes[index];
    }

    /** The whole batch's size, header included. */
    int sizeInBytes() {
        return sizeInBytes;
    }

    /**
     * The batch with base offset 0 (the log assigns the real one), stamped {@code timestampMs} and
     * with its CRC-32C computed. The caller owns the buffer.
     */
    ByteBuf toByteBuf(long timestampMs) {
        ByteBuf batch = Unpooled.buffer(sizeInBytes, sizeInBytes);
        batch.writeLong(0);
        batch.writeInt(sizeInBytes - RecordBatchView.LOG_OVERHEAD);
        batch.writeInt(NO_PARTITION_LEADER_EPOCH);
        batch.writeByte(RecordBatchView.MAGIC_V2);
        int crcIndex = batch.writerIndex();
        batch.writeInt(0);
        batch.writeShort(NO_ATTRIBUTES);
        batch.writeInt(records.size() - 1);
        batch.writeLong(timestampMs);
        batch.writeLong(timestampMs);
        batch.writeLong(RecordBatchView.NO_PRODUCER_ID);
        batch.writeShort(RecordBatchView.NO_PRODUCER_EPOCH);
        batch.writeInt(RecordBatchView.NO_SEQUENCE);
        batch.writeInt(records.size());
        for (int i = 0; i < records.size(); i++) {
            writeRecord(batch, i);
        }
        batch.setInt(crcIndex, (int) new RecordBatchView().wrap(batch, 0).computeChecksum());
        return batch;
    }

    private void writeRecord(ByteBuf batch, int index) {
        writeVarlong(batch, bodyBytes(index, keys[index], values[index]));
        batch.writeByte(NO_ATTRIBUTES);
        writeVarlong(batch, NO_TIMESTAMP_DELTA);
        writeVarlong(batch, index);
        writeVarlong(batch, keys[index].length);
        batch.writeBytes(keys[index]);
        if (values[index] == null) {
            writeVarlong(batch, NULL_LENGTH);
        } else {
            writeVarlong(batch, values[index].length);
            batch.writeBytes(values[index]);
        }
        writeVarlong(batch, NO_HEADERS);
    }

    /** The bytes of record {@code index} after its length: attributes, deltas, key, value, header count. */
    private static int bodyBytes(int index, byte[] key, byte[] value) {
        int valueBytes = value == null ? varintBytes(NULL_LENGTH) : varintBytes(value.length) + value.length;
        return Byte.BYTES + varintBytes((int) NO_TIMESTAMP_DELTA) + varintBytes(index) + varintBytes(key.length) + key.length
                + valueBytes + varintBytes(NO_HEADERS);
    }

    /** Bytes of {@code value} as a zig-zag varint. */
    private static int varintBytes(int value) {
        int remaining = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((remaining & ~VARINT_PAYLOAD_MASK) != 0) {
            remaining >>>= 7;
            bytes++;
        }
        return bytes;
    }

    /** A zig-zag varint or varlong: the same encoding, which for an int value gives the varint's bytes. */
    private static void writeVarlong(ByteBuf out, long value) {
        long remaining = (value << 1) ^ (value >> 63);
        while ((remaining & ~VARINT_PAYLOAD_MASK) != 0) {
            out.writeByte((int) ((remaining & VARINT_PAYLOAD_MASK) | VARINT_CONTINUATION_BIT));
            remaining >>>= 7;
        }
        out.writeByte((int) remaining);
    }

    /** Told each record of a stored batch, in offset order. */
    @FunctionalInterface
    interface RecordVisitor {
        void record(GroupRecord record, int sizeInBytes);
    }

    /**
     * Reads the stored batch that fills {@code batch} (position to limit), tells {@code visitor}
     * its records, and returns the offset after the batch. Throws IOException naming the offset for anything this broker
     * did not write or cannot read: another magic, a bad CRC, compression, a control batch, a
     * record of an unknown type or version, malformed records.
     */
    static long read(ByteBuffer batch, RecordVisitor visitor) throws IOException {
        ByteBuf header = Unpooled.wrappedBuffer(batch);
        try {
            RecordBatchView view = new RecordBatchView().wrap(header, 0);
            readRecords(batch, view, visitor);
            return view.lastOffset() + 1;
        } finally {
            header.release();
        }
    }

    private static void readRecords(ByteBuffer batch, RecordBatchView view, RecordVisitor visitor) throws IOException {
        long baseOffset = view.baseOffset();
        if (view.magic() != RecordBatchView.MAGIC_V2) {
            throw new IOException("The batch at offset " + baseOffset + " of the group log has magic " + view.magic()
                    + "; the group log holds magic 2 batches only.");
        }
        if (!view.isChecksumValid()) {
            throw new IOException("The batch at offset " + baseOffset + " of the group log fails its CRC check: the log is damaged.");
        }
        if (view.compressionId() != 0 || view.isControl()) {
            throw new IOException("The batch at offset " + baseOffset + " of the group log has attributes " + view.attributes()
                    + "; this broker writes uncompressed data batches only there.");
        }
        ByteBuffer records = batch.slice(batch.position() + RecordBatchView.RECORDS_OFFSET,
                batch.remaining() - RecordBatchView.RECORDS_OFFSET);
        int count = view.recordCount();
        try {
            for (int i = 0; i < count; i++) {
                readRecord(records, baseOffset, visitor);
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException("The batch at offset " + baseOffset + " of the group log holds malformed records.", e);
        }
        if (records.hasRemaining()) {
            throw new IOException("The batch at offset " + baseOffset + " of the group log has " + records.remaining()
                    + " bytes after its " + count + " records.");
        }
    }

    private static void readRecord(ByteBuffer records, long baseOffset, RecordVisitor visitor) throws IOException {
        int start = records.position();
        int bodyBytes = RecordFields.readVarint(records);
        int end = records.position() + bodyBytes;
        records.get();
        RecordFields.readVarlong(records);
        long offset = baseOffset + RecordFields.readVarint(records);
        ByteBuffer key = readField(records);
        if (key == null) {
            throw new IOException("The record at offset " + offset + " of the group log has no key.");
        }
        ByteBuffer value = readField(records);
        int headerCount = RecordFields.readVarint(records);
        for (int i = 0; i < headerCount; i++) {
            readField(records);
            readField(records);
        }
        if (records.position() != end) {
            throw new IOException("The record at offset " + offset + " of the group log does not fill the " + bodyBytes
                    + " bytes its length says.");
        }
        visitor.record(GroupRecordFormat.read(key, value, offset), end - start);
    }

    /** A varint-length-prefixed field as a view of its bytes, or null for length -1. */
    private static ByteBuffer readField(ByteBuffer records) {
        int length = RecordFields.readVarint(records);
        if (length == NULL_LENGTH) {
            return null;
        }
        if (length < 0) {
            throw new IllegalArgumentException("a field length of " + length);
        }
        ByteBuffer field = records.slice(records.position(), length);
        records.position(records.position() + length);
        return field;
    }
}
