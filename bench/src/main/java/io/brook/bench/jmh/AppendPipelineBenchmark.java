package io.brook.bench.jmh;

import io.brook.log.PartitionLog;
import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.ringbuffer.AppendCompletion;
import io.brook.ringbuffer.AppendPipeline;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
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
 * The append pipeline as the produce path drives it: one MiB of batches published into a
 * Disruptor ring ({@link AppendPipeline#tryAppend}, retrying while the ring is full), appended by
 * the shard's thread to one partition, and completed back to the publisher; one operation ends
 * when the last completion of its MiB has arrived. Compared with {@link LogAppendReadBenchmark}'s
 * {@code append1MiB}, the difference is the ring's hand-off and the completions. Run with
 * {@code -prof gc}; {@code bin/bench jmh} divides the allocation by the batches per MiB, as for
 * the log benchmark.
 *
 * <p>Each publish hands the ring one reference of the batch (retained first: the ring releases it
 * after the append), and the shard rewrites the batch's base offset in place, as it does a
 * produced batch's. The disk stays bounded the same way as in {@link LogAppendReadBenchmark}: every
 * 64 MiB ends with a DeleteRecords to the log end, run on the shard's thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class AppendPipelineBenchmark {
    private static final int RING_SIZE = 4096;
    private static final long TRIM_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @Param({"1024", "16384"})
    public int batchBytes;

    private OneMiBOfBatches oneMiB;
    private TemporaryLog temporary;
    private PartitionLog log;
    private AppendPipeline pipeline;
    private final Completions completions = new Completions();
    private long published;
    private long bytesSinceTrim;

    /** Counts completions on the shard's thread; the publisher waits for the count. */
    private static final class Completions implements AppendCompletion {
        private volatile long completed;
        private volatile ErrorCode firstError;

        @Override
        public void onAppendComplete(AppendResult result) {
            if (result.error() != ErrorCode.NONE && firstError == null) {
                firstError = result.error();
            }
            completed = completed + 1;
        }
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
        oneMiB = OneMiBOfBatches.build(batchBytes, Clock.systemUTC().millis());
        temporary = TemporaryLog.create("brook-jmh-pipeline", LogAppendReadBenchmark.CONFIG);
        log = temporary.log();
        pipeline = AppendPipeline.start(1, RING_SIZE);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        pipeline.close();
        temporary.close();
        oneMiB.release();
        if (completions.firstError != null) {
            throw new IllegalStateException("an append failed: " + completions.firstError);
        }
    }

    /** The partition's log end offset, for the benchmark's test. */
    long logEndOffset() {
        return log.logEndOffset();
    }

    @Benchmark
    public long append1MiBThroughTheRing() throws Exception {
        for (ByteBuf batch : oneMiB.batches()) {
            batch.retain();
            while (!pipeline.tryAppend(log, batch, completions)) {
                Thread.onSpinWait();
            }
            published++;
        }
        while (completions.completed < published) {
            Thread.onSpinWait();
        }
        bytesSinceTrim += OneMiBOfBatches.MIB_BYTES;
        if (bytesSinceTrim >= LogAppendReadBenchmark.TRIM_INTERVAL_BYTES) {
            pipeline.call(log, () -> log.deleteRecordsBefore(log.logEndOffset()), System.nanoTime() + TRIM_TIMEOUT_NS).get();
            bytesSinceTrim = 0;
        }
        return published;
    }
}
