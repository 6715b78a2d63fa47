package io.brook.log;

import io.brook.log.append.BatchValidator;
import io.brook.log.producer.ProducerStateTable;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file: record batches exactly as on the wire, with their assigned offsets, starting
 * at {@code baseOffset}. Appends go to the page cache through positional writes; nothing here
 * forces data to disk.
 *
 * <p>Thread-safety: appends, truncation and recovery belong to the partition's append thread.
 * Reads may come from any thread and see only batches the index has published (publish last:
 * the bytes are written before the index entry that makes them visible).
 */
final class LogSegment implements AutoCloseable {
    private final long baseOffset;
    private final Path file;
    private final FileChannel channel;
    private final BatchPositionIndex index = new BatchPositionIndex();
    /** Bytes of valid batches; owned by the append thread. */
    private int sizeInBytes;

    private LogSegment(long baseOffset, Path file, FileChannel channel) {
        this.baseOffset = baseOffset;
        this.file = file;
        this.channel = channel;
    }

    static LogSegment create(Path directory, long baseOffset) throws IOException {
        Path file = directory.resolve(LogFileNames.logFileName(baseOffset));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new LogSegment(baseOffset, file, channel);
    }

    static LogSegment open(Path file, long baseOffset) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new LogSegment(baseOffset, file, channel);
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

    /** The offset after the last batch, or the base offset of an empty segment. */
    long nextOffset() {
        BatchPositionIndex.Snapshot snapshot = index.snapshot();
        return snapshot.count() == 0 ? baseOffset : snapshot.lastOffset(snapshot.count() - 1) + 1;
    }

    /**
     * Writes one batch, whose offsets are already assigned, at the end of the segment. A failed
     * write publishes nothing: the next append overwrites whatever it left behind.
     */
    void append(ByteBuf batch, long lastOffset) throws IOException {
        int length = batch.readableBytes();
        long position = sizeInBytes;
        int written = 0;
        ByteBuffer source = batch.nioBuffer(batch.readerIndex(), length);
        while (source.hasRemaining()) {
            written += channel.write(source, position + written);
        }
        sizeInBytes += written;
        index.add(lastOffset, sizeInBytes);
    }

    /**
     * Whole batches from the one holding {@code offset}, at most {@code maxBytes} of them, or the
     * first batch alone when it is larger and {@code minOneBatch} is set; only batches below
     * {@code endOffset} (the log end offset the reader saw), so that a read never runs ahead of the
     * offsets it reports. Null when no such batch holds {@code offset} or none fits.
     */
    LogSlice read(long offset, long endOffset, int maxBytes, boolean minOneBatch) {
        BatchPositionIndex.Snapshot snapshot = index.snapshot();
        int visible = snapshot.slotContaining(endOffset);
        int first = snapshot.slotContaining(offset);
        if (first >= visible) {
            return null;
        }
        int start = snapshot.startPosition(first);
        long limit = Math.min((long) start + maxBytes, snapshot.endPosition(visible - 1));
        int last = snapshot.lastSlotEndingBy((int) limit);
        if (last < first) {
            if (!minOneBatch) {
                return null;
            }
            last = first;
        }
        return new LogSlice(channel, start, snapshot.endPosition(last) - start);
    }

    /**
     * Visits the published batches' headers in order, for lookups that need more than the index
     * holds (timestamps). Reads the file; not for the event loop.
     */
    void forEachBatch(BatchVisitor visitor) throws IOException {
        BatchPositionIndex.Snapshot snapshot = index.snapshot();
        HeaderReader header = new HeaderReader();
        for (int slot = 0; slot < snapshot.count(); slot++) {
            int position = snapshot.startPosition(slot);
            if (!visitor.visit(header.readAt(position), position)) {
                return;
            }
        }
    }

    /** Reads the whole batch that starts at {@code position}, header included, into a new heap buffer. */
    ByteBuf readBatch(int position, int sizeInBytes) throws IOException {
        ByteBuffer batch = ByteBuffer.allocate(sizeInBytes);
        readFully(batch, position);
        return Unpooled.wrappedBuffer(batch.flip());
    }

    interface BatchVisitor {
        /** Returns false to stop. The view is valid only during the call. */
        boolean visit(RecordBatchView batch, int position) throws IOException;
    }

    /**
     * Rebuilds the index by scanning the file and cuts it at the first byte that is not part of a
     * valid batch: a torn write at the end, a batch whose offsets do not follow on, or, when
     * {@code verifyChecksums}, a batch whose CRC does not match. Producer state is replayed from
     * every valid batch. Returns the bytes cut off.
     */
    long recover(boolean verifyChecksums, ProducerStateTable producers) throws IOException {
        index.clear();
        long fileSize = channel.size();
        long nextOffset = baseOffset;
        int position = 0;
        HeaderReader header = new HeaderReader();
        while (position + RecordBatchView.RECORD_BATCH_OVERHEAD <= fileSize) {
            RecordBatchView view = header.readAt(position);
            int batchSize = view.sizeInBytes();
            if (batchSize < RecordBatchView.RECORD_BATCH_OVERHEAD || position + (long) batchSize > fileSize) {
                break;
            }
            if (view.baseOffset() != nextOffset || !isValidStoredBatch(view, position, verifyChecksums)) {
                break;
            }
            producers.replay(view);
            nextOffset = view.lastOffset() + 1;
            position += batchSize;
            index.add(view.lastOffset(), position);
        }
        sizeInBytes = position;
        long truncatedBytes = fileSize - position;
        if (truncatedBytes > 0) {
            channel.truncate(position);
        }
        return truncatedBytes;
    }

    private boolean isValidStoredBatch(RecordBatchView header, int position, boolean verifyChecksum) throws IOException {
        if (BatchValidator.validateStoredHeader(header) != null) {
            return false;
        }
        if (!verifyChecksum) {
            return true;
        }
        ByteBuf batch = readBatch(position, header.sizeInBytes());
        try {
            return new RecordBatchView().wrap(batch, 0).isChecksumValid();
        } finally {
            batch.release();
        }
    }

    /** Reads batch headers into one reused buffer; the returned view is valid until the next read. */
    private final class HeaderReader {
        private final byte[] bytes = new byte[RecordBatchView.RECORD_BATCH_OVERHEAD];
        private final ByteBuffer target = ByteBuffer.wrap(bytes);
        private final RecordBatchView view = new RecordBatchView().wrap(Unpooled.wrappedBuffer(bytes), 0);

        RecordBatchView readAt(int position) throws IOException {
            readFully(target.clear(), position);
            return view;
        }
    }

    private void readFully(ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                throw new IOException("segment " + file + " ended at " + at + " while reading a batch");
            }
            at += read;
        }
    }

    /** Writes the segment's data to disk, then closes it: a clean shutdown leaves nothing only in the page cache. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.force(true);
        } finally {
            channel.close();
        }
    }

    void closeAndDelete() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
