package io.brook.compression;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Writes one {@link Lz4Frame} exactly as Kafka's {@code Lz4BlockOutputStream} does: the same
 * header, 64 KiB blocks, each stored uncompressed when compressing does not shrink it, the end
 * mark, and the same compressor for each level, so the bytes are Kafka's bytes.
 *
 * <p>Compression uses {@code LZ4Factory.fastestInstance()} (native when it loads), as Kafka does:
 * its input is records this broker has already validated, never attacker-shaped lengths.
 *
 * <p>Holds no state.
 */
final class Lz4FrameWriter {

    private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    private static final int BLOCK_BYTES = Lz4Frame.blockMaxBytes(Lz4Frame.KAFKA_BLOCK_SIZE_ID);
    private static final int HEADER_CHECKSUM = headerChecksum();

    private Lz4FrameWriter() {
    }

    static void write(ByteBuffer source, int level, CodecBuffer out) {
        LZ4Compressor compressor = compressorFor(level);
        out.clear();
        out.putIntLittleEndian(Lz4Frame.MAGIC);
        out.put(Lz4Frame.KAFKA_FLG);
        out.put(Lz4Frame.KAFKA_BD);
        out.put(HEADER_CHECKSUM);
        int end = source.limit();
        for (int position = source.position(); position < end; position += BLOCK_BYTES) {
            int blockBytes = Math.min(BLOCK_BYTES, end - position);
            int maxCompressedBytes = compressor.maxCompressedLength(blockBytes);
            out.reserve(Lz4Frame.BLOCK_SIZE_BYTES + maxCompressedBytes);
            int sizeAt = out.size();
            int dataAt = sizeAt + Lz4Frame.BLOCK_SIZE_BYTES;
            int compressedBytes = compressor.compress(source, position, blockBytes, out.arrayView(), dataAt, maxCompressedBytes);
            int sizeWord = compressedBytes;
            int storedBytes = compressedBytes;
            if (compressedBytes >= blockBytes) {
                source.get(position, out.array(), dataAt, blockBytes);
                sizeWord = blockBytes | Lz4Frame.STORED_BLOCK_FLAG;
                storedBytes = blockBytes;
            }
            out.putIntLittleEndian(sizeWord);
            out.advance(storedBytes);
        }
        out.putIntLittleEndian(Lz4Frame.END_MARK);
    }

    /** As Kafka: its default level means the fast compressor (which has no levels); any other, HC at that level. */
    private static LZ4Compressor compressorFor(int level) {
        CompressionLevels.check(CompressionType.LZ4, level);
        return level == CompressionLevels.LZ4_DEFAULT_LEVEL ? FACTORY.fastCompressor() : FACTORY.highCompressor(level);
    }

    private static int headerChecksum() {
        byte[] descriptor = {(byte) Lz4Frame.KAFKA_FLG, (byte) Lz4Frame.KAFKA_BD};
        return Lz4Frame.headerChecksum(Lz4Frame.XXHASH.hash(descriptor, 0, descriptor.length, Lz4Frame.XXHASH_SEED));
    }
}
