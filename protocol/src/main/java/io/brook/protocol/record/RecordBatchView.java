package io.brook.protocol.record;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32C;

/**
 * A flyweight over one record batch of magic 2 (Kafka's {@code DefaultRecordBatch} layout), read
 * and written in place. {@link #wrap} points it at a batch; accessors read fixed positions and
 * create nothing.
 *
 * <pre>
 *  offset  size  field
 *       0     8  BaseOffset              \
 *       8     4  BatchLength              | not covered by the CRC: the broker rewrites the
 *      12     4  PartitionLeaderEpoch    /  offset and epoch without recomputing it
 *      16     1  Magic (= 2)
 *      17     4  CRC (CRC-32C of Attributes .. end of batch)
 *      21     2  Attributes: bits 0-2 compression, 3 timestamp type, 4 transactional, 5 control
 *      23     4  LastOffsetDelta
 *      27     8  BaseTimestamp
 *      35     8  MaxTimestamp
 *      43     8  ProducerId
 *      51     2  ProducerEpoch
 *      53     4  BaseSequence
 *      57     4  RecordsCount
 *      61     -  Records (compressed as a whole when bits 0-2 are not 0)
 * </pre>
 *
 * BatchLength counts the bytes after itself, so a batch takes {@code LOG_OVERHEAD + batchLength()}
 * bytes. Not thread-safe; one view per thread, re-pointed with {@link #wrap}.
 */
public final class RecordBatchView {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BASE_OFFSET_LENGTH = 8;
    public static final int BATCH_LENGTH_OFFSET = BASE_OFFSET_OFFSET + BASE_OFFSET_LENGTH;
    public static final int BATCH_LENGTH_LENGTH = 4;
    /** Bytes before the part that BatchLength counts. */
    public static final int LOG_OVERHEAD = BATCH_LENGTH_OFFSET + BATCH_LENGTH_LENGTH;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = LOG_OVERHEAD;
    public static final int PARTITION_LEADER_EPOCH_LENGTH = 4;
    public static final int MAGIC_OFFSET = PARTITION_LEADER_EPOCH_OFFSET + PARTITION_LEADER_EPOCH_LENGTH;
    public static final int MAGIC_LENGTH = 1;
    public static final int CRC_OFFSET = MAGIC_OFFSET + MAGIC_LENGTH;
    public static final int CRC_LENGTH = 4;
    public static final int ATTRIBUTES_OFFSET = CRC_OFFSET + CRC_LENGTH;
    public static final int ATTRIBUTES_LENGTH = 2;
    public static final int LAST_OFFSET_DELTA_OFFSET = ATTRIBUTES_OFFSET + ATTRIBUTES_LENGTH;
    public static final int LAST_OFFSET_DELTA_LENGTH = 4;
    public static final int BASE_TIMESTAMP_OFFSET = LAST_OFFSET_DELTA_OFFSET + LAST_OFFSET_DELTA_LENGTH;
    public static final int BASE_TIMESTAMP_LENGTH = 8;
    public static final int MAX_TIMESTAMP_OFFSET = BASE_TIMESTAMP_OFFSET + BASE_TIMESTAMP_LENGTH;
    public static final int MAX_TIMESTAMP_LENGTH = 8;
    public static final int PRODUCER_ID_OFFSET = MAX_TIMESTAMP_OFFSET + MAX_TIMESTAMP_LENGTH;
    public static final int PRODUCER_ID_LENGTH = 8;
    public static final int PRODUCER_EPOCH_OFFSET = PRODUCER_ID_OFFSET + PRODUCER_ID_LENGTH;
    public static final int PRODUCER_EPOCH_LENGTH = 2;
    public static final int BASE_SEQUENCE_OFFSET = PRODUCER_EPOCH_OFFSET + PRODUCER_EPOCH_LENGTH;
    public static final int BASE_SEQUENCE_LENGTH = 4;
    public static final int RECORDS_COUNT_OFFSET = BASE_SEQUENCE_OFFSET + BASE_SEQUENCE_LENGTH;
    public static final int RECORDS_COUNT_LENGTH = 4;
    public static final int RECORDS_OFFSET = RECORDS_COUNT_OFFSET + RECORDS_COUNT_LENGTH;
    /** The smallest possible batch: a header and no records (61 bytes). */
    public static final int RECORD_BATCH_OVERHEAD = RECORDS_OFFSET;

