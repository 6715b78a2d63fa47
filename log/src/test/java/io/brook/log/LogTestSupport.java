package io.brook.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.append.AppendResult;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.brook.protocol.testing.TestBatches.StoredRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Appending, reading back and handling partition directories in the log module's tests. */
final class LogTestSupport {
    /** Loading after a crash with no checkpoint: nothing is trusted, every segment is recovered. */
    static final PartitionLoader.Checkpoints UNCLEAN = new PartitionLoader.Checkpoints(false, 0, 0);
    /** Loading after a clean shutdown: every segment is trusted if its indexes agree with it. */
    static final PartitionLoader.Checkpoints CLEAN = new PartitionLoader.Checkpoints(true, 0, 0);
    /**
     * Index files of 4 KiB (512 offset entries, 341 time entries): each index is preallocated to
     * this size, and the defaults' 10 MiB would make every crash image copy 20 MiB per segment.
     */
    static final int TEST_INDEX_BYTES = 4096;
    /** A wall-clock time in the range of {@link TestBatches#DEFAULT_TIMESTAMP_MS}, so that CreateTime limits accept test batches. */
    static final long START_MS = TestBatches.DEFAULT_TIMESTAMP_MS + 60_000;

    private LogTestSupport() {
    }

    /** Kafka's defaults with small index files. */
    static LogConfig.Builder config() {
        return LogConfig.defaults().toBuilder().segmentIndexBytes(TEST_INDEX_BYTES);
    }

    /** A batch as the log stored it: its assigned offsets, max timestamp and bytes. */
    record StoredBatch(long baseOffset, long lastOffset, long maxTimestamp, byte[] bytes) {
        int sizeInBytes() {
            return bytes.length;
        }

        boolean holds(long offset) {
            return baseOffset <= offset && offset <= lastOffset;
        }
    }

    /** Appends {@code batch} (and releases it), requires success, and returns the batch as stored. */
    static StoredBatch append(PartitionLog log, ByteBuf batch) {
        try {
            AppendResult result = new AppendResult();
            long endBefore = log.logEndOffset();
            log.append(batch, result);
            assertEquals(ErrorCode.NONE, result.error(), result.errorMessage());
            assertEquals(endBefore, result.baseOffset(), "a new batch gets the log end offset");
            RecordBatchView view = new RecordBatchView().wrap(batch, batch.readerIndex());
            return new StoredBatch(view.baseOffset(), view.lastOffset(), view.maxTimestamp(), TestBatches.bytesOf(batch));
        } finally {
            batch.release();
        }
    }

    /** Appends {@code batch} (and releases it) and returns the outcome, whatever it is. */
    static AppendResult tryAppend(PartitionLog log, ByteBuf batch) {
        AppendResult result = new AppendResult();
        try {
            log.append(batch, result);
        } finally {
            batch.release();
        }
        return result;
    }

    /** The bytes a read from {@code offset} without a size limit returns: from the batch holding it to its segment's end. */
    static byte[] readAll(PartitionLog log, long offset) throws IOException {
        LogReadResult read = log.read(offset, Integer.MAX_VALUE, false);
        assertTrue(read.offsetInRange(), "offset " + offset + " in range");
        assertNotNull(read.slice(), "something to read at offset " + offset);
        return LogSlices.read(read.slice());
    }

    static List<String> values(byte[] batches) {
        return TestBatches.decode(batches).stream().map(StoredRecord::value).toList();
    }

    static List<Long> offsets(byte[] batches) {
        return TestBatches.decode(batches).stream().map(StoredRecord::offset).toList();
    }

    /**
     * Reads from every offset between the log start and end offsets and checks that each read
     * starts at the batch holding the offset and returns exactly the stored bytes of that batch
     * and the batches after it (up to the end of its segment).
     */
    static void assertReadsBack(PartitionLog log, List<StoredBatch> stored) throws IOException {
        assertReadsBack(log, stored, log.logStartOffset());
    }

