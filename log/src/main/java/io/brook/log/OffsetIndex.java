package io.brook.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Kafka's offset index ({@code .index}): 8-byte entries {@code relativeOffset int32, position int32}
 * mapping the last offset of an appended batch (relative to the segment's base offset) to the file
 * position where that batch starts. Sparse: one entry per {@code index.interval.bytes} of log.
 */
final class OffsetIndex extends MappedIndex {
    static final int ENTRY_BYTES = 8;

    OffsetIndex(Path file, long baseOffset, int capacityBytes) throws IOException {
        super(file, baseOffset, ENTRY_BYTES, capacityBytes);
    }

    /** Writer only: the batch ending at {@code lastOffset} starts at {@code position}. */
    void append(long lastOffset, int position) {
        int count = entries();
        assert count == 0 || lastOffset > offsetAt(count - 1) : "offset index entries must increase: " + lastOffset;
        assert count == 0 || position > positionAt(count - 1) : "offset index positions must increase: " + position;
        int at = nextSlotPosition();
        buffer.putInt(at, relative(lastOffset));
        buffer.putInt(at + 4, position);
        publishEntry();
    }

    /**
     * The position of the batch the greatest entry at or below {@code offset} points to (a batch
     * that ends at or before {@code offset}), or 0 when no entry is that low. A scan from there
     * finds the batch holding {@code offset}.
     */
    int floorPosition(long offset) {
        int slot = floorSlot(offset);
        return slot < 0 ? 0 : positionAt(slot);
    }

    /** The greatest published slot whose offset is at or below {@code offset}, or -1 when none is. */
    int floorSlot(long offset) {
        long relativeTarget = offset - baseOffset();
        if (relativeTarget < 0) {
            return -1;
        }
        return floorSlot(entries(), relativeTarget);
    }

    /** The relative offset. */
    @Override
    protected long keyAt(int slot) {
        return buffer.getInt(slot * ENTRY_BYTES);
    }

    long offsetAt(int slot) {
        return baseOffset() + buffer.getInt(slot * ENTRY_BYTES);
    }

    int positionAt(int slot) {
        return buffer.getInt(slot * ENTRY_BYTES + 4);
    }

    /** Whether {@code lastOffset} can be stored relative to the base offset. */
    boolean canIndex(long lastOffset) {
        long relative = lastOffset - baseOffset();
        return relative >= 0 && relative <= Integer.MAX_VALUE;
    }

    private int relative(long offset) {
        long relative = offset - baseOffset();
        assert relative >= 0 && relative <= Integer.MAX_VALUE : "offset " + offset + " outside segment " + baseOffset();
        return (int) relative;
    }
}
