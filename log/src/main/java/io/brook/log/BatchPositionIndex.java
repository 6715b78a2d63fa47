package io.brook.log;

import java.util.Arrays;

/**
 * Where each batch of a segment ends, by the batch's last offset: enough to find the batch holding
 * any offset and to cut reads at batch boundaries without touching the file.
 *
 * <p>This first cut keeps one entry (12 bytes) per batch in memory; the log-engine work replaces it
 * with Kafka's sparse, memory-mapped offset index.
 *
 * <p>Thread-safety: one writer (the partition's append thread) and any number of readers. The
 * writer fills an entry, then publishes it by incrementing the volatile {@code count}; it grows
 * the arrays by publishing copies, so entries below a count a reader has seen are always present
 * in the arrays it reads afterwards.
 */
final class BatchPositionIndex {
    private static final int INITIAL_CAPACITY = 64;

    private volatile Entries entries = new Entries(new long[INITIAL_CAPACITY], new int[INITIAL_CAPACITY]);
    private volatile int count;

    private record Entries(long[] lastOffsets, int[] endPositions) {
    }

    /** Writer only: records a batch ending (exclusive) at {@code endPosition} whose last offset is {@code lastOffset}. */
    void add(long lastOffset, int endPosition) {
        int slot = count;
        Entries current = entries;
        if (slot == current.lastOffsets.length) {
            int capacity = slot * 2;
            current = new Entries(Arrays.copyOf(current.lastOffsets, capacity), Arrays.copyOf(current.endPositions, capacity));
            entries = current;
        }
        assert slot == 0 || lastOffset > current.lastOffsets[slot - 1] : "offsets must increase: " + lastOffset;
        assert slot == 0 || endPosition > current.endPositions[slot - 1] : "positions must increase: " + endPosition;
        current.lastOffsets[slot] = lastOffset;
        current.endPositions[slot] = endPosition;
        count = slot + 1;
    }

    /** Writer only: forgets every entry, before a rebuild. */
    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    /**
     * A consistent view for one read: entries below the returned snapshot's {@code count} are
     * complete and stay valid.
     */
    Snapshot snapshot() {
        int visible = count;
        return new Snapshot(entries, visible);
    }

    /** An immutable view of the first {@code count} entries. */
    static final class Snapshot {
        private final Entries entries;
        private final int count;

        private Snapshot(Entries entries, int count) {
            this.entries = entries;
            this.count = count;
        }

        int count() {
            return count;
        }

        long lastOffset(int slot) {
            return entries.lastOffsets[slot];
        }

        int endPosition(int slot) {
            return entries.endPositions[slot];
        }

        int startPosition(int slot) {
            return slot == 0 ? 0 : entries.endPositions[slot - 1];
        }

        /** The first slot whose batch ends at or after {@code offset}, or {@code count} if none does. */
        int slotContaining(long offset) {
            int low = 0;
            int high = count;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (entries.lastOffsets[middle] < offset) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** The last slot whose batch ends at or before {@code position}, or -1 if none does. */
        int lastSlotEndingBy(int position) {
            int low = 0;
            int high = count;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (entries.endPositions[middle] <= position) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low - 1;
        }
    }
}
