package io.brook.protocol.testing;

import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.wire.WireReader;
import io.brook.protocol.wire.WireWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCounted;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Builds record batches of magic 2 the way a producer sends them (base offset 0, leader epoch -1,
 * uncompressed records, a valid CRC-32C), and decodes stored batches back into records, so that
 * module tests need no Kafka client. Records use Kafka's layout:
 *
 * <pre>
 *  length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
 *  | keyLength varint (-1 null) | key | valueLength varint (-1 null) | value | headerCount varint
 * </pre>
 *
 * Every buffer returned is an unpooled heap buffer the caller owns and releases.
 */
public final class TestBatches {
    /** What a producer puts in PartitionLeaderEpoch: it does not know, and the broker stamps it. */
    public static final int PRODUCER_LEADER_EPOCH = -1;
    /** Base timestamp of {@link #ofValues} batches; record i gets this plus i. */
    public static final long DEFAULT_TIMESTAMP_MS = 1_700_000_000_000L;
    private static final byte RECORD_ATTRIBUTES = 0;

    private TestBatches() {
    }

    /** A record as a test writes it. */
    public record TestRecord(String key, String value, long timestampMs) {
    }

    /** A record as decoded from stored bytes, with the offset its batch assigned it. */
    public record StoredRecord(long offset, long timestampMs, String key, String value) {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An uncompressed batch without producer id whose records have these values, null keys and increasing timestamps. */
    public static ByteBuf ofValues(String... values) {
        Builder builder = builder();
        for (int i = 0; i < values.length; i++) {
            builder.record(null, values[i], DEFAULT_TIMESTAMP_MS + i);
        }
        return builder.build();
    }

    /** A batch of {@code recordCount} records with null keys and values "value-0", "value-1", ... */
    public static ByteBuf ofRecordCount(int recordCount) {
        String[] values = new String[recordCount];
        for (int i = 0; i < recordCount; i++) {
            values[i] = "value-" + i;
        }
        return ofValues(values);
    }

    /** An idempotent producer's batch of {@code recordCount} records starting at {@code baseSequence}. */
    public static ByteBuf idempotent(long producerId, short producerEpoch, int baseSequence, int recordCount) {
        Builder builder = builder().producer(producerId, producerEpoch, baseSequence);
        for (int i = 0; i < recordCount; i++) {
            builder.record("k" + i, "seq-" + baseSequence + "+" + i, DEFAULT_TIMESTAMP_MS + i);
        }
        return builder.build();
    }

    /** Rewrites the CRC of the batch at the reader index, after a test changed CRC-covered bytes on purpose. */
    public static void recomputeCrc(ByteBuf batch) {
        int start = batch.readerIndex();
        int sizeInBytes = RecordBatchView.LOG_OVERHEAD + batch.getInt(start + RecordBatchView.BATCH_LENGTH_OFFSET);
        CRC32C crc = new CRC32C();
        crc.update(batch.nioBuffer(start + RecordBatchView.ATTRIBUTES_OFFSET, sizeInBytes - RecordBatchView.ATTRIBUTES_OFFSET));
        batch.setInt(start + RecordBatchView.CRC_OFFSET, (int) crc.getValue());
    }

    /** The readable bytes of {@code buffer}, without changing its indexes. */
    public static byte[] bytesOf(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        return bytes;
    }

    /** The base offset of every batch in {@code batches}, in order. */
    public static List<Long> baseOffsets(byte[] batches) {
        List<Long> offsets = new ArrayList<>();
        ByteBuf buffer = Unpooled.wrappedBuffer(batches);
        try {
            RecordBatchView view = new RecordBatchView();
            for (int position = 0; position < batches.length; position += view.sizeInBytes()) {
                offsets.add(view.wrap(buffer, position).baseOffset());
            }
        } finally {
            buffer.release();
        }
        return offsets;
    }

    /** Decodes every record of the uncompressed batches in {@code batches}, which must hold whole batches only. */
    public static List<StoredRecord> decode(byte[] batches) {
        List<StoredRecord> records = new ArrayList<>();
        ByteBuf buffer = Unpooled.wrappedBuffer(batches);
        try {
            RecordBatchView view = new RecordBatchView();
            int position = 0;
            while (position < batches.length) {
                view.wrap(buffer, position);
                int sizeInBytes = view.sizeInBytes();
                if (position + sizeInBytes > batches.length) {
                    throw new IllegalStateException("partial batch at position=" + position + " size=" + sizeInBytes);
                }
                WireReader reader = new WireReader(buffer.slice(position + RecordBatchView.RECORDS_OFFSET,
                        sizeInBytes - RecordBatchView.RECORDS_OFFSET));
                for (int i = 0; i < view.recordCount(); i++) {
                    records.add(decodeRecord(reader, view.baseOffset(), view.baseTimestamp()));
                }
                position += sizeInBytes;
            }
        } finally {
            buffer.release();
        }
        return records;
    }

