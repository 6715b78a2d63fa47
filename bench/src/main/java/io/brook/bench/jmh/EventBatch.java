package io.brook.bench.jmh;

import io.brook.compression.CompressionType;
import io.brook.protocol.record.RecordBatchView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;

/**
 * One batch of compressible records as a producer sends them, for the codec and validation
 * benchmarks: JSON events of about {@value #TARGET_RECORD_BYTES} bytes on the wire (a 16-byte key,
 * a value such as {@code {"ts":...,"user":"u-004821","event":"page_view","page":"/catalog/item/77812",...}})
 * drawn from a fixed seed, as many as fit in {@code uncompressedBytes} uncompressed. Random bytes
 * (as {@link OneMiBOfBatches} uses) would not compress at all, which no codec benchmark should
 * measure. Kafka's own {@link MemoryRecordsBuilder} writes the batch, uncompressed or with any
 * codec at kafka-clients' default level: magic 2, CreateTime, base offset 0, no producer id.
 */
final class EventBatch {
    /** About what a small event takes on the wire, its varint header included. */
    static final int TARGET_RECORD_BYTES = 150;
    private static final long SEED = 20_261_121L;
    private static final String[] EVENTS = {"page_view", "add_to_cart", "search", "checkout", "login", "click"};
    private static final String[] PAGES = {"/catalog/item/", "/search?q=item-", "/cart/", "/account/orders/", "/"};

    private final List<byte[]> keys;
    private final List<byte[]> values;
    private final long timestampMs;

    private EventBatch(List<byte[]> keys, List<byte[]> values, long timestampMs) {
        this.keys = keys;
        this.values = values;
        this.timestampMs = timestampMs;
    }

    /** As many events as fit, uncompressed, in a batch of at most {@code uncompressedBytes}. */
    static EventBatch fitting(int uncompressedBytes, long timestampMs) {
        SplittableRandom random = new SplittableRandom(SEED);
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(uncompressedBytes), Compression.NONE,
                TimestampType.CREATE_TIME, 0L);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        while (true) {
            int index = keys.size();
            byte[] key = String.format(Locale.ROOT, "user-%011d", random.nextInt(1_000_000)).getBytes(StandardCharsets.US_ASCII);
            byte[] value = event(random, timestampMs + index).getBytes(StandardCharsets.US_ASCII);
            if (!builder.hasRoomFor(timestampMs, key, value, org.apache.kafka.common.record.internal.Record.EMPTY_HEADERS)) {
                break;
            }
            builder.append(timestampMs, key, value);
            keys.add(key);
            values.add(value);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(uncompressedBytes + " bytes hold no record");
        }
        return new EventBatch(keys, values, timestampMs);
    }

    private static String event(SplittableRandom random, long timestampMs) {
        return String.format(Locale.ROOT,
                "{\"ts\":%d,\"user\":\"u-%06d\",\"event\":\"%s\",\"page\":\"%s%d\",\"ms\":%d,\"ok\":%s,\"session\":\"%08x\"}",
                timestampMs, random.nextInt(1_000_000), EVENTS[random.nextInt(EVENTS.length)],
                PAGES[random.nextInt(PAGES.length)], random.nextInt(100_000), random.nextInt(2_000),
                random.nextInt(50) == 0 ? "false" : "true", random.nextInt());
    }

    int recordCount() {
        return keys.size();
    }

    /** The whole batch, compressed with {@code type} as kafka-clients does by default; position 0. */
    ByteBuffer batch(CompressionType type) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), compression(type),
                TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < keys.size(); i++) {
            builder.append(timestampMs, keys.get(i), values.get(i));
        }
        return builder.build().buffer();
    }

    /** The records region (everything after the batch header) of the batch compressed with {@code type}. */
    ByteBuffer records(CompressionType type) {
        ByteBuffer batch = batch(type);
        return batch.position(RecordBatchView.RECORDS_OFFSET).slice();
    }

    private static Compression compression(CompressionType type) {
        return switch (type) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
    }
}
