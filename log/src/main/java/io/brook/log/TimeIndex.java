package io.brook.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Kafka's time index ({@code .timeindex}): 12-byte entries {@code timestamp int64, relativeOffset
 * int32}, each saying that the largest timestamp in the segment up to and including the batch
 * ending at that offset is that timestamp, first reached in that batch. Timestamps strictly
 * increase from entry to entry.
 */
final class TimeIndex extends MappedIndex {
    static final int ENTRY_BYTES = 12;
    static final long NO_TIMESTAMP = -1;

    TimeIndex(Path file, long baseOffset, int capacityBytes) throws IOException {
        super(file, baseOffset, ENTRY_BYTES, capacityBytes);
    }

    /**
     * Writer only: records that {@code timestamp} is the largest so far, first reached by the batch
     * ending at {@code offset}, unless an entry already says as much.
     */
    void maybeAppend(long timestamp, long offset) {
        int count = entries();
        // An empty index stands for "no timestamp yet" (-1), as Kafka's does: batches without
        // timestamps never make an entry.
        long last = count > 0 ? timestampAt(count - 1) : NO_TIMESTAMP;
        if (timestamp <= last) {
            return;
        }
        assert count == 0 || offset >= offsetAt(count - 1) : "time index offsets must not decrease: " + offset;
        int at = nextSlotPosition();
        buffer.putLong(at, timestamp);
        buffer.putInt(at + 8, (int) (offset - baseOffset()));
        publishEntry();
    }

    /**
     * The offset of the greatest entry whose timestamp is at or below {@code timestamp}, or the base
     * offset when none is: every record before that offset's batch has a smaller timestamp.
     */
    long floorOffset(long timestamp) {
        int slot = floorSlot(entries(), timestamp);
        return slot < 0 ? baseOffset() : offsetAt(slot);
    }

    /** The largest timestamp recorded, or -1 when there is none. */
    long lastTimestamp() {
        int count = entries();
        return count > 0 ? timestampAt(count - 1) : NO_TIMESTAMP;
    }

    @Override
    protected long keyAt(int slot) {
        return timestampAt(slot);
    }

    long timestampAt(int slot) {
        return buffer.getLong(slot * ENTRY_BYTES);
    }

    long offsetAt(int slot) {
        return baseOffset() + buffer.getInt(slot * ENTRY_BYTES + 8);
    }
}
