package io.brook.compression;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;

/**
 * snappy, in the two forms Kafka's reader ({@code SnappyInputStream} from snappy-java) accepts:
 *
 * <pre>
 * xerial framing (Kafka's Java producer, via SnappyOutputStream):
 *   0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00 | version i32 BE (1) | compatible version i32 BE (1)
 *   then blocks: compressed length i32 BE | raw snappy block of at most 32 KiB uncompressed
 *   (a block length equal to the first 4 magic bytes starts another concatenated stream)
 * raw snappy (librdkafka's producer): one snappy block, varint uncompressed length first
 * </pre>
 *
 * Input that does not start with the 8 magic bytes, or is shorter than the 16-byte header, is raw
 * snappy, as in {@code SnappyInputStream.readHeader}. The first header's version fields are not
 * checked (neither does Kafka's reader); a concatenated stream's header must be complete, with the
 * magic and a version of at least 1.
 *
 * <p>Why parse the framing here rather than use {@code SnappyInputStream}: it allocates from the
 * lengths in the data (up to 512 MiB for one block length, then whatever the block's varint
 * claims for its output) before any of it is checked, and a negative block length makes it throw
 * {@code SnappyError}, an {@code Error}. Here a block length must fit the bytes that are there,
 * and a block's declared uncompressed length must fit the caller's limit before any output is
 * written. Also stricter than Kafka: 1-3 trailing bytes, or a concatenated header that is not
 * valid, are corrupt rather than the quiet end of the stream.
 *
 * <p>Not thread-safe: owns scratch for input in direct buffers.
 */
final class SnappyCodec implements BatchCodec {

    /** Kafka writes with {@code new SnappyOutputStream(out)}, whose default block is 32 KiB. */
    static final int BLOCK_BYTES = 32 * 1024;
    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    /** The first four magic bytes as a block length: how a concatenated stream's header announces itself. */
    private static final int MAGIC_AS_BLOCK_LENGTH = 0x82534E41;
    private static final int HEADER_BYTES = MAGIC.length + 2 * Integer.BYTES;
    private static final int VERSION = 1;
    private static final int MIN_COMPATIBLE_VERSION = 1;
    private static final int BLOCK_LENGTH_BYTES = Integer.BYTES;

    private final HeapInput input = new HeapInput();

    @Override
    public CompressionType type() {
        return CompressionType.SNAPPY;
    }

    @Override
    public void compress(ByteBuffer source, int level, CodecBuffer destination) {
        input.stage(source);
        try {
            destination.clear();
            destination.reserve(HEADER_BYTES);
            System.arraycopy(MAGIC, 0, destination.array(), 0, MAGIC.length);
            destination.advance(MAGIC.length);
            destination.putIntBigEndian(VERSION);
            destination.putIntBigEndian(MIN_COMPATIBLE_VERSION);
            int end = input.offset() + input.length();
            for (int position = input.offset(); position < end; position += BLOCK_BYTES) {
                int blockBytes = Math.min(BLOCK_BYTES, end - position);
                destination.reserve(BLOCK_LENGTH_BYTES + Snappy.maxCompressedLength(blockBytes));
                int lengthAt = destination.size();
                destination.advance(BLOCK_LENGTH_BYTES);
                int compressedBytes = Snappy.compress(input.array(), position, blockBytes, destination.array(),
                        destination.size());
                destination.advance(compressedBytes);
                putIntBigEndian(destination.array(), lengthAt, compressedBytes);
            }
        } catch (IOException e) {
            throw new IllegalStateException("snappy failed to compress " + input.length() + " bytes", e);
        } finally {
            input.release();
        }
    }

    @Override
    public void decompress(ByteBuffer source, CodecBuffer destination, int maxOutputBytes) throws DecompressionException {
        CodecBuffer.checkLimit(maxOutputBytes);
        destination.clear();
        input.stage(source);
        try {
            byte[] array = input.array();
            int start = input.offset();
            int end = start + input.length();
            if (start == end) {
                throw corrupt("no bytes");
            }
            if (end - start >= HEADER_BYTES && startsWithMagic(array, start)) {
                decompressFramed(array, start + HEADER_BYTES, end, destination, maxOutputBytes);
            } else {
                decompressBlock(array, start, end - start, destination, maxOutputBytes);
            }
        } finally {
            input.release();
        }
    }

