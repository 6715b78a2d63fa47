package io.brook.compression;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads one {@link Lz4Frame} into a {@link CodecBuffer}, never past the caller's limit.
 *
 * <p>Every length in the frame is checked before it is used: a block size against the frame's
 * declared block maximum (at most 4 MiB) and against the bytes that are there, a declared
 * content size against the limit. Blocks decompress straight into the output with lz4-java's
 * pure-Java safe decompressor ({@code LZ4Factory.safeInstance()}): it bounds-checks every read
 * and write, where the "fast" decompressors trust the input and were the subject of
 * CVE-2025-12183; lz4-java 1.10.1+ also fixed the safe decompressor's CVE-2025-66566.
 *
 * <p>What Kafka's {@code Lz4BlockInputStream} does differently, all of it stricter here:
 * the content checksum is verified (Kafka skips it), a declared content size must match, and no
 * bytes may follow the frame (Kafka stops reading at the end mark). Like Kafka, a size word of
 * 0x80000000 (a "stored" block of zero bytes) ends the blocks.
 *
 * <p>Holds no state.
 */
final class Lz4FrameReader {

    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().safeDecompressor();

    /** A ByteBuffer over the output array, re-made only when the output grows into a new array. */
    private Lz4FrameReader() {
    }

    static void read(ByteBuffer source, CodecBuffer out, int maxOutputBytes) throws DecompressionException {
        ByteBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int end = in.limit();
        int position = in.position();
        require(end - position >= Lz4Frame.MAGIC_BYTES + Lz4Frame.DESCRIPTOR_FIXED_BYTES, "truncated frame header");
        int magic = in.getInt(position);
        if (magic != Lz4Frame.MAGIC) {
            throw corrupt("not an LZ4 frame: magic=0x" + Integer.toHexString(magic));
        }
        int descriptorStart = position + Lz4Frame.MAGIC_BYTES;
        int flg = in.get(descriptorStart) & 0xFF;
        int bd = in.get(descriptorStart + 1) & 0xFF;
        checkFlg(flg);
        int blockMaxBytes = checkBd(bd);
        int descriptorEnd = descriptorStart + Lz4Frame.DESCRIPTOR_FIXED_BYTES;
        long declaredContentBytes = -1;
        if ((flg & Lz4Frame.FLG_CONTENT_SIZE) != 0) {
            require(end - descriptorEnd >= Lz4Frame.CONTENT_SIZE_BYTES, "truncated content size");
            declaredContentBytes = in.getLong(descriptorEnd);
            checkDeclaredContentSize(declaredContentBytes, maxOutputBytes);
            descriptorEnd += Lz4Frame.CONTENT_SIZE_BYTES;
        }
        require(end - descriptorEnd >= Lz4Frame.HEADER_CHECKSUM_BYTES, "truncated frame header");
        int expectedChecksum = Lz4Frame.headerChecksum(
                Lz4Frame.XXHASH.hash(in, descriptorStart, descriptorEnd - descriptorStart, Lz4Frame.XXHASH_SEED));
        int actualChecksum = in.get(descriptorEnd) & 0xFF;
        if (actualChecksum != expectedChecksum) {
            throw corrupt("header checksum 0x" + Integer.toHexString(actualChecksum) + " != 0x"
                    + Integer.toHexString(expectedChecksum));
        }
        position = readBlocks(in, descriptorEnd + Lz4Frame.HEADER_CHECKSUM_BYTES, end, flg, blockMaxBytes, out,
                maxOutputBytes);
        if ((flg & Lz4Frame.FLG_CONTENT_CHECKSUM) != 0) {
            require(end - position >= Lz4Frame.CHECKSUM_BYTES, "truncated content checksum");
            checkContentChecksum(in.getInt(position), out);
            position += Lz4Frame.CHECKSUM_BYTES;
        }
        if (declaredContentBytes >= 0 && declaredContentBytes != out.size()) {
            throw corrupt("content size " + declaredContentBytes + " declared, " + out.size() + " decompressed");
        }
        if (position != end) {
            throw corrupt((end - position) + " bytes after the end of the frame");
        }
    }

    /** Reads blocks up to the end mark; returns the position after it. Each block consumes at least 4 bytes. */
    private static int readBlocks(ByteBuffer in, int position, int end, int flg, int blockMaxBytes, CodecBuffer out,
            int maxOutputBytes) throws DecompressionException {
        boolean blockChecksums = (flg & Lz4Frame.FLG_BLOCK_CHECKSUM) != 0;
        int checksumBytes = blockChecksums ? Lz4Frame.CHECKSUM_BYTES : 0;
        while (true) {
            require(end - position >= Lz4Frame.BLOCK_SIZE_BYTES, "truncated before the end mark");
            int sizeWord = in.getInt(position);
            position += Lz4Frame.BLOCK_SIZE_BYTES;
            int blockBytes = sizeWord & ~Lz4Frame.STORED_BLOCK_FLAG;
            if (blockBytes == Lz4Frame.END_MARK) {
                return position;
            }
            if (blockBytes > blockMaxBytes) {
                throw corrupt("block of " + blockBytes + " bytes in a frame whose blocks are at most " + blockMaxBytes);
            }
            if (end - position < blockBytes + checksumBytes) {
                throw corrupt("block of " + blockBytes + " bytes but " + (end - position) + " bytes left");
            }
            if (blockChecksums) {
                checkBlockChecksum(in, position, blockBytes);
            }
            if ((sizeWord & Lz4Frame.STORED_BLOCK_FLAG) != 0) {
                out.reserveWithin(blockBytes, maxOutputBytes, CompressionType.LZ4);
                in.get(position, out.array(), out.size(), blockBytes);
                out.advance(blockBytes);
            } else {
                decompressBlock(in, position, blockBytes, blockMaxBytes, out, maxOutputBytes);
            }
            position += blockBytes + checksumBytes;
        }
    }

