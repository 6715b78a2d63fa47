package io.brook.bench.jmh;

import io.brook.log.LogConfig;
import io.brook.log.LogReadResult;
import io.brook.log.LogSlice;
import io.brook.log.PartitionLog;
import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
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
 * The log engine's data plane on one partition: appending one MiB of record batches, and reading
 * one MiB back batch by batch by offset. One operation is one MiB, so the score is MiB/s; run with
 * {@code -prof gc} for the allocation:
 *
 * <pre>
 *   bin/bench jmh LogAppendReadBenchmark -prof gc
 * </pre>
 *
 * <p><b>Allocation per batch.</b> {@code gc.alloc.rate.norm} is bytes allocated per operation,
 * that is per MiB. A MiB is {@code 2^20 / batchBytes} batches (exactly: {@link OneMiBOfBatches}
 * builds batches of exactly {@code batchBytes}), so bytes per batch = {@code gc.alloc.rate.norm /
 * (1048576 / batchBytes)}: 1024 batches for 1 KiB batches, 64 for 16 KiB. {@code bin/bench jmh}
 * ({@link JmhMain}) prints that division after JMH's own table. The GC profiler counts every
 * thread's allocation, so the log manager's maintenance thread deleting segments is included.
 * The results, and which objects the allocation is, are in docs/benchmarks.md ("Log engine (JMH)").
 *
 * <p><b>{@code append1MiB}</b> appends every batch to one partition with one reused
 * {@link AppendResult}, as a ring handler does, and checks each result. The log lives in a fresh
 * temporary data directory per trial (fork), with 64 MiB segments. To keep the disk bounded
 * without leaving the measured loop, every 64 MiB of appends ({@link #TRIM_INTERVAL_BYTES}) ends
 * with {@code deleteRecordsBefore(logEndOffset)}, which rolls a new segment and hands the old
 * ones to the maintenance thread for deletion ({@code file.delete.delay.ms} = 0): at most about two
 * segments' worth (128 MiB) is on disk. That cost (one roll, a producer-state snapshot, index files
 * created and mapped, once per 64 MiB) is timed and amortised, as segment rolls are in a broker;
 * the alternative, recreating the log per iteration outside the timer, would let a 2-second
 * iteration write gigabytes and hide the rolls that a steady append stream pays. Nothing is
 * flushed: the broker flushes on its maintenance thread, not on the append thread measured here,
 * so the bytes go to the page cache.
 *
 * <p><b>{@code readBack1MiB}</b> reads a prefilled log (the same MiB, appended once in setup) back
 * with {@code read(baseOffset, 1, true)} per batch: one batch per read (a 1-byte limit with
 * minOneBatch returns exactly the batch that holds the offset, as a fetch's first batch), then copies
 * the slice's bytes with {@code FileChannel.read} into one reused direct buffer, so the bytes are
 * really moved, from the page cache. The broker itself sends slices with {@code FileRegion}
 * (sendfile); the copy stands in for that transfer.
 *
 * <p>One thread, and thread-scoped states: the thread that sets a log up also appends to it, which
 * the log's single-writer assertion requires.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LogAppendReadBenchmark {
    static final int SEGMENT_BYTES = 64 * 1024 * 1024;
    /** Appended bytes between two trims of the append log; a segment's worth. */
    static final long TRIM_INTERVAL_BYTES = SEGMENT_BYTES;
    /** A read limit below any batch: with minOneBatch, the read returns exactly the batch holding the offset. */
    static final int ONE_BATCH_LIMIT_BYTES = 1;

    static final LogConfig CONFIG = LogConfig.defaults().toBuilder()
            .segmentBytes(SEGMENT_BYTES)
            .fileDeleteDelayMs(0)
            .build();

    /** The batches both benchmarks move, one MiB of them. */
    @State(Scope.Thread)
    public static class Batches {
        @Param({"1024", "16384"})
        public int batchBytes;

        OneMiBOfBatches oneMiB;

        @Setup(Level.Trial)
        public void build() {
            oneMiB = OneMiBOfBatches.build(batchBytes, Clock.systemUTC().millis());
        }

        @TearDown(Level.Trial)
        public void release() {
            oneMiB.release();
        }
    }

    /** An empty log that {@code append1MiB} fills, emptied every {@link #TRIM_INTERVAL_BYTES} appended. */
    @State(Scope.Thread)
    public static class AppendTarget {
        final AppendResult result = new AppendResult();
        TemporaryLog temporary;
        PartitionLog log;
        long bytesSinceTrim;

        @Setup(Level.Trial)
        public void open() throws IOException {
            temporary = TemporaryLog.create("brook-jmh-append", CONFIG);
            log = temporary.log();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            temporary.close();
        }

        /** Counts one appended MiB; after a segment's worth, drops every segment (see the class comment). */
        void appendedOneMiB() throws IOException {
            bytesSinceTrim += OneMiBOfBatches.MIB_BYTES;
            if (bytesSinceTrim >= TRIM_INTERVAL_BYTES) {
                log.deleteRecordsBefore(log.logEndOffset());
                bytesSinceTrim = 0;
            }
        }
    }

    /** A log holding the MiB of batches once, with each batch's base offset. */
    @State(Scope.Thread)
    public static class ReadSource {
        TemporaryLog temporary;
        PartitionLog log;
        long[] baseOffsets;
        ByteBuffer target;

        @Setup(Level.Trial)
        public void fill(Batches batches) throws IOException {
            temporary = TemporaryLog.create("brook-jmh-read", CONFIG);
            log = temporary.log();
            ByteBuf[] all = batches.oneMiB.batches();
            baseOffsets = new long[all.length];
            AppendResult result = new AppendResult();
            for (int i = 0; i < all.length; i++) {
                append(log, all[i], result);
                baseOffsets[i] = result.baseOffset();
            }
            target = ByteBuffer.allocateDirect(batches.batchBytes);
            for (long offset : baseOffsets) {
                LogSlice slice = log.read(offset, ONE_BATCH_LIMIT_BYTES, true).slice();
                if (slice == null || slice.sizeInBytes() != batches.batchBytes) {
                    throw new IllegalStateException("reading offset " + offset + " gave " + slice + ", not one batch of "
                            + batches.batchBytes + " bytes");
                }
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            temporary.close();
        }
    }

    /** Appends one MiB of batches; returns the last batch's base offset. */
    @Benchmark
    public long append1MiB(Batches batches, AppendTarget target) throws IOException {
        PartitionLog log = target.log;
        AppendResult result = target.result;
        for (ByteBuf batch : batches.oneMiB.batches()) {
            append(log, batch, result);
        }
        target.appendedOneMiB();
        return result.baseOffset();
    }

    /** Reads the MiB back, one batch per read by its base offset; returns the bytes copied. */
    @Benchmark
    public long readBack1MiB(ReadSource source) throws IOException {
        PartitionLog log = source.log;
        ByteBuffer target = source.target;
        long bytesRead = 0;
        for (long offset : source.baseOffsets) {
            LogReadResult read = log.read(offset, ONE_BATCH_LIMIT_BYTES, true);
            bytesRead += copy(read.slice(), target);
        }
        return bytesRead;
    }

    static void append(PartitionLog log, ByteBuf batch, AppendResult result) {
        log.append(batch, result);
        if (result.error() != ErrorCode.NONE) {
            throw new IllegalStateException("append failed: " + result.error() + ": " + result.errorMessage());
        }
    }

    /** Copies the whole slice into {@code target} (cleared first); returns its size. */
    static int copy(LogSlice slice, ByteBuffer target) throws IOException {
        target.clear().limit(slice.sizeInBytes());
        long position = slice.position();
        while (target.hasRemaining()) {
            int read = slice.channel().read(target, position + target.position());
            if (read < 0) {
                throw new IOException("segment ended at " + (position + target.position()) + " inside a slice");
            }
        }
        return target.position();
    }
}
