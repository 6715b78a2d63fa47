package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Headers that claim enormous sizes: each is refused before memory is allocated for the claim.
 * The output buffer is warm (sized to the limit) so that any allocation measured is the codec's own.
 */
class CraftedHeaderTest {

    private static final int LIMIT_BYTES = TestData.MIB;
    private static final long SMALL_ALLOCATION_BYTES = 64 * 1024;
    private static final byte[] SNAPPY_MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};

    @RegisterExtension
    static final CodecsExtension CODECS = new CodecsExtension();

    private final CodecBuffer out = new CodecBuffer(LIMIT_BYTES);

    @Test
    void lz4BlockSizesBeyondTheFramesMaximumAreCorrupt() {
        int blockSizeId64KiB = 4;
        for (int sizeWord : new int[] {0x7FFFFFFF, 0xFFFFFFFF, 64 * 1024 + 1, 0x80000000 | (64 * 1024 + 1)}) {
            byte[] frame = concat(lz4Header(0x60, blockSizeId64KiB << 4, null), intLe(sizeWord), new byte[100]);
            assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.LZ4, frame);
        }
    }

    @Test
    void lz4BlocksLargerThanTheBytesThereAreCorrupt() {
        int blockSizeId4MiB = 7;
        byte[] frame = concat(lz4Header(0x60, blockSizeId4MiB << 4, null), intLe(4 * TestData.MIB), new byte[100]);
        assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.LZ4, frame);
    }

    @Test
    void lz4DeclaredContentSizeBeyondTheLimitIsRefusedUpFront() {
        byte[] huge = concat(lz4Header(0x68, 4 << 4, 1L << 40), intLe(0));
        assertRejectedCheaply(DecompressedSizeLimitException.class, CompressionType.LZ4, huge);
        byte[] negative = concat(lz4Header(0x68, 4 << 4, -1L), intLe(0));
        assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.LZ4, negative);
    }

    /** A block that decompresses past the 64 KiB the frame allows, as a crafted frame could hold. */
    @Test
    void lz4BlockThatDecompressesPastTheFramesBlockMaximumIsCorrupt() {
        byte[] oversized = LZ4Factory.safeInstance().fastCompressor().compress(new byte[128 * 1024]);
        byte[] frame = concat(lz4Header(0x60, 4 << 4, null), intLe(oversized.length), oversized, intLe(0));
        assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.LZ4, frame);
        // And near the limit, where the block is scanned before it is decompressed.
        CodecBuffer small = new CodecBuffer(16);
        assertThrows(CorruptCompressedDataException.class,
                () -> CODECS.codec(CompressionType.LZ4).decompress(ByteBuffer.wrap(frame), small, 1000));
    }

    @Test
    void snappyBlockLengthsBeyondTheInputAreCorrupt() {
        for (int blockLength : new int[] {0x7FFFFFFF, 0x10000000, 101, 0x80000000, -5, 0}) {
            byte[] stream = concat(SNAPPY_MAGIC, intBe(blockLength), new byte[100]);
            assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.SNAPPY, stream);
        }
    }

    @Test
    void snappyBlocksDeclaringHugeOutputAreRefusedBeforeDecompressing() {
        byte[] claims4GiB = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0, 1, 2, 3};
        byte[] claims2GiB = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0, 1, 2, 3};
        byte[] claims2MiB = {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01, 0, 1, 2, 3};
        for (byte[] block : new byte[][] {claims4GiB, claims2GiB, claims2MiB}) {
            byte[] framed = concat(SNAPPY_MAGIC, intBe(block.length), block);
            assertRejectedCheaply(DecompressedSizeLimitException.class, CompressionType.SNAPPY, framed);
            assertRejectedCheaply(DecompressedSizeLimitException.class, CompressionType.SNAPPY, block);
        }
    }

    @Test
    void zstdWindowsBeyondTheCapAreCorrupt() {
        // Frame header: magic, descriptor 0 (no content size, not single segment), window descriptor for 2^31.
        byte[] frame = concat(intLe(0xFD2FB528), new byte[] {0, (byte) ((31 - 10) << 3)}, new byte[64]);
        assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.ZSTD, frame);
    }

    @Test
    void zstdDeclaredContentSizeIsNotTrusted() {
        // Single segment, 8-byte content size of 2^40, then a raw block of 10 bytes marked last.
        byte[] header = concat(intLe(0xFD2FB528), new byte[] {(byte) 0xE0}, longLe(1L << 40));
        int lastRawBlockOf10 = 1 | (10 << 3);
        byte[] frame = concat(header, new byte[] {(byte) lastRawBlockOf10, 0, 0}, new byte[10]);
        assertRejectedCheaply(DecompressionException.class, CompressionType.ZSTD, frame);
    }

    @Test
    void gzipHeaderFieldsRunningPastTheInputAreCorrupt() {
        byte[] fixed = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        byte[] extraClaims64KiB = fixed.clone();
        extraClaims64KiB[3] = 4;
        byte[] nameNeverEnds = fixed.clone();
        nameNeverEnds[3] = 8;
        assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.GZIP,
                concat(extraClaims64KiB, new byte[] {(byte) 0xFF, (byte) 0xFF}, new byte[100]));
        assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.GZIP,
                concat(nameNeverEnds, new byte[] {'a', 'b', 'c'}));
    }

    @Test
    void gzipTrailerClaimingAHugeSizeIsCorrupt() {
        CodecBuffer compressed = new CodecBuffer();
        CODECS.codec(CompressionType.GZIP).compress(ByteBuffer.wrap(new byte[100]), -1, compressed);
        byte[] member = compressed.toByteArray();
        ByteBuffer.wrap(member).order(ByteOrder.LITTLE_ENDIAN).putInt(member.length - 4, 0xFFFFFFFF);
        assertRejectedCheaply(CorruptCompressedDataException.class, CompressionType.GZIP, member);
    }

    private void assertRejectedCheaply(Class<? extends DecompressionException> expected, CompressionType type, byte[] input) {
        BatchCodec codec = CODECS.codec(type);
        assertThrows(expected, () -> codec.decompress(ByteBuffer.wrap(input), out, LIMIT_BYTES), type.configName());
        long allocatedBytes = AllocationMeter.allocatedBytes(() -> codec.decompress(ByteBuffer.wrap(input), out, LIMIT_BYTES));
        assertTrue(allocatedBytes < SMALL_ALLOCATION_BYTES, type + " allocated " + allocatedBytes + " bytes");
        assertTrue(out.capacityBytes() <= LIMIT_BYTES);
    }

    /** Magic, FLG, BD, optional content size, and a correct header checksum. */
    private static byte[] lz4Header(int flg, int bd, Long contentSizeBytes) {
        byte[] descriptor = contentSizeBytes == null ? new byte[] {(byte) flg, (byte) bd}
                : concat(new byte[] {(byte) flg, (byte) bd}, longLe(contentSizeBytes));
        int hash = XXHashFactory.safeInstance().hash32().hash(descriptor, 0, descriptor.length, 0);
        return concat(intLe(0x184D2204), descriptor, new byte[] {(byte) (hash >>> 8)});
    }

    private static byte[] intLe(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] intBe(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] longLe(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