    /** {@link #assertReadsBack(PartitionLog, List)} for the offsets from {@code fromOffset} on. */
    static void assertReadsBack(PartitionLog log, List<StoredBatch> stored, long fromOffset) throws IOException {
        TreeMap<Long, StoredBatch> byBaseOffset = new TreeMap<>();
        for (StoredBatch batch : stored) {
            byBaseOffset.put(batch.baseOffset(), batch);
        }
        for (long offset = fromOffset; offset < log.logEndOffset(); offset++) {
            byte[] read = readAll(log, offset);
            Map.Entry<Long, StoredBatch> holding = byBaseOffset.floorEntry(offset);
            assertNotNull(holding, "a stored batch holds offset " + offset);
            assertTrue(holding.getValue().holds(offset), "a stored batch holds offset " + offset);
            int position = 0;
            StoredBatch expected = holding.getValue();
            while (position < read.length) {
                assertNotNull(expected, "read from offset " + offset + " returned more batches than were stored");
                byte[] actual = Arrays.copyOfRange(read, position, Math.min(read.length, position + expected.sizeInBytes()));
                assertArrayEquals(expected.bytes(), actual, "batch at offset " + expected.baseOffset() + " read from offset " + offset);
                position += expected.sizeInBytes();
                Map.Entry<Long, StoredBatch> next = byBaseOffset.higherEntry(expected.baseOffset());
                expected = next == null ? null : next.getValue();
            }
        }
    }

    /** The stored batches whose offsets are all below {@code endOffset}. */
    static List<StoredBatch> below(List<StoredBatch> stored, long endOffset) {
        return stored.stream().filter(batch -> batch.lastOffset() < endOffset).toList();
    }

    static int sizeOf(ByteBuf batch) {
        try {
            return batch.readableBytes();
        } finally {
            batch.release();
        }
    }

    static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> LogFileNames.baseOffsetOf(file.getFileName().toString()) >= 0).sorted().toList();
        }
    }

    static List<Long> segmentBaseOffsets(Path directory) throws IOException {
        return segmentFiles(directory).stream().map(file -> LogFileNames.baseOffsetOf(file.getFileName().toString())).toList();
    }

    /** Every file name in {@code directory}, sorted. */
    static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    static List<String> fileNamesEndingWith(Path directory, String suffix) throws IOException {
        return fileNames(directory).stream().filter(name -> name.endsWith(suffix)).toList();
    }

    static Path indexFile(Path directory, long baseOffset) {
        return directory.resolve(LogFileNames.fileName(baseOffset, LogFileNames.INDEX_SUFFIX));
    }

    static Path timeIndexFile(Path directory, long baseOffset) {
        return directory.resolve(LogFileNames.fileName(baseOffset, LogFileNames.TIME_INDEX_SUFFIX));
    }

    static Path logFile(Path directory, long baseOffset) {
        return directory.resolve(LogFileNames.logFileName(baseOffset));
    }

    /**
     * Copies a directory tree as it is on disk right now, open files included: what a machine
     * that lost power at this moment would find (the page cache is what the copy reads, so this
     * is the kindest crash; tests cut and damage the copy for the others).
     */
    static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** Flips bits of one byte of a file. */
    static void flipByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[Math.toIntExact(position)] ^= 0x5A;
        Files.write(file, bytes);
    }

    /** Whether the batch in {@code bytes} at {@code position} has a CRC that matches its contents. */
    static boolean checksumValidAt(byte[] bytes, int position) {
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        try {
            return new RecordBatchView().wrap(buffer, position).isChecksumValid();
        } finally {
            buffer.release();
        }
    }

    /** Keeps the segments a log hands over for deletion, so that a test sees the delay asked for and deletes when it wants. */
    static final class RecordingDeleter implements PartitionLog.SegmentDeleter {
        final List<LogSegment> segments = new ArrayList<>();
        final List<Long> delaysMs = new ArrayList<>();

        @Override
        public void deleteLater(LogSegment segment, long delayMs) {
            segments.add(segment);
            delaysMs.add(delayMs);
        }

        /** Deletes every segment handed over so far, as the delay running out would. */
        void deleteAll() throws IOException {
            for (LogSegment segment : segments) {
                segment.closeAndDelete();
            }
            segments.clear();
        }
    }

    /** Deletes each segment at once, for tests that do not look at deletion. */
    static final PartitionLog.SegmentDeleter DELETE_NOW = (segment, delayMs) -> {
        try {
            segment.closeAndDelete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };
}
