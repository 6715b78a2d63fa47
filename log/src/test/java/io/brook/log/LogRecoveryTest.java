package io.brook.log;

import static io.brook.log.LogTestSupport.CLEAN;
import static io.brook.log.LogTestSupport.DELETE_NOW;
import static io.brook.log.LogTestSupport.START_MS;
import static io.brook.log.LogTestSupport.UNCLEAN;
import static io.brook.log.LogTestSupport.append;
import static io.brook.log.LogTestSupport.assertReadsBack;
import static io.brook.log.LogTestSupport.below;
import static io.brook.log.LogTestSupport.checksumValidAt;
import static io.brook.log.LogTestSupport.copyDirectory;
import static io.brook.log.LogTestSupport.fileNames;
import static io.brook.log.LogTestSupport.fileNamesEndingWith;
import static io.brook.log.LogTestSupport.flipByte;
import static io.brook.log.LogTestSupport.indexFile;
import static io.brook.log.LogTestSupport.logFile;
import static io.brook.log.LogTestSupport.readAll;
import static io.brook.log.LogTestSupport.segmentBaseOffsets;
import static io.brook.log.LogTestSupport.timeIndexFile;
import static io.brook.log.LogTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.LogTestSupport.StoredBatch;
import io.brook.protocol.record.RecordBatchView;
import io.brook.protocol.testing.TestBatches;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opening a partition whose files a crash or a disk left damaged. Whatever the damage, loading
 * yields exactly the valid prefix of the log: the log end offset is the end of the last valid
 * batch, every offset of the prefix reads back as stored, the segments after a cut are gone,
 * appends continue from there, and after closing, both indexes of every segment agree with its
 * log ({@link IndexConsistency}, with the exact entries appending would have written).
 *
 * <p>Segments below the recovery point, and every segment after a clean shutdown, are trusted as
 * Kafka trusts them: their indexes are checked against the log, but their CRCs are not read.
 */
class LogRecoveryTest {
    private static final TopicPartition PARTITION = new TopicPartition("events", 0);
    /** Every batch but a segment's first takes index entries: damage always lands near some. */
    private static final int INDEX_INTERVAL_BYTES = 0;
    private static final int LARGE_SEGMENT_BYTES = 1 << 20;
    private static final long FIRST_TIMESTAMP_MS = START_MS - 100_000;

    @TempDir
    Path root;

    private final TestClock clock = new TestClock(START_MS);
    private final List<PartitionLog> opened = new ArrayList<>();
    private final CapturedLog captured = CapturedLog.start();
    private int directoryCount;

    @AfterEach
    void closeLogs() throws IOException {
        captured.close();
        for (PartitionLog log : opened) {
            log.close();
        }
    }

    /** The one report loading wrote, which must name {@code segment}'s file and contain each of {@code phrases}. */
    private String assertReported(long segment, String... phrases) {
        List<String> reports = captured.messagesContaining("recovered it");
        assertEquals(1, reports.size(), "one report per load: " + reports);
        String report = reports.get(0);
        assertTrue(report.contains(LogFileNames.logFileName(segment)), report);
        for (String phrase : phrases) {
            assertTrue(report.contains(phrase), "'" + phrase + "' in: " + report);
        }
        captured.clear();
        return report;
    }

    private static LogConfig config(int segmentBytes) {
        return LogTestSupport.config().segmentBytes(segmentBytes).indexIntervalBytes(INDEX_INTERVAL_BYTES).build();
    }

    private PartitionLog create(Path directory, LogConfig config) throws IOException {
        PartitionLog log = PartitionLog.create(directory, PARTITION, config, clock, DELETE_NOW);
        opened.add(log);
        return log;
    }

    private PartitionLog open(Path directory, LogConfig config, PartitionLoader.Checkpoints checkpoints) throws IOException {
        PartitionLog log = PartitionLog.open(directory, PARTITION, config, clock, DELETE_NOW, checkpoints);
        opened.add(log);
        return log;
    }

    private void close(PartitionLog log) throws IOException {
        log.close();
        opened.remove(log);
    }

    private static PartitionLoader.Checkpoints uncleanWithRecoveryPoint(long recoveryPoint) {
        return new PartitionLoader.Checkpoints(false, recoveryPoint, 0);
    }

    /** A fresh copy of {@code template} to damage. */
    private Path copyOf(Path template) throws IOException {
        Path copy = root.resolve("copy-" + directoryCount++);
        copyDirectory(template, copy);
        return copy;
    }

