package io.brook.compression;

import java.nio.ByteBuffer;

/**
 * No compression: both directions copy. There so that every Kafka codec id has a codec, and a
 * caller that recompresses to or from "none" needs no special case; decompressing still honours
 * the limit.
 */
final class NoneCodec implements BatchCodec {

    @Override
    public CompressionType type() {
        return CompressionType.NONE;
    }

    @Override
    public void compress(ByteBuffer source, int level, CodecBuffer destination) {
        destination.clear();
        destination.reserve(source.remaining());
        copy(source, destination);
    }

    @Override
    public void decompress(ByteBuffer source, CodecBuffer destination, int maxOutputBytes) throws DecompressionException {
        CodecBuffer.checkLimit(maxOutputBytes);
        destination.clear();
        destination.reserveWithin(source.remaining(), maxOutputBytes, CompressionType.NONE);
        copy(source, destination);
    }

    private static void copy(ByteBuffer source, CodecBuffer destination) {
        source.get(source.position(), destination.array(), destination.size(), source.remaining());
        destination.advance(source.remaining());
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
