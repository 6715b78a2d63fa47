package io.brook.log.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producer snapshots: what is written is read back, and a damaged file is refused rather than misread. */
class ProducerSnapshotFileTest {
    private static final long FIRST_PRODUCER = 7;
    private static final long SECOND_PRODUCER = 8;
    private static final short EPOCH = 4;

    @TempDir
    Path directory;

    private final List<ByteBuf> buffers = new ArrayList<>();
    private long nextOffset;

    @AfterEach
    void releaseBuffers() {
        buffers.forEach(ByteBuf::release);
    }

    private RecordBatchView batch(long producerId, int baseSequence, int recordCount) {
        ByteBuf buffer = TestBatches.idempotent(producerId, EPOCH, baseSequence, recordCount);
        buffers.add(buffer);
        return new RecordBatchView().wrap(buffer, 0);
    }

    private void store(ProducerStateTable table, long producerId, int baseSequence, int recordCount) {
        RecordBatchView view = batch(producerId, baseSequence, recordCount);
        view.setBaseOffset(nextOffset);
        table.replay(view);
        nextOffset = view.lastOffset() + 1;
    }

    /** Seven batches of one producer (the five newest retained, wrapped around its ring) and one of another. */
    private Path writeSnapshot() throws IOException {
        ProducerStateTable table = new ProducerStateTable();
        for (int i = 0; i < 7; i++) {
            store(table, FIRST_PRODUCER, 2 * i, 2);
        }
        store(table, SECOND_PRODUCER, 40, 1);
        Path file = directory.resolve("00000000000000000015.producers");
        ProducerSnapshotFile.write(file, table);
        return file;
    }

    @Test
    void snapshotReadsBackEveryRetainedBatchAndEpoch() throws IOException {
        ProducerStateTable read = ProducerSnapshotFile.read(writeSnapshot());
        assertEquals(2, read.producerCount());
        for (int i = 2; i < 7; i++) {
            assertEquals(2L * i, read.findDuplicate(batch(FIRST_PRODUCER, 2 * i, 2)), "batch " + i);
        }
        assertEquals(-1, read.findDuplicate(batch(FIRST_PRODUCER, 2, 2)), "only the five newest batches are retained");
        assertEquals(14, read.expectedSequence(FIRST_PRODUCER));
        assertEquals(EPOCH, read.currentEpoch(FIRST_PRODUCER));
        assertEquals(14, read.findDuplicate(batch(SECOND_PRODUCER, 40, 1)));
        assertEquals(ErrorCode.NONE, read.checkSequence(batch(SECOND_PRODUCER, 41, 1)));
    }

    @Test
    void emptyTableRoundTrips() throws IOException {
        Path file = directory.resolve("empty.producers");
        ProducerSnapshotFile.write(file, new ProducerStateTable());
        assertEquals(0, ProducerSnapshotFile.read(file).producerCount());
    }

    @Test
    void everyDamagedByteIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(writeSnapshot());
        Path damaged = directory.resolve("damaged.producers");
        for (int position = 0; position < good.length; position++) {
            byte[] bytes = good.clone();
            bytes[position] ^= 0x01;
            Files.write(damaged, bytes);
            assertThrows(IOException.class, () -> ProducerSnapshotFile.read(damaged), "bit flipped at " + position);
        }
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(writeSnapshot());
        Path truncated = directory.resolve("truncated.producers");
        for (int length = 0; length < good.length; length++) {
            Files.write(truncated, Arrays.copyOf(good, length));
            assertThrows(IOException.class, () -> ProducerSnapshotFile.read(truncated), "cut to " + length + " bytes");
        }
    }
}
