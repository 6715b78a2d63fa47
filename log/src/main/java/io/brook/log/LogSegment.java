package io.brook.log;

import io.brook.log.append.BatchValidator;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One segment: a {@code .log} file of record batches exactly as on the wire, with their assigned
 * offsets, starting at {@code baseOffset}, and its sparse {@code .index} and {@code .timeindex}
 * (Kafka's formats: an entry when more than {@code index.interval.bytes} were appended since the
 * last one). Appends go to the page cache through positional writes; {@link #flush()} forces them
 * to disk.
 *
 * <p>Thread-safety: appends, recovery and becoming inactive belong to the partition's append
 * thread. Reads may come from any thread and see only what {@code sizeInBytes} has published
 * (publish last: the bytes and index entries are written before the size that makes them visible).
 */
final class LogSegment implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LogSegment.class.getName());

    private final long baseOffset;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final long createdMs;
    private Path logFile;
    /** Bytes of valid batches, published to readers. */
    private volatile int sizeInBytes;
    /**
     * The largest batch max timestamp among the published batches, or -1; written after
     * {@code sizeInBytes}, so a reader that sees it also sees the batch that set it.
     */
    private volatile long maxTimestamp = TimeIndex.NO_TIMESTAMP;
    // Owned by the append thread:
    private long maxTimestampSoFar = TimeIndex.NO_TIMESTAMP;
    private long nextOffset;
    private long offsetOfMaxTimestamp = -1;
    private int bytesSinceLastIndexEntry;
    /** The first batch's max timestamp, from which segment.ms counts; -1 when it had none. */
    private long firstBatchTimestamp = TimeIndex.NO_TIMESTAMP;
    /** Whether reads found an index entry that disagrees with the log, which is logged once. */
    private volatile boolean indexDisagreementLogged;

    private LogSegment(long baseOffset, Path logFile, FileChannel channel, OffsetIndex offsetIndex, TimeIndex timeIndex, long createdMs) {
        this.baseOffset = baseOffset;
        this.logFile = logFile;
        this.channel = channel;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.createdMs = createdMs;
        this.nextOffset = baseOffset;
    }

    /** A new, empty segment, its indexes preallocated to {@code indexCapacityBytes}. */
    static LogSegment create(Path directory, long baseOffset, int indexCapacityBytes, long nowMs) throws IOException {
        Path logFile = directory.resolve(LogFileNames.logFileName(baseOffset));
        FileChannel channel = FileChannel.open(logFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return withIndexes(directory, baseOffset, logFile, channel, indexCapacityBytes, nowMs, true);
    }

    /**
     * Opens an existing segment file and its indexes (created empty when missing). Nothing is
     * validated yet: call {@link #loadTrusted} or {@link #recover} before using it.
     */
    static LogSegment open(Path logFile, long baseOffset, int indexCapacityBytes) throws IOException {
        FileChannel channel = FileChannel.open(logFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long modifiedMs = Files.getLastModifiedTime(logFile).toMillis();
        return withIndexes(logFile.getParent(), baseOffset, logFile, channel, indexCapacityBytes, modifiedMs, false);
    }

    private static LogSegment withIndexes(Path directory, long baseOffset, Path logFile, FileChannel channel,
                                          int indexCapacityBytes, long createdMs, boolean isNew) throws IOException {
        OffsetIndex offsetIndex = null;
        try {
            Path indexFile = directory.resolve(LogFileNames.fileName(baseOffset, LogFileNames.INDEX_SUFFIX));
            Path timeIndexFile = directory.resolve(LogFileNames.fileName(baseOffset, LogFileNames.TIME_INDEX_SUFFIX));
            if (isNew) {
                // Leftovers of an earlier segment with this base offset would otherwise count as entries.
                Files.deleteIfExists(indexFile);
                Files.deleteIfExists(timeIndexFile);
            }
            offsetIndex = new OffsetIndex(indexFile, baseOffset, indexCapacityBytes);
            TimeIndex timeIndex = new TimeIndex(timeIndexFile, baseOffset, indexCapacityBytes);
            return new LogSegment(baseOffset, logFile, channel, offsetIndex, timeIndex, createdMs);
        } catch (IOException | RuntimeException e) {
            if (offsetIndex != null) {
                offsetIndex.close();
            }
            channel.close();
            throw e;
        }
    }

    long baseOffset() {
        return baseOffset;
    }

    int sizeInBytes() {
        return sizeInBytes;
    }

    boolean isEmpty() {
        return sizeInBytes == 0;
    }

    /** Append thread: the offset after the last batch, or the base offset of an empty segment. */
    long nextOffset() {
        return nextOffset;
    }

    /** The largest timestamp of any batch in the segment, or -1 when none has one. */
    long maxTimestamp() {
        return maxTimestamp;
    }

    /**
     * The timestamp retention by time compares: the largest record timestamp, or the file's
     * modification time when no batch has a timestamp (as Kafka does).
     */
    long largestTimestamp() throws IOException {
        long largest = maxTimestamp;
        return largest >= 0 ? largest : Files.getLastModifiedTime(logFile).toMillis();
    }

    /**
     * How long the segment has been open for segment.ms, as Kafka counts it: from the first
     * batch's timestamp to the incoming batch's, or by the wall clock when the first batch had none.
     */
    long timeWaitedForRollMs(long nowMs, long incomingMaxTimestamp) {
        if (firstBatchTimestamp >= 0) {
            return incomingMaxTimestamp - firstBatchTimestamp;
        }
        return nowMs - createdMs;
    }

    /** Whether either index has too little room left to take the next entry and the closing one. */
    boolean isIndexFull() {
        return !offsetIndex.hasRoomForClosingEntry() || !timeIndex.hasRoomForClosingEntry();
    }

    boolean canIndex(long lastOffset) {
        return offsetIndex.canIndex(lastOffset);
    }

    /**
     * Writes one batch, whose offsets are already assigned, at the end of the segment. A failed
     * write publishes nothing: the next append overwrites whatever it left behind.
     */
    void append(ByteBuf batch, RecordBatchView view, int indexIntervalBytes) throws IOException {
        int length = batch.readableBytes();
        int position = sizeInBytes;
        int written = 0;
        ByteBuffer source = batch.nioBuffer(batch.readerIndex(), length);
        while (source.hasRemaining()) {
            written += channel.write(source, position + written);
        }
        indexBatch(view, position, indexIntervalBytes);
        sizeInBytes = position + length;
        maxTimestamp = maxTimestampSoFar;
    }

    /** Updates the timestamps and indexes for the batch of {@code view} at {@code position}; append thread. */
    private void indexBatch(RecordBatchView view, int position, int indexIntervalBytes) {
        long lastOffset = view.lastOffset();
        long timestamp = view.maxTimestamp();
        if (position == 0) {
            firstBatchTimestamp = timestamp;
        }
        if (timestamp > maxTimestampSoFar) {
            offsetOfMaxTimestamp = lastOffset;
            maxTimestampSoFar = timestamp;
        }
        // Appends roll before an index fills up; recovery, which may index more batches than fit
        // (segment.index.bytes shrank), stops here and keeps the slot of the closing time entry.
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !isIndexFull()) {
            offsetIndex.append(lastOffset, position);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += view.sizeInBytes();
        nextOffset = lastOffset + 1;
    }

    /**
     * Batches from the one holding {@code offset}, up to {@code maxBytes} (the last may be cut
     * short, as Kafka's are; clients drop a partial batch), or the whole first batch when it is
     * larger and {@code minOneBatch} is set. Only the first {@code visibleBytes} of the file are
     * read, so a read never runs ahead of the log end offset its caller saw. Null when no visible
     * batch holds {@code offset} or nothing fits.
     */
    LogSlice read(long offset, int maxBytes, boolean minOneBatch, int visibleBytes) throws IOException {
        BatchHeaderReader header = BatchHeaderReader.forThisThread(channel);
        int position = locate(header, offset, visibleBytes);
        if (position < 0) {
            return null;
        }
        int limit = minOneBatch ? Math.max(maxBytes, header.view().sizeInBytes()) : maxBytes;
        int length = Math.min(visibleBytes - position, limit);
        return length <= 0 ? null : new LogSlice(channel, position, length);
    }

    /**
     * The position of the first visible batch whose last offset is at or after {@code offset},
     * with its header left in {@code header}; -1 when there is none.
     */
    private int locate(BatchHeaderReader header, long offset, int visibleBytes) throws IOException {
        int position = scanStart(header, offset, visibleBytes);
        while (position < visibleBytes) {
            RecordBatchView view = header.readAt(position);
            int batchBytes = wholeBatchSize(view, position, visibleBytes);
            if (view.lastOffset() >= offset) {
                return position;
            }
            position += batchBytes;
        }
        return -1;
    }

    /**
     * Where a scan for {@code offset} starts: the visible batch the offset index's floor entry
     * points to, when that batch ends at the offset the entry names. Loading checks only the last
     * entry against the log (Kafka checks none), so an earlier one may disagree with it: the scan
     * then starts at the segment's first batch, and the disagreement is logged once.
     */
    private int scanStart(BatchHeaderReader header, long offset, int visibleBytes) throws IOException {
        int slot = offsetIndex.floorSlot(offset);
        // The writer publishes an entry before the size that makes its batch visible.
        while (slot >= 0 && offsetIndex.positionAt(slot) >= visibleBytes) {
            slot--;
        }
        if (slot < 0) {
            return 0;
        }
        int position = offsetIndex.positionAt(slot);
        if (position + (long) RecordBatchView.RECORD_BATCH_OVERHEAD <= visibleBytes
                && header.readAt(position).lastOffset() == offsetIndex.offsetAt(slot)) {
            return position;
        }
        if (!indexDisagreementLogged) {
            indexDisagreementLogged = true;
            LOG.log(System.Logger.Level.WARNING, "The index of segment {0} disagrees with its log at offset {1}; reads that need "
                    + "that entry scan the segment from its start.", logFile, offsetIndex.offsetAt(slot));
        }
        return 0;
    }

    /**
     * The size of the batch whose header was read at {@code position}, which must end within the
     * visible bytes: a stored length that does not is a damaged trusted segment, and scanning on
     * would run backwards or forever.
     */
    private int wholeBatchSize(RecordBatchView header, int position, int visibleBytes) throws IOException {
        int batchBytes = header.sizeInBytes();
        if (batchBytes < RecordBatchView.RECORD_BATCH_OVERHEAD || position + (long) batchBytes > visibleBytes) {
            throw new IOException("Segment " + logFile + " holds no whole record batch at position " + position
                    + ": the batch there claims " + batchBytes + " bytes.");
        }
        return batchBytes;
    }

    /**
     * The first record at or after {@code timestamp} with an offset at or above {@code minOffset};
     * null when there is none. The time index and offset index give where to start scanning.
     * Reads the file; not for the event loop.
     */
    OffsetAndTimestamp findByTimestamp(long timestamp, long minOffset) throws IOException {
        int visibleBytes = sizeInBytes;
        long fromOffset = Math.max(timeIndex.floorOffset(timestamp), minOffset);
        BatchHeaderReader header = BatchHeaderReader.forThisThread(channel);
        int position = scanStart(header, fromOffset, visibleBytes);
        while (position < visibleBytes) {
            RecordBatchView view = header.readAt(position);
            int batchBytes = wholeBatchSize(view, position, visibleBytes);
            if (view.maxTimestamp() >= timestamp && view.lastOffset() >= minOffset) {
                OffsetAndTimestamp found = BatchRecords.firstAtOrAfter(this, position, batchBytes, timestamp, minOffset);
                if (found != null) {
                    return found;
                }
            }
            position += batchBytes;
        }
        return null;
    }

    /** The first record with the segment's largest timestamp; null when no batch has a timestamp. */
    OffsetAndTimestamp offsetOfMaxTimestamp() throws IOException {
        // The maximum before the size: the batch that set a maximum is inside any size read after it.
        long max = maxTimestamp;
        int visibleBytes = sizeInBytes;
        if (max < 0) {
            return null;
        }
        BatchHeaderReader header = BatchHeaderReader.forThisThread(channel);
        // The time index's entries are the first batches to reach each maximum: start at the last
        // one at or below it.
        int position = scanStart(header, timeIndex.floorOffset(max), visibleBytes);
        while (position < visibleBytes) {
            RecordBatchView view = header.readAt(position);
            int batchBytes = wholeBatchSize(view, position, visibleBytes);
            if (view.maxTimestamp() == max) {
                return BatchRecords.firstAtOrAfter(this, position, batchBytes, max, Long.MIN_VALUE);
            }
            position += batchBytes;
        }
        return null;
    }

    /** Visits the headers of visible batches from the one holding {@code offset}, in order. Not for the event loop. */
    void forEachBatchFrom(long offset, BatchVisitor visitor) throws IOException {
        int visibleBytes = sizeInBytes;
        BatchHeaderReader header = BatchHeaderReader.forThisThread(channel);
        int position = scanStart(header, offset, visibleBytes);
        while (position < visibleBytes) {
            RecordBatchView view = header.readAt(position);
            int batchBytes = wholeBatchSize(view, position, visibleBytes);
            if (view.lastOffset() >= offset && !visitor.visit(view)) {
                return;
            }
            position += batchBytes;
        }
    }

    interface BatchVisitor {
        /** Returns false to stop. The view is valid only during the call. */
        boolean visit(RecordBatchView batch) throws IOException;
    }

    /** Reads the whole batch that starts at {@code position}, header included, into a new heap buffer. */
    ByteBuf readBatch(int position, int batchBytes) throws IOException {
        ByteBuffer batch = ByteBuffer.allocate(batchBytes);
        readFully(batch, position);
        return Unpooled.wrappedBuffer(batch.flip());
    }

    /**
     * Takes the segment as written by a clean shutdown or below the recovery point, if its indexes
     * agree with its log (see {@link TrustedSegmentCheck}), and continues from its end. Returns
     * false when they disagree; the caller then recovers the segment.
     */
    boolean loadTrusted() throws IOException {
        TrustedSegmentCheck.Tail tail = TrustedSegmentCheck.check(channel, baseOffset, offsetIndex, timeIndex);
        if (tail == null) {
            return false;
        }
        nextOffset = tail.nextOffset();
        offsetOfMaxTimestamp = tail.offsetOfMaxTimestamp();
        maxTimestampSoFar = tail.maxTimestamp();
        bytesSinceLastIndexEntry = tail.bytesSinceLastIndexEntry();
        firstBatchTimestamp = tail.firstBatchTimestamp();
        sizeInBytes = tail.sizeInBytes();
        maxTimestamp = tail.maxTimestamp();
        return true;
    }

    /**
     * Rebuilds both indexes by scanning the file and cuts it at the first byte that is not part
     * of a valid batch: a torn write, a batch whose length, magic or CRC-32C is wrong, or whose
     * offsets do not follow on. Returns what the scan found.
     */
    RecoveryResult recover(int indexIntervalBytes) throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestamp = TimeIndex.NO_TIMESTAMP;
        maxTimestampSoFar = TimeIndex.NO_TIMESTAMP;
        offsetOfMaxTimestamp = -1;
        bytesSinceLastIndexEntry = 0;
        firstBatchTimestamp = TimeIndex.NO_TIMESTAMP;
        nextOffset = baseOffset;
        long fileSize = channel.size();
        int position = 0;
        int batches = 0;
        BatchHeaderReader header = BatchHeaderReader.forThisThread(channel);
        BatchChecker checker = new BatchChecker();
        while (position + (long) RecordBatchView.RECORD_BATCH_OVERHEAD <= fileSize) {
            RecordBatchView view = header.readAt(position);
            int batchBytes = view.sizeInBytes();
            if (batchBytes < RecordBatchView.RECORD_BATCH_OVERHEAD || position + (long) batchBytes > fileSize
                    || position + (long) batchBytes > Integer.MAX_VALUE) {
                break;
            }
            if (view.baseOffset() != nextOffset || !offsetIndex.canIndex(view.lastOffset())
                    || BatchValidator.validateStoredHeader(view) != null || !checker.isChecksumValid(position, batchBytes)) {
                break;
            }
            indexBatch(view, position, indexIntervalBytes);
            position += batchBytes;
            batches++;
        }
        sizeInBytes = position;
        maxTimestamp = maxTimestampSoFar;
        long cutBytes = fileSize - position;
        if (cutBytes > 0) {
            channel.truncate(position);
        }
        return new RecoveryResult(batches, cutBytes);
    }

    /** What {@link #recover} found: the valid batches kept, and the bytes cut off after them. */
    record RecoveryResult(int validBatches, long cutBytes) {
    }

    /** Reads whole batches into one buffer, grown as needed, to check their CRC-32C. */
    private final class BatchChecker {
        private ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
        private final RecordBatchView view = new RecordBatchView();

        boolean isChecksumValid(int position, int batchBytes) throws IOException {
            if (scratch.capacity() < batchBytes) {
                scratch = ByteBuffer.allocate(batchBytes);
            }
            scratch.clear().limit(batchBytes);
            readFully(scratch, position);
            return view.wrap(Unpooled.wrappedBuffer(scratch.flip()), 0).isChecksumValid();
        }
    }

    /**
     * The segment stops being written (a newer one took over): its time index gets a closing entry
     * for the segment's largest timestamp, and both indexes are cut to their entries. Append thread.
     */
    void onBecomeInactive() throws IOException {
        if (offsetOfMaxTimestamp >= 0) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestamp);
        }
        offsetIndex.trimToEntries();
        timeIndex.trimToEntries();
    }

    /** Forces the segment's data and indexes to disk (not its directory entry: see PartitionLog.flush). Any thread. */
    void flush() throws IOException {
        channel.force(false);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Renames the segment's files to {@code *.deleted}, so that a restart removes them; they stay readable until deleted. */
    void markDeleted() throws IOException {
        Path deletedLog = logFile.resolveSibling(logFile.getFileName() + LogFileNames.DELETED_SUFFIX);
        Files.move(logFile, deletedLog, StandardCopyOption.ATOMIC_MOVE);
        logFile = deletedLog;
        offsetIndex.renameTo(offsetIndex.file().resolveSibling(offsetIndex.file().getFileName() + LogFileNames.DELETED_SUFFIX));
        timeIndex.renameTo(timeIndex.file().resolveSibling(timeIndex.file().getFileName() + LogFileNames.DELETED_SUFFIX));
    }

    private void readFully(ByteBuffer target, long position) throws IOException {
        BatchHeaderReader.readFully(channel, target, position);
    }

    /**
     * Closes the segment after writing its data to disk: a clean shutdown leaves nothing only in
     * the page cache. When {@code active}, it first takes the closing time index entry and cuts
     * its indexes to their entries, as a segment that stops being written does.
     */
    void close(boolean active) throws IOException {
        if (!channel.isOpen()) {
            close();
            throw new IOException("Segment " + logFile + " was closed before its data was flushed at shutdown.");
        }
        try {
            if (active) {
                onBecomeInactive();
            }
            flush();
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                offsetIndex.close();
            } finally {
                timeIndex.close();
            }
        }
    }

    void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(logFile);
        offsetIndex.closeAndDelete();
        timeIndex.closeAndDelete();
    }

    @Override
    public String toString() {
        return logFile.toString();
    }
}
