package io.brook.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, from the files alone, that the {@code .index} and {@code .timeindex} of every segment
 * of a closed partition directory agree with its {@code .log}: what Kafka's tools, and our next
 * start, rely on.
 *
 * <ul>
 *   <li>Both indexes exist for every segment, and no index exists without its segment.</li>
 *   <li>A closed index is exactly its entries: length = entries × entry size.</li>
 *   <li>Offset index: offsets and positions strictly increase; each entry's position is the start
 *       of a batch, and its offset is that batch's last offset.</li>
 *   <li>Time index: timestamps and offsets strictly increase; each entry's offset is the last
 *       offset of a batch whose max timestamp is the entry's timestamp, and no earlier batch
 *       reached that timestamp; the last entry holds the segment's largest timestamp (the
 *       closing entry a segment takes when it stops being written).</li>
 * </ul>
 *
 * With {@code indexIntervalBytes}, the entries must also be exactly the ones appending the same
 * batches would have written (one per more than {@code index.interval.bytes}), which is what a
 * rebuild must reproduce.
 */
final class IndexConsistency {
    private IndexConsistency() {
    }

    /** One batch of a segment file, by its header. */
    record Batch(int position, int sizeInBytes, long baseOffset, long lastOffset, long maxTimestamp) {
    }

    record OffsetEntry(long offset, int position) {
    }

    record TimeEntry(long timestamp, long offset) {
    }

    /** The structural checks only. */
    static void assertConsistent(Path directory) throws IOException {
        assertConsistent(directory, -1, Integer.MAX_VALUE);
    }

    /** The structural checks, and the exact entries for {@code indexIntervalBytes} and {@code segmentIndexBytes}. */
    static void assertConsistent(Path directory, int indexIntervalBytes, int segmentIndexBytes) throws IOException {
        List<Long> baseOffsets = LogTestSupport.segmentBaseOffsets(directory);
        for (String name : LogTestSupport.fileNames(directory)) {
            long indexBase = Math.max(LogFileNames.offsetOf(name, LogFileNames.INDEX_SUFFIX),
                    LogFileNames.offsetOf(name, LogFileNames.TIME_INDEX_SUFFIX));
            if (indexBase >= 0) {
                assertTrue(baseOffsets.contains(indexBase), "index file " + name + " has no segment");
            }
        }
        for (long baseOffset : baseOffsets) {
            String segment = "segment " + baseOffset + " of " + directory.getFileName();
            List<Batch> batches = batchesOf(LogTestSupport.logFile(directory, baseOffset), baseOffset);
            List<OffsetEntry> offsetEntries = offsetEntries(LogTestSupport.indexFile(directory, baseOffset), baseOffset);
            List<TimeEntry> timeEntries = timeEntries(LogTestSupport.timeIndexFile(directory, baseOffset), baseOffset);
            checkOffsetIndex(segment, batches, offsetEntries);
            checkTimeIndex(segment, batches, timeEntries);
            if (indexIntervalBytes >= 0) {
                assertEquals(expectedOffsetEntries(batches, indexIntervalBytes, segmentIndexBytes), offsetEntries,
                        segment + ": offset index entries as appending writes them");
                assertEquals(expectedTimeEntries(batches, indexIntervalBytes, segmentIndexBytes), timeEntries,
                        segment + ": time index entries as appending writes them");
            }
        }
    }

    private static void checkOffsetIndex(String segment, List<Batch> batches, List<OffsetEntry> entries) {
        Map<Integer, Batch> byPosition = new HashMap<>();
        for (Batch batch : batches) {
            byPosition.put(batch.position(), batch);
        }
        OffsetEntry previous = null;
        for (OffsetEntry entry : entries) {
            if (previous != null) {
                assertTrue(entry.offset() > previous.offset(), segment + ": offset index offsets increase at " + entry);
                assertTrue(entry.position() > previous.position(), segment + ": offset index positions increase at " + entry);
            }
            Batch batch = byPosition.get(entry.position());
            if (batch == null) {
                fail(segment + ": offset index entry " + entry + " points at no batch start");
            }
            assertEquals(batch.lastOffset(), entry.offset(), segment + ": offset index entry " + entry + " names its batch's last offset");
            previous = entry;
        }
    }

    private static void checkTimeIndex(String segment, List<Batch> batches, List<TimeEntry> entries) {
        TimeEntry previous = null;
        for (TimeEntry entry : entries) {
            if (previous != null) {
                assertTrue(entry.timestamp() > previous.timestamp(), segment + ": time index timestamps increase at " + entry);
                assertTrue(entry.offset() > previous.offset(), segment + ": time index offsets increase at " + entry);
            }
            Batch named = null;
            for (Batch batch : batches) {
                if (batch.lastOffset() == entry.offset()) {
                    named = batch;
                    break;
                }
                assertTrue(batch.maxTimestamp() < entry.timestamp(),
                        segment + ": time index entry " + entry + " names the first batch to reach its timestamp, but " + batch + " did");
            }
            if (named == null) {
                fail(segment + ": time index entry " + entry + " names no batch's last offset");
            }
            assertEquals(named.maxTimestamp(), entry.timestamp(), segment + ": time index entry " + entry + " has its batch's max timestamp");
            previous = entry;
        }
        long largest = batches.stream().mapToLong(Batch::maxTimestamp).max().orElse(TimeIndex.NO_TIMESTAMP);
        if (largest >= 0) {
            assertTrue(!entries.isEmpty(), segment + ": time index holds the segment's largest timestamp " + largest);
            assertEquals(largest, entries.get(entries.size() - 1).timestamp(), segment + ": the time index ends at the largest timestamp");
        } else {
            assertTrue(entries.isEmpty(), segment + ": no timestamps, no time index entries");
        }
    }

