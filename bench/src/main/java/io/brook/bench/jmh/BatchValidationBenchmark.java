package io.brook.bench.jmh;

import io.brook.log.append.BatchRejection;
import io.brook.log.append.BatchValidator;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
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
 * What produce validation costs per batch, and how deep it goes: one batch of about
 * {@code uncompressedBytes} of JSON events ({@link EventBatch}, about 110 records of 150 bytes
 * for 16 KiB) as kafka-clients' producer compresses it with {@code codec}, in a direct buffer from
 * Netty's default allocator as a produce request's:
 *
 * <pre>
 *   bin/bench jmh BatchValidationBenchmark -prof gc
 * </pre>
 *
 * <ul>
 *   <li>{@code validateProduced}: the broker's whole check, {@link BatchValidator#validateProduced}
 *       with the default limits: header fields, CRC-32C, then every record walked, a compressed
 *       batch's after decompressing them (never past 64 MiB) with the thread's codecs.</li>
 *   <li>{@code headerAndCrc}: the cheapest check that still refuses a damaged batch, the CRC-32C
 *       over the batch as sent ({@link RecordBatchView#isChecksumValid}), what validation would
 *       be without the record walk and decompression.</li>
 * </ul>
 *
 * <p>One operation is one batch: the score is ns per batch, and {@code gc.alloc.rate.norm} the
 * allocation per batch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class BatchValidationBenchmark {
    /** The broker's default {@code message.max.bytes}. */
    static final int MAX_MESSAGE_BYTES = 1_048_588;

    @Param({"none", "lz4", "zstd", "gzip", "snappy"})
    public String codec;

    /** The uncompressed batch's size at most (header included); not named batchBytes, which bin/bench jmh reads as a MiB per op. */
    @Param({"16384"})
    public int uncompressedBytes;

    ByteBuf batch;
    int recordCount;
    final RecordBatchView view = new RecordBatchView();

    @Setup(Level.Trial)
    public void setUp() {
        EventBatch events = EventBatch.fitting(uncompressedBytes, 1_700_000_000_000L);
        ByteBuffer built = events.batch(CodecBenchmark.type(codec));
        batch = ByteBufAllocator.DEFAULT.directBuffer(built.remaining(), built.remaining()).writeBytes(built);
        recordCount = events.recordCount();
        BatchRejection rejection = validateProduced();
        if (rejection != null || !headerAndCrc()) {
            throw new IllegalStateException("the " + codec + " batch is not valid: " + rejection);
        }
        System.out.printf(Locale.ROOT, "%n%s: %d records, batch %d bytes%n", codec, recordCount, batch.readableBytes());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        batch.release();
    }

    /** The broker's produce validation of one batch; null, as the batch is valid. */
    @Benchmark
    public BatchRejection validateProduced() {
        return BatchValidator.validateProduced(batch, MAX_MESSAGE_BYTES, CodecBenchmark.MAX_DECOMPRESSED_BYTES, view);
    }

    /** The header's CRC-32C alone over one batch. */
    @Benchmark
    public boolean headerAndCrc() {
        return view.wrap(batch, batch.readerIndex()).isChecksumValid();
    }
}
