package io.brook.broker.network;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A slice of a segment file sent with {@link FileChannel#transferTo}: page cache to socket, no copy
 * through the heap. Unlike Netty's DefaultFileRegion it does not close the channel when released,
 * because the channel belongs to the segment and serves every reader.
 */
final class SegmentFileRegion extends AbstractReferenceCounted implements FileRegion {
    private final FileChannel channel;
    private final long position;
    private final long count;
    private long transferred;

    SegmentFileRegion(FileChannel channel, long position, long count) {
        this.channel = channel;
        this.position = position;
        this.count = count;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long transferred() {
        return transferred;
    }

    @Override
    @Deprecated
    public long transfered() {
        return transferred;
    }

    /** Sends from {@code offset} bytes into the region; Netty calls it until {@code transferred() == count()}. */
    @Override
    public long transferTo(WritableByteChannel target, long offset) throws IOException {
        long remaining = count - offset;
        if (remaining <= 0) {
            return 0;
        }
        long written = channel.transferTo(position + offset, remaining, target);
        if (written == 0 && channel.size() < position + count) {
            // Netty would wait forever for bytes that no longer exist.
            throw new IOException("the segment file is now shorter than the " + count + " bytes promised at position " + position);
        }
        transferred += written;
        return written;
    }

    @Override
    protected void deallocate() {
        // The channel belongs to the segment; nothing to free.
    }

    @Override
    public FileRegion retain() {
        super.retain();
        return this;
    }

    @Override
    public FileRegion retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FileRegion touch() {
        return this;
    }

    @Override
    public FileRegion touch(Object hint) {
        return this;
    }
}
