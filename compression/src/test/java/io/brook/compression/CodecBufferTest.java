package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodecBufferTest {

    @Test
    void reserveUpToNeverGrowsPastTheLimit() {
        CodecBuffer buffer = new CodecBuffer(10);
        assertEquals(100, buffer.reserveUpTo(1000, 100));
        assertEquals(100, buffer.capacityBytes());
        buffer.advance(100);
        assertEquals(0, buffer.reserveUpTo(1000, 100));
        assertEquals(100, buffer.capacityBytes());
    }

    @Test
    void reserveUpToCountsOnlyTheRoomBelowTheLimitInALargerArray() {
        CodecBuffer buffer = new CodecBuffer(1000);
        buffer.advance(90);
        assertEquals(10, buffer.reserveUpTo(500, 100));
    }

    @Test
    void reserveWithinRefusesWhatWouldPassTheLimitWithoutGrowing() throws DecompressedSizeLimitException {
        CodecBuffer buffer = new CodecBuffer(16);
        buffer.reserveWithin(60, 100, CompressionType.LZ4);
        buffer.advance(60);
        DecompressedSizeLimitException e = assertThrows(DecompressedSizeLimitException.class,
                () -> buffer.reserveWithin(41, 100, CompressionType.LZ4));
        assertEquals(100, e.limitBytes());
        assertTrue(buffer.capacityBytes() <= 100);
        buffer.reserveWithin(40, 100, CompressionType.LZ4);
    }

    @Test
    void growthDoublesForAmortisedCost() {
        CodecBuffer buffer = new CodecBuffer(64);
        buffer.reserve(65);
        assertEquals(128, buffer.capacityBytes());
    }

    @Test
    void trimDropsOnlyAnArrayLargerThanAsked() {
        CodecBuffer buffer = new CodecBuffer(1000);
        buffer.trimTo(2000);
        assertEquals(1000, buffer.capacityBytes());
        buffer.trimTo(100);
        assertEquals(100, buffer.capacityBytes());
        assertEquals(0, buffer.size());
    }

    @Test
    void limitsNoArrayCanHoldAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CodecBuffer.checkLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> CodecBuffer.checkLimit(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new CodecBuffer(-1));
    }
}
