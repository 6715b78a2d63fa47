package io.brook.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.broker.group.GroupRecord.GroupMetadata;
import io.brook.broker.group.GroupRecord.GroupTombstone;
import io.brook.broker.group.GroupRecord.OffsetCommit;
import io.brook.broker.group.GroupRecord.OffsetTombstone;
import io.brook.log.LogFileNames;
import io.brook.log.PartitionLog;
import io.brook.protocol.ErrorCode;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogGroupStoreTest {
    private static final String GROUP = "orders-app";
    private static final String NON_ASCII_GROUP = "gruppe-ü-日本-😀";
    private static final String TOPIC = "orders";
    private static final long COMMIT_MS = 1_700_000_000_000L;
    /** Kafka's offsets.topic.segment.bytes: large enough that no test below it rolls or rewrites. */
    private static final int DEFAULT_SEGMENT_BYTES = 104_857_600;
    private static final int RING_SIZE = 64;
    private static final long RING_FULL_TIMEOUT_MS = 5_000;
    /** Kafka's name for the marker a clean shutdown leaves; without it the log recovers every segment. */
    private static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";

    @TempDir
    Path dataDirectory;

    private GroupLogHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static OffsetCommit commit(String group, int partition, long offset) {
        return new OffsetCommit(group, TOPIC, partition, offset, 3, "meta", COMMIT_MS, -1);
    }

    private static GroupMetadata metadata(String group, int generationId) {
        return new GroupMetadata(group, "consumer", generationId, "range", COMMIT_MS);
    }

    private void start(int segmentBytes) throws Exception {
        harness = GroupLogHarness.start(dataDirectory, segmentBytes, RING_SIZE, RING_FULL_TIMEOUT_MS);
    }

    @Test
    void everyRecordTypeComesBackAfterARestart() throws Exception {
        start(DEFAULT_SEGMENT_BYTES);
        List<GroupRecord> records = List.of(
                new OffsetCommit(GROUP, TOPIC, 0, 42, 7, "checkpoint", COMMIT_MS, COMMIT_MS + 86_400_000),
                new OffsetCommit(GROUP, TOPIC, 1, 0, -1, null, COMMIT_MS, -1),
                new OffsetCommit(GROUP, TOPIC, 2, Long.MAX_VALUE, -1, "", COMMIT_MS, -1),
                new OffsetCommit(NON_ASCII_GROUP, "topic.with_all-chars", Integer.MAX_VALUE, 5, 0, "métadonnées ✓", COMMIT_MS, -1),
                new GroupMetadata(GROUP, "consumer", 12, "cooperative-sticky", COMMIT_MS),
                new GroupMetadata(NON_ASCII_GROUP, "", 0, null, COMMIT_MS),
                new GroupMetadata("", "", 0, "", 0));
        harness.append(records.toArray(new GroupRecord[0]));
        assertEquals(List.of(), harness.store().load(), "load() is the state at start");

        harness = harness.restart();
        assertEquals(records, harness.store().load());
    }

    @Test
    void theLatestWriteOfEachKeyIsKeptInTheOrderOfLatestWritesAndTombstonesRemoveKeys() throws Exception {
        start(DEFAULT_SEGMENT_BYTES);
        harness.append(commit(GROUP, 0, 5), commit(GROUP, 1, 7));
        harness.append(metadata(GROUP, 1));
        harness.append(commit(GROUP, 0, 9));
        harness.append(new OffsetTombstone(GROUP, TOPIC, 1));
        harness.append(commit("offsets-then-group", 0, 1), metadata("offsets-then-group", 4));
        harness.append(metadata("gone", 1), commit("gone", 0, 1));
        harness.append(new OffsetTombstone("gone", TOPIC, 0), new GroupTombstone("gone"));
        harness.append(new OffsetTombstone("never-was", TOPIC, 0));

        harness = harness.restart();
        assertEquals(List.of(metadata(GROUP, 1), commit(GROUP, 0, 9), commit("offsets-then-group", 0, 1),
                metadata("offsets-then-group", 4)), harness.store().load());
    }

    @Test
    void appendsReachTheLogAndTheirCallersInCallOrder() throws Exception {
        start(DEFAULT_SEGMENT_BYTES);
        int appendCount = 200;
        List<Integer> told = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < appendCount; i++) {
            int index = i;
            harness.store().append(List.of(commit(GROUP, 0, i)), failure -> {
                if (failure != null) {
                    failures.add(failure);
                }
                told.add(index);
            });
        }
        harness.drain();
        assertEquals(List.of(), failures);
        assertEquals(IntStream.range(0, appendCount).boxed().toList(), told);

        harness = harness.restart();
        assertEquals(List.of(commit(GROUP, 0, appendCount - 1)), harness.store().load());
    }

    @Test
    void rewritesKeepTheStateAndBoundTheLog() throws Exception {
        int segmentBytes = 1024;
        start(segmentBytes);
        int appendCount = 100;
        long appendedBytes = 0;
        for (int i = 0; i < appendCount; i++) {
            List<GroupRecord> records = List.of(commit(GROUP, i % 3, i), metadata(GROUP, i));
            appendedBytes += GroupRecordBatch.of(records).sizeInBytes();
            harness.append(records.toArray(new GroupRecord[0]));
        }
        harness.drain();
        // Latest writes: partition 1 at i=97, partition 2 at 98, partition 0 and then the group at 99.
        List<GroupRecord> expected = List.of(commit(GROUP, 1, 97), commit(GROUP, 2, 98), commit(GROUP, 0, 99), metadata(GROUP, 99));
        PartitionLog log = harness.log();
        assertTrue(log.logStartOffset() > 0, "the log was rewritten and its start moved past the old records");
        // Superseded records pile up to a segment (the live state is smaller); below the log start, at
        // most the segment the last rewrite began in stays.
        assertTrue(log.sizeInBytes() < 3L * segmentBytes, "log of " + log.sizeInBytes() + " bytes after " + appendedBytes
                + " bytes appended");

        harness = harness.restart();
        assertEquals(expected, harness.store().load());
    }

    @Test
    void aCrashBetweenTheRewriteAndTheDeletionReplaysToTheSameState() throws Exception {
        start(DEFAULT_SEGMENT_BYTES);
        writeStateWithHistory();
        List<GroupRecord> live = List.of(metadata(GROUP, 1), commit(GROUP, 0, 3));
        long endBefore = harness.log().logEndOffset();
        LogGroupStore store = harness.store();

        assertEquals(endBefore, harness.onAppendThread(store::restateLiveRecords));
        assertEquals(endBefore + live.size(), harness.log().logEndOffset(), "the live records were written again");
        assertEquals(0, harness.log().logStartOffset(), "nothing was deleted");

        harness = harness.restart();
        assertEquals(live, harness.store().load());
        harness.append(commit(GROUP, 1, 4));
        harness = harness.restart();
        assertEquals(List.of(metadata(GROUP, 1), commit(GROUP, 0, 3), commit(GROUP, 1, 4)), harness.store().load());
    }

    @Test
    void aRewriteTornByACrashIsCutWholeAndTheOldRecordsStand() throws Exception {
        start(DEFAULT_SEGMENT_BYTES);
        writeStateWithHistory();
        List<GroupRecord> live = List.of(metadata(GROUP, 1), commit(GROUP, 0, 3));
        long endBefore = harness.log().logEndOffset();
        LogGroupStore store = harness.store();
        harness.onAppendThread(store::restateLiveRecords);
        harness.close();
        Path segment = onlySegmentFile();
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.truncate(file.size() - 1);
        }
        Files.delete(dataDirectory.resolve(CLEAN_SHUTDOWN_MARKER));

        start(DEFAULT_SEGMENT_BYTES);
        assertEquals(endBefore, harness.log().logEndOffset(), "recovery cut the torn rewrite batch whole");
        assertEquals(live, harness.store().load());
    }

    @Test
    void aFullRingFailsTheAppendAfterTheTimeoutWithRequestTimedOut() throws Exception {
        long timeoutMs = 100;
        harness = GroupLogHarness.start(dataDirectory, DEFAULT_SEGMENT_BYTES, 1, timeoutMs);
        CountDownLatch release = new CountDownLatch(1);
        // The ring's one slot stays taken while the append thread waits in this task.
        assertTrue(harness.pipeline().tryExecute(harness.log(), () -> awaitQuietly(release)));
        Thread caller = Thread.currentThread();
        Thread[] toldOn = new Thread[1];
        Throwable[] failure = new Throwable[1];
        harness.store().append(List.of(commit(GROUP, 0, 1)), outcome -> {
            toldOn[0] = Thread.currentThread();
            failure[0] = outcome;
        });
        assertSame(caller, toldOn[0], "a failure to publish is told on the calling thread, before append returns");
        GroupStoreException timedOut = assertInstanceOf(GroupStoreException.class, failure[0]);
        assertEquals(ErrorCode.REQUEST_TIMED_OUT, timedOut.error());

        release.countDown();
        harness.append(commit(GROUP, 0, 2));
        harness = harness.restart();
        assertEquals(List.of(commit(GROUP, 0, 2)), harness.store().load());
    }

    /** Writes a history whose live state is {@code [metadata(GROUP, 1), commit(GROUP, 0, 3)]}. */
    private void writeStateWithHistory() throws Exception {
        harness.append(commit(GROUP, 0, 1), commit(GROUP, 1, 2));
        harness.append(metadata(GROUP, 1));
        harness.append(new OffsetTombstone(GROUP, TOPIC, 1));
        harness.append(commit(GROUP, 0, 3));
    }

    private Path onlySegmentFile() throws Exception {
        Path partition = dataDirectory.resolve(LogGroupStore.PARTITION.directoryName());
        try (Stream<Path> files = Files.list(partition)) {
            List<Path> segments = files.filter(path -> path.getFileName().toString().endsWith(LogFileNames.LOG_SUFFIX)).toList();
            assertEquals(1, segments.size(), "segments " + segments);
            return segments.get(0);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
