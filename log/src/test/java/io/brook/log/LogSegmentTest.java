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

    @Test
    void readsStopAtTheEndOffsetTheReaderSaw(@TempDir Path directory) throws Exception {
        try (LogSegment segment = LogSegment.create(directory, 0)) {
            int[] ends = new int[3];
            for (int i = 0; i < 3; i++) {
                ByteBuf batch = TestBatches.ofValues("a", "b");
                try {
                    RecordBatchView view = new RecordBatchView().wrap(batch, batch.readerIndex());
                    view.setBaseOffset(2L * i);
                    segment.append(batch, view.lastOffset());
                    ends[i] = segment.sizeInBytes();
                } finally {
                    batch.release();
                }
            }
            // An append published its index entry (offsets 4-5) after this reader saw end offset 4.
            LogSlice slice = segment.read(0, 4, Integer.MAX_VALUE, false);
            assertEquals(ends[1], slice.sizeInBytes());
            assertNull(segment.read(4, 4, Integer.MAX_VALUE, true), "nothing at or past the end offset seen");
            assertEquals(ends[2] - ends[1], segment.read(5, 6, Integer.MAX_VALUE, false).sizeInBytes());
        }
    }
}
