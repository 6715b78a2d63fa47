package io.brook.broker.group;

import io.brook.log.LogReadResult;
import io.brook.log.LogSlice;
import io.brook.log.PartitionLog;
import io.brook.protocol.record.RecordBatchView;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Replays the group log at start: reads every batch from the log start offset to the log end
 * offset, a chunk of the segment file at a time into one heap buffer, and applies each record to
 * a {@link GroupLogState}. Nothing may append to the log meanwhile.
 *
 * <p>Not thread-safe: one replay on one thread.
 */
final class GroupLogReader {
    /**
     * Bytes read per chunk: Kafka's default offsets.load.buffer.size, for the same job. A batch
     * larger than this (a rewrite of a large state) is read whole, into a buffer grown to fit it.
     */
    static final int READ_CHUNK_BYTES = 5 * 1024 * 1024;

    private final PartitionLog log;
    private ByteBuffer chunk = ByteBuffer.allocate(0);

    private GroupLogReader(PartitionLog log) {
        this.log = log;
    }

    /** The state {@code log} holds. Throws IOException when a batch or record cannot be read back. */
    static GroupLogState replay(PartitionLog log) throws IOException {
        return new GroupLogReader(log).replayAll();
    }

    private GroupLogState replayAll() throws IOException {
        GroupLogState state = new GroupLogState();
        long offset = log.logStartOffset();
        long endOffset = log.logEndOffset();
        while (offset < endOffset) {
            LogReadResult read = log.read(offset, READ_CHUNK_BYTES, true);
            if (read.slice() == null) {
                throw new IOException("Offset " + offset + " of the group log " + log + " cannot be read (the log holds offsets "
                        + read.logStartOffset() + " to " + read.logEndOffset() + ").");
            }
            ByteBuffer bytes = readFully(read.slice());
            offset = replayBatches(bytes, state);
        }
        return state;
    }

    /**
     * Applies the whole batches in {@code bytes} (a read may end inside one) and returns the
     * offset after the last of them.
     */
    private long replayBatches(ByteBuffer bytes, GroupLogState state) throws IOException {
        long nextOffset = -1;
        while (bytes.remaining() >= RecordBatchView.LOG_OVERHEAD) {
            int position = bytes.position();
            int batchBytes = RecordBatchView.LOG_OVERHEAD + bytes.getInt(position + RecordBatchView.BATCH_LENGTH_OFFSET);
            if (batchBytes < RecordBatchView.RECORD_BATCH_OVERHEAD) {
                throw new IOException("The group log " + log + " holds a batch of " + batchBytes + " bytes, less than a batch header: "
                        + "the log is damaged.");
            }
            if (batchBytes > bytes.remaining()) {
                break;
            }
            nextOffset = GroupRecordBatch.read(bytes.slice(position, batchBytes), state::apply);
            state.addLogBytes(batchBytes);
            bytes.position(position + batchBytes);
        }
        if (nextOffset < 0) {
            throw new IOException("The group log " + log + " holds a batch that its read did not return whole.");
        }
        return nextOffset;
    }

    private ByteBuffer readFully(LogSlice slice) throws IOException {
        if (chunk.capacity() < slice.sizeInBytes()) {
            chunk = ByteBuffer.allocate(Math.max(READ_CHUNK_BYTES, slice.sizeInBytes()));
        }
        chunk.clear().limit(slice.sizeInBytes());
        long position = slice.position();
        while (chunk.hasRemaining()) {
            int read = slice.channel().read(chunk, position);
            if (read < 0) {
                throw new EOFException("The group log " + log + " ended " + chunk.remaining() + " bytes before the end of a read.");
            }
            position += read;
        }
        return chunk.flip();
    }
}
