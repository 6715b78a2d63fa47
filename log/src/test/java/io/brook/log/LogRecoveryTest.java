package io.brook.log;

import static io.brook.log.PartitionLogTest.appendOk;
import static io.brook.log.PartitionLogTest.readAll;
import static io.brook.log.PartitionLogTest.segmentFiles;
import static io.brook.log.PartitionLogTest.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opening a partition whose files a crash or a disk left damaged: recovery keeps exactly the valid
 * prefix, cuts the rest, and appends continue from the recovered log end offset.
 *
 * <p>This first cut verifies CRCs in the last segment only; earlier segments get the header
 * checks (magic, offset range, offsets following on, length within the file) but not the CRC.
 * {@link #corruptCrcInEarlierSegmentIsNotDetected} pins that behaviour down.
 */
class LogRecoveryTest {
    private static final TopicPartition PARTITION = new TopicPartition("events", 0);
    private static final int LEADER_EPOCH = 1;
    private static final int LARGE_SEGMENT_BYTES = 1 << 20;
    private static final String FIRST_SEGMENT = LogFileNames.logFileName(0);

    @TempDir
    Path root;

    private static LogConfig config(int segmentBytes) {
        return new LogConfig(segmentBytes, LEADER_EPOCH);
    }

    /** Writes a log of the given batches (one record each per value) into {@code directory}, closes it, returns batch sizes. */
    private static int[] writeLog(Path directory, int segmentBytes, String[][] batches) throws IOException {
        int[] sizes = new int[batches.length];
        try (PartitionLog log = PartitionLog.create(directory, PARTITION, config(segmentBytes))) {
            for (int i = 0; i < batches.length; i++) {
                ByteBuf batch = TestBatches.ofValues(batches[i]);
                sizes[i] = batch.readableBytes();
                appendOk(log, batch);
            }
        }
        return sizes;
    }

    private static final String[][] THREE_BATCHES = {{"a", "b"}, {"c"}, {"d", "e", "f"}};

    @Test
    void tornTailAtEveryBytePositionOfLastBatchRecoversTheValidPrefix() throws IOException {
        Path template = root.resolve("template");
        int[] sizes = writeLog(template, LARGE_SEGMENT_BYTES, THREE_BATCHES);
        byte[] full = Files.readAllBytes(template.resolve(FIRST_SEGMENT));
        int prefixBytes = sizes[0] + sizes[1];
        assertEquals(prefixBytes + sizes[2], full.length);

        for (int keptOfLast = 0; keptOfLast < sizes[2]; keptOfLast++) {
            Path directory = root.resolve("torn-" + keptOfLast);
            Files.createDirectories(directory);
            Files.write(directory.resolve(FIRST_SEGMENT), Arrays.copyOf(full, prefixBytes + keptOfLast));

            try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(LARGE_SEGMENT_BYTES))) {
                String cut = "cut after " + keptOfLast + " bytes of the last batch";
                assertEquals(3, log.logEndOffset(), cut);
                assertEquals(prefixBytes, Files.size(directory.resolve(FIRST_SEGMENT)), cut);
                assertArrayEquals(Arrays.copyOf(full, prefixBytes), readAll(log, 0), cut);
                assertEquals(3, appendOk(log, TestBatches.ofValues("g")), cut);
                assertEquals(List.of("a", "b", "c", "g"), values(TestBatches.decode(readAll(log, 0))), cut);
            }
        }
    }

    @Test
    void tornTailInsideTheOnlyBatchLeavesAnEmptyLog() throws IOException {
        Path template = root.resolve("template");
        int[] sizes = writeLog(template, LARGE_SEGMENT_BYTES, new String[][] {{"only"}});
        byte[] full = Files.readAllBytes(template.resolve(FIRST_SEGMENT));
        Path directory = root.resolve("torn");
        Files.createDirectories(directory);
        Files.write(directory.resolve(FIRST_SEGMENT), Arrays.copyOf(full, sizes[0] - 1));

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(LARGE_SEGMENT_BYTES))) {
            assertEquals(0, log.logEndOffset());
            assertEquals(0, Files.size(directory.resolve(FIRST_SEGMENT)));
            assertNull(log.read(0, Integer.MAX_VALUE, true).slice());
            assertEquals(0, appendOk(log, TestBatches.ofValues("again")));
        }
    }

    @Test
    void untouchedLogRecoversCompletely() throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeLog(directory, LARGE_SEGMENT_BYTES, THREE_BATCHES);
        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(LARGE_SEGMENT_BYTES))) {
            assertEquals(6, log.logEndOffset());
            assertEquals(sizes[0] + sizes[1] + sizes[2], Files.size(directory.resolve(FIRST_SEGMENT)));
        }
    }

    @Test
    void corruptCrcInMiddleBatchOfLastSegmentTruncatesThere() throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeLog(directory, LARGE_SEGMENT_BYTES, THREE_BATCHES);
        Path segment = directory.resolve(FIRST_SEGMENT);
        byte[] bytes = Files.readAllBytes(segment);
        int lastRecordByteOfMiddle = sizes[0] + sizes[1] - 2;
        bytes[lastRecordByteOfMiddle] ^= 0x40;
        Files.write(segment, bytes);

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(LARGE_SEGMENT_BYTES))) {
            assertEquals(2, log.logEndOffset());
            assertEquals(sizes[0], Files.size(segment));
            assertEquals(List.of("a", "b"), values(TestBatches.decode(readAll(log, 0))));
            assertEquals(2, appendOk(log, TestBatches.ofValues("z")));
        }
    }

    /** Two single-record batches per segment: segments at 0, 2 and 4, the last holding one batch. */
    private int[] writeThreeSegments(Path directory) throws IOException {
        ByteBuf probe = TestBatches.ofValues("v0");
        int batchBytes = probe.readableBytes();
        probe.release();
        int[] sizes = writeLog(directory, 2 * batchBytes,
                new String[][] {{"v0"}, {"v1"}, {"v2"}, {"v3"}, {"v4"}});
        assertEquals(List.of(LogFileNames.logFileName(0), LogFileNames.logFileName(2), LogFileNames.logFileName(4)),
                fileNames(directory));
        return sizes;
    }

    private static List<String> fileNames(Path directory) throws IOException {
        return segmentFiles(directory).stream().map(file -> file.getFileName().toString()).toList();
    }

    @Test
    void corruptCrcInEarlierSegmentIsNotDetected() throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeThreeSegments(directory);
        Path first = directory.resolve(FIRST_SEGMENT);
        byte[] bytes = Files.readAllBytes(first);
        bytes[sizes[0] - 2] ^= 0x40;
        Files.write(first, bytes);

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(2 * sizes[0]))) {
            assertEquals(5, log.logEndOffset(), "this first cut checks CRCs in the last segment only");
            assertEquals(3, fileNames(directory).size());
            byte[] served = readAll(log, 0);
            ByteBuf buffer = Unpooled.wrappedBuffer(served);
            try {
                assertFalse(new RecordBatchView().wrap(buffer, 0).isChecksumValid(),
                        "the corrupt batch is served as it is stored");
            } finally {
                buffer.release();
            }
        }
    }

    @Test
    void corruptHeaderInEarlierSegmentTruncatesThereAndDeletesLaterSegments() throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeThreeSegments(directory);
        Path first = directory.resolve(FIRST_SEGMENT);
        byte[] bytes = Files.readAllBytes(first);
        bytes[sizes[0] + RecordBatchView.MAGIC_OFFSET] = 1;
        Files.write(first, bytes);

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(2 * sizes[0]))) {
            assertEquals(1, log.logEndOffset());
            assertEquals(List.of(FIRST_SEGMENT), fileNames(directory));
            assertEquals(sizes[0], Files.size(first));
            assertEquals(1, appendOk(log, TestBatches.ofValues("v9")));
            assertEquals(List.of("v0", "v9"), values(TestBatches.decode(readAll(log, 0))));
        }
    }

    @Test
    void tornTailInLastSegmentKeepsEarlierSegments() throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeThreeSegments(directory);
        Path last = directory.resolve(LogFileNames.logFileName(4));
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, Arrays.copyOf(bytes, bytes.length - 1));

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(2 * sizes[0]))) {
            assertEquals(4, log.logEndOffset());
            assertEquals(3, fileNames(directory).size());
            assertEquals(0, Files.size(last));
            assertEquals(List.of("v2", "v3"), values(TestBatches.decode(readAll(log, 2))));
            assertEquals(4, appendOk(log, TestBatches.ofValues("v4 again")));
            assertEquals(List.of("v4 again"), values(TestBatches.decode(readAll(log, 4))));
        }
    }

    static Stream<Arguments> garbageTails() {
        byte[] random = new byte[300];
        new Random(42).nextBytes(random);
        byte[] ones = new byte[100];
        Arrays.fill(ones, (byte) 0xFF);
        return Stream.of(
                Arguments.of("zeros", new byte[100]),
                Arguments.of("0xFF bytes", ones),
                Arguments.of("random bytes", random),
                Arguments.of("fewer bytes than a header", Arrays.copyOf(random, RecordBatchView.RECORD_BATCH_OVERHEAD - 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbageTails")
    void garbageAfterValidBatchesIsCut(String name, byte[] garbage) throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeLog(directory, LARGE_SEGMENT_BYTES, THREE_BATCHES);
        Path segment = directory.resolve(FIRST_SEGMENT);
        Files.write(segment, garbage, StandardOpenOption.APPEND);

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(LARGE_SEGMENT_BYTES))) {
            assertEquals(6, log.logEndOffset());
            assertEquals(sizes[0] + sizes[1] + sizes[2], Files.size(segment));
            assertEquals(6, appendOk(log, TestBatches.ofValues("g")));
        }
    }

    @Test
    void validBatchWithWrongBaseOffsetAfterValidBatchesIsCut() throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeLog(directory, LARGE_SEGMENT_BYTES, THREE_BATCHES);
        Path segment = directory.resolve(FIRST_SEGMENT);
        ByteBuf stray = TestBatches.ofValues("stray");
        try {
            new RecordBatchView().wrap(stray, 0).setBaseOffset(100);
            Files.write(segment, TestBatches.bytesOf(stray), StandardOpenOption.APPEND);
        } finally {
            stray.release();
        }

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(LARGE_SEGMENT_BYTES))) {
            assertEquals(6, log.logEndOffset());
            assertEquals(sizes[0] + sizes[1] + sizes[2], Files.size(segment));
        }
    }

    @Test
    void segmentWhoseBaseOffsetDoesNotFollowIsDeletedWithAllLaterOnes() throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeThreeSegments(directory);
        Files.delete(directory.resolve(LogFileNames.logFileName(2)));

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(2 * sizes[0]))) {
            assertEquals(2, log.logEndOffset());
            assertEquals(List.of(FIRST_SEGMENT), fileNames(directory));
            assertEquals(2, appendOk(log, TestBatches.ofValues("after gap")));
        }
    }

    @Test
    void segmentNamedPastItsPredecessorsEndIsDeletedWithAllLaterOnes() throws IOException {
        Path directory = root.resolve("log");
        int[] sizes = writeThreeSegments(directory);
        Files.move(directory.resolve(LogFileNames.logFileName(2)), directory.resolve(LogFileNames.logFileName(3)));

        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(2 * sizes[0]))) {
            assertEquals(2, log.logEndOffset());
            assertEquals(List.of(FIRST_SEGMENT), fileNames(directory));
            assertTrue(log.read(2, Integer.MAX_VALUE, true).offsetInRange());
            assertNull(log.read(2, Integer.MAX_VALUE, true).slice());
        }
    }

    @Test
    void directoryWithoutSegmentsOpensAsEmptyLog() throws IOException {
        Path directory = root.resolve("log");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("not-a-segment.txt"), "ignored");
        try (PartitionLog log = PartitionLog.open(directory, PARTITION, config(LARGE_SEGMENT_BYTES))) {
            assertEquals(0, log.logEndOffset());
            assertEquals(List.of(FIRST_SEGMENT), fileNames(directory));
            assertEquals(0, appendOk(log, TestBatches.ofValues("first")));
        }
    }
}
