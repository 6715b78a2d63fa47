package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.junit.jupiter.api.Test;

class Lz4BlockScannerTest {

    private static final LZ4Factory FACTORY = LZ4Factory.safeInstance();

    @Test
    void scansToTheLengthEveryCompressorProduces() {
        Random random = new Random(1);
        for (LZ4Compressor compressor : new LZ4Compressor[] {FACTORY.fastCompressor(), FACTORY.highCompressor(9)}) {
            for (int i = 0; i < 200; i++) {
                int sizeBytes = random.nextInt(70_000);
                byte[] data = i % 2 == 0 ? TestData.compressible(sizeBytes, i) : TestData.random(sizeBytes, i);
                byte[] block = compressor.compress(data);
                assertEquals(sizeBytes, Lz4BlockScanner.decodedLength(ByteBuffer.wrap(block), 0, block.length), "size " + sizeBytes);
            }
        }
    }

    /** Whenever the real decompressor accepts a damaged block, the scanner agrees on its length. */
    @Test
    void agreesWithTheSafeDecompressorOnDamagedBlocks() {
        LZ4SafeDecompressor decompressor = FACTORY.safeDecompressor();
        Random random = new Random(2);
        byte[] output = new byte[1 << 20];
        byte[] block = FACTORY.fastCompressor().compress(TestData.compressible(20_000, 3));
        for (int i = 0; i < 5000; i++) {
            byte[] damaged = block.clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            int decodedBytes;
            try {
                decodedBytes = decompressor.decompress(damaged, 0, damaged.length, output, 0, output.length);
            } catch (LZ4Exception rejected) {
                continue;
            }
            assertEquals(decodedBytes, Lz4BlockScanner.decodedLength(ByteBuffer.wrap(damaged), 0, damaged.length));
        }
    }

    @Test
    void malformedBlocksAreReportedAsSuch() {
        byte[][] malformed = {
            {},                                 // empty
            {(byte) 0xF0},                      // 15+ literals, extension byte missing
            {0x50, 1, 2},                       // 5 literals, 2 present
            {0x10, 'a', 1},                     // match offset cut short
            {0x10, 'a', 0, 0, 0x10, 'b'},       // match offset 0
            {0x10, 'a', 2, 0, 0x10, 'b'},       // match offset before the block's start
            {0x1F, 'a', 1, 0},                  // match length extension missing
            {0x10, 'a', 1, 0},                  // ends with a match, not literals
        };
        for (byte[] block : malformed) {
            assertEquals(Lz4BlockScanner.MALFORMED, Lz4BlockScanner.decodedLength(ByteBuffer.wrap(block), 0, block.length));
        }
        byte[] valid = {0x10, 'a', 1, 0, 0x10, 'b'};  // 'a', then 4 x 'a' copied, then 'b'
        assertEquals(6, Lz4BlockScanner.decodedLength(ByteBuffer.wrap(valid), 0, valid.length));
        byte[] empty = {0};                         // one token, no literals: an empty block
        assertEquals(0, Lz4BlockScanner.decodedLength(ByteBuffer.wrap(empty), 0, empty.length));
    }
}
