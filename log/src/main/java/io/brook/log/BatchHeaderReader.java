package io.brook.log;

import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads record batch headers from a segment file into one buffer per thread, so that lookups on
 * the fetch path allocate nothing for them; the returned view is valid until the thread's next
 * read.
 */
final class BatchHeaderReader {
    private static final ThreadLocal<BatchHeaderReader> PER_THREAD = ThreadLocal.withInitial(BatchHeaderReader::new);

    private final byte[] bytes = new byte[RecordBatchView.RECORD_BATCH_OVERHEAD];
    private final ByteBuffer target = ByteBuffer.wrap(bytes);
    private final RecordBatchView view = new RecordBatchView().wrap(Unpooled.wrappedBuffer(bytes), 0);
    private FileChannel channel;

    private BatchHeaderReader() {
    }

    /** This thread's reader, reading from {@code channel} until the next call. */
    static BatchHeaderReader forThisThread(FileChannel channel) {
        BatchHeaderReader reader = PER_THREAD.get();
        reader.channel = channel;
        return reader;
    }

    /** Reads the header of the batch at {@code position}; the file must hold a whole header there. */
    RecordBatchView readAt(int position) throws IOException {
        readFully(channel, target.clear(), position);
        return view;
    }

    /** The header read last. */
    RecordBatchView view() {
        return view;
    }

    static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                throw new IOException("file ended at " + at + " while reading a batch");
            }
            at += read;
        }
    }
}
