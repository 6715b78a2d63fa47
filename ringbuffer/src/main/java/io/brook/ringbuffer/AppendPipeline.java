package io.brook.ringbuffer;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventTranslatorThreeArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.brook.log.PartitionLog;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The append pipeline: one Disruptor ring and one thread per shard, each partition always on the
 * same shard, so every partition has exactly one writer and appends need no locks.
 *
 * <pre>
 *  event loops ──tryAppend──▶ ring[shard(p)] ──▶ append-shard-N thread ──▶ PartitionLog.append
 *  (many producers)            (preallocated       (single consumer)          └─▶ AppendCompletion
 *                               slots)
 * </pre>
 *
 * A full ring is back-pressure, reported as {@code false}: nothing blocks, nothing queues
 * without bound. {@link #close} drains what was published, then stops the threads.
 *
 * <p>Thread-safety: publishing is safe from any thread.
 */
public final class AppendPipeline implements AutoCloseable {
    private static final EventTranslatorThreeArg<AppendEvent, PartitionLog, ByteBuf, AppendCompletion> APPEND =
            (event, sequence, log, batch, completion) -> {
                event.log = log;
                event.batch = batch;
                event.completion = completion;
            };
    private static final EventTranslatorTwoArg<AppendEvent, PartitionLog, Runnable> TASK = (event, sequence, log, task) -> {
        event.log = log;
        event.task = task;
    };

    /** Pause between attempts to hand a task to a full ring. */
    private static final long RING_FULL_RETRY_NS = 1_000_000L;

    private final Disruptor<AppendEvent>[] disruptors;
    private final RingBuffer<AppendEvent>[] rings;

    @SuppressWarnings("unchecked")
    private AppendPipeline(int shardCount, int ringSize) {
        disruptors = new Disruptor[shardCount];
        rings = new RingBuffer[shardCount];
        for (int shard = 0; shard < shardCount; shard++) {
            String threadName = "append-shard-" + shard;
            disruptors[shard] = new Disruptor<>(AppendEvent::new, ringSize, runnable -> {
                Thread thread = new Thread(runnable, threadName);
                // Not a daemon: shutdown drains the ring before the JVM may exit.
                thread.setDaemon(false);
                return thread;
            }, ProducerType.MULTI, new BlockingWaitStrategy());
            disruptors[shard].handleEventsWith(new AppendEventHandler(ringSize));
        }
    }

    /**
     * Starts {@code shardCount} append threads, each with a ring of {@code ringSize} slots (a power
     * of two).
     */
    public static AppendPipeline start(int shardCount, int ringSize) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("the append pipeline needs at least one shard, not " + shardCount);
        }
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two, not " + ringSize);
        }
        AppendPipeline pipeline = new AppendPipeline(shardCount, ringSize);
        for (int shard = 0; shard < shardCount; shard++) {
            pipeline.rings[shard] = pipeline.disruptors[shard].start();
        }
        return pipeline;
    }

    /**
     * Publishes {@code batch} for appending to {@code log}; {@code completion} hears the outcome
     * on the append thread. Returns false when the shard's ring is full. On success the ring owns
     * {@code batch} and releases it; on failure the caller still does.
     */
    public boolean tryAppend(PartitionLog log, ByteBuf batch, AppendCompletion completion) {
        return ringOf(log).tryPublishEvent(APPEND, log, batch, completion);
    }

    /** Runs {@code task} on {@code log}'s append thread after the appends published before it; false when the ring is full. */
    public boolean tryExecute(PartitionLog log, Runnable task) {
        return ringOf(log).tryPublishEvent(TASK, log, task);
    }

    /**
     * Runs {@code task} on {@code log}'s append thread, retrying while the ring is full until
     * {@code deadlineNs} (a {@link System#nanoTime()} value); the future completes with the
     * task's result or failure, or with a {@link TimeoutException} when the ring stayed full. Blocks
     * while it retries: for admin threads, not event loops.
     */
    public <T> CompletableFuture<T> call(PartitionLog log, Callable<T> task, long deadlineNs) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                result.complete(task.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        };
        while (!tryExecute(log, run)) {
            if (deadlineNs - System.nanoTime() <= 0) {
                result.completeExceptionally(new TimeoutException("the append thread of partition " + log + " stayed busy"));
                return result;
            }
            LockSupport.parkNanos(RING_FULL_RETRY_NS);
        }
        return result;
    }

    private RingBuffer<AppendEvent> ringOf(PartitionLog log) {
        return rings[PartitionShard.of(log.topicPartition(), rings.length)];
    }

    /** Waits until every published event is processed, then stops the append threads. */
    @Override
    public void close() {
        for (Disruptor<AppendEvent> disruptor : disruptors) {
            disruptor.shutdown();
        }
    }
}