    /**
     * Batch {@code index} of a test log: {@code recordCount} records whose timestamps rise from
     * batch to batch, out of order within the batch, and every third batch (1, 4, 7, ...) with a
     * max timestamp below its predecessor's, so that the time index skips it.
     */
    private static ByteBuf batch(int index, int recordCount) {
        long maxMs = FIRST_TIMESTAMP_MS + 10L * index - (index % 3 == 1 ? 25 : 0);
        TestBatches.Builder builder = TestBatches.builder();
        for (int r = 0; r < recordCount; r++) {
            builder.record("k" + r, "batch-" + index + "-record-" + r, maxMs - recordCount + 1 + (r * 7 + 1) % recordCount);
        }
        return builder.build();
    }

    /** A log written once and kept in two states: closed cleanly, and as a crash left it while open. */
    private record Written(Path clean, Path crashed, List<StoredBatch> batches, LogConfig config, List<Long> segments) {
        StoredBatch last() {
            return batches.get(batches.size() - 1);
        }

        long endOffset() {
            return last().lastOffset() + 1;
        }

        /** The batches of the segment that starts at {@code baseOffset}. */
        List<StoredBatch> batchesOfSegment(long baseOffset) {
            int at = segments.indexOf(baseOffset);
            long end = at + 1 < segments.size() ? segments.get(at + 1) : Long.MAX_VALUE;
            return batches.stream().filter(batch -> batch.baseOffset() >= baseOffset && batch.baseOffset() < end).toList();
        }

        /** Where {@code batch} starts in its segment file. */
        int positionOf(StoredBatch batch) {
            long segment = segments.stream().filter(base -> base <= batch.baseOffset()).reduce((a, b) -> b).orElseThrow();
            int position = 0;
            for (StoredBatch before : batchesOfSegment(segment)) {
                if (before == batch) {
                    return position;
                }
                position += before.sizeInBytes();
            }
            throw new IllegalArgumentException("batch not stored: " + batch);
        }
    }

