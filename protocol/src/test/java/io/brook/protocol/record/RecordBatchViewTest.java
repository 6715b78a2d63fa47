package io.brook.protocol.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every accessor of the view agrees with Kafka's {@code DefaultRecordBatch} on batches Kafka built. */
class RecordBatchViewTest {
    private static final int BUILDER_CAPACITY_BYTES = 4096;
    private static final long BASE_TIMESTAMP_MS = 1_700_000_000_000L;
    private static final long LOG_APPEND_TIME_MS = 1_800_000_000_000L;
    private static final int PARTITION_LEADER_EPOCH = 17;
    private static final long PRODUCER_ID = 4242L;
    private static final short PRODUCER_EPOCH = 3;
    private static final int TIMESTAMP_TYPE_BIT = 0x08;
    private static final int TRANSACTIONAL_BIT = 0x10;
    private static final int CONTROL_BIT = 0x20;
    private static final int KNOWN_ATTRIBUTE_BITS = 0x3f;

    /** How Kafka's builder is asked to build one batch. */
    record BatchSpec(String name, Compression compression, TimestampType timestampType, long baseOffset,
            long producerId, short producerEpoch, int baseSequence, boolean transactional, int recordCount) {
        @Override
        public String toString() {
            return name;
        }

        ByteBuffer build() {
            MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(BUILDER_CAPACITY_BYTES),
                    RecordBatch.CURRENT_MAGIC_VALUE, compression, timestampType, baseOffset,
                    timestampType == TimestampType.LOG_APPEND_TIME ? LOG_APPEND_TIME_MS : RecordBatch.NO_TIMESTAMP,
                    producerId, producerEpoch, baseSequence, transactional, PARTITION_LEADER_EPOCH);
            for (int i = 0; i < recordCount; i++) {
                // Out-of-order timestamps, so that the max timestamp is not simply the last one.
                long timestampMs = BASE_TIMESTAMP_MS + (i % 2 == 0 ? i * 10L : -i);
                builder.append(timestampMs, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                        ("value-" + i).repeat(i + 1).getBytes(StandardCharsets.UTF_8));
            }
            return builder.build().buffer();
        }
    }

    static List<BatchSpec> batches() {
        Compression none = Compression.NONE;
        Compression gzip = Compression.gzip().build();
        short noEpoch = RecordBatch.NO_PRODUCER_EPOCH;
        int noSequence = RecordBatch.NO_SEQUENCE;
        long noProducer = RecordBatch.NO_PRODUCER_ID;
        return List.of(
                new BatchSpec("plain", none, TimestampType.CREATE_TIME, 0L, noProducer, noEpoch, noSequence, false, 5),
                new BatchSpec("single record", none, TimestampType.CREATE_TIME, 7L, noProducer, noEpoch, noSequence, false, 1),
                new BatchSpec("idempotent", none, TimestampType.CREATE_TIME, 1000L, PRODUCER_ID, PRODUCER_EPOCH, 12, false, 4),
                new BatchSpec("transactional", none, TimestampType.CREATE_TIME, 50L, PRODUCER_ID, PRODUCER_EPOCH, 0, true, 3),
                new BatchSpec("gzip", gzip, TimestampType.CREATE_TIME, 0L, noProducer, noEpoch, noSequence, false, 6),
                new BatchSpec("gzip idempotent", gzip, TimestampType.CREATE_TIME, 99L, PRODUCER_ID, PRODUCER_EPOCH, 77, false, 6),
                new BatchSpec("gzip transactional", gzip, TimestampType.CREATE_TIME, 5L, PRODUCER_ID, PRODUCER_EPOCH, 3, true, 2),
                new BatchSpec("log append time", none, TimestampType.LOG_APPEND_TIME, 3L, noProducer, noEpoch, noSequence, false, 3),
                new BatchSpec("sequence wraps", none, TimestampType.CREATE_TIME, 0L, PRODUCER_ID, PRODUCER_EPOCH,
                        Integer.MAX_VALUE - 1, false, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void everyAccessorMatchesKafkasDefaultRecordBatch(BatchSpec spec) {
        ByteBuffer bytes = spec.build();
        DefaultRecordBatch kafka = onlyBatch(bytes);

        assertViewMatches(kafka, new RecordBatchView().wrap(Unpooled.wrappedBuffer(bytes), 0));
    }

    @Test
    void controlBatchIsSeenAsControlAndTransactional() {
        ByteBuffer bytes = MemoryRecords.withEndTransactionMarker(40L, BASE_TIMESTAMP_MS, PARTITION_LEADER_EPOCH,
                PRODUCER_ID, PRODUCER_EPOCH, new EndTransactionMarker(ControlRecordType.COMMIT, 9)).buffer();
        DefaultRecordBatch kafka = onlyBatch(bytes);
        RecordBatchView view = new RecordBatchView().wrap(Unpooled.wrappedBuffer(bytes), 0);

        assertTrue(view.isControl());
        assertTrue(view.isTransactional());
        assertViewMatches(kafka, view);
    }

    @Test
    void viewReadsBatchesAtTheirPositionInALargerBuffer() {
        List<ByteBuffer> built = new ArrayList<>();
        for (BatchSpec spec : batches()) {
            built.add(spec.build());
        }
        int junkPrefixBytes = 13;
        ByteBuf combined = Unpooled.buffer();
        combined.writeZero(junkPrefixBytes);
        for (ByteBuffer batch : built) {
            combined.writeBytes(batch.duplicate());
        }
        MemoryRecords kafkaRecords = MemoryRecords.readableRecords(combined.nioBuffer(junkPrefixBytes, combined.readableBytes() - junkPrefixBytes));

        RecordBatchView view = new RecordBatchView();
        int position = junkPrefixBytes;
        int batchCount = 0;
        for (MutableRecordBatch kafka : kafkaRecords.batches()) {
            view.wrap(combined, position);
            assertViewMatches((DefaultRecordBatch) kafka, view);
            position += view.sizeInBytes();
            batchCount++;
        }
        assertEquals(built.size(), batchCount);
        assertEquals(combined.writerIndex(), position);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void flippingAnyByteTheCrcCoversInvalidatesTheChecksum(BatchSpec spec) {
        ByteBuffer bytes = spec.build();
        DefaultRecordBatch kafka = onlyBatch(bytes);
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        RecordBatchView view = new RecordBatchView().wrap(buffer, 0);
        assertTrue(view.isChecksumValid());

        for (int position = RecordBatchView.CRC_OFFSET; position < view.sizeInBytes(); position++) {
            byte original = buffer.getByte(position);
            buffer.setByte(position, original ^ 0xff);
            assertFalse(view.isChecksumValid(), spec + ": byte " + position + " flipped");
            assertFalse(kafka.isValid(), spec + ": Kafka agrees on byte " + position);
            buffer.setByte(position, original);
        }
        assertTrue(view.isChecksumValid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void bytesBeforeTheCrcDoNotAffectItsValidity(BatchSpec spec) {
        ByteBuffer bytes = spec.build();
        DefaultRecordBatch kafka = onlyBatch(bytes);
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        RecordBatchView view = new RecordBatchView().wrap(buffer, 0);

        for (int position = 0; position < RecordBatchView.CRC_OFFSET; position++) {
            boolean isBatchLength = position >= RecordBatchView.BATCH_LENGTH_OFFSET && position < RecordBatchView.LOG_OVERHEAD;
            if (isBatchLength) {
                // The length decides which bytes the CRC covers; changing it is not a flip "outside" the CRC.
                continue;
            }
            byte original = buffer.getByte(position);
            buffer.setByte(position, original ^ 0xff);
            assertTrue(view.isChecksumValid(), spec + ": byte " + position + " flipped");
            assertTrue(kafka.isValid(), spec + ": Kafka agrees on byte " + position);
            buffer.setByte(position, original);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void settingBaseOffsetAndLeaderEpochKeepsTheChecksumValid(BatchSpec spec) {
        ByteBuffer bytes = spec.build();
        DefaultRecordBatch kafka = onlyBatch(bytes);
        RecordBatchView view = new RecordBatchView().wrap(Unpooled.wrappedBuffer(bytes), 0);
        long checksumBefore = view.checksum();

        view.setBaseOffset(123_456_789_012L);
        view.setPartitionLeaderEpoch(99);

        assertTrue(view.isChecksumValid());
        assertEquals(checksumBefore, view.checksum());
        assertEquals(123_456_789_012L, view.baseOffset());
        assertEquals(99, view.partitionLeaderEpoch());
        assertTrue(kafka.isValid());
        assertEquals(123_456_789_012L, kafka.baseOffset());
        assertEquals(99, kafka.partitionLeaderEpoch());
        assertViewMatches(kafka, view);
    }

    @Test
    void lastSequenceWrapsPastIntegerMaxValueToZeroLikeKafka() {
        ByteBuffer bytes = new BatchSpec("wrap", Compression.NONE, TimestampType.CREATE_TIME, 0L, PRODUCER_ID, PRODUCER_EPOCH,
                Integer.MAX_VALUE - 1, false, 5).build();
        RecordBatchView view = new RecordBatchView().wrap(Unpooled.wrappedBuffer(bytes), 0);

        // Records 0..4 take sequences MAX-1, MAX, 0, 1, 2.
        assertEquals(2, view.lastSequence());
        assertEquals(onlyBatch(bytes).lastSequence(), view.lastSequence());
    }

    @Test
    void batchWithoutSequenceHasNoLastSequenceLikeKafka() {
        ByteBuffer bytes = new BatchSpec("no producer", Compression.NONE, TimestampType.CREATE_TIME, 0L,
                RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, false, 3).build();
        RecordBatchView view = new RecordBatchView().wrap(Unpooled.wrappedBuffer(bytes), 0);

        assertEquals(RecordBatchView.NO_SEQUENCE, view.lastSequence());
        assertEquals(onlyBatch(bytes).lastSequence(), view.lastSequence());
    }

    @Test
    void nextSequenceWrapsLikeKafkasIncrementSequence() {
        int[] sequences = {0, 1, 1000, Integer.MAX_VALUE - 10, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        int[] increments = {0, 1, 2, 5, 10, 11, 1000, Integer.MAX_VALUE};
        for (int sequence : sequences) {
            for (int increment : increments) {
                assertEquals(DefaultRecordBatch.incrementSequence(sequence, increment),
                        RecordBatchView.nextSequence(sequence, increment), sequence + " + " + increment);
            }
        }
        assertEquals(0, RecordBatchView.nextSequence(Integer.MAX_VALUE, 1));
        assertEquals(4, RecordBatchView.nextSequence(Integer.MAX_VALUE - 1, 6));
    }

    private static DefaultRecordBatch onlyBatch(ByteBuffer bytes) {
        List<MutableRecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(bytes).batches().forEach(batches::add);
        assertEquals(1, batches.size());
        return (DefaultRecordBatch) batches.get(0);
    }

    private static void assertViewMatches(DefaultRecordBatch kafka, RecordBatchView view) {
        assertEquals(kafka.baseOffset(), view.baseOffset(), "baseOffset");
        assertEquals(kafka.sizeInBytes(), view.sizeInBytes(), "sizeInBytes");
        assertEquals(kafka.sizeInBytes() - RecordBatchView.LOG_OVERHEAD, view.batchLength(), "batchLength");
        assertEquals(kafka.partitionLeaderEpoch(), view.partitionLeaderEpoch(), "partitionLeaderEpoch");
        assertEquals(kafka.magic(), view.magic(), "magic");
        assertEquals(RecordBatchView.MAGIC_V2, view.magic(), "magic");
        assertEquals(kafka.checksum(), view.checksum(), "checksum");
        assertEquals(kafka.checksum(), view.computeChecksum(), "computeChecksum");
        assertEquals(kafka.isValid(), view.isChecksumValid(), "isChecksumValid");
        assertTrue(view.isChecksumValid(), "isChecksumValid");
        assertEquals(kafka.compressionType().id, view.compressionId(), "compressionId");
        assertEquals(kafka.timestampType() == TimestampType.LOG_APPEND_TIME, view.isLogAppendTime(), "isLogAppendTime");
        assertEquals(kafka.isTransactional(), view.isTransactional(), "isTransactional");
        assertEquals(kafka.isControlBatch(), view.isControl(), "isControl");
        assertEquals(expectedAttributes(kafka), view.attributes() & KNOWN_ATTRIBUTE_BITS, "attributes");
        assertEquals(kafka.lastOffset() - kafka.baseOffset(), view.lastOffsetDelta(), "lastOffsetDelta");
        assertEquals(kafka.lastOffset(), view.lastOffset(), "lastOffset");
        assertEquals(kafka.baseTimestamp(), view.baseTimestamp(), "baseTimestamp");
        assertEquals(kafka.maxTimestamp(), view.maxTimestamp(), "maxTimestamp");
        assertEquals(kafka.producerId(), view.producerId(), "producerId");
        assertEquals(kafka.hasProducerId(), view.hasProducerId(), "hasProducerId");
        assertEquals(kafka.producerEpoch(), view.producerEpoch(), "producerEpoch");
        assertEquals(kafka.baseSequence(), view.baseSequence(), "baseSequence");
        assertEquals(kafka.lastSequence(), view.lastSequence(), "lastSequence");
        assertEquals(kafka.countOrNull(), view.recordCount(), "recordCount");
    }

    /** The attribute bits Kafka's accessors imply: compression, timestamp type, transactional, control. */
    private static int expectedAttributes(DefaultRecordBatch kafka) {
        int attributes = kafka.compressionType().id;
        if (kafka.timestampType() == TimestampType.LOG_APPEND_TIME) {
            attributes |= TIMESTAMP_TYPE_BIT;
        }
        if (kafka.isTransactional()) {
            attributes |= TRANSACTIONAL_BIT;
        }
        if (kafka.isControlBatch()) {
            attributes |= CONTROL_BIT;
        }
        return attributes;
    }
}
