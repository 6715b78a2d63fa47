package io.brook.compression;

import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 frame format (lz4_Frame_format.md v1.6) as Kafka's {@code Lz4BlockOutputStream} writes
 * it and {@code Lz4BlockInputStream} reads it. All integers are little-endian.
 *
 * <pre>
 * magic 0x184D2204 (4)
 * FLG (1): bits 7-6 version (01) | 5 block independence | 4 block checksum | 3 content size
 *          | 2 content checksum | 1 reserved (0) | 0 dictionary id
 * BD  (1): bit 7 reserved (0) | bits 6-4 block max size id, 4..7 = 64 KiB, 256 KiB, 1 MiB, 4 MiB
 *          | bits 3-0 reserved (0)
 * [content size (8), if FLG bit 3]
 * HC  (1): (xxHash32(FLG .. end of descriptor, seed 0) >> 8) & 0xFF
 * blocks:  size (4): bit 31 set = stored uncompressed, bits 30-0 = bytes that follow (at most
 *          the block max size); data; [xxHash32 of the data as stored (4), if FLG bit 4]
 * end mark: size word 0
 * [content checksum (4), if FLG bit 2: xxHash32 of all the uncompressed bytes]
 * </pre>
 *
 * Kafka writes version 1, independent blocks, no checksums, no content size, 64 KiB blocks, and
 * a block is stored uncompressed when compressing does not make it smaller. Kafka reads only
 * independent blocks and rejects a dictionary id (its FLG check calls bits 1-0 "reserved").
 */
final class Lz4Frame {

    static final int MAGIC = 0x184D2204;
    static final int MAGIC_BYTES = 4;
    /** FLG and BD. */
    static final int DESCRIPTOR_FIXED_BYTES = 2;
    static final int CONTENT_SIZE_BYTES = 8;
    static final int HEADER_CHECKSUM_BYTES = 1;
    static final int BLOCK_SIZE_BYTES = 4;
    static final int CHECKSUM_BYTES = 4;
    static final int STORED_BLOCK_FLAG = 0x80000000;
    static final int END_MARK = 0;

    static final int FLG_VERSION_SHIFT = 6;
    static final int FLG_VERSION = 1;
    static final int FLG_BLOCK_INDEPENDENCE = 1 << 5;
    static final int FLG_BLOCK_CHECKSUM = 1 << 4;
    static final int FLG_CONTENT_SIZE = 1 << 3;
    static final int FLG_CONTENT_CHECKSUM = 1 << 2;
    /** Bit 1 is reserved; bit 0 is the dictionary id flag, which Kafka rejects as if reserved. */
    static final int FLG_RESERVED_OR_DICTIONARY = 0b11;

    static final int BD_BLOCK_SIZE_ID_SHIFT = 4;
    static final int BD_BLOCK_SIZE_ID_MASK = 0b111;
    static final int BD_RESERVED = 0b1000_1111;
    static final int MIN_BLOCK_SIZE_ID = 4;
    static final int MAX_BLOCK_SIZE_ID = 7;

    /** What Kafka writes: version 1, independent blocks, nothing optional; a 64 KiB block max. */
    static final int KAFKA_FLG = FLG_VERSION << FLG_VERSION_SHIFT | FLG_BLOCK_INDEPENDENCE;
    static final int KAFKA_BLOCK_SIZE_ID = 4;
    static final int KAFKA_BD = KAFKA_BLOCK_SIZE_ID << BD_BLOCK_SIZE_ID_SHIFT;

    /** The pure-Java, bounds-checked xxHash: it runs over attacker-supplied lengths and offsets. */
    static final XXHash32 XXHASH = XXHashFactory.safeInstance().hash32();
    static final int XXHASH_SEED = 0;

    private Lz4Frame() {
    }

    /** 2^(2 * id + 8): 64 KiB for id 4 up to 4 MiB for id 7. */
    static int blockMaxBytes(int blockSizeId) {
        return 1 << (2 * blockSizeId + 8);
    }

    /** The header checksum byte: the second byte of the descriptor's xxHash32. */
    static int headerChecksum(int hash) {
        return (hash >>> 8) & 0xFF;
    }
}
