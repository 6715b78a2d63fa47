package io.brook.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireReaderTest {
    private static final long SEED = 20240612L;
    private static final int RANDOM_VALUE_COUNT = 10_000;
    private static final int MAX_VARLONG_BYTES = 10;

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 8001",
        "300, ac02",
        "16384, 808001",
        "2147483647, ffffffff07",
        "-1, ffffffff0f",
    })
    void unsignedVarintDecodesKnownEncoding(int value, String hex) {
        WireReader reader = reader(hex);
        assertEquals(value, reader.readUnsignedVarint());
        assertEquals(0, reader.remaining());
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource({
        "0, 00",
        "-1, 01",
        "1, 02",
        "-2, 03",
        "-64, 7f",
        "64, 8001",
        "2147483647, feffffff0f",
        "-2147483648, ffffffff0f",
    })
    void varintIsZigZagDecoded(int value, String hex) {
        WireReader reader = reader(hex);
        assertEquals(value, reader.readVarint());
        assertEquals(0, reader.remaining());
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource({
        "0, 00",
        "-1, 01",
        "1, 02",
        "2147483648, 8080808010",
        "9223372036854775807, feffffffffffffffff01",
        "-9223372036854775808, ffffffffffffffffff01",
    })
    void varlongIsZigZagDecoded(long value, String hex) {
        WireReader reader = reader(hex);
        assertEquals(value, reader.readVarlong());
        assertEquals(0, reader.remaining());
    }

    @Test
    void varintsWrittenByKafkaByteUtilsDecodeToTheSameValues() {
        Random random = new Random(SEED);
        for (int i = 0; i < RANDOM_VALUE_COUNT; i++) {
            int intValue = WireWriterTest.randomInt(random);
            long longValue = WireWriterTest.randomLong(random);
            ByteBuffer kafka = ByteBuffer.allocate(3 * MAX_VARLONG_BYTES);
            ByteUtils.writeUnsignedVarint(intValue, kafka);
            ByteUtils.writeVarint(intValue, kafka);
            ByteUtils.writeVarlong(longValue, kafka);
            kafka.flip();

            WireReader reader = new WireReader(Unpooled.wrappedBuffer(kafka));
            assertEquals(intValue, reader.readUnsignedVarint());
            assertEquals(intValue, reader.readVarint());
            assertEquals(longValue, reader.readVarlong());
            assertEquals(0, reader.remaining());
        }
    }

    @Test
    void fixedWidthIntegersAreBigEndian() {
        WireReader reader = reader("7f" + "8001" + "01020304" + "0102030405060708" + "01" + "00"
                + "00000000000000010000000000000002");
        assertEquals((byte) 0x7f, reader.readByte());
        assertEquals((short) 0x8001, reader.readShort());
        assertEquals(0x01020304, reader.readInt());
        assertEquals(0x0102030405060708L, reader.readLong());
        assertEquals(true, reader.readBoolean());
        assertEquals(false, reader.readBoolean());
        assertEquals(new UUID(1L, 2L), reader.readUuid());
        assertEquals(0, reader.remaining());
    }

    @Test
    void classicAndCompactStringsIncludingNull() {
        WireReader reader = reader("0003616263" + "ffff" + "0000" + "04616263" + "00" + "01");
        assertEquals("abc", reader.readString(false));
        assertNull(reader.readNullableString(false));
        assertEquals("", reader.readString(false));
        assertEquals("abc", reader.readString(true));
        assertNull(reader.readNullableString(true));
        assertEquals("", reader.readString(true));
        assertEquals(0, reader.remaining());
    }

    @Test
    void multiByteUtf8StringsDecodeByByteLength() {
        String text = "h\u00e9llo \u20ac \uD83D\uDE00";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(2 + utf8.length + 1 + utf8.length);
        bytes.putShort((short) utf8.length).put(utf8);
        ByteUtils.writeUnsignedVarint(utf8.length + 1, bytes);
        bytes.put(utf8).flip();

        WireReader reader = new WireReader(Unpooled.wrappedBuffer(bytes));
        assertEquals(text, reader.readString(false));
        assertEquals(text, reader.readString(true));
        assertEquals(0, reader.remaining());
    }

    @Test
    void nullInNonNullableStringIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("ffff").readString(false));
        assertThrows(MalformedMessageException.class, () -> reader("00").readString(true));
    }

    @Test
    void truncatedFixedWidthValuesAreMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("").readByte());
        assertThrows(MalformedMessageException.class, () -> reader("01").readShort());
        assertThrows(MalformedMessageException.class, () -> reader("010203").readInt());
        assertThrows(MalformedMessageException.class, () -> reader("01020304050607").readLong());
        assertThrows(MalformedMessageException.class, () -> reader("000000000000000100000000000000").readUuid());
    }

    @Test
    void truncatedVarintIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("8080").readUnsignedVarint());
        assertThrows(MalformedMessageException.class, () -> reader("ff").readVarlong());
    }

    @Test
    void stringLengthBeyondRemainingBytesIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("00056162").readString(false));
        assertThrows(MalformedMessageException.class, () -> reader("066162").readString(true));
    }

    @Test
    void negativeLengthsBelowMinusOneAreMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("fffe" + "61".repeat(4)).readNullableString(false));
        assertThrows(MalformedMessageException.class, () -> reader("fffffffe" + "00".repeat(4)).readArrayLength(false));
        assertThrows(MalformedMessageException.class, () -> reader("fffffffe" + "00".repeat(4)).readRecords(false));
        // A compact length of 0xffffffff - 1 is -2 as an int32.
        assertThrows(MalformedMessageException.class, () -> reader("ffffffff0f" + "00".repeat(4)).readNullableString(true));
        assertThrows(MalformedMessageException.class, () -> reader("ffffffff0f" + "00".repeat(4)).readArrayLength(true));
        assertThrows(MalformedMessageException.class, () -> reader("ffffffff0f" + "00".repeat(4)).readRecords(true));
    }

    @Test
    void arrayLengthLargerThanRemainingBytesIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("7fffffff" + "00".repeat(8)).readArrayLength(false));
        assertThrows(MalformedMessageException.class, () -> reader("00000009" + "00".repeat(8)).readArrayLength(false));
        assertThrows(MalformedMessageException.class, () -> reader("0a" + "00".repeat(8)).readArrayLength(true));
        assertEquals(8, reader("00000008" + "00".repeat(8)).readArrayLength(false));
        assertEquals(-1, reader("ffffffff").readArrayLength(false));
        assertEquals(-1, reader("00").readArrayLength(true));
    }

    @Test
    void recordsLengthBeyondRemainingBytesIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("00000004010203").readRecords(false));
        assertThrows(MalformedMessageException.class, () -> reader("05010203").readRecords(true));
    }

    @Test
    void varintLongerThanFiveBytesIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("ffffffffff01").readUnsignedVarint());
        assertThrows(MalformedMessageException.class, () -> reader("8080808080" + "00").readVarint());
    }

    @Test
    void varlongLongerThanTenBytesIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("ff".repeat(10) + "01").readVarlong());
    }

    @Test
    void taggedFieldCountLargerThanTheBytesCanHoldIsMalformed() {
        // Every tagged field takes at least two bytes: its tag and its size.
        assertThrows(MalformedMessageException.class, () -> reader("02" + "0000").readTaggedFieldCount());
        assertThrows(MalformedMessageException.class, () -> reader("ffffffff07" + "0000").readTaggedFieldCount());
        assertThrows(MalformedMessageException.class, () -> reader("ffffffff0f" + "0000").readTaggedFieldCount());
        assertEquals(2, reader("02" + "00000000").readTaggedFieldCount());
    }

    @Test
    void skipTaggedFieldsSkipsUnknownFieldsWhole() {
        WireReader reader = reader("02" + "05" + "03aabbcc" + "ac02" + "00" + "7f");
        reader.skipTaggedFields();
        assertEquals((byte) 0x7f, reader.readByte());
    }

    @Test
    void taggedFieldSizeBeyondRemainingBytesIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("01" + "00" + "05" + "aabb").skipTaggedFields());
    }

    @Test
    void negativeSkipIsMalformed() {
        assertThrows(MalformedMessageException.class, () -> reader("00").skip(-1));
    }

    @Test
    void recordsAreAViewOfTheFrameThatNeitherCopiesNorRetains() {
        ByteBuf frame = Unpooled.wrappedBuffer(HexFormat.of().parseHex("00000003" + "aabbcc" + "7f"));
        WireReader reader = new WireReader(frame);

        RecordSet records = reader.readRecords(false);

        ByteBufRecords view = assertInstanceOf(ByteBufRecords.class, records);
        assertEquals(3, view.sizeInBytes());
        assertEquals(1, frame.refCnt());
        frame.setByte(4, 0x11);
        assertEquals((byte) 0x11, view.buffer().getByte(view.buffer().readerIndex()));
        assertEquals((byte) 0x7f, reader.readByte());
    }

    @Test
    void classicAndCompactBytesIncludingNullAndEmpty() {
        WireReader reader = reader("00000003090807" + "ffffffff" + "00000000" + "04090807" + "00" + "01");
        assertArrayEquals(new byte[] {9, 8, 7}, reader.readByteArray(false));
        assertNull(reader.readNullableByteArray(false));
        assertArrayEquals(new byte[0], reader.readByteArray(false));
        assertArrayEquals(new byte[] {9, 8, 7}, reader.readByteArray(true));
        assertNull(reader.readNullableByteArray(true));
        assertArrayEquals(new byte[0], reader.readByteArray(true));
        assertEquals(0, reader.remaining());
    }

    @Test
    void malformedBytesAreRejected() {
        assertThrows(MalformedMessageException.class, () -> reader("ffffffff").readByteArray(false));
        assertThrows(MalformedMessageException.class, () -> reader("00").readByteArray(true));
        assertThrows(MalformedMessageException.class, () -> reader("fffffffe" + "00".repeat(4)).readNullableByteArray(false));
        assertThrows(MalformedMessageException.class, () -> reader("00000004010203").readByteArray(false));
        assertThrows(MalformedMessageException.class, () -> reader("05010203").readByteArray(true));
    }

    @Test
    void bytesAreCopiedOutOfTheFrame() {
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 2, 5, 6});
        byte[] value = new WireReader(frame).readByteArray(false);
        frame.setByte(4, 0);
        assertArrayEquals(new byte[] {5, 6}, value);
    }

    @Test
    void nullRecordsAreMinusOneClassicAndZeroCompact() {
        assertNull(reader("ffffffff").readRecords(false));
        assertNull(reader("00").readRecords(true));
    }

    private static WireReader reader(String hex) {
        return new WireReader(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex)));
    }
}
