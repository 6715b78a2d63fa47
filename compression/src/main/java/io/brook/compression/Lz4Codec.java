package io.brook.compression;

import java.nio.ByteBuffer;

/**
 * lz4 in Kafka's framing ({@link Lz4Frame}): written by {@link Lz4FrameWriter}, read, within the
 * caller's limit, by {@link Lz4FrameReader}.
 *
 * <p>Holds no state of its own; like every codec, used by one thread at a time through {@link Codecs}.
 */
final class Lz4Codec implements BatchCodec {

    @Override
    public CompressionType type() {
        return CompressionType.LZ4;
    }

    @Override
    public void compress(ByteBuffer source, int level, CodecBuffer destination) {
        Lz4FrameWriter.write(source, level, destination);
    }

    @Override
    public void decompress(ByteBuffer source, CodecBuffer destination, int maxOutputBytes) throws DecompressionException {
        CodecBuffer.checkLimit(maxOutputBytes);
        destination.clear();
        Lz4FrameReader.read(source, destination, maxOutputBytes);
    }

    @Override
    public void close() {
        // lz4-java's compressors and decompressor hold no native memory between calls.
    }
}
