package io.brook.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.brook.log.LogConfig;
import io.brook.log.LogManager;
import io.brook.log.MaintenanceConfig;
import io.brook.log.PartitionLog;
import io.brook.protocol.ErrorCode;
import io.brook.ringbuffer.AppendPipeline;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A data directory with the group log, its append pipeline and a store over it, as the broker
 * wires them, that a test can stop and start again. Nothing runs in the background: no flush or
 * retention schedule.
 */
final class GroupLogHarness implements AutoCloseable {
    /** Index files of 4 KiB, not the default 10 MiB preallocated per segment. */
    private static final int TEST_INDEX_BYTES = 4096;
    static final long WAIT_SECONDS = 10;

    private final Path dataDirectory;
    private final int segmentBytes;
    private final int ringSize;
    private final long ringFullTimeoutMs;
    private LogManager logManager;
    private AppendPipeline pipeline;
    private LogGroupStore store;

    private GroupLogHarness(Path dataDirectory, int segmentBytes, int ringSize, long ringFullTimeoutMs) {
        this.dataDirectory = dataDirectory;
        this.segmentBytes = segmentBytes;
        this.ringSize = ringSize;
        this.ringFullTimeoutMs = ringFullTimeoutMs;
    }

    /** Starts over {@code dataDirectory} with the store open; when the store fails to open, stops again and throws. */
    static GroupLogHarness start(Path dataDirectory, int segmentBytes, int ringSize, long ringFullTimeoutMs) throws IOException {
        GroupLogHarness harness = new GroupLogHarness(dataDirectory, segmentBytes, ringSize, ringFullTimeoutMs);
        harness.startLog();
        try {
            harness.store = LogGroupStore.open(harness.log(), harness.pipeline, harness.logManager::checkpointLogStartOffsets,
                    Clock.systemUTC(), ringFullTimeoutMs);
        } catch (IOException | RuntimeException e) {
            harness.close();
            throw e;
        }
        return harness;
    }

    /** Starts the log and pipeline but not the store, for a test that writes the log itself first. */
    static GroupLogHarness startWithoutStore(Path dataDirectory, int segmentBytes) throws IOException {
        GroupLogHarness harness = new GroupLogHarness(dataDirectory, segmentBytes, 64, 1_000);
        harness.startLog();
        return harness;
    }

    private void startLog() throws IOException {
        logManager = LogManager.open(dataDirectory, MaintenanceConfig.defaults(), Clock.systemUTC());
        pipeline = AppendPipeline.start(1, ringSize);
        LogConfig brokerDefaults = LogConfig.defaults().toBuilder().segmentIndexBytes(TEST_INDEX_BYTES).fileDeleteDelayMs(0).build();
        logManager.load(Map.of(LogGroupStore.PARTITION, LogGroupStore.logConfig(brokerDefaults, segmentBytes)));
    }

    LogGroupStore store() {
        return store;
    }

    PartitionLog log() {
        return logManager.get(LogGroupStore.PARTITION);
    }

    AppendPipeline pipeline() {
        return pipeline;
    }

    /** Appends {@code records} as one call and waits until the store says they are in the log. */
    void append(GroupRecord... records) throws Exception {
        assertNull(appendAndWait(List.of(records)), "the append succeeds");
    }

    /** Appends and returns what {@code done} heard. */
    Throwable appendAndWait(List<GroupRecord> records) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        store.append(records, outcome::complete);
        return outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Appends a batch made by hand (the ring then owns it), bypassing the store; requires success. */
    void appendRaw(ByteBuf batch) throws Exception {
        CompletableFuture<ErrorCode> outcome = new CompletableFuture<>();
        if (!pipeline.tryAppend(log(), batch, result -> outcome.complete(result.error()))) {
            batch.release();
            throw new IllegalStateException("the ring is full");
        }
        assertEquals(ErrorCode.NONE, outcome.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    /** Runs {@code task} on the group log's append thread, after everything queued before it. */
    <T> T onAppendThread(Callable<T> task) throws Exception {
        return pipeline.call(log(), task, System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until everything queued on the append thread so far (a rewrite included) has run. */
    void drain() throws Exception {
        onAppendThread(() -> null);
    }

    /** Stops cleanly and starts again over the same directory; returns the new harness. */
    GroupLogHarness restart() throws IOException {
        close();
        return start(dataDirectory, segmentBytes, ringSize, ringFullTimeoutMs);
    }

    /** Drains the ring and closes the logs, as a broker's clean stop does. */
    @Override
    public void close() throws IOException {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        if (logManager != null) {
            logManager.close();
            logManager = null;
        }
    }
}