    private static StoredRecord decodeRecord(WireReader reader, long baseOffset, long baseTimestamp) {
        reader.readVarint();
        reader.readByte();
        long timestampDelta = reader.readVarlong();
        int offsetDelta = reader.readVarint();
        String key = readNullableBytes(reader);
        String value = readNullableBytes(reader);
        int headerCount = reader.readVarint();
        for (int header = 0; header < headerCount; header++) {
            readNullableBytes(reader);
            readNullableBytes(reader);
        }
        return new StoredRecord(baseOffset + offsetDelta, baseTimestamp + timestampDelta, key, value);
    }

    private static String readNullableBytes(WireReader reader) {
        int length = reader.readVarint();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = reader.readByte();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One batch: its records, attributes and producer fields. Everything else is as a producer sends it. */
    public static final class Builder {
        private final List<TestRecord> records = new ArrayList<>();
        private short attributes;
        private long producerId = RecordBatchView.NO_PRODUCER_ID;
        private short producerEpoch = RecordBatchView.NO_PRODUCER_EPOCH;
        private int baseSequence = RecordBatchView.NO_SEQUENCE;

        private Builder() {
        }

        public Builder record(String key, String value, long timestampMs) {
            records.add(new TestRecord(key, value, timestampMs));
            return this;
        }

        /** The attributes field as is: compression id in bits 0-2, transactional bit 4, control bit 5. */
        public Builder attributes(int attributes) {
            this.attributes = (short) attributes;
            return this;
        }

        public Builder producer(long producerId, short producerEpoch, int baseSequence) {
            this.producerId = producerId;
            this.producerEpoch = producerEpoch;
            this.baseSequence = baseSequence;
            return this;
        }

        public ByteBuf build() {
            if (records.isEmpty()) {
                throw new IllegalStateException("a batch needs at least one record");
            }
            long baseTimestamp = records.get(0).timestampMs();
            long maxTimestamp = Long.MIN_VALUE;
            for (TestRecord record : records) {
                maxTimestamp = Math.max(maxTimestamp, record.timestampMs());
            }
            ByteBuf encodedRecords = encodeRecords(baseTimestamp);
            try {
                int sizeInBytes = RecordBatchView.RECORDS_OFFSET + encodedRecords.readableBytes();
                ByteBuf batch = Unpooled.buffer(sizeInBytes, sizeInBytes);
                batch.writeLong(0);
                batch.writeInt(sizeInBytes - RecordBatchView.LOG_OVERHEAD);
                batch.writeInt(PRODUCER_LEADER_EPOCH);
                batch.writeByte(RecordBatchView.MAGIC_V2);
                batch.writeInt(0);
                batch.writeShort(attributes);
                batch.writeInt(records.size() - 1);
                batch.writeLong(baseTimestamp);
                batch.writeLong(maxTimestamp);
                batch.writeLong(producerId);
                batch.writeShort(producerEpoch);
                batch.writeInt(baseSequence);
                batch.writeInt(records.size());
                if (batch.writerIndex() != RecordBatchView.RECORDS_OFFSET) {
                    batch.release();
                    throw new IllegalStateException("header written to " + batch.writerIndex()
                            + " but RecordBatchView puts records at " + RecordBatchView.RECORDS_OFFSET);
                }
                batch.writeBytes(encodedRecords);
                recomputeCrc(batch);
                return batch;
            } finally {
                encodedRecords.release();
            }
        }

        private ByteBuf encodeRecords(long baseTimestamp) {
            WireWriter out = new WireWriter(UnpooledByteBufAllocator.DEFAULT);
            for (int i = 0; i < records.size(); i++) {
                TestRecord record = records.get(i);
                WireWriter body = out.scratch();
                body.writeByte(RECORD_ATTRIBUTES);
                body.writeVarlong(record.timestampMs() - baseTimestamp);
                body.writeVarint(i);
                writeNullableBytes(body, record.key());
                writeNullableBytes(body, record.value());
                body.writeVarint(0);
                ByteBuf encoded = onlyBuffer(body.finish());
                try {
                    out.writeVarint(encoded.readableBytes());
                    out.writeBytes(encoded);
                } finally {
                    encoded.release();
                }
            }
            return onlyBuffer(out.finish());
        }

        private static void writeNullableBytes(WireWriter writer, String text) {
            if (text == null) {
                writer.writeVarint(-1);
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            writer.writeVarint(bytes.length);
            for (byte b : bytes) {
                writer.writeByte(b);
            }
        }

        private static ByteBuf onlyBuffer(List<ReferenceCounted> parts) {
            if (parts.size() != 1) {
                parts.forEach(ReferenceCounted::release);
                throw new IllegalStateException("expected one buffer from the writer, got parts=" + parts.size());
            }
            return (ByteBuf) parts.get(0);
        }
    }
}
