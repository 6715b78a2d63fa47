package io.brook.it;

import io.brook.protocol.wire.ByteBufRecords;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Record batches built with Kafka's own builder, as a producer would send them. */
final class TestBatches {
    private TestBatches() {
    }

    /** {@code count} records with values "value-0".., without a producer id. */
    static ByteBufRecords plain(int count) {
        return wrap(MemoryRecords.withRecords(Compression.NONE, records(count)));
    }

    /** One record per value, without a producer id. */
    static ByteBufRecords withValues(String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(1_700_000_000_000L + i, null, values[i].getBytes(StandardCharsets.UTF_8));
        }
        return wrap(MemoryRecords.withRecords(Compression.NONE, records));
    }

    /** An idempotent producer's batch of {@code count} records starting at {@code baseSequence}. */
    static ByteBufRecords idempotent(long producerId, short epoch, int baseSequence, int count) {
        return wrap(MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, baseSequence, records(count)));
    }

    private static SimpleRecord[] records(int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(1_700_000_000_000L + i, null, ("value-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    private static ByteBufRecords wrap(MemoryRecords records) {
        ByteBuffer buffer = records.buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new ByteBufRecords(Unpooled.wrappedBuffer(bytes));
    }
}
