package io.brook.ringbuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.LogConfig;
import io.brook.log.MaintenanceConfig;
import java.time.Clock;
import io.brook.log.LogManager;
import io.brook.log.PartitionLog;
import io.brook.log.TopicPartition;
import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The append pipeline: single writer per partition, back-pressure from a full ring, buffers
 * released whatever the outcome, a draining close, and shards that survive failing callbacks.
 *
 * <p>Waits are bounded latch awaits on events the test itself causes; nothing sleeps.
 */
class AppendPipelineTest {
    private static final LogConfig CONFIG = LogConfig.defaults().toBuilder().segmentBytes(1 << 20).build();
    private static final long AWAIT_SECONDS = 30;

    @TempDir
    Path dataDirectory;

    private LogManager logs;
    private AppendPipeline pipeline;

    @BeforeEach
    void openLogs() throws IOException {
        logs = LogManager.open(dataDirectory, MaintenanceConfig.defaults(), Clock.systemUTC());
    }

    @AfterEach
    void closePipelineThenLogs() throws IOException {
        if (pipeline != null) {
            pipeline.close();
        }
        logs.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(AWAIT_SECONDS, TimeUnit.SECONDS), "timed out waiting for the append thread");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until every event published to {@code log}'s shard before this call has been handled. */
    private void drain(PartitionLog log) {
        CountDownLatch reached = new CountDownLatch(1);
        // A completion runs before its slot is freed, so a tiny ring may still be full right after one.
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (!pipeline.tryExecute(log, reached::countDown)) {
            assertTrue(deadlineNs - System.nanoTime() > 0, "the ring stayed full");
            Thread.onSpinWait();
        }
        await(reached);
    }

    /** Publishes {@code batch}, retrying while the ring is full, for at most AWAIT_SECONDS. */
    private void publish(PartitionLog log, ByteBuf batch, AppendCompletion completion) {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (!pipeline.tryAppend(log, batch, completion)) {
            if (deadlineNs - System.nanoTime() <= 0) {
                batch.release();
                throw new AssertionError("the ring of " + log + " stayed full");
            }
            Thread.yield();
        }
    }

