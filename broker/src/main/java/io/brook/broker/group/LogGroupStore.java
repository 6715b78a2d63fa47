package io.brook.broker.group;

import io.brook.compression.CompressionLevels;
import io.brook.compression.TopicCompression;
import io.brook.log.LogConfig;
import io.brook.log.PartitionLog;
import io.brook.log.TopicPartition;
import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.ringbuffer.AppendCompletion;
import io.brook.ringbuffer.AppendPipeline;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The group coordinator's durable state in an internal log of the broker's own: partition
 * {@link #PARTITION}, which is no topic (Kafka keeps the same state in its {@code __consumer_offsets}
 * topic). Each {@link #append} is one record batch ({@link GroupRecordBatch}, records as
 * {@link GroupRecordFormat} lays them out) written through the append pipeline like a produce;
 * {@link #open} replays the whole log, so that {@link #load} can hand back the latest live record
 * of every key.
 *
 * <p>The log has no compaction, so the store rewrites it: it keeps the live records in memory,
 * and once superseded records (older writes of a key, tombstones and what they removed) take at
 * least {@code max(segment.bytes, live bytes)} of the log, it appends the live records again as
 * one fresh batch and then deletes the log below that batch. The two terms:
 * <ul>
 *   <li>live bytes: at least half the log is superseded, which is Kafka's default
 *       {@code min.cleanable.dirty.ratio} of 0.5 for the cleaner that compacts its offsets topic. It
 *       bounds the log at about twice the live state, and each rewrite copies no more bytes than
 *       were appended since the last one, so appends cost at most twice their own bytes;</li>
 *   <li>{@code segment.bytes} ({@code offsets.topic.segment.bytes}): Kafka never compacts the
 *       active segment, so up to a segment of superseded records always stays there too; this
 *       floor keeps a small state from being rewritten every few commits.</li>
 * </ul>
 * A crash at any point leaves a log that replays to the same state: the rewrite is one batch, so
 * recovery keeps it whole or not at all, and it only states again what was live, in the same
 * order; the old records go only after it is on disk. That last step is why the rewrite forces
 * the log on its append thread, the one flush done there: were the log start offset checkpointed
 * past a rewrite still in the page cache, a power loss would cut the rewrite and leave nothing
 * to replay. Rewrites are rare (a segment's worth of superseded state), so the stall is too.
 *
 * <p>Thread-safety: {@link #append} may be called from any thread but the group log's append
 * thread; the live records are filled by {@link #open}, then owned by the append thread, where
 * completions and the rewrite run.
 */
public final class LogGroupStore implements GroupStore {
    private static final System.Logger LOG = System.getLogger(LogGroupStore.class.getName());
    /** The group log: a partition directory {@code __brook_groups-0} in the data directory, never a topic. */
    public static final TopicPartition PARTITION = new TopicPartition("__brook_groups", 0);
    /** Pause between attempts to publish to a full ring, as {@link AppendPipeline#call} waits. */
    private static final long RING_FULL_RETRY_NS = 1_000_000L;

    private final PartitionLog log;
    private final AppendPipeline pipeline;
    private final LogStartCheckpoint checkpoint;
    private final Clock clock;
    private final long ringFullTimeoutMs;
    /** The live records as the log held them at start. */
    /** The live records as loaded, until the coordinator has taken them. */
    private List<GroupRecord> loaded;
    /** Owned by the append thread after start. */
    private final GroupLogState state;
    /** Whether a rewrite waits in the ring. Append thread. */
    private boolean rewriteQueued;

    /** Records the log start offsets where a restart finds them. */
    @FunctionalInterface
    public interface LogStartCheckpoint {
        void write() throws IOException;
    }

    private LogGroupStore(PartitionLog log, AppendPipeline pipeline, LogStartCheckpoint checkpoint, Clock clock,
                          long ringFullTimeoutMs, GroupLogState state) {
        this.log = log;
        this.pipeline = pipeline;
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.ringFullTimeoutMs = ringFullTimeoutMs;
        this.state = state;
        this.loaded = List.copyOf(state.records());
    }

    /**
     * The group log's settings: the broker's flush settings (so that the log manager flushes and
     * checkpoints it like any partition), segments of {@code segmentBytes}, no retention by time
     * or size (the store deletes what it has rewritten), uncompressed batches, and no timestamp
     * limits: the batches carry the broker's own clock, and a limit meant for producers' clocks
     * must not refuse them.
     */
    public static LogConfig logConfig(LogConfig brokerDefaults, int segmentBytes) {
        return brokerDefaults.toBuilder()
                .segmentBytes(segmentBytes)
                .retentionMs(-1)
                .retentionBytes(-1)
                .compression(TopicCompression.UNCOMPRESSED, CompressionLevels.NO_LEVEL)
                .timestampType(LogConfig.TimestampType.CREATE_TIME)
                .timestampBeforeMaxMs(Long.MAX_VALUE)
                .timestampAfterMaxMs(Long.MAX_VALUE)
                .build();
    }

    /**
     * Replays {@code log} (partition {@link #PARTITION}, opened with {@link #logConfig}) before
     * anything appends to it. An append waits at most {@code ringFullTimeoutMs} for room in the
     * ring. Throws IOException, naming the offset, when a record cannot be read back: a start must
     * not go on without the group state.
     */
    public static LogGroupStore open(PartitionLog log, AppendPipeline pipeline, LogStartCheckpoint checkpoint, Clock clock,
                                     long ringFullTimeoutMs) throws IOException {
        long startNs = System.nanoTime();
        GroupLogState state = GroupLogReader.replay(log);
        LOG.log(Level.INFO, "Loaded {0} live group record(s) from {1} bytes of the group log {2} in {3} ms.",
                state.liveRecordCount(), state.logBytes(), log, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        return new LogGroupStore(log, pipeline, checkpoint, clock, ringFullTimeoutMs, state);
    }

    @Override
    public List<GroupRecord> load() {
        List<GroupRecord> records = loaded;
        loaded = List.of();
        return records;
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code done} runs on the group log's append thread, and must be quick and must not call
     * append (the ring it would wait for cannot drain meanwhile). When the ring stays full for the
     * timeout given to {@link #open}, the records are not appended and {@code done} hears a
     * {@link GroupStoreException} with REQUEST_TIMED_OUT on the calling thread, before this returns;
     * when the log refuses them, one with the log's error. Throws IllegalArgumentException, before
     * anything is appended, for no records or a record the format cannot hold (a null group id or
     * topic, a string of more than 32,767 bytes of UTF-8).
     */
    @Override
    public void append(List<GroupRecord> records, Consumer<Throwable> done) {
        GroupRecordBatch batch = GroupRecordBatch.of(records);
        ByteBuf bytes = batch.toByteBuf(clock.millis());
        AppendCompletion completion = result -> appended(batch, result, done);
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ringFullTimeoutMs);
        while (!pipeline.tryAppend(log, bytes, completion)) {
            if (deadlineNs - System.nanoTime() <= 0) {
                bytes.release();
                done.accept(new GroupStoreException(ErrorCode.REQUEST_TIMED_OUT, "The group log's append thread stayed busy for "
                        + ringFullTimeoutMs + " ms; " + batch.recordCount() + " group record(s) were not written."));
                return;
            }
            LockSupport.parkNanos(RING_FULL_RETRY_NS);
        }
    }

    /** The completion of an append. Append thread. */
    private void appended(GroupRecordBatch batch, AppendResult result, Consumer<Throwable> done) {
        if (result.error() != ErrorCode.NONE) {
            done.accept(new GroupStoreException(result.error(), "The group log refused " + batch.recordCount() + " group record(s): "
                    + result.errorMessage()));
            return;
        }
        state.apply(batch);
        queueRewriteIfDue();
        done.accept(null);
    }

    /**
     * Queues a rewrite when superseded records take enough of the log (see the class comment). It
     * runs after the appends queued before it, so the live records are then exactly the log's. A
     * full ring is not waited for (this is the thread that drains it): the next append asks again.
     */
    private void queueRewriteIfDue() {
        if (rewriteQueued) {
            return;
        }
        long thresholdBytes = Math.max(log.config().segmentBytes(), state.liveBytes());
        if (state.supersededBytes() >= thresholdBytes) {
            rewriteQueued = pipeline.tryExecute(log, this::rewrite);
        }
    }

    /** States the live records again, then deletes the log below them. Append thread. */
    private void rewrite() {
        rewriteQueued = false;
        long bytesBefore = state.logBytes();
        long firstOffset = restateLiveRecords();
        if (firstOffset < 0) {
            return;
        }
        try {
            log.flush();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not force the rewritten group log " + log + " to disk; its old records stay for now.", e);
            return;
        }
        try {
            log.deleteRecordsBefore(firstOffset);
        } catch (IOException e) {
            // The log start offset has moved before the segments go; retention deletes what is left below it.
            LOG.log(Level.WARNING, "Could not delete the group log " + log + " below offset " + firstOffset + " yet.", e);
        }
        state.dropLogBytes(bytesBefore);
        try {
            checkpoint.write();
        } catch (IOException e) {
            // Safe to leave to the periodic checkpoint: a start from the older log start offset replays the same state.
            LOG.log(Level.WARNING, "Could not record the group log's new start offset " + firstOffset + " yet.", e);
        }
        LOG.log(Level.INFO, "Rewrote the group log {0} to its {1} live record(s); it now starts at offset {2} and holds {3} bytes.",
                log, state.liveRecordCount(), log.logStartOffset(), state.logBytes());
    }

    /**
     * Appends the live records again, as one batch, and returns the offset it starts at (the log
     * end offset when nothing is live); -1 when the log refused it. The first step of a rewrite,
     * after which a crash must leave the same state. Append thread.
     */
    long restateLiveRecords() {
        List<GroupRecord> live = state.records();
        if (live.isEmpty()) {
            return log.logEndOffset();
        }
        GroupRecordBatch batch = GroupRecordBatch.of(live);
        ByteBuf bytes = batch.toByteBuf(clock.millis());
        AppendResult result = new AppendResult();
        try {
            log.append(bytes, result);
        } finally {
            bytes.release();
        }
        if (result.error() != ErrorCode.NONE) {
            LOG.log(Level.ERROR, "Could not rewrite the group log {0}: {1} ({2}). Its old records stay.", log,
                    result.errorMessage(), result.error());
            return -1;
        }
        state.apply(batch);
        return result.baseOffset();
    }
}
