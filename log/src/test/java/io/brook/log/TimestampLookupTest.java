package io.brook.log;

import static io.brook.log.LogTestSupport.CLEAN;
import static io.brook.log.LogTestSupport.DELETE_NOW;
import static io.brook.log.LogTestSupport.START_MS;
import static io.brook.log.LogTestSupport.UNCLEAN;
import static io.brook.log.LogTestSupport.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.log.LogTestSupport.StoredBatch;
import io.brook.protocol.testing.TestBatches;
import io.brook.protocol.testing.TestBatches.StoredRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * offsetForTimestamp and offsetOfMaxTimestamp, which go through the time and offset indexes,
 * against a scan of every record: random uncompressed batches with timestamps out of order within
 * and across batches, over several segments with sparse indexes; while written, after a clean
 * reopen (indexes as written), after an unclean one (indexes rebuilt), and with a log start
 * offset in the middle of a segment.
 */
class TimestampLookupTest {
    private static final TopicPartition PARTITION = new TopicPartition("clicks", 0);
    private static final int BATCH_COUNT = 150;
    /** Timestamps spread over this range, so that many records share one. */
    private static final int TIMESTAMP_RANGE_MS = 2_000;
    private static final long FIRST_TIMESTAMP_MS = START_MS - 100_000;
    private static final int QUERY_COUNT = 300;

    @TempDir
    Path dataDirectory;

    private final TestClock clock = new TestClock(START_MS);

    private static LogConfig config() {
        return LogTestSupport.config().segmentBytes(2_000).indexIntervalBytes(150).build();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void lookupsAgreeWithAScanOfEveryRecord(long seed) throws IOException {
        Random random = new Random(seed);
        Path directory = dataDirectory.resolve(PARTITION.directoryName());
        PartitionLog log = PartitionLog.create(directory, PARTITION, config(), clock, DELETE_NOW);
        List<StoredBatch> stored = new ArrayList<>();
        // Timestamps drift upwards, so that the time index has entries to skip by.
        for (int i = 0; i < BATCH_COUNT; i++) {
            TestBatches.Builder batch = TestBatches.builder();
            int recordCount = 1 + random.nextInt(6);
            for (int r = 0; r < recordCount; r++) {
                long timestampMs = FIRST_TIMESTAMP_MS + 10L * i + random.nextInt(TIMESTAMP_RANGE_MS);
                batch.record(null, "v".repeat(random.nextInt(40)), timestampMs);
            }
            stored.add(append(log, batch.build()));
        }
        List<StoredRecord> records = new ArrayList<>();
        for (StoredBatch batch : stored) {
            records.addAll(TestBatches.decode(batch.bytes()));
        }
        assertTrue(log.segmentCount() >= 5, "several segments: " + log.segmentCount());
        long[] queries = queries(records, random);

        try {
            assertLookups(log, records, queries, "while written");
            log.close();
            IndexConsistency.assertConsistent(directory, 150, LogTestSupport.TEST_INDEX_BYTES);
            log = PartitionLog.open(directory, PARTITION, config(), clock, DELETE_NOW, CLEAN);
            assertLookups(log, records, queries, "after a clean reopen");
            log.close();
            log = PartitionLog.open(directory, PARTITION, config(), clock, DELETE_NOW, UNCLEAN);
            assertLookups(log, records, queries, "after recovery");

            long middle = stored.get(BATCH_COUNT / 2).baseOffset() + 1;
            log.deleteRecordsBefore(middle);
            assertLookups(log, records.stream().filter(record -> record.offset() >= middle).toList(), queries,
                    "from log start offset " + middle);
        } finally {
            log.close();
        }
    }

    /** Every distinct timestamp and its neighbours, random ones, and the extremes. */
    private static long[] queries(List<StoredRecord> records, Random random) {
        TreeSet<Long> timestamps = new TreeSet<>();
        for (StoredRecord record : records) {
            timestamps.add(record.timestampMs());
        }
        List<Long> distinct = new ArrayList<>(timestamps);
        List<Long> queries = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, distinct.get(0) - 1,
                distinct.get(distinct.size() - 1), distinct.get(distinct.size() - 1) + 1, Long.MAX_VALUE));
        for (int i = 0; i < QUERY_COUNT; i++) {
            long timestamp = distinct.get(random.nextInt(distinct.size()));
            queries.add(timestamp + random.nextInt(3) - 1);
        }
        return queries.stream().mapToLong(Long::longValue).toArray();
    }

    private static void assertLookups(PartitionLog log, List<StoredRecord> records, long[] queries, String when) {
        for (long timestamp : queries) {
            assertEquals(firstAtOrAfter(records, timestamp), log.offsetForTimestamp(timestamp),
                    when + ": offsetForTimestamp(" + timestamp + ")");
        }
        assertEquals(firstWithMaxTimestamp(records), log.offsetOfMaxTimestamp(), when + ": offsetOfMaxTimestamp");
    }

    private static OffsetAndTimestamp firstAtOrAfter(List<StoredRecord> records, long timestamp) {
        for (StoredRecord record : records) {
            if (record.timestampMs() >= timestamp) {
                return new OffsetAndTimestamp(record.offset(), record.timestampMs());
            }
        }
        return null;
    }

    private static OffsetAndTimestamp firstWithMaxTimestamp(List<StoredRecord> records) {
        StoredRecord best = null;
        for (StoredRecord record : records) {
            if (best == null || record.timestampMs() > best.timestampMs()) {
                best = record;
            }
        }
        return new OffsetAndTimestamp(best.offset(), best.timestampMs());
    }
}
