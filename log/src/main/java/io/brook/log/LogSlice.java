package io.brook.log;

import java.nio.channels.FileChannel;

/**
 * Whole batches of a segment file, to be sent without copying: {@code sizeInBytes} bytes from
 * {@code position} of {@code channel}. The channel stays owned by its segment.
 */
public record LogSlice(FileChannel channel, long position, int sizeInBytes) {
}
