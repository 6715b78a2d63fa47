package io.brook.compression;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The framing of one gzip member (RFC 1952) around a raw deflate stream, as
 * {@code java.util.zip.GZIPOutputStream} writes it and {@code GZIPInputStream} reads it: Kafka's
 * gzip codec is exactly those two JDK streams.
 *
 * <pre>
 * header:  ID1 0x1f | ID2 0x8b | CM 8 (deflate) | FLG | MTIME u32 | XFL | OS
 *          [FLG.FEXTRA: XLEN u16, XLEN bytes] [FLG.FNAME: bytes, 0] [FLG.FCOMMENT: bytes, 0]
 *          [FLG.FHCRC: u16, low half of the CRC-32 of the header so far]
 * body:    raw deflate stream
 * trailer: CRC32 u32 of the uncompressed bytes | ISIZE u32, their count mod 2^32
 * </pre>
 * All multi-byte fields are little-endian. The JDK writes the fixed 10-byte header with every
 * optional field absent, MTIME 0, XFL 0 and OS 255 (unknown); any other valid header is read.
 * Like the JDK, the reserved FLG bits and FTEXT are not checked.
 */
final class GzipMember {

    static final int FIXED_HEADER_BYTES = 10;
    static final int TRAILER_BYTES = 8;

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int CM_DEFLATE = 8;
    private static final int FLG_FHCRC = 1 << 1;
    private static final int FLG_FEXTRA = 1 << 2;
    private static final int FLG_FNAME = 1 << 3;
    private static final int FLG_FCOMMENT = 1 << 4;
    private static final int FLG_OFFSET = 3;
    private static final int OS_UNKNOWN = 255;
    private static final int HEADER_CRC_BYTES = 2;
    private static final int XLEN_BYTES = 2;

    private GzipMember() {
    }

    /** Writes the header {@code GZIPOutputStream} writes. */
    static void writeHeader(CodecBuffer out) {
        out.put(ID1);
        out.put(ID2);
        out.put(CM_DEFLATE);
        out.put(0);            // FLG: no optional fields
        out.putIntLittleEndian(0); // MTIME: none
        out.put(0);            // XFL
        out.put(OS_UNKNOWN);
    }

    static void writeTrailer(CodecBuffer out, int crc32, int uncompressedBytes) {
        out.putIntLittleEndian(crc32);
        out.putIntLittleEndian(uncompressedBytes);
    }

    /**
     * Checks the header at {@code start} and returns where the deflate stream begins. Every field
     * is bounds-checked against {@code end}; the only loops are over the bytes of FNAME and
     * FCOMMENT, bounded by {@code end}.
     */
    static int readHeader(ByteBuffer in, int start, int end, CRC32 crc) throws CorruptCompressedDataException {
        require(in, start, end, FIXED_HEADER_BYTES, "header");
        if ((in.get(start) & 0xFF) != ID1 || (in.get(start + 1) & 0xFF) != ID2) {
            throw corrupt(String.format("not a gzip member: magic=0x%02x%02x", in.get(start), in.get(start + 1)));
        }
        if (in.get(start + 2) != CM_DEFLATE) {
            throw corrupt("compression method " + in.get(start + 2) + " is not deflate (8)");
        }
        int flags = in.get(start + FLG_OFFSET) & 0xFF;
        int position = start + FIXED_HEADER_BYTES;
        if ((flags & FLG_FEXTRA) != 0) {
            require(in, position, end, XLEN_BYTES, "FEXTRA length");
            int extraBytes = in.getShort(position) & 0xFFFF;
            position += XLEN_BYTES;
            require(in, position, end, extraBytes, "FEXTRA field");
            position += extraBytes;
        }
        if ((flags & FLG_FNAME) != 0) {
            position = skipZeroTerminated(in, position, end, "FNAME");
        }
        if ((flags & FLG_FCOMMENT) != 0) {
            position = skipZeroTerminated(in, position, end, "FCOMMENT");
        }
        if ((flags & FLG_FHCRC) != 0) {
            require(in, position, end, HEADER_CRC_BYTES, "header CRC");
            crc.reset();
            crc.update(in.duplicate().position(start).limit(position));
            int expected = (int) crc.getValue() & 0xFFFF;
            int actual = in.getShort(position) & 0xFFFF;
            if (actual != expected) {
                throw corrupt("header CRC16 0x" + Integer.toHexString(actual) + " != 0x" + Integer.toHexString(expected));
            }
            position += HEADER_CRC_BYTES;
        }
        return position;
    }

    /** Checks the trailer at {@code position} against the member's uncompressed bytes {@code out.array()[from .. out.size())}. */
    static void checkTrailer(ByteBuffer in, int position, int end, CodecBuffer out, int from, CRC32 crc)
            throws CorruptCompressedDataException {
        require(in, position, end, TRAILER_BYTES, "trailer");
        crc.reset();
        crc.update(out.array(), from, out.size() - from);
        int expectedCrc = (int) crc.getValue();
        int actualCrc = in.getInt(position);
        if (actualCrc != expectedCrc) {
            throw corrupt("CRC32 0x" + Integer.toHexString(actualCrc) + " != 0x" + Integer.toHexString(expectedCrc)
                    + " of the decompressed bytes");
        }
        int actualSize = in.getInt(position + Integer.BYTES);
        int expectedSize = out.size() - from; // ISIZE is the length mod 2^32; a Java array is shorter than 2^31
        if (actualSize != expectedSize) {
            throw corrupt("ISIZE " + Integer.toUnsignedString(actualSize) + " != " + expectedSize + " decompressed bytes");
        }
    }

    private static int skipZeroTerminated(ByteBuffer in, int position, int end, String field)
            throws CorruptCompressedDataException {
        for (int i = position; i < end; i++) {
            if (in.get(i) == 0) {
                return i + 1;
            }
        }
        throw corrupt("truncated in the " + field + " field");
    }

    private static void require(ByteBuffer in, int position, int end, int bytes, String what)
            throws CorruptCompressedDataException {
        if (end - position < bytes) {
            throw corrupt("truncated in the " + what + ": needs " + bytes + " bytes, " + (end - position) + " left");
        }
    }

    private static CorruptCompressedDataException corrupt(String detail) {
        return new CorruptCompressedDataException(CompressionType.GZIP, detail);
    }
}