    /** Reads xerial blocks; each pass consumes at least 4 bytes, so the loop is bounded by the input. */
    private void decompressFramed(byte[] array, int position, int end, CodecBuffer out, int maxOutputBytes)
            throws DecompressionException {
        while (position < end) {
            if (end - position < BLOCK_LENGTH_BYTES) {
                throw corrupt((end - position) + " trailing bytes after the last block");
            }
            int blockLength = getIntBigEndian(array, position);
            if (blockLength == MAGIC_AS_BLOCK_LENGTH) {
                checkConcatenatedHeader(array, position, end);
                position += HEADER_BYTES;
                continue;
            }
            position += BLOCK_LENGTH_BYTES;
            if (blockLength <= 0) {
                throw corrupt("block length " + blockLength + " at offset " + position);
            }
            if (blockLength > end - position) {
                throw corrupt("block length " + blockLength + " but " + (end - position) + " bytes left");
            }
            decompressBlock(array, position, blockLength, out, maxOutputBytes);
            position += blockLength;
        }
    }

    /**
     * One raw snappy block. Its varint header declares the uncompressed length: checked against the
     * limit before anything is written, and the output is sized to exactly that length, which is
     * all the native decompressor will write (it checks the block against it).
     */
    private void decompressBlock(byte[] array, int offset, int length, CodecBuffer out, int maxOutputBytes)
            throws DecompressionException {
        int declaredBytes;
        try {
            declaredBytes = Snappy.uncompressedLength(array, offset, length);
        } catch (IOException e) {
            throw corrupt("unreadable block length header", e);
        }
        if (declaredBytes < 0) {
            // The varint is 32 bits unsigned; snappy-java hands it back as an int.
            throw new DecompressedSizeLimitException(CompressionType.SNAPPY, maxOutputBytes,
                    "a block declares " + Integer.toUnsignedString(declaredBytes) + " bytes");
        }
        out.reserveWithin(declaredBytes, maxOutputBytes, CompressionType.SNAPPY);
        int producedBytes;
        try {
            producedBytes = Snappy.uncompress(array, offset, length, out.array(), out.size());
        } catch (IOException e) {
            throw corrupt("invalid block of " + length + " bytes", e);
        }
        if (producedBytes != declaredBytes) {
            throw corrupt("block declares " + declaredBytes + " bytes but holds " + producedBytes);
        }
        out.advance(producedBytes);
    }

    private static void checkConcatenatedHeader(byte[] array, int position, int end) throws CorruptCompressedDataException {
        if (end - position < HEADER_BYTES || !startsWithMagic(array, position)) {
            throw corrupt("incomplete header of a concatenated stream at offset " + position);
        }
        int version = getIntBigEndian(array, position + MAGIC.length);
        if (version < MIN_COMPATIBLE_VERSION) {
            throw corrupt("concatenated stream has version " + version);
        }
    }

    private static boolean startsWithMagic(byte[] array, int offset) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (array[offset + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static int getIntBigEndian(byte[] array, int offset) {
        return (array[offset] & 0xFF) << 24 | (array[offset + 1] & 0xFF) << 16 | (array[offset + 2] & 0xFF) << 8
                | (array[offset + 3] & 0xFF);
    }

    private static void putIntBigEndian(byte[] array, int offset, int value) {
        array[offset] = (byte) (value >>> 24);
        array[offset + 1] = (byte) (value >>> 16);
        array[offset + 2] = (byte) (value >>> 8);
        array[offset + 3] = (byte) value;
    }

    private static CorruptCompressedDataException corrupt(String detail) {
        return new CorruptCompressedDataException(CompressionType.SNAPPY, detail);
    }

    private static CorruptCompressedDataException corrupt(String detail, Throwable cause) {
        return new CorruptCompressedDataException(CompressionType.SNAPPY, detail, cause);
    }

    @Override
    public void close() {
        // Nothing native is held between calls.
    }
}
