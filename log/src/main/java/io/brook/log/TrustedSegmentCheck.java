package io.brook.log;

import io.brook.log.append.BatchValidator;
import io.brook.protocol.record.RecordBatchView;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Decides whether a segment written by a clean shutdown, or wholly below the recovery point, can
 * be taken with the indexes it has: they must agree with the log (entries increasing and inside
 * the file, the last offset entry pointing at the batch it names, the last time entry naming a
 * batch with its timestamp and covering the batch of the last offset entry), and the batches after
 * the last offset entry must be whole and follow on. Only that tail is read, so the check costs
 * little whatever the segment's size; entries before the last are checked by the reads that use
 * them.
 */
final class TrustedSegmentCheck {
    private TrustedSegmentCheck() {
    }

    /** What the check learned of the segment's end, for appends to continue from. */
    record Tail(int sizeInBytes, long nextOffset, long maxTimestamp, long offsetOfMaxTimestamp, int bytesSinceLastIndexEntry,
                long firstBatchTimestamp) {
    }

    /** The segment's tail when its indexes agree with its log; null when anything disagrees. */
    static Tail check(FileChannel channel, long baseOffset, OffsetIndex offsetIndex, TimeIndex timeIndex) throws IOException {
        long fileSize = channel.size();
        if (fileSize > Integer.MAX_VALUE || !offsetIndexIsOrdered(offsetIndex, baseOffset, fileSize)
                || !timeIndexIsOrdered(timeIndex, baseOffset)) {
            return null;
        }
        int entries = offsetIndex.entries();
        int position = entries == 0 ? 0 : offsetIndex.positionAt(entries - 1);
        long expectedBase = entries == 0 ? baseOffset : -1;
        long lastIndexed = entries == 0 ? -1 : offsetIndex.offsetAt(entries - 1);
        long max = timeIndex.lastTimestamp();
        long offsetOfMax = max < 0 ? -1 : timeIndex.offsetAt(timeIndex.entries() - 1);
        long next = baseOffset;
        int bytesSinceEntry = 0;
        long firstBatchTimestamp = TimeIndex.NO_TIMESTAMP;
        BatchHeaderReader header = BatchHeaderReader.forThisThread(channel);
        while (position < fileSize) {
            if (position + (long) RecordBatchView.RECORD_BATCH_OVERHEAD > fileSize) {
                return null;
            }
            RecordBatchView view = header.readAt(position);
            int batchBytes = view.sizeInBytes();
            if (batchBytes < RecordBatchView.RECORD_BATCH_OVERHEAD || position + (long) batchBytes > fileSize
                    || BatchValidator.validateStoredHeader(view) != null) {
                return null;
            }
            boolean followsOn = expectedBase >= 0 ? view.baseOffset() == expectedBase : view.lastOffset() == lastIndexed;
            if (!followsOn) {
                return null;
            }
            if (expectedBase < 0 && view.maxTimestamp() > max) {
                // The time index took an entry along with the last offset entry, for the largest
                // timestamp up to and including this batch: an index without it lost entries.
                return null;
            }
            if (view.maxTimestamp() > max) {
                max = view.maxTimestamp();
                offsetOfMax = view.lastOffset();
            }
            if (position == 0) {
                firstBatchTimestamp = view.maxTimestamp();
            }
            next = view.lastOffset() + 1;
            expectedBase = next;
            bytesSinceEntry += batchBytes;
            position += batchBytes;
        }
        int timeEntries = timeIndex.entries();
        if (timeEntries > 0 && timeIndex.offsetAt(timeEntries - 1) >= next) {
            return null;
        }
        if (!lastTimeEntryNamesItsBatch(header, offsetIndex, timeIndex, fileSize)) {
            return null;
        }
        if (position > 0 && firstBatchTimestamp == TimeIndex.NO_TIMESTAMP) {
            firstBatchTimestamp = header.readAt(0).maxTimestamp();
        }
        return new Tail((int) fileSize, next, max, offsetOfMax, bytesSinceEntry, firstBatchTimestamp);
    }

    /**
     * Whether the time index's last entry names the last offset of a batch whose max timestamp is
     * the entry's. The scan starts where the offset index points and stops at anything that is
     * not a whole batch: entries before the last offset entry are not checked, so the position
     * may be wrong.
     */
    private static boolean lastTimeEntryNamesItsBatch(BatchHeaderReader header, OffsetIndex offsetIndex, TimeIndex timeIndex,
                                                      long fileSize) throws IOException {
        int entries = timeIndex.entries();
        if (entries == 0) {
            return true;
        }
        long offset = timeIndex.offsetAt(entries - 1);
        int position = offsetIndex.floorPosition(offset);
        while (position + (long) RecordBatchView.RECORD_BATCH_OVERHEAD <= fileSize) {
            RecordBatchView view = header.readAt(position);
            int batchBytes = view.sizeInBytes();
            if (batchBytes < RecordBatchView.RECORD_BATCH_OVERHEAD || position + (long) batchBytes > fileSize) {
                return false;
            }
            if (view.lastOffset() >= offset) {
                return view.lastOffset() == offset && view.maxTimestamp() == timeIndex.timestampAt(entries - 1);
            }
            position += batchBytes;
        }
        return false;
    }

    private static boolean offsetIndexIsOrdered(OffsetIndex offsetIndex, long baseOffset, long fileSize) {
        int entries = offsetIndex.entries();
        long previousOffset = baseOffset - 1;
        long previousPosition = -1;
        for (int slot = 0; slot < entries; slot++) {
            long offset = offsetIndex.offsetAt(slot);
            int position = offsetIndex.positionAt(slot);
            if (offset <= previousOffset || position <= previousPosition || position >= fileSize) {
                return false;
            }
            previousOffset = offset;
            previousPosition = position;
        }
        return true;
    }

    private static boolean timeIndexIsOrdered(TimeIndex timeIndex, long baseOffset) {
        int entries = timeIndex.entries();
        long previousTimestamp = Long.MIN_VALUE;
        long previousOffset = baseOffset;
        for (int slot = 0; slot < entries; slot++) {
            long timestamp = timeIndex.timestampAt(slot);
            long offset = timeIndex.offsetAt(slot);
            if (timestamp <= previousTimestamp || offset < previousOffset) {
                return false;
            }
            previousTimestamp = timestamp;
            previousOffset = offset;
        }
        return true;
    }
}
