package io.brook.compression;

import java.nio.ByteBuffer;

/**
 * lz4 in Kafka's framing ({@link Lz4Frame}): written by {@link Lz4FrameWriter}, read, within the
 * caller's limit, by {@link Lz4FrameReader}.
 *
 * <p>Not thread-safe: the reader and writer cache views of output arrays.
 */
final class Lz4Codec implements BatchCodec {

    private final Lz4FrameWriter writer = new Lz4FrameWriter();
    private final Lz4FrameReader reader = new Lz4FrameReader();

    @Override
    public CompressionType type() {
        return CompressionType.LZ4;
    }

    @Override
    public void compress(ByteBuffer source, int level, CodecBuffer destination) {
        try {
            writer.write(source, level, destination);
        } finally {
            writer.release();
        }
    }

    @Override
    public void decompress(ByteBuffer source, CodecBuffer destination, int maxOutputBytes) throws DecompressionException {
        CodecBuffer.checkLimit(maxOutputBytes);
        destination.clear();
        try {
            reader.read(source, destination, maxOutputBytes);
        } finally {
            reader.release();
        }
    }

    @Override
    public void close() {
        // lz4-java's compressors and decompressor hold no native memory between calls.
    }
}
