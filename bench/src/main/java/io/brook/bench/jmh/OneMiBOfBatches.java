package io.brook.bench.jmh;

import io.brook.log.append.BatchRejection;
import io.brook.log.append.BatchValidator;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;

/**
 * Exactly one MiB of record batches as a producer sends them: magic 2, uncompressed, CreateTime,
 * no producer id, base offset 0, each batch exactly {@code batchBytes} long (so one MiB is
 * {@code 2^20 / batchBytes} batches). Kafka's own {@link MemoryRecordsBuilder} writes them, with
 * records of about {@value #TARGET_RECORD_BYTES} bytes: a 16-byte key and a value of pseudo-random
 * bytes; the last record's value is stretched or shrunk by a few bytes to make the batch exact.
 * One such batch is built and copied {@code 2^20 / batchBytes} times: the log neither looks at
 * records nor deduplicates them, so identical batches cost what different ones would.
 *
 * <p>Each batch has its own direct buffer from Netty's default allocator, the one the broker's
 * channels read produce requests into (a 1 MiB buffer would be too large for its pools and come
 * back unpooled, unlike a request's). Appending rewrites a batch's base offset and leader epoch in
 * place, outside the CRC, so the same batches can be appended again and again.
 *
 * <p>Not thread-safe: one per benchmark thread. {@link #release()} frees the buffers.
 */
final class OneMiBOfBatches {
    static final int MIB_BYTES = 1 << 20;
    /** A record on the wire, its varint header included: the ~100-200 bytes of a typical small event. */
    static final int TARGET_RECORD_BYTES = 150;
    static final int KEY_BYTES = 16;
    /** Room for the varint header of one record (length, attributes, deltas, key and value lengths, header count). */
    private static final int RECORD_HEADER_ESTIMATE_BYTES = 10;
    /** Rebuilds of a batch while fitting it to its exact size; each one lands within a varint's growth of the target. */
    private static final int MAX_FITTING_ROUNDS = 8;
    /** Fixed, so that every run appends the same bytes. */
    private static final long VALUE_SEED = 20_260_421L;

    private final int batchBytes;
    private final ByteBuf[] batches;

    private OneMiBOfBatches(int batchBytes, ByteBuf[] batches) {
        this.batchBytes = batchBytes;
        this.batches = batches;
    }

    /**
     * Builds the batches, timestamped {@code timestampMs}, and checks each with the broker's own
     * produce validation. {@code batchBytes} must divide one MiB.
     */
    static OneMiBOfBatches build(int batchBytes, long timestampMs) {
        if (batchBytes < RecordBatchView.RECORD_BATCH_OVERHEAD + TARGET_RECORD_BYTES || MIB_BYTES % batchBytes != 0) {
            throw new IllegalArgumentException("batchBytes must divide one MiB and hold a record, not " + batchBytes);
        }
        int batchCount = MIB_BYTES / batchBytes;
        byte[] batch = buildExactBatch(batchBytes, timestampMs);
        OneMiBOfBatches oneMiB = new OneMiBOfBatches(batchBytes, new ByteBuf[batchCount]);
        RecordBatchView view = new RecordBatchView();
        for (int i = 0; i < batchCount; i++) {
            ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(batchBytes, batchBytes);
            oneMiB.batches[i] = buffer.writeBytes(batch);
            BatchRejection rejection = BatchValidator.validateProduced(buffer, Integer.MAX_VALUE, 1 << 26, view);
            if (rejection != null) {
                oneMiB.release();
                throw new IllegalStateException("batch " + i + " is not a valid produce batch: " + rejection.message());
            }
        }
        return oneMiB;
    }

    /** The number of records per batch that brings records closest to {@link #TARGET_RECORD_BYTES}. */
    static int recordsPerBatch(int batchBytes) {
        int recordBytes = batchBytes - RecordBatchView.RECORD_BATCH_OVERHEAD;
        return Math.max(1, Math.round((float) recordBytes / TARGET_RECORD_BYTES));
    }

    /**
     * One batch of exactly {@code batchBytes}: the values are sized from an estimate of the record
     * header, then the last value takes the difference until the batch fits (varint lengths can
     * move by a byte when a value crosses a varint boundary, hence the rounds).
     */
    private static byte[] buildExactBatch(int batchBytes, long timestampMs) {
        int recordCount = recordsPerBatch(batchBytes);
        int valueBytes = (batchBytes - RecordBatchView.RECORD_BATCH_OVERHEAD) / recordCount - KEY_BYTES - RECORD_HEADER_ESTIMATE_BYTES;
        int lastValueBytes = valueBytes;
        for (int round = 0; round < MAX_FITTING_ROUNDS; round++) {
            ByteBuffer built = buildBatch(recordCount, valueBytes, lastValueBytes, timestampMs);
            int missingBytes = batchBytes - built.remaining();
            if (missingBytes == 0) {
                byte[] bytes = new byte[batchBytes];
                built.get(bytes);
                return bytes;
            }
            lastValueBytes += missingBytes;
            if (lastValueBytes < 0) {
                break;
            }
        }
        throw new IllegalStateException("could not fit " + recordCount + " records into a batch of exactly " + batchBytes + " bytes");
    }

    private static ByteBuffer buildBatch(int recordCount, int valueBytes, int lastValueBytes, long timestampMs) {
        SplittableRandom random = new SplittableRandom(VALUE_SEED);
        int capacity = RecordBatchView.RECORD_BATCH_OVERHEAD + recordCount * (KEY_BYTES + RECORD_HEADER_ESTIMATE_BYTES)
                + (recordCount - 1) * valueBytes + Math.max(lastValueBytes, 0) + 64;
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(capacity), Compression.NONE,
                TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < recordCount; i++) {
            byte[] key = String.format("key-%012d", i).getBytes(StandardCharsets.US_ASCII);
            byte[] value = new byte[i == recordCount - 1 ? lastValueBytes : valueBytes];
            random.nextBytes(value);
            builder.append(timestampMs, key, value);
        }
        return builder.build().buffer();
    }

    int batchBytes() {
        return batchBytes;
    }

    int batchCount() {
        return batches.length;
    }

    /** The batches, in order, valid until {@link #release()}. */
    ByteBuf[] batches() {
        return batches;
    }

    void release() {
        for (ByteBuf batch : batches) {
            if (batch != null) {
                batch.release();
            }
        }
    }
}
