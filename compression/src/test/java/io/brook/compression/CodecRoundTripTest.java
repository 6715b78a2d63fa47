package io.brook.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRoundTripTest {

    @RegisterExtension
    static final CodecsExtension CODECS = new CodecsExtension();

    static List<Arguments> typesAndPayloads() {
        List<Arguments> cases = new ArrayList<>();
        for (CompressionType type : CompressionType.values()) {
            for (int sizeBytes : TestData.SIZES_BYTES) {
                cases.add(Arguments.of(type, "random", sizeBytes));
                cases.add(Arguments.of(type, "compressible", sizeBytes));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("typesAndPayloads")
    void roundTripsFromEveryKindOfBuffer(CompressionType type, String kind, int sizeBytes) throws DecompressionException {
        byte[] data = kind.equals("random") ? TestData.random(sizeBytes, sizeBytes) : TestData.compressible(sizeBytes, sizeBytes);
        BatchCodec codec = CODECS.codec(type);
        List<Function<byte[], ByteBuffer>> layouts = List.of(ByteBuffer::wrap, TestData::direct, TestData::offsetSlice,
                bytes -> ByteBuffer.wrap(bytes).asReadOnlyBuffer());
        CodecBuffer compressed = new CodecBuffer(16);
        CodecBuffer decompressed = new CodecBuffer(16);
        for (Function<byte[], ByteBuffer> layout : layouts) {
            ByteBuffer source = layout.apply(data);
            int positionBefore = source.position();
            codec.compress(source, CompressionLevels.defaultLevel(type), compressed);
            assertEquals(positionBefore, source.position(), "compress moved the source");

            ByteBuffer compressedSource = layout.apply(compressed.toByteArray());
            codec.decompress(compressedSource, decompressed, data.length);
            assertEquals(data.length, decompressed.size());
            assertArrayEquals(data, decompressed.toByteArray());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyLevelKafkaAllowsRoundTrips(CompressionType type) throws DecompressionException {
        byte[] data = TestData.compressible(200_000, 7);
        BatchCodec codec = CODECS.codec(type);
        CodecBuffer compressed = new CodecBuffer();
        CodecBuffer decompressed = new CodecBuffer();
        for (int level : levelsToTry(type)) {
            codec.compress(ByteBuffer.wrap(data), level, compressed);
            codec.decompress(compressed.asByteBuffer(), decompressed, data.length);
            assertArrayEquals(data, decompressed.toByteArray(), "level " + level);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "LZ4", "ZSTD"})
    void levelsOutsideKafkasRangeAreRefused(CompressionType type) {
        BatchCodec codec = CODECS.codec(type);
        int[] invalid = switch (type) {
            case GZIP -> new int[] {0, 10, -2};
            case LZ4 -> new int[] {0, 18};
            case ZSTD -> new int[] {CompressionLevels.ZSTD_MIN_LEVEL - 1, 23};
            default -> throw new AssertionError(type);
        };
        for (int level : invalid) {
            assertThrows(IllegalArgumentException.class,
                    () -> codec.compress(ByteBuffer.wrap(new byte[10]), level, new CodecBuffer()), "level " + level);
        }
    }

    @Test
    void aReusedBufferHoldsOnlyTheLatestResult() throws DecompressionException {
        BatchCodec codec = CODECS.codec(CompressionType.LZ4);
        CodecBuffer compressed = new CodecBuffer();
        CodecBuffer decompressed = new CodecBuffer();
        byte[] big = TestData.compressible(300_000, 1);
        byte[] small = TestData.random(10, 2);
        codec.compress(ByteBuffer.wrap(big), CompressionLevels.LZ4_DEFAULT_LEVEL, compressed);
        codec.decompress(compressed.asByteBuffer(), decompressed, big.length);
        codec.compress(ByteBuffer.wrap(small), CompressionLevels.LZ4_DEFAULT_LEVEL, compressed);
        codec.decompress(compressed.asByteBuffer(), decompressed, small.length);
        assertArrayEquals(small, decompressed.toByteArray());
    }

    private static int[] levelsToTry(CompressionType type) {
        return switch (type) {
            case GZIP -> new int[] {-1, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            case LZ4 -> new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
            case ZSTD -> new int[] {CompressionLevels.ZSTD_MIN_LEVEL, -5, -1, 0, 1, 3, 9, 19, 22};
            case NONE, SNAPPY -> new int[] {CompressionLevels.NO_LEVEL};
        };
    }
}
