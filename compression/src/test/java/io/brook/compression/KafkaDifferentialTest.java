package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;

/** Ours against kafka-clients' own compression: each reads what the other writes, to the same bytes. */
class KafkaDifferentialTest {

    private static final CompressionType[] KAFKA_CODECS = {
        CompressionType.GZIP, CompressionType.SNAPPY, CompressionType.LZ4, CompressionType.ZSTD
    };

    @RegisterExtension
    static final CodecsExtension CODECS = new CodecsExtension();

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (CompressionType type : KAFKA_CODECS) {
            for (int level : levels(type)) {
                for (int sizeBytes : new int[] {0, 1, 100, 70_000, TestData.MIB}) {
                    cases.add(Arguments.of(type, level, "random", sizeBytes));
                    cases.add(Arguments.of(type, level, "compressible", sizeBytes));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} level {1} {2} {3} bytes")
    @MethodSource("cases")
    void kafkaReadsOursAndWeReadKafkas(CompressionType type, int level, String kind, int sizeBytes) throws DecompressionException {
        byte[] data = kind.equals("random") ? TestData.random(sizeBytes, level) : TestData.compressible(sizeBytes, level);
        BatchCodec codec = CODECS.codec(type);
        CodecBuffer ours = new CodecBuffer();
        codec.compress(ByteBuffer.wrap(data), level, ours);
        assertArrayEquals(data, KafkaCompression.decompress(type, ours.toByteArray()), "Kafka reading ours");

        byte[] kafkas = KafkaCompression.compress(type, level, data);
        CodecBuffer decompressed = new CodecBuffer();
        codec.decompress(ByteBuffer.wrap(kafkas), decompressed, data.length);
        assertArrayEquals(data, decompressed.toByteArray(), "ours reading Kafka's");

        if (writesKafkasExactBytes(type)) {
            assertArrayEquals(kafkas, ours.toByteArray(), "the same compressed bytes as Kafka");
        }
    }

    /** librdkafka's producer sends raw snappy, without xerial framing; Kafka's reader falls back to it, and so must ours. */
    @Test
    void rawSnappyAsLibrdkafkaWritesItIsReadLikeKafka() throws Exception {
        for (byte[] data : new byte[][] {TestData.random(1, 1), TestData.compressible(100, 2), TestData.compressible(TestData.MIB, 3)}) {
            byte[] raw = Snappy.compress(data);
            assertArrayEquals(data, KafkaCompression.decompress(CompressionType.SNAPPY, raw));
            CodecBuffer decompressed = new CodecBuffer();
            CODECS.codec(CompressionType.SNAPPY).decompress(ByteBuffer.wrap(raw), decompressed, data.length);
            assertArrayEquals(data, decompressed.toByteArray());
        }
    }

    /** Concatenated gzip members and xerial streams, which GZIPInputStream and SnappyInputStream read as one. */
    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY"})
    void concatenatedStreamsReadLikeKafka(CompressionType type) throws DecompressionException {
        byte[] first = TestData.compressible(40_000, 1);
        byte[] second = TestData.random(300, 2);
        int level = CompressionLevels.defaultLevel(type);
        byte[] joined = concat(KafkaCompression.compress(type, level, first), KafkaCompression.compress(type, level, second));
        byte[] expected = concat(first, second);
        assertArrayEquals(expected, KafkaCompression.decompress(type, joined));
        CodecBuffer decompressed = new CodecBuffer();
        CODECS.codec(type).decompress(ByteBuffer.wrap(joined), decompressed, expected.length);
        assertArrayEquals(expected, decompressed.toByteArray());
    }

    /**
     * Kafka's zstd stream does not know the input size up front, so at levels 20-22 its frames
     * declare windows of 2^25..2^27 bytes even for a few KiB: the window cap must allow them.
     */
    @Test
    void kafkasHighestZstdLevelsDeclareLargeWindowsAndAreRead() throws DecompressionException {
        byte[] data = TestData.compressible(20_000, 5);
        for (int level = 20; level <= CompressionLevels.ZSTD_MAX_LEVEL; level++) {
            byte[] kafkas = KafkaCompression.compress(CompressionType.ZSTD, level, data);
            CodecBuffer decompressed = new CodecBuffer();
            CODECS.codec(CompressionType.ZSTD).decompress(ByteBuffer.wrap(kafkas), decompressed, data.length);
            assertArrayEquals(data, decompressed.toByteArray(), "level " + level);
        }
    }

    private static boolean writesKafkasExactBytes(CompressionType type) {
        // snappy, lz4 and gzip frame the same library's output the same way Kafka does; our zstd
        // writes one frame with the content size, Kafka's stream writes it without.
        return type != CompressionType.ZSTD;
    }

    private static int[] levels(CompressionType type) {
        return switch (type) {
            case GZIP -> new int[] {CompressionLevels.GZIP_DEFAULT_LEVEL, 1, 9};
            case LZ4 -> new int[] {CompressionLevels.LZ4_DEFAULT_LEVEL, 1, 17};
            case ZSTD -> new int[] {CompressionLevels.ZSTD_DEFAULT_LEVEL, -5, 19};
            case SNAPPY, NONE -> new int[] {CompressionLevels.NO_LEVEL};
        };
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