    public static final byte MAGIC_V2 = 2;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;

    private static final int COMPRESSION_CODEC_MASK = 0x07;
    private static final int TIMESTAMP_TYPE_MASK = 0x08;
    private static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    private static final int CONTROL_FLAG_MASK = 0x20;

    private ByteBuf buffer;
    private int start;

    /** Points this view at the batch that starts at {@code index} of {@code buffer}. */
    public RecordBatchView wrap(ByteBuf buffer, int index) {
        this.buffer = buffer;
        this.start = index;
        return this;
    }

    public long baseOffset() {
        return buffer.getLong(start + BASE_OFFSET_OFFSET);
    }

    /** Assigns the batch its offsets. BaseOffset lies outside the CRC, so the CRC stays valid. */
    public void setBaseOffset(long baseOffset) {
        buffer.setLong(start + BASE_OFFSET_OFFSET, baseOffset);
    }

    public int batchLength() {
        return buffer.getInt(start + BATCH_LENGTH_OFFSET);
    }

    /** The whole batch, BaseOffset and BatchLength included. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength();
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(start + PARTITION_LEADER_EPOCH_OFFSET);
    }

    /** Stamps the leader epoch. It lies outside the CRC, so the CRC stays valid. */
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.setInt(start + PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    public byte magic() {
        return buffer.getByte(start + MAGIC_OFFSET);
    }

    /** The stored CRC-32C, as the unsigned 32-bit value it is. */
    public long checksum() {
        return buffer.getUnsignedInt(start + CRC_OFFSET);
    }

    /** The CRC-32C of Attributes through the end of the batch, as recomputed now. */
    public long computeChecksum() {
        CRC32C crc = new CRC32C();
        crc.update(buffer.nioBuffer(start + ATTRIBUTES_OFFSET, sizeInBytes() - ATTRIBUTES_OFFSET));
        return crc.getValue();
    }

    public boolean isChecksumValid() {
        return checksum() == computeChecksum();
    }

    /**
     * Stamps the batch with the broker's clock (a LogAppendTime topic): sets the timestamp type
     * and the max timestamp, which the records then all take, and recomputes the CRC they are
     * under.
     */
    public void setLogAppendTime(long timestampMs) {
        buffer.setShort(start + ATTRIBUTES_OFFSET, attributes() | TIMESTAMP_TYPE_MASK);
        buffer.setLong(start + MAX_TIMESTAMP_OFFSET, timestampMs);
        buffer.setInt(start + CRC_OFFSET, (int) computeChecksum());
    }

    public short attributes() {
        return buffer.getShort(start + ATTRIBUTES_OFFSET);
    }

    /** Kafka's compression id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
    public int compressionId() {
        return attributes() & COMPRESSION_CODEC_MASK;
    }

    public boolean isLogAppendTime() {
        return (attributes() & TIMESTAMP_TYPE_MASK) != 0;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    public int lastOffsetDelta() {
        return buffer.getInt(start + LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long baseTimestamp() {
        return buffer.getLong(start + BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(start + MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(start + PRODUCER_ID_OFFSET);
    }

    public boolean hasProducerId() {
        return producerId() != NO_PRODUCER_ID;
    }

    public short producerEpoch() {
        return buffer.getShort(start + PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(start + BASE_SEQUENCE_OFFSET);
    }

    /**
     * The sequence of the last record; sequences wrap from Integer.MAX_VALUE to 0, as Kafka's do. A
     * batch without sequences (NO_SEQUENCE, a producer without idempotence) has no last sequence
     * either, as in Kafka's {@code DefaultRecordBatch.lastSequence}.
     */
    public int lastSequence() {
        int baseSequence = baseSequence();
        if (baseSequence == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        return nextSequence(baseSequence, lastOffsetDelta());
    }

    public int recordCount() {
        return buffer.getInt(start + RECORDS_COUNT_OFFSET);
    }

    /** {@code sequence + increment}, wrapping past Integer.MAX_VALUE to 0. */
    public static int nextSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }
}
