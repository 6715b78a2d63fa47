package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decompression bombs: 100 MiB of zeros compresses to a few hundred KiB or less. With a 1 MiB
 * limit every codec must refuse it, and neither grow its output past the limit nor allocate
 * anything near the bomb's size on the way.
 */
class DecompressionLimitTest {

    private static final int LIMIT_BYTES = TestData.MIB;
    private static final int BOMB_BYTES = 100 * TestData.MIB;
    /** Headroom for the exception, its message and small per-call objects; far below the limit. */
    private static final long SMALL_ALLOCATION_BYTES = 64 * 1024;

    @RegisterExtension
    static final CodecsExtension CODECS = new CodecsExtension();

    private static final Map<CompressionType, byte[]> BOMBS = new EnumMap<>(CompressionType.class);

    @BeforeAll
    static void compressBombs() {
        ByteBuffer zeros = ByteBuffer.allocate(BOMB_BYTES);
        CodecBuffer compressed = new CodecBuffer();
        for (CompressionType type : CompressionType.values()) {
            CODECS.codec(type).compress(zeros, CompressionLevels.defaultLevel(type), compressed);
            BOMBS.put(type, compressed.toByteArray());
        }
    }

    @AfterAll
    static void dropBombs() {
        BOMBS.clear();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void aBombIsRejectedWithoutGrowingPastTheLimit(CompressionType type) {
        BatchCodec codec = CODECS.codec(type);
        CodecBuffer out = new CodecBuffer(4096);
        DecompressedSizeLimitException e = assertThrows(DecompressedSizeLimitException.class,
                () -> codec.decompress(ByteBuffer.wrap(BOMBS.get(type)), out, LIMIT_BYTES));
        assertEquals(LIMIT_BYTES, e.limitBytes());
        assertEquals(type, e.type());
        assertTrue(out.capacityBytes() <= LIMIT_BYTES, "output grew to " + out.capacityBytes());
    }

    /** With the output already at the limit's size (a thread's warm buffer), rejecting a bomb allocates next to nothing. */
    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void rejectingABombAllocatesLittleBeyondAWarmBuffer(CompressionType type) {
        BatchCodec codec = CODECS.codec(type);
        CodecBuffer out = new CodecBuffer(LIMIT_BYTES);
        ByteBuffer bomb = ByteBuffer.wrap(BOMBS.get(type));
        ByteBuffer directBomb = TestData.direct(BOMBS.get(type));
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            AllocationMeter.allocatedBytes(() -> codec.decompress(bomb, out, LIMIT_BYTES));
            AllocationMeter.allocatedBytes(() -> codec.decompress(directBomb, out, LIMIT_BYTES));
        }
        long heapBytes = AllocationMeter.allocatedBytes(() -> codec.decompress(bomb, out, LIMIT_BYTES));
        long directBytes = AllocationMeter.allocatedBytes(() -> codec.decompress(directBomb, out, LIMIT_BYTES));
        assertTrue(heapBytes < SMALL_ALLOCATION_BYTES, type + " allocated " + heapBytes + " bytes");
        assertTrue(directBytes < SMALL_ALLOCATION_BYTES, type + " allocated " + directBytes + " bytes from a direct buffer");
    }

    /** From a cold start, growing the output by doubling costs at most about twice the limit in all. */
    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void rejectingABombFromAColdBufferAllocatesAboutTheLimit(CompressionType type) {
        BatchCodec codec = CODECS.codec(type);
        ByteBuffer bomb = ByteBuffer.wrap(BOMBS.get(type));
        AllocationMeter.allocatedBytes(() -> codec.decompress(bomb, new CodecBuffer(4096), LIMIT_BYTES));
        long allocatedBytes = AllocationMeter.allocatedBytes(() -> codec.decompress(bomb, new CodecBuffer(4096), LIMIT_BYTES));
        assertTrue(allocatedBytes < 2L * LIMIT_BYTES + SMALL_ALLOCATION_BYTES, type + " allocated " + allocatedBytes + " bytes");
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void dataExactlyAtTheLimitIsAcceptedAndOneByteMoreIsNot(CompressionType type) throws DecompressionException {
        BatchCodec codec = CODECS.codec(type);
        for (int sizeBytes : new int[] {0, 1, 65_536, 65_537, 300_000}) {
            byte[] data = TestData.compressible(sizeBytes, sizeBytes);
            CodecBuffer compressed = new CodecBuffer();
            codec.compress(ByteBuffer.wrap(data), CompressionLevels.defaultLevel(type), compressed);
            CodecBuffer out = new CodecBuffer(16);
            codec.decompress(compressed.asByteBuffer(), out, sizeBytes);
            assertArrayEquals(data, out.toByteArray());
            if (sizeBytes > 0) {
                assertThrows(DecompressedSizeLimitException.class,
                        () -> codec.decompress(compressed.asByteBuffer(), out, sizeBytes - 1), type + " " + sizeBytes);
            }
        }
    }

    /** Kafka's own writers' bombs are refused the same way as ours. */
    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void kafkasBombsAreRejectedToo(CompressionType type) {
        byte[] bomb = KafkaCompression.compress(type, CompressionLevels.defaultLevel(type), new byte[10 * TestData.MIB]);
        assertThrows(DecompressedSizeLimitException.class,
                () -> CODECS.codec(type).decompress(ByteBuffer.wrap(bomb), new CodecBuffer(), LIMIT_BYTES));
    }

    @Test
    void aLimitNoArrayCanHoldIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CODECS.codec(CompressionType.GZIP).decompress(ByteBuffer.wrap(BOMBS.get(CompressionType.GZIP)),
                        new CodecBuffer(), -1));
    }
}
