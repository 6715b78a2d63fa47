package io.brook.bench.jmh;

import io.brook.compression.BatchCodec;
import io.brook.compression.CodecBuffer;
import io.brook.compression.Codecs;
import io.brook.compression.CompressionLevels;
import io.brook.compression.CompressionType;
import io.brook.compression.DecompressionException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compression module's codecs on one batch's records: {@code compress} and {@code decompress}
 * of the records region (everything after the 61-byte header) of a batch of about
 * {@code uncompressedBytes} of JSON events ({@link EventBatch}), one batch per operation:
 *
 * <pre>
 *   bin/bench jmh CodecBenchmark -prof gc
 * </pre>
 *
 * <p>{@code compress} runs at the codec's default level ({@link CompressionLevels#defaultLevel}:
 * gzip 6, lz4 9, zstd 3), what the broker uses to recompress into a topic's codec.
 * {@code decompress} reads what kafka-clients' producer writes for the same records, with the
 * broker's default limit ({@code compression.max.decompressed.batch.bytes}, 64 MiB), as produce
 * validation does. Both write into one reused {@link CodecBuffer}, as the broker's per-thread
 * codecs do. Ops/s times the uncompressed size is the codec's throughput on uncompressed bytes;
 * as one operation is one batch, {@code gc.alloc.rate.norm} is the allocation per batch.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class CodecBenchmark {
    /** The broker's default {@code compression.max.decompressed.batch.bytes}. */
    static final int MAX_DECOMPRESSED_BYTES = 64 << 20;

    @Param({"gzip", "snappy", "lz4", "zstd"})
    public String codec;

    /** The uncompressed batch's size at most (header included); not named batchBytes, which bin/bench jmh reads as a MiB per op. */
    @Param({"16384"})
    public int uncompressedBytes;

    Codecs codecs;
    BatchCodec batchCodec;
    int level;
    ByteBuffer records;
    ByteBuffer compressed;
    final CodecBuffer output = new CodecBuffer();

    @Setup(Level.Trial)
    public void setUp() throws DecompressionException {
        CompressionType type = type(codec);
        EventBatch events = EventBatch.fitting(uncompressedBytes, 1_700_000_000_000L);
        records = direct(events.records(CompressionType.NONE));
        compressed = direct(events.records(type));
        codecs = Codecs.create();
        batchCodec = codecs.codec(type);
        level = CompressionLevels.defaultLevel(type);
        batchCodec.decompress(compressed, output, MAX_DECOMPRESSED_BYTES);
        if (!output.asByteBuffer().equals(records)) {
            throw new IllegalStateException(codec + " did not decompress the producer's batch to its records");
        }
        batchCodec.compress(records, level, output);
        System.out.printf(Locale.ROOT, "%n%s: %d records, %d bytes of records; producer's %s %d bytes (%.2fx), ours %d bytes%n",
                codec, events.recordCount(), records.remaining(), codec, compressed.remaining(),
                (double) records.remaining() / compressed.remaining(), output.size());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        codecs.close();
    }

    /** Compresses the records of one batch; returns the compressed size. */
    @Benchmark
    public int compress() {
        batchCodec.compress(records, level, output);
        return output.size();
    }

    /** Decompresses the producer's compressed records of one batch; returns the records' size. */
    @Benchmark
    public int decompress() throws DecompressionException {
        batchCodec.decompress(compressed, output, MAX_DECOMPRESSED_BYTES);
        return output.size();
    }

    static CompressionType type(String configName) {
        return Arrays.stream(CompressionType.values()).filter(type -> type.configName().equals(configName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no codec " + configName));
    }

    /** A direct copy, as the broker's channels read requests into direct buffers. */
    static ByteBuffer direct(ByteBuffer heap) {
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap.duplicate()).flip();
        return direct;
    }
}
