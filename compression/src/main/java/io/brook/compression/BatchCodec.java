package io.brook.compression;

import java.nio.ByteBuffer;

/**
 * One Kafka compression codec: the compressed records of a record batch (everything after
 * RecordsCount) in exactly the format Kafka's Java client writes and reads.
 *
 * <p>Both methods read {@code source} from its position to its limit without moving either, so
 * the caller's view of a batch stays as it was; heap and direct buffers are both accepted. Both
 * replace the contents of {@code destination}.
 *
 * <p>Not thread-safe: an instance holds reusable native state (zlib streams, a zstd context) and
 * scratch memory. Each thread gets its own through {@link Codecs}.
 */
public interface BatchCodec extends AutoCloseable {

    CompressionType type();

    /**
     * Compresses all of {@code source} into {@code destination}.
     *
     * @param level the codec's level, valid per {@link CompressionLevels#isValid}; ignored by
     *     codecs without levels (none, snappy)
     * @throws IllegalArgumentException if {@code level} is outside the codec's range
     */
    void compress(ByteBuffer source, int level, CodecBuffer destination);

    /**
     * Decompresses all of {@code source} into {@code destination}, producing at most
     * {@code maxOutputBytes}. The destination never grows past that limit, whatever the input
     * claims, and decompression stops as soon as the limit is known to be passed.
     *
     * @throws CorruptCompressedDataException if {@code source} is not exactly one valid stream of
     *     this codec (garbage, truncated, a bad checksum, or trailing bytes)
     * @throws DecompressedSizeLimitException if it would decompress to more than {@code maxOutputBytes}
     */
    void decompress(ByteBuffer source, CodecBuffer destination, int maxOutputBytes) throws DecompressionException;

    /** Releases native memory; the codec is unusable afterwards. */
    @Override
    void close();
}
