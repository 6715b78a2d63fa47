package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Garbage, truncated and bit-flipped input. Each must be rejected with a
 * {@link DecompressionException} and nothing else, or, where the damage leaves a valid stream
 * (a flipped literal in an LZ4 block without checksums, snappy cut at a block boundary), decode
 * to exactly what Kafka's own reader makes of the same bytes: whatever we accept, consumers
 * read the same way.
 */
class CorruptInputTest {

    private static final int FLIPS_PER_SAMPLE = 300;
    private static final int GARBAGE_INPUTS = 200;
    private static final int CUTS_PER_SAMPLE = 80;

    @RegisterExtension
    static final CodecsExtension CODECS = new CodecsExtension();

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void randomBytesAreRejected(CompressionType type) {
        Random random = new Random(type.id());
        for (int i = 0; i < GARBAGE_INPUTS; i++) {
            byte[] garbage = TestData.random(random.nextInt(2000), random.nextLong());
            assertRejectedOrReadAsKafkaReadsIt(type, garbage);
        }
        // Garbage behind a valid start gets past the magic checks into the deeper parsing.
        for (byte[] sample : samples(type)) {
            for (int i = 0; i < GARBAGE_INPUTS / 4; i++) {
                int keptBytes = 1 + random.nextInt(Math.min(sample.length, 24));
                byte[] mixed = Arrays.copyOf(sample, keptBytes + random.nextInt(500));
                byte[] tail = TestData.random(mixed.length - keptBytes, random.nextLong());
                System.arraycopy(tail, 0, mixed, keptBytes, tail.length);
                assertRejectedOrReadAsKafkaReadsIt(type, mixed);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void truncatedStreamsAreRejected(CompressionType type) {
        Random random = new Random(type.id());
        for (byte[] sample : samples(type)) {
            List<Integer> cuts = new ArrayList<>();
            for (int cut = 0; cut < Math.min(sample.length, 40); cut++) {
                cuts.add(cut);
            }
            for (int i = 0; i < CUTS_PER_SAMPLE; i++) {
                cuts.add(random.nextInt(sample.length));
            }
            cuts.add(sample.length - 1);
            for (int cut : cuts) {
                byte[] truncated = Arrays.copyOf(sample, cut);
                if (type == CompressionType.SNAPPY) {
                    // xerial framing has no end marker: a cut at a block boundary is a shorter valid stream.
                    assertRejectedOrReadAsKafkaReadsIt(type, truncated);
                } else {
                    assertThrows(CorruptCompressedDataException.class, () -> decompress(type, truncated, 4 * TestData.MIB),
                            type + " cut at " + cut + " of " + sample.length);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void flippedBytesAreRejectedOrReadAsKafkaReadsThem(CompressionType type) {
        Random random = new Random(type.id());
        for (byte[] sample : samples(type)) {
            for (int i = 0; i < FLIPS_PER_SAMPLE; i++) {
                byte[] flipped = sample.clone();
                // Mostly the first bytes, where the headers are; some anywhere.
                int position = i % 2 == 0 ? random.nextInt(Math.min(flipped.length, 32)) : random.nextInt(flipped.length);
                flipped[position] ^= (byte) (1 + random.nextInt(255));
                assertRejectedOrReadAsKafkaReadsIt(type, flipped);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void bytesAfterTheEndOfTheStreamAreRejected(CompressionType type) {
        for (byte[] sample : samples(type)) {
            for (byte[] tail : new byte[][] {{0}, {1, 2, 3}, TestData.random(100, 1)}) {
                byte[] extended = KafkaDifferentialTest.concat(sample, tail);
                assertThrows(CorruptCompressedDataException.class, () -> decompress(type, extended, 4 * TestData.MIB), type.configName());
            }
        }
    }

    /** Kafka's and our output for a few payloads: the valid streams the damage starts from. */
    private static List<byte[]> samples(CompressionType type) {
        List<byte[]> samples = new ArrayList<>();
        for (byte[] data : new byte[][] {TestData.compressible(10_000, 1), TestData.random(1000, 2),
                TestData.compressible(200_000, 3)}) {
            samples.add(KafkaCompression.compress(type, CompressionLevels.defaultLevel(type), data));
            CodecBuffer ours = new CodecBuffer();
            CODECS.codec(type).compress(ByteBuffer.wrap(data), CompressionLevels.defaultLevel(type), ours);
            samples.add(ours.toByteArray());
        }
        return samples;
    }

    private static void assertRejectedOrReadAsKafkaReadsIt(CompressionType type, byte[] input) {
        byte[] ours;
        try {
            ours = decompress(type, input, 4 * TestData.MIB);
        } catch (DecompressionException expected) {
            return;
        } catch (Throwable other) {
            throw new AssertionError(type + " threw " + other + " for input " + describe(input), other);
        }
        byte[] kafkas;
        try {
            kafkas = KafkaCompression.decompress(type, input);
        } catch (RuntimeException e) {
            fail(type + ": we accepted what Kafka rejects (" + e + "): " + describe(input));
            return;
        }
        assertArrayEquals(kafkas, ours, type + ": we read differently from Kafka: " + describe(input));
    }

    private static byte[] decompress(CompressionType type, byte[] input, int maxOutputBytes) throws DecompressionException {
        CodecBuffer out = new CodecBuffer(1024);
        CODECS.codec(type).decompress(ByteBuffer.wrap(input), out, maxOutputBytes);
        return out.toByteArray();
    }

    private static String describe(byte[] input) {
        byte[] head = Arrays.copyOf(input, Math.min(input.length, 32));
        StringBuilder hex = new StringBuilder(input.length + " bytes starting");
        for (byte b : head) {
            hex.append(String.format(" %02x", b));
        }
        return hex.toString();
    }
}
