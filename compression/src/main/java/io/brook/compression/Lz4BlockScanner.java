package io.brook.compression;

import java.nio.ByteBuffer;

/**
 * Reads an LZ4 block's sequences to learn how many bytes it decompresses to, writing nothing.
 *
 * <p>Why: the safe decompressor fails the same way whether a block is corrupt or merely larger
 * than the room it was given, and near the caller's limit the room is smaller than a block. So
 * for a block that might cross the limit, the reader asks this scanner first: a block that scans
 * to more than the room left is too large, one that scans as malformed is corrupt, and otherwise
 * the decompressor gets exactly the room the block needs. Blocks far from the limit skip this pass.
 *
 * <pre>
 * sequence: token (literal length in bits 7-4, match length - 4 in bits 3-0)
 *           [more literal length: bytes added while they are 255, if the nibble is 15]
 *           literals
 *           -- the last sequence ends here, at the end of the block --
 *           offset u16 LE (1 .. bytes produced so far in this block)
 *           [more match length: bytes added while they are 255, if the nibble is 15]
 * </pre>
 *
 * <p>Not thread-safe: one instance per scan.
 */
final class Lz4BlockScanner {

    /** Returned for a block whose sequences run past its end or point before its start. */
    static final long MALFORMED = -1;

    private static final int NIBBLE_MAX = 15;
    private static final int LENGTH_CONTINUES = 255;
    private static final int MIN_MATCH_BYTES = 4;
    private static final int OFFSET_BYTES = 2;

    private final ByteBuffer in;
    private final int end;
    private int position;

    private Lz4BlockScanner(ByteBuffer in, int offset, int length) {
        this.in = in;
        this.position = offset;
        this.end = offset + length;
    }

    /**
     * The decompressed length of the block in {@code in[offset .. offset + length)}, or
     * {@link #MALFORMED}. Every step consumes at least one input byte, so the scan ends within
     * {@code length} steps; lengths are summed in a long, so no input overflows them.
     */
    static long decodedLength(ByteBuffer in, int offset, int length) {
        return new Lz4BlockScanner(in, offset, length).scan();
    }

    private long scan() {
        long produced = 0;
        while (position < end) {
            int token = in.get(position++) & 0xFF;
            long literalBytes = fullLength(token >>> 4);
            if (literalBytes == MALFORMED || literalBytes > end - position) {
                return MALFORMED;
            }
            position += (int) literalBytes;
            produced += literalBytes;
            if (position == end) {
                return produced;
            }
            if (end - position < OFFSET_BYTES) {
                return MALFORMED;
            }
            int matchOffset = (in.get(position) & 0xFF) | (in.get(position + 1) & 0xFF) << 8;
            position += OFFSET_BYTES;
            if (matchOffset == 0 || matchOffset > produced) {
                return MALFORMED;
            }
            long matchBytes = fullLength(token & NIBBLE_MAX);
            if (matchBytes == MALFORMED) {
                return MALFORMED;
            }
            produced += matchBytes + MIN_MATCH_BYTES;
        }
        // An empty block, or one whose last sequence has a match: LZ4 blocks end with literals.
        return MALFORMED;
    }

    /** A length from its token nibble: a nibble of 15 is followed by bytes added to it while they are 255. */
    private long fullLength(int nibble) {
        long length = nibble;
        if (nibble != NIBBLE_MAX) {
            return length;
        }
        int extra;
        do {
            if (position == end) {
                return MALFORMED;
            }
            extra = in.get(position++) & 0xFF;
            length += extra;
        } while (extra == LENGTH_CONTINUES);
        return length;
    }
}
