package io.brook.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSegmentTest {
    private static final int INDEX_INTERVAL_BYTES = 0;

    /** Appends three two-record batches from {@code baseOffset} on and returns the segment size after each. */
    private static int[] appendThreeBatches(LogSegment segment, long baseOffset) throws Exception {
        int[] ends = new int[3];
        for (int i = 0; i < 3; i++) {
            ByteBuf batch = TestBatches.ofValues("a", "b");
            try {
                RecordBatchView view = new RecordBatchView().wrap(batch, batch.readerIndex());
                view.setBaseOffset(baseOffset + 2L * i);
                segment.append(batch, view, INDEX_INTERVAL_BYTES);
                ends[i] = segment.sizeInBytes();
            } finally {
                batch.release();
            }
        }
        return ends;
    }

    @Test
    void readsStopAtTheSizeTheReaderSaw(@TempDir Path directory) throws Exception {
        try (LogSegment segment = LogSegment.create(directory, 0, LogTestSupport.TEST_INDEX_BYTES, 0)) {
            int[] ends = appendThreeBatches(segment, 0);
            assertEquals(6, segment.nextOffset());
            // A reader that saw the segment at two batches (end offset 4) reads nothing of the third.
            LogSlice slice = segment.read(0, Integer.MAX_VALUE, false, ends[1]);
            assertEquals(0, slice.position());
            assertEquals(ends[1], slice.sizeInBytes());
            assertNull(segment.read(4, Integer.MAX_VALUE, true, ends[1]), "nothing at or past the size seen");
            LogSlice last = segment.read(5, Integer.MAX_VALUE, false, ends[2]);
            assertEquals(ends[1], last.position(), "offset 5 is in the batch that starts at offset 4");
            assertEquals(ends[2] - ends[1], last.sizeInBytes());
        }
    }

    @Test
    void readFindsTheBatchHoldingEachOffsetThroughTheIndex(@TempDir Path directory) throws Exception {
        try (LogSegment segment = LogSegment.create(directory, 100, LogTestSupport.TEST_INDEX_BYTES, 0)) {
            int[] ends = appendThreeBatches(segment, 100);
            int[] starts = {0, ends[0], ends[1]};
            for (long offset = 100; offset < 106; offset++) {
                LogSlice slice = segment.read(offset, Integer.MAX_VALUE, false, segment.sizeInBytes());
                int batch = (int) (offset - 100) / 2;
                assertEquals(starts[batch], slice.position(), "offset " + offset);
                assertEquals(ends[2] - starts[batch], slice.sizeInBytes(), "offset " + offset);
            }
            assertNull(segment.read(106, Integer.MAX_VALUE, true, segment.sizeInBytes()));
        }
    }
}