    /**
     * The rule of {@code LogSegment}'s appends: an entry for a batch when more than the interval
     * was appended since the last one and both indexes have room for it and the closing entry.
     */
    private static List<OffsetEntry> expectedOffsetEntries(List<Batch> batches, int indexIntervalBytes, int segmentIndexBytes) {
        List<OffsetEntry> offsetEntries = new ArrayList<>();
        simulate(batches, indexIntervalBytes, segmentIndexBytes, offsetEntries, new ArrayList<>());
        return offsetEntries;
    }

    private static List<TimeEntry> expectedTimeEntries(List<Batch> batches, int indexIntervalBytes, int segmentIndexBytes) {
        List<TimeEntry> timeEntries = new ArrayList<>();
        simulate(batches, indexIntervalBytes, segmentIndexBytes, new ArrayList<>(), timeEntries);
        return timeEntries;
    }

    private static void simulate(List<Batch> batches, int indexIntervalBytes, int segmentIndexBytes,
                                 List<OffsetEntry> offsetEntries, List<TimeEntry> timeEntries) {
        int maxOffsetEntries = segmentIndexBytes / OffsetIndex.ENTRY_BYTES;
        int maxTimeEntries = segmentIndexBytes / TimeIndex.ENTRY_BYTES;
        long maxTimestamp = TimeIndex.NO_TIMESTAMP;
        long offsetOfMaxTimestamp = -1;
        long bytesSinceLastEntry = 0;
        for (Batch batch : batches) {
            if (batch.maxTimestamp() > maxTimestamp) {
                maxTimestamp = batch.maxTimestamp();
                offsetOfMaxTimestamp = batch.lastOffset();
            }
            // An index with one free slot left is full: that slot is the closing time entry's.
            if (bytesSinceLastEntry > indexIntervalBytes && offsetEntries.size() < maxOffsetEntries - 1
                    && timeEntries.size() < maxTimeEntries - 1) {
                offsetEntries.add(new OffsetEntry(batch.lastOffset(), batch.position()));
                addTimeEntry(timeEntries, maxTimestamp, offsetOfMaxTimestamp);
                bytesSinceLastEntry = 0;
            }
            bytesSinceLastEntry += batch.sizeInBytes();
        }
        if (offsetOfMaxTimestamp >= 0) {
            addTimeEntry(timeEntries, maxTimestamp, offsetOfMaxTimestamp);
        }
    }

    private static void addTimeEntry(List<TimeEntry> entries, long timestamp, long offset) {
        if (entries.isEmpty() || timestamp > entries.get(entries.size() - 1).timestamp()) {
            entries.add(new TimeEntry(timestamp, offset));
        }
    }

    /** The batches of a segment file, which must be whole batches with following offsets and nothing else. */
    static List<Batch> batchesOf(Path logFile, long baseOffset) throws IOException {
        byte[] bytes = Files.readAllBytes(logFile);
        List<Batch> batches = new ArrayList<>();
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        try {
            RecordBatchView view = new RecordBatchView();
            int position = 0;
            long nextOffset = baseOffset;
            while (position < bytes.length) {
                assertTrue(position + RecordBatchView.RECORD_BATCH_OVERHEAD <= bytes.length, logFile + ": whole header at " + position);
                view.wrap(buffer, position);
                int size = view.sizeInBytes();
                assertTrue(size >= RecordBatchView.RECORD_BATCH_OVERHEAD && position + size <= bytes.length,
                        logFile + ": whole batch at " + position);
                assertEquals(nextOffset, view.baseOffset(), logFile + ": offsets follow on at " + position);
                batches.add(new Batch(position, size, view.baseOffset(), view.lastOffset(), view.maxTimestamp()));
                nextOffset = view.lastOffset() + 1;
                position += size;
            }
        } finally {
            buffer.release();
        }
        return batches;
    }

    static List<OffsetEntry> offsetEntries(Path indexFile, long baseOffset) throws IOException {
        assertTrue(Files.exists(indexFile), indexFile + " exists");
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(indexFile));
        assertEquals(0, bytes.limit() % OffsetIndex.ENTRY_BYTES, indexFile + ": length is whole entries");
        List<OffsetEntry> entries = new ArrayList<>();
        while (bytes.hasRemaining()) {
            entries.add(new OffsetEntry(baseOffset + bytes.getInt(), bytes.getInt()));
        }
        return entries;
    }

    static List<TimeEntry> timeEntries(Path timeIndexFile, long baseOffset) throws IOException {
        assertTrue(Files.exists(timeIndexFile), timeIndexFile + " exists");
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(timeIndexFile));
        assertEquals(0, bytes.limit() % TimeIndex.ENTRY_BYTES, timeIndexFile + ": length is whole entries");
        List<TimeEntry> entries = new ArrayList<>();
        while (bytes.hasRemaining()) {
            entries.add(new TimeEntry(bytes.getLong(), baseOffset + bytes.getInt()));
        }
        return entries;
    }
}