    /** A task that holds its shard's thread until {@code release} opens (bounded, so a failed test cannot hang close()). */
    private static Runnable blockUntil(CountDownLatch blocked, CountDownLatch release) {
        return () -> {
            blocked.countDown();
            try {
                release.await(AWAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void concurrentAppendsLandOnOneThreadPerPartitionInPublishOrder() throws Exception {
        int shardCount = 3;
        int publisherCount = 4;
        int batchesPerPublisher = 40;
        int recordsPerBatch = 2;
        pipeline = AppendPipeline.start(shardCount, 16);
        List<PartitionLog> partitions = new ArrayList<>();
        for (int partition = 0; partition < 5; partition++) {
            partitions.add(logs.create(new TopicPartition("orders", partition), CONFIG));
        }
        partitions.add(logs.create(new TopicPartition("payments", 0), CONFIG));
        int partitionCount = partitions.size();

        long[][][] offsetByPublish = new long[partitionCount][publisherCount][batchesPerPublisher];
        List<List<Long>> completionOrder = new ArrayList<>();
        List<Set<Thread>> threads = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            completionOrder.add(Collections.synchronizedList(new ArrayList<>()));
            threads.add(ConcurrentHashMap.newKeySet());
        }
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch allCompleted = new CountDownLatch(partitionCount * publisherCount * batchesPerPublisher);
        CountDownLatch go = new CountDownLatch(1);

        List<Thread> publishers = new ArrayList<>();
        for (int publisher = 0; publisher < publisherCount; publisher++) {
            int publisherIndex = publisher;
            Thread thread = new Thread(() -> {
                await(go);
                for (int seq = 0; seq < batchesPerPublisher; seq++) {
                    for (int p = 0; p < partitionCount; p++) {
                        int partitionIndex = p;
                        int publishIndex = seq;
                        publish(partitions.get(p), TestBatches.ofRecordCount(recordsPerBatch), result -> {
                            if (result.error() != ErrorCode.NONE) {
                                errors.add(result.error() + ": " + result.errorMessage());
                            }
                            threads.get(partitionIndex).add(Thread.currentThread());
                            completionOrder.get(partitionIndex).add(result.baseOffset());
                            offsetByPublish[partitionIndex][publisherIndex][publishIndex] = result.baseOffset();
                            allCompleted.countDown();
                        });
                    }
                }
            }, "test-publisher-" + publisher);
            thread.start();
            publishers.add(thread);
        }
        go.countDown();
        for (Thread publisher : publishers) {
            publisher.join(TimeUnit.SECONDS.toMillis(AWAIT_SECONDS));
            assertFalse(publisher.isAlive(), publisher.getName() + " did not finish publishing");
        }
        await(allCompleted);

        assertTrue(errors.isEmpty(), errors.toString());
        long batchesPerPartition = (long) publisherCount * batchesPerPublisher;
        for (int p = 0; p < partitionCount; p++) {
            PartitionLog log = partitions.get(p);
            assertEquals(batchesPerPartition * recordsPerBatch, log.logEndOffset(), log.toString());

            assertEquals(1, threads.get(p).size(), "appends to " + log + " ran on " + threads.get(p));
            String expectedThread = "append-shard-" + PartitionShard.of(log.topicPartition(), shardCount);
            assertEquals(expectedThread, threads.get(p).iterator().next().getName());

            List<Long> order = completionOrder.get(p);
            assertEquals(batchesPerPartition, order.size());
            for (int i = 0; i < order.size(); i++) {
                assertEquals((long) i * recordsPerBatch, order.get(i), "completion " + i + " of " + log);
            }
            for (int publisher = 0; publisher < publisherCount; publisher++) {
                for (int seq = 1; seq < batchesPerPublisher; seq++) {
                    assertTrue(offsetByPublish[p][publisher][seq] > offsetByPublish[p][publisher][seq - 1],
                            "one publisher's batches to " + log + " keep their order");
                }
            }
        }
    }

    @Test
    void fullRingRefusesWithoutBlockingAndEverythingAcceptedCompletesOnceFreed() {
        pipeline = AppendPipeline.start(1, 2);
        PartitionLog log = assertCreated(new TopicPartition("tiny", 0));
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch completed = new CountDownLatch(2);
        AppendCompletion completion = result -> {
            offsets.add(result.baseOffset());
            completed.countDown();
        };
        ByteBuf first = TestBatches.ofRecordCount(3);
        ByteBuf second = TestBatches.ofRecordCount(1);
        try {
            assertTrue(pipeline.tryExecute(log, blockUntil(blocked, release)));
            await(blocked);
            assertTrue(pipeline.tryAppend(log, first, completion), "one slot is still free");

            boolean accepted = assertTimeoutPreemptively(Duration.ofSeconds(AWAIT_SECONDS),
                    () -> pipeline.tryAppend(log, second, completion));
            assertFalse(accepted, "both slots are taken");
            assertEquals(1, second.refCnt(), "a refused batch still belongs to the caller");
            assertFalse(pipeline.tryExecute(log, () -> { }), "tasks are refused too");
            assertEquals(0, log.logEndOffset());
        } finally {
            release.countDown();
        }
        publish(log, second, completion);
        await(completed);
        drain(log);

        assertEquals(List.of(0L, 3L), offsets);
        assertEquals(4, log.logEndOffset());
        assertEquals(0, first.refCnt());
        assertEquals(0, second.refCnt());
    }

    private PartitionLog assertCreated(TopicPartition partition) {
        try {
            return logs.create(partition, CONFIG);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void batchIsReleasedAfterSuccessfulAppend() {
        pipeline = AppendPipeline.start(1, 8);
        PartitionLog log = assertCreated(new TopicPartition("ok", 0));
        AtomicReference<ErrorCode> error = new AtomicReference<>();
        ByteBuf batch = TestBatches.ofRecordCount(2);
        assertTrue(pipeline.tryAppend(log, batch, result -> error.set(result.error())));
        drain(log);
        assertEquals(ErrorCode.NONE, error.get());
        assertEquals(0, batch.refCnt());
    }

    @Test
    void batchIsReleasedWhenTheLogCannotBeWritten() throws IOException {
        pipeline = AppendPipeline.start(1, 8);
        PartitionLog log = logs.create(new TopicPartition("closed", 0), CONFIG);
        log.close();
        AtomicReference<ErrorCode> error = new AtomicReference<>();
        ByteBuf batch = TestBatches.ofRecordCount(2);
        assertTrue(pipeline.tryAppend(log, batch, result -> error.set(result.error())));
        drain(log);
        assertEquals(ErrorCode.KAFKA_STORAGE_ERROR, error.get());
        assertEquals(0, batch.refCnt());
        assertEquals(0, log.logEndOffset());
    }

    @Test
    void batchIsReleasedWhenAppendThrows() {
        pipeline = AppendPipeline.start(1, 8);
        PartitionLog log = assertCreated(new TopicPartition("malformed", 0));
        AtomicReference<AppendResult> seen = new AtomicReference<>();
        AtomicReference<ErrorCode> error = new AtomicReference<>();
        ByteBuf tooShortForAHeader = Unpooled.buffer(10).writeZero(10);
        assertTrue(pipeline.tryAppend(log, tooShortForAHeader, result -> {
            seen.set(result);
            error.set(result.error());
        }));
        drain(log);
        assertNotNull(seen.get(), "the completion hears about a failed append");
        assertEquals(ErrorCode.UNKNOWN_SERVER_ERROR, error.get());
        assertEquals(0, tooShortForAHeader.refCnt());
        assertEquals(0, log.logEndOffset());
    }

    @Test
    void closeDrainsEverythingPublishedBeforeIt() {
        pipeline = AppendPipeline.start(2, 1024);
        PartitionLog first = assertCreated(new TopicPartition("drain", 0));
        PartitionLog second = assertCreated(new TopicPartition("drain", 1));
        CountDownLatch blocked = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        int batchesPerPartition = 200;
        AtomicInteger completions = new AtomicInteger();
        List<ByteBuf> published = new ArrayList<>();
        try {
            assertTrue(pipeline.tryExecute(first, blockUntil(blocked, release)));
            assertTrue(pipeline.tryExecute(second, blockUntil(blocked, release)));
            for (int i = 0; i < batchesPerPartition; i++) {
                for (PartitionLog log : List.of(first, second)) {
                    ByteBuf batch = TestBatches.ofRecordCount(1);
                    published.add(batch);
                    assertTrue(pipeline.tryAppend(log, batch, result -> completions.incrementAndGet()));
                }
            }
            assertEquals(0, completions.get(), "the appends wait behind the tasks holding their shards");
        } finally {
            release.countDown();
        }

        pipeline.close();
        pipeline = null;

        assertEquals(2 * batchesPerPartition, completions.get());
        assertEquals(batchesPerPartition, first.logEndOffset());
        assertEquals(batchesPerPartition, second.logEndOffset());
        for (ByteBuf batch : published) {
            assertEquals(0, batch.refCnt());
        }
    }

    @Test
    void exceptionFromCompletionDoesNotStopTheShard() {
        pipeline = AppendPipeline.start(1, 8);
        PartitionLog log = assertCreated(new TopicPartition("throwing", 0));
        ByteBuf failingCallback = TestBatches.ofRecordCount(2);
        assertTrue(pipeline.tryAppend(log, failingCallback, result -> {
            throw new IllegalStateException("completion failed on purpose");
        }));
        AtomicReference<Long> nextOffset = new AtomicReference<>();
        CountDownLatch completed = new CountDownLatch(1);
        assertTrue(pipeline.tryAppend(log, TestBatches.ofRecordCount(1), result -> {
            nextOffset.set(result.baseOffset());
            completed.countDown();
        }));
        await(completed);
        drain(log);

        assertEquals(2L, nextOffset.get(), "the first batch was appended before its completion threw");
        assertEquals(3, log.logEndOffset());
        assertEquals(0, failingCallback.refCnt());
    }

    @Test
    void exceptionFromTaskDoesNotStopTheShard() {
        pipeline = AppendPipeline.start(1, 8);
        PartitionLog log = assertCreated(new TopicPartition("throwing-task", 0));
        assertTrue(pipeline.tryExecute(log, () -> {
            throw new IllegalStateException("task failed on purpose");
        }));
        CountDownLatch completed = new CountDownLatch(1);
        AtomicReference<ErrorCode> error = new AtomicReference<>();
        assertTrue(pipeline.tryAppend(log, TestBatches.ofRecordCount(1), result -> {
            error.set(result.error());
            completed.countDown();
        }));
        await(completed);
        assertEquals(ErrorCode.NONE, error.get());
        assertEquals(1, log.logEndOffset());
    }

    @Test
    void failingTaskIsLoggedWithItsPartition() {
        Logger handlerLog = Logger.getLogger(AppendEventHandler.class.getName());
        Queue<LogRecord> logged = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handlerLog.addHandler(capture);
        try {
            pipeline = AppendPipeline.start(1, 8);
            PartitionLog log = assertCreated(new TopicPartition("logged-task", 4));
            assertTrue(pipeline.tryExecute(log, () -> {
                throw new IllegalStateException("task failed on purpose");
            }));
            drain(log);
        } finally {
            handlerLog.removeHandler(capture);
        }
        assertEquals(1, logged.size());
        LogRecord record = logged.peek();
        assertTrue(record.getMessage().contains("logged-task-4"), record.getMessage());
        assertEquals("task failed on purpose", record.getThrown().getMessage());
    }

    @Test
    void completionsAreToldAtTheEndOfTheDisruptorBatchInRingOrder() {
        pipeline = AppendPipeline.start(1, 16);
        PartitionLog log = assertCreated(new TopicPartition("burst", 0));
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        assertTrue(pipeline.tryExecute(log, blockUntil(blocked, release)));
        await(blocked);
        int batches = 5;
        List<Long> baseOffsets = Collections.synchronizedList(new ArrayList<>());
        List<Long> endsSeen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch completed = new CountDownLatch(batches);
        for (int i = 0; i < batches; i++) {
            assertTrue(pipeline.tryAppend(log, TestBatches.ofRecordCount(2), result -> {
                baseOffsets.add(result.baseOffset());
                endsSeen.add(log.logEndOffset());
                completed.countDown();
            }));
        }
        // The five appends waited behind the blocked thread, so they form one Disruptor batch.
        release.countDown();
        await(completed);
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L), baseOffsets, "each outcome is its own, told in ring order");
        assertEquals(List.of(10L, 10L, 10L, 10L, 10L), endsSeen, "every append of the batch was written before any completion");
    }

    @Test
    void taskRunsOnThePartitionsAppendThreadAfterEarlierAppends() {
        pipeline = AppendPipeline.start(2, 8);
        PartitionLog log = assertCreated(new TopicPartition("tasks", 1));
        AtomicReference<Thread> appendThread = new AtomicReference<>();
        CountDownLatch appended = new CountDownLatch(1);
        assertTrue(pipeline.tryAppend(log, TestBatches.ofRecordCount(4), result -> {
            appendThread.set(Thread.currentThread());
            appended.countDown();
        }));
        AtomicReference<Thread> taskThread = new AtomicReference<>();
        AtomicReference<Long> endSeenByTask = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        assertTrue(pipeline.tryExecute(log, () -> {
            taskThread.set(Thread.currentThread());
            endSeenByTask.set(log.logEndOffset());
            ran.countDown();
        }));
        await(ran);
        await(appended);
        assertEquals(4L, endSeenByTask.get());
        assertNotNull(appendThread.get());
        assertEquals(appendThread.get(), taskThread.get());
        assertEquals("append-shard-" + PartitionShard.of(log.topicPartition(), 2), taskThread.get().getName());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 6, 100, -4})
    void startRejectsRingSizeThatIsNotAPowerOfTwo(int ringSize) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> AppendPipeline.start(1, ringSize));
        assertTrue(failure.getMessage().contains(String.valueOf(ringSize)), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void startRejectsFewerThanOneShard(int shardCount) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> AppendPipeline.start(shardCount, 8));
        assertTrue(failure.getMessage().contains(String.valueOf(shardCount)), failure.getMessage());
    }

