package io.brook.log;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A sparse index file of fixed-size entries, memory-mapped, as Kafka keeps its {@code .index} and
 * {@code .timeindex}: the file of a segment being written is preallocated to its capacity, and
 * trimmed to its entries when the segment stops being written, so that a closed index is exactly
 * its entries (what Kafka's tools expect).
 *
 * <p>Thread-safety: one writer (the partition's append thread) and any number of readers. The
 * writer fills an entry, then publishes it by incrementing the volatile {@code entries}; readers
 * read {@code entries} once and look only below it. Trimming the file never cuts a published
 * entry, so readers never touch a page beyond the end of the file.
 */
abstract class MappedIndex implements AutoCloseable {
    private final long baseOffset;
    private final int entryBytes;
    private Path file;
    private final FileChannel channel;
    protected final MappedByteBuffer buffer;
    private final int maxEntries;
    private volatile int entries;

    /**
     * Maps {@code file} (created if missing) with room for {@code capacityBytes} of entries, or its
     * current length if that is larger. The entries already in the file count as published; a
     * length that is not a whole number of entries is cut to one.
     */
    protected MappedIndex(Path file, long baseOffset, int entryBytes, int capacityBytes) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entryBytes = entryBytes;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long length = channel.size();
            int existing = (int) Math.min(length / entryBytes, Integer.MAX_VALUE / entryBytes);
            int capacity = Math.max(existing, capacityBytes / entryBytes);
            this.maxEntries = capacity;
            // Mapping past the end of a read-write file extends it (sparse): the preallocation.
            this.buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) capacity * entryBytes);
            this.entries = existing;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    final long baseOffset() {
        return baseOffset;
    }

    final int entries() {
        return entries;
    }

    final boolean isFull() {
        return entries >= maxEntries;
    }

    /** Room for the closing entry a segment takes when it stops being written. */
    final boolean hasRoomForClosingEntry() {
        return entries < maxEntries - 1;
    }

    /** Writer only: the slot for the next entry, to be filled then published with {@link #publishEntry()}. */
    protected final int nextSlotPosition() {
        if (entries >= maxEntries) {
            throw new IllegalStateException("index " + file + " is full (" + maxEntries + " entries)");
        }
        return entries * entryBytes;
    }

    protected final void publishEntry() {
        entries = entries + 1;
    }

    /** Writer only: forgets every entry, before a rebuild. */
    final void reset() {
        entries = 0;
    }

    /** Writer only: keeps the first {@code count} entries. */
    final void truncateToEntries(int count) {
        if (count < entries) {
            entries = count;
        }
    }

    /** The largest of the first {@code count} slots whose key is at or below {@code target}, or -1 if none is. */
    protected final int floorSlot(int count, long target) {
        int low = 0;
        int high = count - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (keyAt(middle) <= target) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /** The key entries are searched by; it increases from slot to slot. */
    protected abstract long keyAt(int slot);

    /** Cuts the file to its entries; the segment is no longer written. */
    final void trimToEntries() throws IOException {
        channel.truncate((long) entries * entryBytes);
    }

    final void flush() {
        buffer.force();
    }

    /** Renames the file (deletions are renamed first and removed later). */
    final void renameTo(Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }

    final Path file() {
        return file;
    }

    /** Closes the file; the mapping stays valid until it is collected, for readers still holding it. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    final void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }
}
