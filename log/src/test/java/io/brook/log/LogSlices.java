package io.brook.log;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Reads what a slice of a segment file describes, for tests. */
final class LogSlices {
    private LogSlices() {
    }

    /** Reads the bytes a slice of a segment file describes. */
    static byte[] read(LogSlice slice) throws IOException {
        ByteBuffer target = ByteBuffer.allocate(slice.sizeInBytes());
        long position = slice.position();
        while (target.hasRemaining()) {
            int read = slice.channel().read(target, position);
            if (read < 0) {
                throw new IOException("slice ends past the end of its file: " + slice);
            }
            position += read;
        }
        return target.array();
    }

}
