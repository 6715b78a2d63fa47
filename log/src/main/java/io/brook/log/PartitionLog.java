package io.brook.log;

import io.brook.log.append.AppendResult;
import io.brook.log.producer.ProducerStateTable;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One partition's log: its segments, in base-offset order, the last one active. Appends assign
 * offsets by rewriting each batch's base offset in place, check idempotent producers' sequences,
 * and write the batch as it is; reads return whole batches from the one that holds the requested
 * offset.
 *
 * <p>Thread-safety: a single writer. {@link #append} and {@link #closeAndDelete} run on the
 * partition's append thread only (asserted); reads and offset lookups run on any thread and see
 * what the writer has published: the segment list and the log end offset are volatile and are
 * written after the bytes they describe.
 */
public final class PartitionLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PartitionLog.class.getName());

    private final TopicPartition topicPartition;
    private final Path directory;
    private final LogConfig config;
    private final ProducerStateTable producers;
    /** Scratch view for appends; owned by the append thread. */
    private final RecordBatchView appendView = new RecordBatchView();
    private volatile LogSegment[] segments;
    private volatile long logEndOffset;
    private Thread appendThread;
    /** Set on the append thread when the partition is deleted; appends queued behind the deletion are refused. */
    private boolean deleted;

    private PartitionLog(TopicPartition topicPartition, Path directory, LogConfig config,
                         ProducerStateTable producers, LogSegment[] segments) {
        this.topicPartition = topicPartition;
        this.directory = directory;
        this.config = config;
        this.producers = producers;
        this.segments = segments;
        this.logEndOffset = segments[segments.length - 1].nextOffset();
    }

    /** Creates the directory of a new, empty partition. */
    static PartitionLog create(Path directory, TopicPartition topicPartition, LogConfig config) throws IOException {
        Files.createDirectories(directory);
        LogSegment first = LogSegment.create(directory, 0);
        return new PartitionLog(topicPartition, directory, config, new ProducerStateTable(), new LogSegment[] {first});
    }

    /**
     * Opens an existing partition directory: recovers the log end offset by scanning every segment,
     * cuts a torn or corrupt tail and drops any segment after it, and replays producer state.
     */
    static PartitionLog open(Path directory, TopicPartition topicPartition, LogConfig config) throws IOException {
        List<LogSegment> loaded = new ArrayList<>();
        ProducerStateTable producers = new ProducerStateTable();
        try {
            List<Path> files = segmentFiles(directory);
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                LogSegment segment = LogSegment.open(file, LogFileNames.baseOffsetOf(file.getFileName().toString()));
                long expectedBase = loaded.isEmpty() ? segment.baseOffset() : loaded.get(loaded.size() - 1).nextOffset();
                if (segment.baseOffset() != expectedBase) {
                    LOG.log(Level.WARNING, "Partition {0}: segment {1} starts at offset {2} but the log before it ends at {3}; "
                            + "deleting it and every later segment.", topicPartition, file.getFileName(), segment.baseOffset(), expectedBase);
                    segment.closeAndDelete();
                    deleteSegmentsAfter(directory, segment.baseOffset());
                    break;
                }
                loaded.add(segment);
                boolean isLast = i == files.size() - 1;
                long cutBytes = segment.recover(isLast, producers);
                if (cutBytes > 0) {
                    LOG.log(Level.WARNING, "Partition {0}: cut {1} bytes that did not form valid record batches from the end of {2}; "
                            + "the log now ends at offset {3}.", topicPartition, cutBytes, file.getFileName(), segment.nextOffset());
                    deleteSegmentsAfter(directory, segment.baseOffset());
                    break;
                }
            }
            if (loaded.isEmpty()) {
                loaded.add(LogSegment.create(directory, 0));
            }
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : loaded) {
                segment.close();
            }
            throw e;
        }
        return new PartitionLog(topicPartition, directory, config, producers, loaded.toArray(new LogSegment[0]));
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public long logStartOffset() {
        return segments[0].baseOffset();
    }

    /** The offset the next appended record gets; every offset below it is readable. */
    public long logEndOffset() {
        return logEndOffset;
    }

    /**
     * Appends one batch that passed {@code BatchValidator.validateProduced}. The batch's base offset
     * and leader epoch are rewritten in place. On the append thread only.
     */
    public void append(ByteBuf batch, AppendResult result) {
        assert isAppendThread() : "partition " + topicPartition + " appended to off its append thread";
        if (deleted) {
            result.failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Partition " + topicPartition + " was deleted.", -1);
            return;
        }
        RecordBatchView view = appendView.wrap(batch, batch.readerIndex());
        if (view.hasProducerId() && !checkProducer(view, result)) {
            return;
        }
        long baseOffset = logEndOffset;
        try {
            LogSegment active = activeSegmentFor(batch.readableBytes());
            view.setBaseOffset(baseOffset);
            view.setPartitionLeaderEpoch(config.leaderEpoch());
            active.append(batch, view.lastOffset());
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Partition " + topicPartition + ": could not write to the log.", e);
            result.failed(ErrorCode.KAFKA_STORAGE_ERROR, "The broker could not write to its log.", logStartOffset());
            return;
        }
        producers.replay(view);
        logEndOffset = view.lastOffset() + 1;
        result.succeeded(baseOffset, logStartOffset());
    }

    /** False (with {@code result} filled) when the batch is a retry or breaks the producer's sequence. */
    private boolean checkProducer(RecordBatchView view, AppendResult result) {
        long duplicateOffset = producers.findDuplicate(view);
        if (duplicateOffset >= 0) {
            result.succeeded(duplicateOffset, logStartOffset());
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
        result.failed(error, message, logStartOffset());
        return false;
    }

    private LogSegment activeSegmentFor(int batchBytes) throws IOException {
        LogSegment[] current = segments;
        LogSegment active = current[current.length - 1];
        if (active.isEmpty() || (long) active.sizeInBytes() + batchBytes <= config.segmentBytes()) {
            return active;
        }
        LogSegment rolled = LogSegment.create(directory, logEndOffset);
        LogSegment[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = rolled;
        segments = grown;
        return rolled;
    }

    /**
     * Whole batches from the one holding {@code offset}: at most {@code maxBytes} of them, or the
     * first alone when it is larger and {@code minOneBatch} is set. Any thread.
     */
    public LogReadResult read(long offset, int maxBytes, boolean minOneBatch) {
        long end = logEndOffset;
        LogSegment[] current = segments;
        long start = current[0].baseOffset();
        if (offset < start || offset > end) {
            return new LogReadResult(false, null, start, end);
        }
        if (offset == end) {
            return new LogReadResult(true, null, start, end);
        }
        LogSlice slice = current[floorSegment(current, offset)].read(offset, end, maxBytes, minOneBatch);
        return new LogReadResult(true, slice, start, end);
    }

    /**
     * The first offset whose record timestamp is at or after {@code timestamp}, with that
     * timestamp; null when there is none. Reads the segment files: not for the event loop.
     *
     * <p>In a compressed batch the records cannot be read until the compression module has its
     * codecs, so the batch's base offset and max timestamp stand in for them.
     */
    public OffsetAndTimestamp offsetForTimestamp(long timestamp) {
        for (LogSegment segment : segments) {
            OffsetAndTimestamp found = findInSegment(segment, timestamp);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static OffsetAndTimestamp findInSegment(LogSegment segment, long timestamp) {
        OffsetAndTimestamp[] found = new OffsetAndTimestamp[1];
        try {
            segment.forEachBatch((batch, position) -> {
                if (batch.maxTimestamp() < timestamp) {
                    return true;
                }
                found[0] = BatchRecords.firstAtOrAfter(segment, position, batch.sizeInBytes(), timestamp);
                return found[0] == null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found[0];
    }

    /** The offset of the record with the largest timestamp, and that timestamp; null for an empty log. */
    public OffsetAndTimestamp offsetOfMaxTimestamp() {
        OffsetAndTimestamp best = null;
        try {
            for (LogSegment segment : segments) {
                OffsetAndTimestamp candidate = BatchRecords.maxTimestampIn(segment);
                if (candidate != null && (best == null || candidate.timestamp() > best.timestamp())) {
                    best = candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return best;
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

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (LogSegment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
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

    private static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> LogFileNames.baseOffsetOf(file.getFileName().toString()) >= 0).sorted().toList();
        }
    }

    private static void deleteSegmentsAfter(Path directory, long baseOffset) throws IOException {
        for (Path file : segmentFiles(directory)) {
            if (LogFileNames.baseOffsetOf(file.getFileName().toString()) > baseOffset) {
                Files.delete(file);
            }
        }
    }

    @Override
    public String toString() {
        return topicPartition.toString();
    }
}
