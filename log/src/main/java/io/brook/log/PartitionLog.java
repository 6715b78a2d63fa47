package io.brook.log;

import io.brook.log.append.AppendResult;
import io.brook.log.producer.ProducerSnapshotFile;
import io.brook.log.producer.ProducerStateTable;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One partition's log: its segments, in base-offset order, the last one active; its log start
 * offset (the first offset a reader may ask for); its recovery point (every offset below it has
 * been flushed to disk). Appends assign offsets by rewriting each batch's base offset in place,
 * check idempotent producers' sequences and timestamps, and write the batch as it is; reads
 * return batches from the one that holds the requested offset.
 *
 * <p>Thread-safety: a single writer. Everything that changes the log (append, roll, retention,
 * DeleteRecords, deletion) runs on the partition's append thread only (asserted); reads, offset
 * lookups and flushes run on any thread and see what the writer has published: the segment
 * list, the log start and end offsets are volatile and are written after the bytes they describe.
 */
public final class PartitionLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PartitionLog.class.getName());
    /** Producer snapshots kept: the newest, and one before it in case a recovery cuts the log below the newest. */
    private static final int SNAPSHOTS_KEPT = 2;

    private final TopicPartition topicPartition;
    private final Path directory;
    private final Clock clock;
    private final SegmentDeleter deleter;
    private final ProducerStateTable producers;
    /** Scratch view for appends; owned by the append thread. */
    private final RecordBatchView appendView = new RecordBatchView();
    private volatile LogConfig config;
    private volatile LogSegment[] segments;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private volatile long recoveryPoint;
    private volatile long lastFlushMs;
    private volatile boolean flushRequested;
    private Thread appendThread;
    /** Set on the append thread when the partition is deleted; appends queued behind the deletion are refused. */
    private boolean deleted;
    /** Set by the first {@link #close()}; a second one does nothing. */
    private boolean closed;

    /** Schedules the removal of segments that left the log, once readers are done with them. */
    @FunctionalInterface
    interface SegmentDeleter {
        void deleteLater(LogSegment segment, long delayMs);
    }

    private PartitionLog(TopicPartition topicPartition, Path directory, LogConfig config, Clock clock, SegmentDeleter deleter,
                         ProducerStateTable producers, LogSegment[] segments, long logStartOffset, long recoveryPoint) {
        this.topicPartition = topicPartition;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
        this.deleter = deleter;
        this.producers = producers;
        this.segments = segments;
        this.logEndOffset = segments[segments.length - 1].nextOffset();
        this.logStartOffset = logStartOffset;
        this.recoveryPoint = recoveryPoint;
        this.lastFlushMs = clock.millis();
    }

    /** Creates the directory of a new, empty partition. */
    static PartitionLog create(Path directory, TopicPartition topicPartition, LogConfig config, Clock clock,
                               SegmentDeleter deleter) throws IOException {
        Files.createDirectories(directory);
        AtomicFileWriter.syncDirectory(directory.toAbsolutePath().getParent());
        LogSegment first = LogSegment.create(directory, 0, config.segmentIndexBytes(), clock.millis());
        return new PartitionLog(topicPartition, directory, config, clock, deleter, new ProducerStateTable(),
                new LogSegment[] {first}, 0, 0);
    }

    /**
     * Opens an existing partition directory; see {@link PartitionLoader} for what is checked and
     * repaired.
     */
    static PartitionLog open(Path directory, TopicPartition topicPartition, LogConfig config, Clock clock,
                             SegmentDeleter deleter, PartitionLoader.Checkpoints checkpoints) throws IOException {
        PartitionLoader.Loaded loaded = new PartitionLoader(directory, topicPartition, config, clock).load(checkpoints);
        return new PartitionLog(topicPartition, directory, config, clock, deleter, loaded.producers(),
                loaded.segments(), loaded.logStartOffset(), loaded.recoveryPoint());
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public LogConfig config() {
        return config;
    }

    /** Takes new settings; later appends, rolls, flushes and retention checks use them. Any thread. */
    public void updateConfig(LogConfig newConfig) {
        config = newConfig;
    }

    /** The first offset a reader may ask for. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record gets; every offset below it is readable. */
    public long logEndOffset() {
        return logEndOffset;
    }

    /** Every offset below this has been flushed to disk. */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** Bytes in all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments) {
            total += segment.sizeInBytes();
        }
        return total;
    }

    public int segmentCount() {
        return segments.length;
    }

    /**
     * Appends one batch that passed {@code BatchValidator.validateProduced}. The batch's base offset
     * and leader epoch (and for a LogAppendTime topic, its timestamp) are rewritten in place. On
     * the append thread only.
     */
    public void append(ByteBuf batch, AppendResult result) {
        assert isAppendThread() : "partition " + topicPartition + " appended to off its append thread";
        if (deleted) {
            result.failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Partition " + topicPartition + " was deleted.", -1);
            return;
        }
        LogConfig current = config;
        RecordBatchView view = appendView.wrap(batch, batch.readerIndex());
        long nowMs = clock.millis();
        if (!stampTimestamp(view, current, nowMs, result)) {
            return;
        }
        if (view.hasProducerId() && !checkProducer(view, result)) {
            return;
        }
        long baseOffset = logEndOffset;
        try {
            LogSegment active = activeSegmentFor(current, view.sizeInBytes(), baseOffset + view.lastOffsetDelta(), view.maxTimestamp(), nowMs);
            view.setBaseOffset(baseOffset);
            view.setPartitionLeaderEpoch(current.leaderEpoch());
            active.append(batch, view, current.indexIntervalBytes());
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Partition " + topicPartition + ": could not write to the log.", e);
            result.failed(ErrorCode.KAFKA_STORAGE_ERROR, "The broker could not write to its log.", logStartOffset);
            return;
        }
        producers.replay(view);
        logEndOffset = view.lastOffset() + 1;
        if (logEndOffset - recoveryPoint >= current.flushIntervalMessages()) {
            flushRequested = true;
        }
        boolean stamped = current.timestampType() == LogConfig.TimestampType.LOG_APPEND_TIME;
        result.succeeded(baseOffset, stamped ? nowMs : AppendResult.NO_TIMESTAMP, logStartOffset);
    }

    /**
     * Applies the topic's timestamp rules: a LogAppendTime topic stamps the batch with the
     * broker's clock; a CreateTime topic refuses timestamps further from it than the limits
     * (checked on the batch's max and base timestamps: a batch carries no minimum).
     */
    private boolean stampTimestamp(RecordBatchView view, LogConfig current, long nowMs, AppendResult result) {
        if (current.timestampType() == LogConfig.TimestampType.LOG_APPEND_TIME) {
            view.setLogAppendTime(nowMs);
            return true;
        }
        if (view.isLogAppendTime()) {
            return true;
        }
        long newest = view.maxTimestamp();
        long first = view.baseTimestamp();
        if (newest >= 0 && newest - nowMs > current.timestampAfterMaxMs()) {
            result.failed(ErrorCode.INVALID_TIMESTAMP, "Timestamp " + newest + " is more than " + current.timestampAfterMaxMs()
                    + " ms ahead of the broker's clock (message.timestamp.after.max.ms).", logStartOffset);
            return false;
        }
        if (first >= 0 && nowMs - first > current.timestampBeforeMaxMs()) {
            result.failed(ErrorCode.INVALID_TIMESTAMP, "Timestamp " + first + " is more than " + current.timestampBeforeMaxMs()
                    + " ms behind the broker's clock (message.timestamp.before.max.ms).", logStartOffset);
            return false;
        }
        return true;
    }

    /** False (with {@code result} filled) when the batch is a retry or breaks the producer's sequence. */
    private boolean checkProducer(RecordBatchView view, AppendResult result) {
        long duplicateOffset = producers.findDuplicate(view);
        if (duplicateOffset >= 0) {
            result.succeeded(duplicateOffset, AppendResult.NO_TIMESTAMP, logStartOffset);
            return false;
        }
        ErrorCode error = producers.checkSequence(view);
        if (error == ErrorCode.NONE) {
            return true;
        }
        String message = error == ErrorCode.INVALID_PRODUCER_EPOCH
                ? "Producer " + view.producerId() + " sent epoch " + view.producerEpoch() + " but epoch "
                        + producers.currentEpoch(view.producerId()) + " is current."
                : "Producer " + view.producerId() + " sent sequence " + view.baseSequence() + " but "
                        + producers.expectedSequence(view.producerId()) + " was expected.";
        result.failed(error, message, logStartOffset);
        return false;
    }

    /** The active segment, rolled first when the batch would overfill it, it is too old, or an index is full. */
    private LogSegment activeSegmentFor(LogConfig current, int batchBytes, long lastOffset, long maxTimestamp, long nowMs)
            throws IOException {
        LogSegment active = segments[segments.length - 1];
        if (active.isEmpty()) {
            return active;
        }
        boolean rollNeeded = (long) active.sizeInBytes() + batchBytes > current.segmentBytes()
                || active.timeWaitedForRollMs(nowMs, maxTimestamp) > current.segmentMs()
                || active.isIndexFull()
                || !active.canIndex(lastOffset);
        return rollNeeded ? roll(current, nowMs) : active;
    }

    /**
     * Starts a new segment at the log end offset. The old one takes its closing index entries, and
     * the producer state is snapshotted at the new base offset, so that loading replays at most
     * the active segment. Append thread.
     */
    private LogSegment roll(LogConfig current, long nowMs) throws IOException {
        LogSegment[] before = segments;
        before[before.length - 1].onBecomeInactive();
        LogSegment rolled = LogSegment.create(directory, logEndOffset, current.segmentIndexBytes(), nowMs);
        LogSegment[] grown = Arrays.copyOf(before, before.length + 1);
        grown[before.length] = rolled;
        segments = grown;
        takeProducerSnapshot();
        return rolled;
    }

    /** Writes the producer state as of the log end offset and drops older snapshots beyond the ones kept. */
    private void takeProducerSnapshot() throws IOException {
        ProducerSnapshotFile.write(directory.resolve(LogFileNames.fileName(logEndOffset, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX)), producers);
        List<Path> snapshots = PartitionLoader.producerSnapshots(directory);
        for (int i = 0; i < snapshots.size() - SNAPSHOTS_KEPT; i++) {
            Files.deleteIfExists(snapshots.get(i));
        }
    }

    /**
     * Batches from the one holding {@code offset}: at most {@code maxBytes} (the last may be cut
     * short), or the whole first batch when it is larger and {@code minOneBatch} is set. An offset
     * below the log start offset or beyond the log end offset is out of range. Any thread.
     */
    public LogReadResult read(long offset, int maxBytes, boolean minOneBatch) {
        LogSegment[] current = segments;
        LogSegment segment = current[floorSegment(current, offset)];
        // Size before end offset: every batch inside the size read is below the end offset read after it.
        int visibleBytes = segment.sizeInBytes();
        long end = logEndOffset;
        long start = logStartOffset;
        if (offset < start || offset > end) {
            return new LogReadResult(false, null, start, end);
        }
        if (offset == end) {
            return new LogReadResult(true, null, start, end);
        }
        try {
            return new LogReadResult(true, segment.read(offset, maxBytes, minOneBatch, visibleBytes), start, end);
        } catch (ClosedChannelException deletedMeanwhile) {
            return new LogReadResult(true, null, start, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first offset at or above the log start offset whose record timestamp is at or after
     * {@code timestamp}, with that timestamp; null when there is none. The first segment whose
     * largest timestamp reaches it is searched through its time and offset indexes. Reads the
     * segment files: not for the event loop.
     *
     * <p>In a compressed batch the records cannot be read until the compression module has its
     * codecs, so the batch's base offset and max timestamp stand in for them.
     */
    public OffsetAndTimestamp offsetForTimestamp(long timestamp) {
        long start = logStartOffset;
        try {
            for (LogSegment segment : segments) {
                if (segment.maxTimestamp() >= timestamp) {
                    OffsetAndTimestamp found = segment.findByTimestamp(timestamp, start);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first record with the largest timestamp, and that timestamp; null when no record has one. */
    public OffsetAndTimestamp offsetOfMaxTimestamp() {
        LogSegment best = null;
        for (LogSegment segment : segments) {
            if (segment.maxTimestamp() >= 0 && (best == null || segment.maxTimestamp() > best.maxTimestamp())) {
                best = segment;
            }
        }
        try {
            return best == null ? null : best.offsetOfMaxTimestamp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the oldest segments that retention no longer keeps: those whose newest record is
     * older than retention.ms, those beyond retention.bytes, and those wholly below the log start
     * offset. Whole segments only; if the active segment has to go, a new one is rolled first.
     * Returns the number deleted. Append thread.
     */
    public int deleteRetainedSegments() throws IOException {
        assert isAppendThread() : "partition " + topicPartition + " retention off its append thread";
        if (deleted) {
            return 0;
        }
        LogConfig current = config;
        long nowMs = clock.millis();
        int removed = 0;
        if (current.retentionMs() >= 0) {
            removed += deleteOldest((segment, next) -> nowMs - segment.largestTimestamp() > current.retentionMs(), "retention.ms");
        }
        if (current.retentionBytes() >= 0) {
            long[] excess = {sizeInBytes() - current.retentionBytes()};
            removed += deleteOldest((segment, next) -> {
                if (excess[0] - segment.sizeInBytes() < 0) {
                    return false;
                }
                excess[0] -= segment.sizeInBytes();
                return true;
            }, "retention.bytes");
        }
        removed += deleteBelowLogStart();
        return removed;
    }

    /**
     * Moves the log start offset up to {@code offset} (DeleteRecords) and deletes the segments
     * wholly below it. {@code offset} must not be beyond the log end offset. Returns the new log
     * start offset (the low watermark), or -1 when the partition was deleted. Append thread.
     */
    public long deleteRecordsBefore(long offset) throws IOException {
        assert isAppendThread() : "partition " + topicPartition + " DeleteRecords off its append thread";
        if (deleted) {
            return -1;
        }
        if (offset > logEndOffset) {
            throw new IllegalArgumentException("offset " + offset + " is beyond the log end offset " + logEndOffset);
        }
        if (offset > logStartOffset) {
            logStartOffset = offset;
            deleteBelowLogStart();
        }
        return logStartOffset;
    }

    private int deleteBelowLogStart() throws IOException {
        long start = logStartOffset;
        return deleteOldest((segment, next) -> (next == null ? logEndOffset : next.baseOffset()) <= start, "the log start offset");
    }

    @FunctionalInterface
    private interface DeletionRule {
        boolean deletable(LogSegment segment, LogSegment next) throws IOException;
    }

    /** Deletes segments from the oldest while {@code rule} holds, never an empty active segment. */
    private int deleteOldest(DeletionRule rule, String reason) throws IOException {
        LogSegment[] current = segments;
        int count = 0;
        while (count < current.length) {
            LogSegment segment = current[count];
            LogSegment next = count + 1 < current.length ? current[count + 1] : null;
            if ((next == null && segment.isEmpty()) || !rule.deletable(segment, next)) {
                break;
            }
            count++;
        }
        if (count == 0) {
            return 0;
        }
        if (count == current.length) {
            roll(config, clock.millis());
            current = segments;
        }
        LogSegment[] kept = Arrays.copyOfRange(current, count, current.length);
        // The start offset moves before the segments go: a reader that sees the shorter list
        // also sees the new start and answers OFFSET_OUT_OF_RANGE below it.
        if (kept[0].baseOffset() > logStartOffset) {
            logStartOffset = kept[0].baseOffset();
        }
        segments = kept;
        for (int i = 0; i < count; i++) {
            current[i].markDeleted();
            deleter.deleteLater(current[i], config.fileDeleteDelayMs());
        }
        LOG.log(Level.INFO, "Partition {0}: deleted {1} segment(s) below offset {2} ({3}); the log now starts at offset {4}.",
                topicPartition, count, kept[0].baseOffset(), reason, logStartOffset);
        return count;
    }

    /**
     * Flushes when data has waited flush.ms or flush.messages was reached. Returns whether it
     * flushed. Any thread but the append thread's (it blocks on the disk).
     */
    public boolean flushIfDue() throws IOException {
        long nowMs = clock.millis();
        if (logEndOffset == recoveryPoint) {
            lastFlushMs = nowMs;
            return false;
        }
        if (!flushRequested && nowMs - lastFlushMs < config.flushIntervalMs()) {
            return false;
        }
        flush();
        return true;
    }

    /**
     * Forces every segment holding offsets at or above the recovery point to disk, and the
     * partition directory when one of them was created since the last flush (its entry must
     * survive too), then advances the recovery point. Any thread but the append thread; an
     * interrupt fails the flush and leaves the recovery point where it was.
     */
    public void flush() throws IOException {
        flushRequested = false;
        long end = logEndOffset;
        long flushedBefore = recoveryPoint;
        LogSegment[] current = segments;
        boolean newSegment = false;
        for (int i = 0; i < current.length; i++) {
            boolean holdsUnflushed = i + 1 == current.length || current[i + 1].baseOffset() > flushedBefore;
            if (holdsUnflushed) {
                try {
                    current[i].flush();
                } catch (ClosedByInterruptException interrupted) {
                    throw interrupted;
                } catch (ClosedChannelException deletedMeanwhile) {
                    // Retention or a topic deletion removed it; nothing in it needs to survive.
                }
                newSegment |= current[i].baseOffset() >= flushedBefore;
            }
        }
        if (newSegment) {
            AtomicFileWriter.syncDirectory(directory);
        }
        if (end > recoveryPoint) {
            recoveryPoint = end;
        }
        lastFlushMs = clock.millis();
    }

    private static int floorSegment(LogSegment[] current, long offset) {
        int low = 0;
        int high = current.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (current[middle].baseOffset() <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private boolean isAppendThread() {
        if (appendThread == null) {
            appendThread = Thread.currentThread();
        }
        return appendThread == Thread.currentThread();
    }

    /**
     * Closes the log after its last append: flushes everything, cuts the active segment's indexes
     * to their entries and snapshots the producer state at the log end offset, so that the next
     * start loads without recovery.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        LogSegment[] current = segments;
        IOException failure = null;
        try {
            takeProducerSnapshot();
        } catch (IOException e) {
            failure = e;
        }
        for (int i = 0; i < current.length; i++) {
            try {
                current[i].close(i == current.length - 1);
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        recoveryPoint = logEndOffset;
    }

    /** Closes the log and deletes its directory. On the append thread, after the last append. */
    void closeAndDelete() throws IOException {
        assert isAppendThread() : "partition " + topicPartition + " deleted off its append thread";
        deleted = true;
        for (LogSegment segment : segments) {
            segment.closeAndDelete();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Override
    public String toString() {
        return topicPartition.toString();
    }
}