    @Test
    void startAcceptsOneSlotRingAndOneShard() {
        pipeline = AppendPipeline.start(1, 1);
        PartitionLog log = assertCreated(new TopicPartition("one", 0));
        CountDownLatch completed = new CountDownLatch(1);
        assertTrue(pipeline.tryAppend(log, TestBatches.ofRecordCount(1), result -> completed.countDown()));
        await(completed);
        drain(log);
        assertEquals(1, log.logEndOffset());
    }

    /** Keeps the shard-to-thread naming the other tests rely on visible in one place. */
    @Test
    void eachShardHasItsOwnNamedThread() {
        int shardCount = 3;
        pipeline = AppendPipeline.start(shardCount, 8);
        Map<Integer, String> threadByShard = new ConcurrentHashMap<>();
        for (int partition = 0; partition < shardCount; partition++) {
            TopicPartition topicPartition = new TopicPartition("named", partition);
            PartitionLog log = assertCreated(topicPartition);
            CountDownLatch ran = new CountDownLatch(1);
            assertTrue(pipeline.tryExecute(log, () -> {
                threadByShard.put(PartitionShard.of(topicPartition, shardCount), Thread.currentThread().getName());
                ran.countDown();
            }));
            await(ran);
        }
        threadByShard.forEach((shard, name) -> assertEquals("append-shard-" + shard, name));
        assertEquals(shardCount, threadByShard.size(), "consecutive partitions of one topic cover every shard");
    }
}