    /**
     * Three segments of three batches (two records each, except a last batch of four records),
     * at offsets 0, 6 and 12, with dense indexes (two entries in each index of each segment) and
     * producer snapshots at each roll.
     */
    private Written writeThreeSegments() throws IOException {
        int twoRecordBytes = LogTestSupport.sizeOf(batch(0, 2));
        int segmentBytes = 2 * twoRecordBytes + LogTestSupport.sizeOf(batch(8, 4));
        List<ByteBuf> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(batch(i, 2));
        }
        batches.add(batch(8, 4));
        Written written = write(config(segmentBytes), batches);
        assertEquals(List.of(0L, 6L, 12L), written.segments(), "the shape the tests below assume");
        assertEquals(3, written.batchesOfSegment(12).size());
        return written;
    }

    private Written write(LogConfig config, List<ByteBuf> batches) throws IOException {
        Path clean = root.resolve("template-" + directoryCount++);
        Path crashed = root.resolve("crashed-" + directoryCount++);
        PartitionLog log = create(clean, config);
        List<StoredBatch> stored = new ArrayList<>();
        for (ByteBuf batch : batches) {
            stored.add(append(log, batch));
        }
        copyDirectory(clean, crashed);
        close(log);
        return new Written(clean, crashed, stored, config, segmentBaseOffsets(clean));
    }

    /**
     * Asserts that {@code log}, just opened from {@code directory}, holds exactly the batches of
     * {@code written} below {@code validEnd} in {@code segments}; then that an append continues
     * the log, and that after closing every index agrees with its segment.
     */
    private void assertRecoveredTo(Path directory, PartitionLog log, Written written, long validEnd, List<Long> segments)
            throws IOException {
        assertEquals(validEnd, log.logEndOffset(), "log end offset");
        assertEquals(segments, segmentBaseOffsets(directory), "segments");
        List<StoredBatch> kept = new ArrayList<>(below(written.batches(), validEnd));
        assertReadsBack(log, kept);
        StoredBatch next = append(log, TestBatches.builder().record(null, "after recovery", START_MS).build());
        assertEquals(validEnd, next.baseOffset());
        kept.add(next);
        assertReadsBack(log, kept);
        close(log);
        IndexConsistency.assertConsistent(directory, INDEX_INTERVAL_BYTES, written.config().segmentIndexBytes());
        long endOffset = next.lastOffset() + 1;
        for (String snapshot : fileNamesEndingWith(directory, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX)) {
            assertTrue(LogFileNames.offsetOf(snapshot, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX) <= endOffset,
                    "no producer snapshot beyond the log end offset " + endOffset + ": " + snapshot);
        }
    }

    private static void truncate(Path file, long sizeInBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(sizeInBytes);
        }
    }

    // ---- Torn tails ----

    static Stream<Arguments> tornTailModes() {
        return Stream.of(
                Arguments.of("unclean, no recovery point: every segment recovered", "crashed", UNCLEAN),
                Arguments.of("unclean, recovery point at the last roll: earlier segments trusted", "crashed",
                        uncleanWithRecoveryPoint(12)),
                Arguments.of("clean shutdown, then the disk lost the tail", "clean", CLEAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tornTailModes")
    void tornTailAtEveryBytePositionOfTheLastBatchRecoversTheValidPrefix(String mode, String image,
                                                                          PartitionLoader.Checkpoints checkpoints) throws IOException {
        Written written = writeThreeSegments();
        Path template = image.equals("clean") ? written.clean() : written.crashed();
        StoredBatch last = written.last();
        int lastPosition = written.positionOf(last);
        assertTrue(lastPosition > 0, "the last batch follows others in its segment");
        for (int keptBytes = 0; keptBytes < last.sizeInBytes(); keptBytes++) {
            Path directory = copyOf(template);
            truncate(logFile(directory, 12), lastPosition + keptBytes);
            captured.clear();
            PartitionLog log = open(directory, written.config(), checkpoints);
            if (keptBytes > 0) {
                assertReported(12, "cut " + keptBytes + " bytes");
            }
            assertRecoveredTo(directory, log, written, last.baseOffset(), written.segments());
        }
    }

    @Test
    void tornTailInsideTheOnlyBatchOfTheLastSegmentLeavesItEmpty() throws IOException {
        List<ByteBuf> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batches.add(batch(i, 2));
        }
        Written written = write(config(2 * LogTestSupport.sizeOf(batch(0, 2))), batches);
        assertEquals(List.of(0L, 4L), written.segments());
        for (int keptBytes : new int[] {0, 1, RecordBatchView.RECORD_BATCH_OVERHEAD, written.last().sizeInBytes() - 1}) {
            Path directory = copyOf(written.crashed());
            truncate(logFile(directory, 4), keptBytes);
            PartitionLog log = open(directory, written.config(), UNCLEAN);
            assertEquals(0, Files.size(logFile(directory, 4)), "cut after " + keptBytes + " bytes");
            assertNull(log.read(4, Integer.MAX_VALUE, true).slice());
            assertRecoveredTo(directory, log, written, 4, List.of(0L, 4L));
        }
    }

    // ---- Bad CRCs ----

    /** Flips a byte inside the records of {@code batch}, which only its CRC can reveal. */
    private static void corruptRecords(Path directory, Written written, long segment, StoredBatch batch) throws IOException {
        flipByte(logFile(directory, segment), written.positionOf(batch) + batch.sizeInBytes() - 3);
    }

    @Test
    void badCrcInTheMiddleOfTheLastSegmentCutsThere() throws IOException {
        Written written = writeThreeSegments();
        StoredBatch middle = written.batchesOfSegment(12).get(1);
        for (PartitionLoader.Checkpoints checkpoints : List.of(UNCLEAN, uncleanWithRecoveryPoint(12))) {
            Path directory = copyOf(written.crashed());
            corruptRecords(directory, written, 12, middle);
            PartitionLog log = open(directory, written.config(), checkpoints);
            assertEquals(written.positionOf(middle), Files.size(logFile(directory, 12)));
            assertRecoveredTo(directory, log, written, middle.baseOffset(), written.segments());
        }
    }

    @Test
    void badCrcInTheMiddleOfAnEarlierSegmentCutsThereAndDeletesTheLaterSegments() throws IOException {
        Written written = writeThreeSegments();
        StoredBatch middle = written.batchesOfSegment(6).get(1);
        for (PartitionLoader.Checkpoints checkpoints : List.of(UNCLEAN, uncleanWithRecoveryPoint(6))) {
            Path directory = copyOf(written.crashed());
            assertTrue(Files.exists(directory.resolve(LogFileNames.fileName(12, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX))));
            corruptRecords(directory, written, 6, middle);
            PartitionLog log = open(directory, written.config(), checkpoints);
            assertFalse(Files.exists(indexFile(directory, 12)), "the later segment's index went with it");
            assertFalse(Files.exists(timeIndexFile(directory, 12)), "the later segment's time index went with it");
            assertFalse(Files.exists(directory.resolve(LogFileNames.fileName(12, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX))),
                    "the producer snapshot beyond the cut went too");
            assertRecoveredTo(directory, log, written, middle.baseOffset(), List.of(0L, 6L));
        }
    }

    @Test
    void badCrcInTheFirstBatchOfTheFirstSegmentLeavesAnEmptyLog() throws IOException {
        Written written = writeThreeSegments();
        Path directory = copyOf(written.crashed());
        corruptRecords(directory, written, 0, written.batches().get(0));
        PartitionLog log = open(directory, written.config(), UNCLEAN);
        assertRecoveredTo(directory, log, written, 0, List.of(0L));
    }

    /**
     * Trusted segments (below the recovery point, or all after a clean shutdown) are not
     * CRC-checked, as in Kafka, which runs its CRC checks only in recovery: damage that leaves
     * headers and indexes intact is served as stored, and the client's CRC check catches it.
     */
    @Test
    void badCrcInATrustedSegmentIsNotDetected() throws IOException {
        Written written = writeThreeSegments();
        StoredBatch middle = written.batchesOfSegment(6).get(1);
        record Case(Path image, PartitionLoader.Checkpoints checkpoints) {
        }
        for (Case trusted : List.of(new Case(written.clean(), CLEAN), new Case(written.crashed(), uncleanWithRecoveryPoint(12)))) {
            Path directory = copyOf(trusted.image());
            corruptRecords(directory, written, 6, middle);
            captured.clear();
            PartitionLog log = open(directory, written.config(), trusted.checkpoints());
            assertEquals(written.endOffset(), log.logEndOffset(), trusted.checkpoints().toString());
            assertEquals(List.of(), captured.messagesContaining(LogFileNames.logFileName(6)), "segment 6 was not checked");
            assertEquals(written.segments(), segmentBaseOffsets(directory));
            byte[] served = readAll(log, middle.baseOffset());
            assertFalse(checksumValidAt(served, 0), "the damaged batch is served as stored");
            assertArrayEquals(written.last().bytes(), Arrays.copyOfRange(readAll(log, written.last().baseOffset()),
                    0, written.last().sizeInBytes()));
            close(log);
        }
    }

    @Test
    void recoveryPointDecidesWhichSegmentsAreCrcChecked() throws IOException {
        Written written = writeThreeSegments();
        StoredBatch inFirst = written.batchesOfSegment(0).get(1);
        StoredBatch inSecond = written.batchesOfSegment(6).get(1);

        // Recovery point 6: the first segment is trusted, the second is checked.
        Path directory = copyOf(written.crashed());
        corruptRecords(directory, written, 0, inFirst);
        corruptRecords(directory, written, 6, inSecond);
        PartitionLog log = open(directory, written.config(), uncleanWithRecoveryPoint(6));
        assertEquals(inSecond.baseOffset(), log.logEndOffset(), "the damage above the recovery point is cut");
        String report = assertReported(6, "checked 1 batches of " + LogFileNames.logFileName(6), "deleted the 1 later segment(s)");
        assertFalse(report.contains(LogFileNames.logFileName(0)), "the trusted segment is not checked: " + report);
        assertFalse(checksumValidAt(readAll(log, inFirst.baseOffset()), 0), "the damage below it is not seen");
        close(log);

        // Recovery point 7 lies inside the second segment: that segment is checked, not trusted.
        directory = copyOf(written.crashed());
        corruptRecords(directory, written, 6, inSecond);
        log = open(directory, written.config(), uncleanWithRecoveryPoint(7));
        assertRecoveredTo(directory, log, written, inSecond.baseOffset(), List.of(0L, 6L));
    }

    @Test
    void corruptHeaderAfterTheLastIndexEntryOfATrustedSegmentIsCut() throws IOException {
        Written written = writeThreeSegments();
        StoredBatch last = written.batchesOfSegment(6).get(2);
        Path directory = copyOf(written.clean());
        byte[] bytes = Files.readAllBytes(logFile(directory, 6));
        bytes[written.positionOf(last) + RecordBatchView.MAGIC_OFFSET] = 1;
        Files.write(logFile(directory, 6), bytes);
        PartitionLog log = open(directory, written.config(), CLEAN);
        assertRecoveredTo(directory, log, written, last.baseOffset(), List.of(0L, 6L));
    }

    // ---- Indexes that disagree with their log ----

    @FunctionalInterface
    interface IndexDamage {
        void apply(Path indexFile, Path timeIndexFile, long logSizeInBytes) throws IOException;
    }

    private static void rewrite(Path file, Consumer<ByteBuffer> change) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        change.accept(bytes);
        Files.write(file, bytes.array());
    }

    private static int lastSlot(ByteBuffer bytes, int entryBytes) {
        assertTrue(bytes.limit() >= 2 * entryBytes, "the index to damage has at least two entries");
        return bytes.limit() / entryBytes - 1;
    }

    private static void swapFirstEntries(ByteBuffer bytes, int entryBytes) {
        byte[] first = new byte[entryBytes];
        bytes.get(0, first);
        bytes.put(0, bytes.array(), entryBytes, entryBytes);
        bytes.put(entryBytes, first);
    }

    private static void overwriteWithGarbage(Path file, long seed) throws IOException {
        byte[] garbage = new byte[(int) Files.size(file)];
        new Random(seed).nextBytes(garbage);
        Files.write(file, garbage);
    }

    static Stream<Arguments> indexDamages() {
        int offsetEntry = OffsetIndex.ENTRY_BYTES;
        int timeEntry = TimeIndex.ENTRY_BYTES;
        Stream<Arguments> damages = Stream.of(
                Arguments.of("offset index entry points past the log", (IndexDamage) (index, timeIndex, logBytes) ->
                        rewrite(index, b -> b.putInt(lastSlot(b, offsetEntry) * offsetEntry + 4, (int) logBytes + 8))),
                Arguments.of("offset index last entry names the wrong offset", (IndexDamage) (index, timeIndex, logBytes) ->
                        rewrite(index, b -> {
                            int at = lastSlot(b, offsetEntry) * offsetEntry;
                            b.putInt(at, b.getInt(at) + 1);
                        })),
                Arguments.of("offset index entries out of order", (IndexDamage) (index, timeIndex, logBytes) ->
                        rewrite(index, b -> {
                            lastSlot(b, offsetEntry);
                            swapFirstEntries(b, offsetEntry);
                        })),
                Arguments.of("offset index garbage", (IndexDamage) (index, timeIndex, logBytes) -> overwriteWithGarbage(index, 1)),
                Arguments.of("time index entry names an offset past the log", (IndexDamage) (index, timeIndex, logBytes) ->
                        rewrite(timeIndex, b -> b.putInt(lastSlot(b, timeEntry) * timeEntry + 8, 1000))),
                Arguments.of("time index last entry names the wrong batch", (IndexDamage) (index, timeIndex, logBytes) ->
                        rewrite(timeIndex, b -> {
                            int at = lastSlot(b, timeEntry) * timeEntry + 8;
                            b.putInt(at, b.getInt(at) - 1);
                        })),
                Arguments.of("time index last entry has the wrong timestamp", (IndexDamage) (index, timeIndex, logBytes) ->
                        rewrite(timeIndex, b -> {
                            int at = lastSlot(b, timeEntry) * timeEntry;
                            b.putLong(at, b.getLong(at) + 1);
                        })),
                Arguments.of("time index entries out of order", (IndexDamage) (index, timeIndex, logBytes) ->
                        rewrite(timeIndex, b -> {
                            lastSlot(b, timeEntry);
                            swapFirstEntries(b, timeEntry);
                        })),
                Arguments.of("time index garbage", (IndexDamage) (index, timeIndex, logBytes) -> overwriteWithGarbage(timeIndex, 2)),
                Arguments.of("time index emptied", (IndexDamage) (index, timeIndex, logBytes) -> truncate(timeIndex, 0)));
        return damages.flatMap(damage -> Stream.of(6L, 12L).map(segment -> Arguments.of(damage.get()[0], damage.get()[1], segment)));
    }

    /**
     * A clean shutdown marks every segment trusted, but only if its indexes agree with it: an
     * index that does not is rebuilt from the log, and nothing of the log is lost.
     */
    @ParameterizedTest(name = "{0}, segment {2}")
    @MethodSource("indexDamages")
    void indexThatDisagreesWithItsLogIsRebuiltAfterACleanShutdown(String name, IndexDamage damage, long segment) throws IOException {
        Written written = writeThreeSegments();
        Path directory = copyOf(written.clean());
        damage.apply(indexFile(directory, segment), timeIndexFile(directory, segment), Files.size(logFile(directory, segment)));
        PartitionLog log = open(directory, written.config(), CLEAN);
        assertReported(segment, "was shut down cleanly but its files disagreed", "rebuilt the inconsistent indexes of "
                + LogFileNames.logFileName(segment));
        assertRecoveredTo(directory, log, written, written.endOffset(), written.segments());
    }

    @Test
    void indexThatDisagreesBelowTheRecoveryPointIsRebuiltAfterACrash() throws IOException {
        Written written = writeThreeSegments();
        Path directory = copyOf(written.crashed());
        overwriteWithGarbage(indexFile(directory, 0), 3);
        overwriteWithGarbage(timeIndexFile(directory, 6), 4);
        PartitionLog log = open(directory, written.config(), uncleanWithRecoveryPoint(12));
        assertRecoveredTo(directory, log, written, written.endOffset(), written.segments());
    }

    /** The bytes of an entry that was never completed are not an entry: they are ignored and trimmed away. */
    @Test
    void indexesWithATornLastEntryKeepTheirWholeEntries() throws IOException {
        Written written = writeThreeSegments();
        for (long segment : written.segments()) {
            Path directory = copyOf(written.clean());
            Files.write(indexFile(directory, segment), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
            Files.write(timeIndexFile(directory, segment), new byte[] {4, 5, 6, 7, 8}, StandardOpenOption.APPEND);
            PartitionLog log = open(directory, written.config(), CLEAN);
            assertEquals(List.of(), captured.messages(), "nothing to repair");
            assertRecoveredTo(directory, log, written, written.endOffset(), written.segments());
        }
    }

    /**
     * An offset index that lost its later entries is still a correct sparse index (Kafka keeps
     * such an index too): it is kept, and reads scan a little further.
     */
    @Test
    void offsetIndexWithFewerEntriesIsKeptAndStillAgrees() throws IOException {
        Written written = writeThreeSegments();
        Path directory = copyOf(written.clean());
        truncate(indexFile(directory, 6), OffsetIndex.ENTRY_BYTES);
        PartitionLog log = open(directory, written.config(), CLEAN);
        assertEquals(written.endOffset(), log.logEndOffset());
        assertReadsBack(log, written.batches());
        close(log);
        IndexConsistency.assertConsistent(directory);
        assertEquals(OffsetIndex.ENTRY_BYTES, Files.size(indexFile(directory, 6)));
    }

    /** Every record of {@code batches}, by offset. */
    private static List<TestBatches.StoredRecord> recordsOf(List<StoredBatch> batches) {
        List<TestBatches.StoredRecord> records = new ArrayList<>();
        for (StoredBatch batch : batches) {
            records.addAll(TestBatches.decode(batch.bytes()));
        }
        return records;
    }

    /** Timestamp lookups for every record's timestamp agree with a scan of the records. */
    private static void assertTimestampLookups(PartitionLog log, List<StoredBatch> batches) {
        List<TestBatches.StoredRecord> records = recordsOf(batches);
        TestBatches.StoredRecord newest = records.get(0);
        for (TestBatches.StoredRecord record : records) {
            TestBatches.StoredRecord first = records.stream().filter(other -> other.timestampMs() >= record.timestampMs()).findFirst()
                    .orElseThrow();
            assertEquals(new OffsetAndTimestamp(first.offset(), first.timestampMs()), log.offsetForTimestamp(record.timestampMs()));
            if (record.timestampMs() > newest.timestampMs()) {
                newest = record;
            }
        }
        assertEquals(new OffsetAndTimestamp(newest.offset(), newest.timestampMs()), log.offsetOfMaxTimestamp());
    }

    /** Twelve two-record batches in one segment, an offset index entry for each but the first. */
    private Written writeOneDenseSegment() throws IOException {
        List<ByteBuf> batches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batches.add(batch(i, 2));
        }
        Written written = write(config(LARGE_SEGMENT_BYTES), batches);
        assertEquals(11 * OffsetIndex.ENTRY_BYTES, Files.size(indexFile(written.clean(), 0)));
        return written;
    }

    /**
     * Loading checks the last offset index entry against the log, not the ones before it (Kafka
     * checks none): an earlier entry that points inside a batch, or names an offset its batch
     * does not end at, is caught by the reads that start from it, which then scan the segment
     * from its start. Every read, timestamp lookup and the producer replay stay right.
     */
    @Test
    void earlierOffsetIndexEntryThatDisagreesIsCaughtByTheReadsThatUseIt() throws IOException {
        Written written = writeOneDenseSegment();
        StoredBatch sixth = written.batches().get(6);
        int slot = 5;
        List<IndexDamage> damages = new ArrayList<>();
        for (int shift = 1; shift < sixth.sizeInBytes(); shift++) {
            int by = shift;
            damages.add((index, timeIndex, logBytes) -> rewrite(index, b -> b.putInt(slot * OffsetIndex.ENTRY_BYTES + 4,
                    b.getInt(slot * OffsetIndex.ENTRY_BYTES + 4) + by)));
        }
        damages.add((index, timeIndex, logBytes) -> rewrite(index, b -> b.putInt(slot * OffsetIndex.ENTRY_BYTES,
                b.getInt(slot * OffsetIndex.ENTRY_BYTES) - 1)));
        for (IndexDamage damage : damages) {
            Path directory = copyOf(written.clean());
            damage.apply(indexFile(directory, 0), timeIndexFile(directory, 0), Files.size(logFile(directory, 0)));
            PartitionLog log = open(directory, written.config(), CLEAN);
            assertEquals(List.of(), captured.messages(), "loading does not look at that entry");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertReadsBack(log, written.batches());
                assertTimestampLookups(log, written.batches());
            });
            assertEquals(1, captured.messagesContaining("disagrees with its log at offset").size(), captured.messages().toString());
            captured.clear();
            close(log);
        }
    }

    /**
     * A batch length damaged inside a trusted segment, before its last index entry, is not seen
     * by loading (no CRC or header check there, as in Kafka). Reads that scan across it fail
     * with an error that names the segment, instead of running backwards or forever; the
     * others still work.
     */
    @Test
    void damagedBatchLengthInATrustedSegmentFailsTheReadsThatCrossIt() throws IOException {
        Written written = writeOneDenseSegment();
        StoredBatch damaged = written.batches().get(4);
        for (int claimedBytes : new int[] {0, -RecordBatchView.LOG_OVERHEAD, 1 << 30, 5}) {
            Path directory = copyOf(written.clean());
            byte[] bytes = Files.readAllBytes(logFile(directory, 0));
            ByteBuffer.wrap(bytes).putInt(written.positionOf(damaged) + RecordBatchView.BATCH_LENGTH_OFFSET,
                    claimedBytes - RecordBatchView.LOG_OVERHEAD);
            Files.write(logFile(directory, 0), bytes);
            PartitionLog log = open(directory, written.config(), CLEAN);
            assertEquals(written.endOffset(), log.logEndOffset());
            StoredBatch after = written.batches().get(5);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (long offset = damaged.baseOffset(); offset <= after.baseOffset(); offset++) {
                    long from = offset;
                    UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                            () -> log.read(from, Integer.MAX_VALUE, false), "offset " + from + ", claimed " + claimedBytes);
                    assertTrue(failure.getMessage().contains(LogFileNames.logFileName(0)), failure.getMessage());
                }
                assertReadsBack(log, written.batches(), after.lastOffset());
                for (StoredBatch before : written.batches().subList(0, 4)) {
                    assertArrayEquals(before.bytes(), Arrays.copyOf(readAll(log, before.lastOffset()), before.sizeInBytes()));
                }
            });
            close(log);
        }
    }

    /**
     * Indexes rebuilt into smaller files than they were written with (segment.index.bytes shrank,
     * and the old files are gone) stop taking entries while there is still room for the closing
     * time entry; the segment that is still written rolls at its next append.
     */
    @Test
    void indexesRebuiltIntoSmallerFilesKeepRoomForTheClosingEntry() throws IOException {
        Written written = writeOneDenseSegment();
        LogConfig smaller = written.config().toBuilder().segmentIndexBytes(48).build();
        for (PartitionLoader.Checkpoints checkpoints : List.of(CLEAN, UNCLEAN)) {
            Path directory = copyOf(written.clean());
            Files.delete(indexFile(directory, 0));
            Files.delete(timeIndexFile(directory, 0));
            PartitionLog log = open(directory, smaller, checkpoints);
            assertReadsBack(log, written.batches());
            assertTimestampLookups(log, written.batches());
            StoredBatch next = append(log, TestBatches.builder().record(null, "after rebuild", START_MS).build());
            assertEquals(List.of(0L, 24L), segmentBaseOffsets(directory), "the full indexes rolled the segment");
            List<StoredBatch> all = new ArrayList<>(written.batches());
            all.add(next);
            assertReadsBack(log, all);
            close(log);
            IndexConsistency.assertConsistent(directory, INDEX_INTERVAL_BYTES, 48);
            assertTrue(Files.size(timeIndexFile(directory, 0)) <= 48);
        }
    }

    static Stream<Arguments> missingIndexes() {
        return Stream.of(LogFileNames.INDEX_SUFFIX, LogFileNames.TIME_INDEX_SUFFIX, "both")
                .flatMap(missing -> Stream.of(Arguments.of(missing, true), Arguments.of(missing, false)));
    }

    @ParameterizedTest(name = "missing {0}, clean shutdown {1}")
    @MethodSource("missingIndexes")
    void missingIndexFilesAreRebuilt(String missing, boolean cleanShutdown) throws IOException {
        Written written = writeThreeSegments();
        Path directory = copyOf(cleanShutdown ? written.clean() : written.crashed());
        for (long segment : written.segments()) {
            if (!missing.equals(LogFileNames.TIME_INDEX_SUFFIX)) {
                Files.delete(indexFile(directory, segment));
            }
            if (!missing.equals(LogFileNames.INDEX_SUFFIX)) {
                Files.delete(timeIndexFile(directory, segment));
            }
        }
        PartitionLog log = open(directory, written.config(), cleanShutdown ? CLEAN : UNCLEAN);
        for (long segment : written.segments()) {
            String fileName = LogFileNames.logFileName(segment);
            assertEquals(1, captured.messagesContaining((cleanShutdown ? "rebuilt the missing indexes of " : "checked 3 batches of ")
                    + fileName).size(), fileName + " in " + captured.messages());
        }
        assertRecoveredTo(directory, log, written, written.endOffset(), written.segments());
    }

    @Test
    void leftoversOfDeletionsAndWritesAndOrphanIndexesAreRemovedOnLoad() throws IOException {
        Written written = writeThreeSegments();
        Path directory = copyOf(written.clean());
        List<String> files = fileNames(directory);
        Files.copy(logFile(directory, 0), directory.resolve(LogFileNames.logFileName(0) + LogFileNames.DELETED_SUFFIX));
        Files.copy(indexFile(directory, 0), directory.resolve(LogFileNames.fileName(0, LogFileNames.INDEX_SUFFIX) + LogFileNames.DELETED_SUFFIX));
        Files.copy(indexFile(directory, 6), indexFile(directory, 99));
        Files.copy(timeIndexFile(directory, 6), timeIndexFile(directory, 99));
        Files.writeString(directory.resolve(LogFileNames.fileName(12, LogFileNames.PRODUCER_SNAPSHOT_SUFFIX) + ".tmp"), "half written");
        assertEquals(files.size() + 5, fileNames(directory).size());

        PartitionLog log = open(directory, written.config(), CLEAN);
        assertEquals(files, fileNames(directory), "only the log's own files are left");
        assertRecoveredTo(directory, log, written, written.endOffset(), written.segments());
    }

    // ---- Damage found by the ported first-cut tests ----

    /** One segment of batches {a, b}, {c}, {d, e, f}; returns it closed cleanly. */
    private Written writeOneSegment() throws IOException {
        return write(config(LARGE_SEGMENT_BYTES), List.of(TestBatches.ofValues("a", "b"), TestBatches.ofValues("c"),
                TestBatches.ofValues("d", "e", "f")));
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
        Written written = writeOneSegment();
        for (PartitionLoader.Checkpoints checkpoints : List.of(UNCLEAN, CLEAN)) {
            Path directory = copyOf(written.clean());
            Files.write(logFile(directory, 0), garbage, StandardOpenOption.APPEND);
            PartitionLog log = open(directory, written.config(), checkpoints);
            assertRecoveredTo(directory, log, written, 6, List.of(0L));
        }
    }

    @Test
    void validBatchWithWrongBaseOffsetAfterValidBatchesIsCut() throws IOException {
        Written written = writeOneSegment();
        Path directory = copyOf(written.clean());
        ByteBuf stray = TestBatches.ofValues("stray");
        try {
            new RecordBatchView().wrap(stray, 0).setBaseOffset(100);
            Files.write(logFile(directory, 0), TestBatches.bytesOf(stray), StandardOpenOption.APPEND);
        } finally {
            stray.release();
        }
        PartitionLog log = open(directory, written.config(), UNCLEAN);
        assertRecoveredTo(directory, log, written, 6, List.of(0L));
    }

    @Test
    void untouchedLogRecoversCompletely() throws IOException {
        Written written = writeOneSegment();
        Path directory = copyOf(written.crashed());
        PartitionLog log = open(directory, written.config(), UNCLEAN);
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), values(readAll(log, 0)));
        assertEquals(List.of("c", "d", "e", "f"), values(readAll(log, 2)));
        assertRecoveredTo(directory, log, written, 6, List.of(0L));
    }

    @Test
    void segmentWhoseBaseOffsetDoesNotFollowIsDeletedWithAllLaterOnes() throws IOException {
        Written written = writeThreeSegments();
        for (PartitionLoader.Checkpoints checkpoints : List.of(UNCLEAN, CLEAN)) {
            Path directory = copyOf(written.clean());
            Files.delete(logFile(directory, 6));
            PartitionLog log = open(directory, written.config(), checkpoints);
            assertFalse(Files.exists(indexFile(directory, 12)));
            assertRecoveredTo(directory, log, written, 6, List.of(0L));
        }
    }

    @Test
    void segmentNamedPastItsPredecessorsEndIsDeletedWithAllLaterOnes() throws IOException {
        Written written = writeThreeSegments();
        Path directory = copyOf(written.clean());
        Files.move(logFile(directory, 6), logFile(directory, 7));
        PartitionLog log = open(directory, written.config(), UNCLEAN);
        assertTrue(log.read(6, Integer.MAX_VALUE, true).offsetInRange());
        assertNull(log.read(6, Integer.MAX_VALUE, true).slice());
        assertFalse(Files.exists(logFile(directory, 7)));
        assertRecoveredTo(directory, log, written, 6, List.of(0L));
    }

    @Test
    void directoryWithoutSegmentsOpensAsEmptyLog() throws IOException {
        Path directory = root.resolve("log");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("not-a-segment.txt"), "ignored");
        PartitionLog log = open(directory, config(LARGE_SEGMENT_BYTES), UNCLEAN);
        assertEquals(0, log.logEndOffset());
        assertEquals(List.of(0L), segmentBaseOffsets(directory));
        assertEquals(0, append(log, TestBatches.ofValues("first")).baseOffset());
        assertTrue(Files.exists(directory.resolve("not-a-segment.txt")));
    }
}
