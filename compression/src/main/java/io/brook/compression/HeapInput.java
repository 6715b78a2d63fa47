package io.brook.compression;

import java.nio.ByteBuffer;

/**
 * A codec's input as (array, offset, length), for the libraries that take only heap arrays
 * (snappy-java; zstd-jni's heap streams). A heap buffer is used in place; a direct or read-only
 * one is copied into scratch kept for the next batch, so the copy allocates only when a batch is
 * larger than every batch before it.
 *
 * <p>Not thread-safe: owned by one codec instance.
 */
final class HeapInput {

    private byte[] scratch = new byte[0];
    private byte[] array;
    private int offset;
    private int length;

    /** Points at {@code source}'s remaining bytes, copying them only if they are not in an accessible array. */
    void stage(ByteBuffer source) {
        length = source.remaining();
        if (source.hasArray()) {
            array = source.array();
            offset = source.arrayOffset() + source.position();
            return;
        }
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        source.get(source.position(), scratch, 0, length);
        array = scratch;
        offset = 0;
    }

    byte[] array() {
        return array;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    /** Forgets the caller's array so a codec never holds a batch beyond the call. */
    void release() {
        array = null;
    }
}
