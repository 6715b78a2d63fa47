package io.brook.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark measures what it says: one invocation of each benchmark method, called directly
 * (no JMH run; a few milliseconds), moves exactly one MiB of valid batches.
 */
class LogAppendReadBenchmarkTest {
    @ParameterizedTest
    @ValueSource(ints = {1024, 16384})
    void batchesAreExactlyBatchBytesAndMakeOneMiB(int batchBytes) {
        OneMiBOfBatches oneMiB = OneMiBOfBatches.build(batchBytes, 1_700_000_000_000L);
        try {
            assertEquals(OneMiBOfBatches.MIB_BYTES / batchBytes, oneMiB.batchCount());
            RecordBatchView view = new RecordBatchView();
            for (ByteBuf batch : oneMiB.batches()) {
                assertEquals(batchBytes, batch.readableBytes());
                view.wrap(batch, batch.readerIndex());
                assertEquals(batchBytes, view.sizeInBytes());
                assertEquals(OneMiBOfBatches.recordsPerBatch(batchBytes), view.recordCount());
            }
        } finally {
            oneMiB.release();
        }
    }

    @Test
    void recordsAreAboutTheTargetSize() {
        int recordBytes = (16384 - RecordBatchView.RECORD_BATCH_OVERHEAD) / OneMiBOfBatches.recordsPerBatch(16384);
        assertEquals(OneMiBOfBatches.TARGET_RECORD_BYTES, recordBytes, 10);
        assertEquals(6, OneMiBOfBatches.recordsPerBatch(1024));
    }

    @Test
    void batchSizesThatDoNotDivideOneMiBAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OneMiBOfBatches.build(1000, 0));
    }

    @Test
    void appendWritesOneMiBAndReadBackCopiesIt() throws Exception {
        LogAppendReadBenchmark benchmark = new LogAppendReadBenchmark();
        LogAppendReadBenchmark.Batches batches = new LogAppendReadBenchmark.Batches();
        batches.batchBytes = 1024;
        batches.build();
        LogAppendReadBenchmark.AppendTarget target = new LogAppendReadBenchmark.AppendTarget();
        LogAppendReadBenchmark.ReadSource source = new LogAppendReadBenchmark.ReadSource();
        try {
            target.open();
            long lastBaseOffset = benchmark.append1MiB(batches, target);
            long lastBaseOffsetOfSecondMiB = benchmark.append1MiB(batches, target);

            int recordsPerMiB = batches.oneMiB.batchCount() * OneMiBOfBatches.recordsPerBatch(1024);
            assertEquals(recordsPerMiB - OneMiBOfBatches.recordsPerBatch(1024), lastBaseOffset);
            assertEquals(lastBaseOffset + recordsPerMiB, lastBaseOffsetOfSecondMiB);
            assertEquals(2L * OneMiBOfBatches.MIB_BYTES, target.log.sizeInBytes());

            source.fill(batches);
            assertEquals(OneMiBOfBatches.MIB_BYTES, benchmark.readBack1MiB(source));
        } finally {
            target.close();
            source.close();
            batches.release();
        }
    }

    @Test
    void appendDropsTheWholeLogOnceASegmentsWorthWasAppended() throws Exception {
        LogAppendReadBenchmark benchmark = new LogAppendReadBenchmark();
        LogAppendReadBenchmark.Batches batches = new LogAppendReadBenchmark.Batches();
        batches.batchBytes = 16384;
        batches.build();
        LogAppendReadBenchmark.AppendTarget target = new LogAppendReadBenchmark.AppendTarget();
        try {
            target.open();
            benchmark.append1MiB(batches, target);
            assertEquals(OneMiBOfBatches.MIB_BYTES, target.log.sizeInBytes());
            target.bytesSinceTrim = LogAppendReadBenchmark.TRIM_INTERVAL_BYTES - OneMiBOfBatches.MIB_BYTES;

            benchmark.append1MiB(batches, target);

            assertEquals(0, target.bytesSinceTrim);
            assertEquals(0, target.log.sizeInBytes());
            assertEquals(target.log.logEndOffset(), target.log.logStartOffset());
        } finally {
            target.close();
            batches.release();
        }
    }

    @Test
    void printsAllocationPerBatchAsBytesPerMiBOverBatchesPerMiB() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<JmhMain.Row> rows = List.of(
                new JmhMain.Row("LogAppendReadBenchmark.append1MiB", 1024, 500.0, 12.5, "ops/s", 65_536.0, 1024.0),
                new JmhMain.Row("LogAppendReadBenchmark.readBack1MiB", 16384, 5000.0, Double.NaN, "ops/s", 19_200.0, Double.NaN));

        JmhMain.printAllocationPerBatch(rows, new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("LogAppendReadBenchmark.append1MiB", "1024", "500.0", "±", "12.5", "ops/s", "1024",
                "65536.0", "±", "1024.0", "64.0", "±", "1.0"), List.of(lines.get(3).trim().split("\\s+")));
        assertEquals(List.of("LogAppendReadBenchmark.readBack1MiB", "16384", "5000.0", "ops/s", "64", "19200.0", "300.0"),
                List.of(lines.get(4).trim().split("\\s+")));
    }

    @Test
    void shortNamesDropThePackage() {
        assertEquals("LogAppendReadBenchmark.append1MiB", JmhMain.shortName("io.brook.bench.jmh.LogAppendReadBenchmark.append1MiB"));
        assertEquals("plain", JmhMain.shortName("plain"));
    }
}
