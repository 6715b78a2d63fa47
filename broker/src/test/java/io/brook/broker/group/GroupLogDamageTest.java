package io.brook.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.broker.group.GroupRecord.GroupMetadata;
import io.brook.broker.group.GroupRecord.OffsetCommit;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the group log holds and this broker cannot read stops the start with the offset and the
 * reason, rather than being skipped: dropping a record would silently lose a group's state.
 */
class GroupLogDamageTest {
    private static final int SEGMENT_BYTES = 104_857_600;
    private static final long TIMESTAMP_MS = 1_700_000_000_000L;
    private static final GroupMetadata VALID = new GroupMetadata("g", "consumer", 1, "range", TIMESTAMP_MS);

    @TempDir
    Path dataDirectory;

    @Test
    void anUnknownKeyTypeStopsTheStart() throws Exception {
        // Key type 7, then bytes no known type would read.
        IOException failure = startAfter(TestBatches.builder().record("\u0007g", "value", TIMESTAMP_MS).build());
        assertTrue(failure.getMessage().contains("offset 1") && failure.getMessage().contains("key type 7"), failure.getMessage());
    }

    @Test
    void anUnknownValueVersionStopsTheStart() throws Exception {
        // A group key for group "g" (type 2, int16 length 1), and a value of version 9.
        IOException failure = startAfter(TestBatches.builder().record("\u0002\u0000\u0001g", "\u0000\u0009rest", TIMESTAMP_MS).build());
        assertTrue(failure.getMessage().contains("offset 1") && failure.getMessage().contains("value version 9"), failure.getMessage());
    }

    @Test
    void aKeyWithBytesAfterItsFieldsStopsTheStart() throws Exception {
        IOException failure = startAfter(TestBatches.builder().record("\u0002\u0000\u0001gX", null, TIMESTAMP_MS).build());
        assertTrue(failure.getMessage().contains("offset 1") && failure.getMessage().contains("after the fields of its key"),
                failure.getMessage());
    }

    @Test
    void aCompressedBatchStopsTheStart() throws Exception {
        int gzip = 1;
        ByteBuf batch = GroupRecordBatch.of(List.of(VALID)).toByteBuf(TIMESTAMP_MS);
        batch.setShort(RecordBatchView.ATTRIBUTES_OFFSET, gzip);
        TestBatches.recomputeCrc(batch);
        IOException failure = startAfter(batch);
        assertTrue(failure.getMessage().contains("offset 1") && failure.getMessage().contains("uncompressed"), failure.getMessage());
    }

    @Test
    void aBatchWhoseBytesChangedFailsItsCrcCheck() {
        ByteBuf batch = GroupRecordBatch.of(List.of(VALID)).toByteBuf(TIMESTAMP_MS);
        ByteBuffer bytes;
        try {
            int lastByte = batch.readableBytes() - 1;
            batch.setByte(lastByte, batch.getByte(lastByte) ^ 1);
            bytes = ByteBuffer.wrap(TestBatches.bytesOf(batch));
        } finally {
            batch.release();
        }
        IOException failure = assertThrows(IOException.class, () -> GroupRecordBatch.read(bytes, (record, size) -> { }));
        assertTrue(failure.getMessage().contains("CRC"), failure.getMessage());
    }

    @Test
    void aBatchReadsBackAsItWasBuiltWithEachRecordsSize() throws Exception {
        List<GroupRecord> records = List.of(VALID, new OffsetCommit("g", "t", 0, 1, -1, null, TIMESTAMP_MS, -1));
        GroupRecordBatch built = GroupRecordBatch.of(records);
        ByteBuf batch = built.toByteBuf(TIMESTAMP_MS);
        ByteBuffer bytes;
        try {
            assertEquals(built.sizeInBytes(), batch.readableBytes());
            bytes = ByteBuffer.wrap(TestBatches.bytesOf(batch));
        } finally {
            batch.release();
        }
        List<GroupRecord> read = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        assertEquals(records.size(), GroupRecordBatch.read(bytes, (record, size) -> {
            read.add(record);
            sizes.add(size);
        }), "the offset after a batch at base offset 0");
        assertEquals(records, read);
        assertEquals(List.of(built.recordSizeInBytes(0), built.recordSizeInBytes(1)), sizes);
    }

    /** Writes a valid batch and then {@code damaged} (the ring takes it) to the group log, and returns why the store cannot start. */
    private IOException startAfter(ByteBuf damaged) throws Exception {
        try (GroupLogHarness writer = GroupLogHarness.startWithoutStore(dataDirectory, SEGMENT_BYTES)) {
            writer.appendRaw(GroupRecordBatch.of(List.of(VALID)).toByteBuf(TIMESTAMP_MS));
            writer.appendRaw(damaged);
        }
        return assertThrows(IOException.class, () -> GroupLogHarness.start(dataDirectory, SEGMENT_BYTES, 64, 1_000));
    }
}