    private static void decompressBlock(ByteBuffer in, int position, int blockBytes, int blockMaxBytes, CodecBuffer out,
            int maxOutputBytes) throws DecompressionException {
        int roomBytes = blockMaxBytes;
        if (maxOutputBytes - out.size() < blockMaxBytes) {
            // Near the limit: learn the block's length first, so "too large" is told apart from "corrupt".
            long decodedBytes = Lz4BlockScanner.decodedLength(in, position, blockBytes);
            if (decodedBytes == Lz4BlockScanner.MALFORMED) {
                throw corrupt("malformed block of " + blockBytes + " bytes");
            }
            if (decodedBytes > blockMaxBytes) {
                throw corrupt("block decompresses to " + decodedBytes + " bytes, more than the frame's block maximum "
                        + blockMaxBytes);
            }
            roomBytes = (int) decodedBytes;
        }
        out.reserveWithin(roomBytes, maxOutputBytes, CompressionType.LZ4);
        try {
            int producedBytes = DECOMPRESSOR.decompress(in, position, blockBytes, out.arrayView(), out.size(), roomBytes);
            out.advance(producedBytes);
        } catch (LZ4Exception e) {
            throw corrupt("invalid block of " + blockBytes + " bytes", e);
        }
    }

    private static void checkFlg(int flg) throws CorruptCompressedDataException {
        int version = flg >>> Lz4Frame.FLG_VERSION_SHIFT;
        if (version != Lz4Frame.FLG_VERSION) {
            throw corrupt("frame version " + version + ", only 1 exists");
        }
        if ((flg & Lz4Frame.FLG_RESERVED_OR_DICTIONARY) != 0) {
            throw corrupt("FLG 0x" + Integer.toHexString(flg) + " sets the reserved bit or a dictionary id");
        }
        if ((flg & Lz4Frame.FLG_BLOCK_INDEPENDENCE) == 0) {
            throw corrupt("linked blocks, which Kafka does not support");
        }
    }

    private static int checkBd(int bd) throws CorruptCompressedDataException {
        if ((bd & Lz4Frame.BD_RESERVED) != 0) {
            throw corrupt("BD 0x" + Integer.toHexString(bd) + " sets reserved bits");
        }
        int blockSizeId = (bd >>> Lz4Frame.BD_BLOCK_SIZE_ID_SHIFT) & Lz4Frame.BD_BLOCK_SIZE_ID_MASK;
        if (blockSizeId < Lz4Frame.MIN_BLOCK_SIZE_ID) {
            throw corrupt("block size id " + blockSizeId + " is not 4..7");
        }
        return Lz4Frame.blockMaxBytes(blockSizeId);
    }

    private static void checkDeclaredContentSize(long declaredBytes, int maxOutputBytes) throws DecompressionException {
        if (declaredBytes < 0) {
            throw corrupt("content size " + Long.toUnsignedString(declaredBytes) + " is not a length");
        }
        if (declaredBytes > maxOutputBytes) {
            throw new DecompressedSizeLimitException(CompressionType.LZ4, maxOutputBytes,
                    "the frame declares " + declaredBytes + " bytes");
        }
    }

    private static void checkBlockChecksum(ByteBuffer in, int position, int blockBytes) throws CorruptCompressedDataException {
        int expected = Lz4Frame.XXHASH.hash(in, position, blockBytes, Lz4Frame.XXHASH_SEED);
        int actual = in.getInt(position + blockBytes);
        if (actual != expected) {
            throw corrupt("block checksum 0x" + Integer.toHexString(actual) + " != 0x" + Integer.toHexString(expected));
        }
    }

    private static void checkContentChecksum(int actual, CodecBuffer out) throws CorruptCompressedDataException {
        int expected = Lz4Frame.XXHASH.hash(out.array(), 0, out.size(), Lz4Frame.XXHASH_SEED);
        if (actual != expected) {
            throw corrupt("content checksum 0x" + Integer.toHexString(actual) + " != 0x" + Integer.toHexString(expected));
        }
    }

    private static void require(boolean condition, String detail) throws CorruptCompressedDataException {
        if (!condition) {
            throw corrupt(detail);
        }
    }

    private static CorruptCompressedDataException corrupt(String detail) {
        return new CorruptCompressedDataException(CompressionType.LZ4, detail);
    }

    private static CorruptCompressedDataException corrupt(String detail, Throwable cause) {
        return new CorruptCompressedDataException(CompressionType.LZ4, detail, cause);
    }
}
