package io.brook.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brook.protocol.testing.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireWriterTest {
    private static final long SEED = 20240611L;
    private static final int RANDOM_VALUE_COUNT = 10_000;
    private static final int MAX_VARLONG_BYTES = 10;

    private final TrackingAllocator allocator = new TrackingAllocator();

    @AfterEach
    void everyBufferIsReleased() {
        assertEquals(List.of(), allocator.unreleased());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 8001",
        "300, ac02",
        "16383, ff7f",
        "16384, 808001",
        "2147483647, ffffffff07",
        "-1, ffffffff0f",
    })
    void unsignedVarintMatchesKnownEncoding(int value, String hex) {
        assertEquals(hex, hex(writer -> writer.writeUnsignedVarint(value)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 00",
        "-1, 01",
        "1, 02",
        "-2, 03",
        "63, 7e",
        "-64, 7f",
        "64, 8001",
        "2147483647, feffffff0f",
        "-2147483648, ffffffff0f",
    })
    void varintIsZigZagEncoded(int value, String hex) {
        assertEquals(hex, hex(writer -> writer.writeVarint(value)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 00",
        "-1, 01",
        "1, 02",
        "-64, 7f",
        "64, 8001",
        "2147483648, 8080808010",
        "9223372036854775807, feffffffffffffffff01",
        "-9223372036854775808, ffffffffffffffffff01",
    })
    void varlongIsZigZagEncoded(long value, String hex) {
        assertEquals(hex, hex(writer -> writer.writeVarlong(value)));
    }

    @Test
    void varintsMatchKafkaByteUtilsForRandomValues() {
        Random random = new Random(SEED);
        for (int i = 0; i < RANDOM_VALUE_COUNT; i++) {
            int intValue = randomInt(random);
            long longValue = randomLong(random);
            ByteBuffer kafka = ByteBuffer.allocate(3 * MAX_VARLONG_BYTES);
            ByteUtils.writeUnsignedVarint(intValue, kafka);
            ByteUtils.writeVarint(intValue, kafka);
            ByteUtils.writeVarlong(longValue, kafka);
            kafka.flip();

            byte[] ours = bytes(writer -> {
                writer.writeUnsignedVarint(intValue);
                writer.writeVarint(intValue);
                writer.writeVarlong(longValue);
            });
            assertArrayEquals(toArray(kafka), ours, "int=" + intValue + " long=" + longValue);
        }
    }

    @Test
    void classicStringHasInt16LengthAndNullIsMinusOne() {
        assertEquals("0003616263", hex(writer -> writer.writeString("abc", false)));
        assertEquals("0000", hex(writer -> writer.writeString("", false)));
        assertEquals("ffff", hex(writer -> writer.writeNullableString(null, false)));
    }

    @Test
    void compactStringHasVarintLengthPlusOneAndNullIsZero() {
        assertEquals("04616263", hex(writer -> writer.writeString("abc", true)));
        assertEquals("01", hex(writer -> writer.writeString("", true)));
        assertEquals("00", hex(writer -> writer.writeNullableString(null, true)));
    }

    @Test
    void stringLengthCountsUtf8BytesNotChars() {
        String text = "h\u00e9llo \u20ac \uD83D\uDE00";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

        ByteBuffer classic = ByteBuffer.allocate(2 + utf8.length).putShort((short) utf8.length).put(utf8);
        assertArrayEquals(classic.array(), bytes(writer -> writer.writeString(text, false)));

        ByteBuffer compact = ByteBuffer.allocate(1 + utf8.length);
        ByteUtils.writeUnsignedVarint(utf8.length + 1, compact);
        compact.put(utf8);
        assertArrayEquals(compact.array(), bytes(writer -> writer.writeString(text, true)));
    }

    @Test
    void nullInNonNullableStringIsRejected() {
        WireWriter writer = new WireWriter(allocator);
        assertThrows(IllegalArgumentException.class, () -> writer.writeString(null, true));
        writer.release();
    }

    @Test
    void classicStringLongerThanInt16IsRejected() {
        WireWriter writer = new WireWriter(allocator);
        String tooLong = "x".repeat(Short.MAX_VALUE + 1);
        assertThrows(IllegalArgumentException.class, () -> writer.writeString(tooLong, false));
        assertEquals(Short.BYTES + Short.MAX_VALUE, bytes(w -> w.writeString("y".repeat(Short.MAX_VALUE), false)).length);
        writer.release();
    }

    @Test
    void nullArrayAndRecordsAreMinusOneClassicAndZeroCompact() {
        assertEquals("ffffffff", hex(writer -> writer.writeArrayLength(-1, false)));
        assertEquals("00", hex(writer -> writer.writeArrayLength(-1, true)));
        assertEquals("ffffffff", hex(writer -> writer.writeRecords(null, false)));
        assertEquals("00", hex(writer -> writer.writeRecords(null, true)));
        assertEquals("00000002", hex(writer -> writer.writeArrayLength(2, false)));
        assertEquals("03", hex(writer -> writer.writeArrayLength(2, true)));
    }

    @Test
    void bytesHaveInt32LengthClassicAndVarintLengthPlusOneCompact() {
        byte[] value = {9, 8, 7};
        assertEquals("00000003090807", hex(writer -> writer.writeByteArray(value, false)));
        assertEquals("04090807", hex(writer -> writer.writeByteArray(value, true)));
        assertEquals("00000000", hex(writer -> writer.writeByteArray(new byte[0], false)));
        assertEquals("01", hex(writer -> writer.writeByteArray(new byte[0], true)));
        assertEquals("ffffffff", hex(writer -> writer.writeNullableByteArray(null, false)));
        assertEquals("00", hex(writer -> writer.writeNullableByteArray(null, true)));
    }

    @Test
    void nullInNonNullableBytesIsRejected() {
        WireWriter writer = new WireWriter(allocator);
        assertThrows(IllegalArgumentException.class, () -> writer.writeByteArray(null, false));
        writer.release();
    }

    @Test
    void recordsAreLengthPrefixedAndCopiedWithoutMovingTheSource() {
        ByteBuf source = Unpooled.wrappedBuffer(new byte[] {9, 8, 7});
        ByteBufRecords records = new ByteBufRecords(source);

        assertEquals("00000003090807", hex(writer -> writer.writeRecords(records, false)));
        assertEquals("04090807", hex(writer -> writer.writeRecords(records, true)));
        assertEquals(0, source.readerIndex());
    }

    @Test
    void writeExternalSplitsThePartsAroundTheRegion() {
        WireWriter writer = new WireWriter(allocator);
        ByteBuf region = Unpooled.wrappedBuffer(new byte[10]);
        writer.writeInt(1);
        writer.writeExternal(region, region.readableBytes());
        writer.writeShort((short) 2);

        List<ReferenceCounted> parts = writer.finish();

        assertEquals(3, parts.size());
        assertEquals("00000001", HexFormat.of().formatHex(readable((ByteBuf) parts.get(0))));
        assertSame(region, parts.get(1));
        assertEquals("0002", HexFormat.of().formatHex(readable((ByteBuf) parts.get(2))));
        parts.forEach(ReferenceCounted::release);
    }

    @Test
    void sizeInBytesCountsExternalRegionsOnce() {
        WireWriter writer = new WireWriter(allocator);
        writer.writeInt(1);
        writer.writeExternal(Unpooled.wrappedBuffer(new byte[10]), 10);
        writer.writeShort((short) 2);
        writer.writeExternal(new CountedRegion(), 100);
        writer.writeByte((byte) 3);

        assertEquals(Integer.BYTES + 10 + Short.BYTES + 100 + Byte.BYTES, writer.sizeInBytes());
        writer.release();
    }

    @Test
    void finishDropsTheEmptyBufferAfterATrailingRegion() {
        WireWriter writer = new WireWriter(allocator);
        writer.writeInt(1);
        CountedRegion region = new CountedRegion();
        writer.writeExternal(region, 100);

        List<ReferenceCounted> parts = writer.finish();

        assertEquals(2, parts.size());
        assertSame(region, parts.get(1));
        parts.forEach(ReferenceCounted::release);
    }

    @Test
    void finishOfAnEmptyWriterReturnsOneEmptyBuffer() {
        List<ReferenceCounted> parts = new WireWriter(allocator).finish();

        assertEquals(1, parts.size());
        assertEquals(0, ((ByteBuf) parts.get(0)).readableBytes());
        parts.forEach(ReferenceCounted::release);
    }

    @Test
    void patchFirstIntOverwritesTheReservedFrameLength() {
        WireWriter writer = new WireWriter(allocator);
        writer.writeInt(0);
        writer.writeLong(7L);
        writer.patchFirstInt(writer.sizeInBytes() - Integer.BYTES);

        List<ReferenceCounted> parts = writer.finish();

        assertEquals("000000080000000000000007", HexFormat.of().formatHex(readable((ByteBuf) parts.get(0))));
        parts.forEach(ReferenceCounted::release);
    }

    @Test
    void patchFirstIntReachesTheFirstPartAfterAnExternalRegion() {
        WireWriter writer = new WireWriter(allocator);
        writer.writeInt(0);
        writer.writeShort((short) 5);
        writer.writeExternal(new CountedRegion(), 100);
        writer.writeByte((byte) 1);
        writer.patchFirstInt(writer.sizeInBytes() - Integer.BYTES);

        List<ReferenceCounted> parts = writer.finish();

        assertEquals("000000670005", HexFormat.of().formatHex(readable((ByteBuf) parts.get(0))));
        assertEquals("01", HexFormat.of().formatHex(readable((ByteBuf) parts.get(2))));
        parts.forEach(ReferenceCounted::release);
    }

    @Test
    void releaseReleasesBuffersAndRegions() {
        WireWriter writer = new WireWriter(allocator);
        ByteBuf bufferRegion = Unpooled.buffer(4).writeInt(1);
        CountedRegion region = new CountedRegion();
        writer.writeInt(1);
        writer.writeExternal(bufferRegion, Integer.BYTES);
        writer.writeInt(2);
        writer.writeExternal(region, 100);
        writer.writeInt(3);

        writer.release();

        assertEquals(0, bufferRegion.refCnt());
        assertEquals(0, region.refCnt());
        assertEquals(3, allocator.allocatedCount());
    }

    @Test
    void taggedFieldIsTagSizeThenValueAndConsumesTheScratchWriter() {
        WireWriter writer = new WireWriter(allocator);
        WireWriter value = writer.scratch();
        value.writeInt(0x01020304);

        writer.writeTaggedField(300, value);

        assertEquals("ac020401020304", HexFormat.of().formatHex(finishToBytes(writer)));
        assertEquals(2, allocator.allocatedCount());
    }

    @Test
    void taggedFieldRefusesAnExternalRegionAndStillReleasesTheScratchWriter() {
        WireWriter writer = new WireWriter(allocator);
        WireWriter value = writer.scratch();
        CountedRegion region = new CountedRegion();
        value.writeExternal(region, 100);

        assertThrows(IllegalStateException.class, () -> writer.writeTaggedField(0, value));

        assertEquals(0, region.refCnt());
        writer.release();
    }

    private String hex(Consumer<WireWriter> write) {
        return HexFormat.of().formatHex(bytes(write));
    }

    private byte[] bytes(Consumer<WireWriter> write) {
        WireWriter writer = new WireWriter(allocator);
        write.accept(writer);
        return finishToBytes(writer);
    }

    private static byte[] finishToBytes(WireWriter writer) {
        List<ReferenceCounted> parts = writer.finish();
        assertEquals(1, parts.size());
        byte[] bytes = readable((ByteBuf) parts.get(0));
        parts.get(0).release();
        return bytes;
    }

    private static byte[] readable(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        return bytes;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Mostly small values, whose encodings are short and where off-by-one errors live, and some of every size. */
    static int randomInt(Random random) {
        return random.nextBoolean() ? random.nextInt() >> random.nextInt(Integer.SIZE) : random.nextInt();
    }

    static long randomLong(Random random) {
        return random.nextBoolean() ? random.nextLong() >> random.nextInt(Long.SIZE) : random.nextLong();
    }

    /** An external region that is not a buffer, like a slice of a segment file. */
    private static final class CountedRegion extends AbstractReferenceCounted {
        @Override
        protected void deallocate() {
        }

        @Override
        public ReferenceCounted touch(Object hint) {
            return this;
        }
    }
}
