package io.brook.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.compression.CompressionType;
import io.brook.protocol.record.RecordBatchView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec and validation benchmarks measure what they say: each benchmark method called once
 * directly (no JMH run; milliseconds) on a batch of about 16 KiB of ~150-byte events.
 */
class CompressionBenchmarksTest {
    @ParameterizedTest
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void codecsCompressAndDecompressOneBatch(String codec) throws Exception {
        CodecBenchmark benchmark = new CodecBenchmark();
        benchmark.codec = codec;
        benchmark.uncompressedBytes = 16384;
        benchmark.setUp();
        try {
            int recordsBytes = benchmark.records.remaining();
            assertTrue(recordsBytes > 16384 - 200 && recordsBytes <= 16384 - RecordBatchView.RECORDS_OFFSET, "" + recordsBytes);
            int compressedBytes = benchmark.compress();
            assertTrue(compressedBytes < recordsBytes / 2, codec + " compressed " + recordsBytes + " to " + compressedBytes);
            assertEquals(recordsBytes, benchmark.decompress());
            assertEquals(benchmark.records, benchmark.output.asByteBuffer());
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd", "gzip", "snappy"})
    void validationAcceptsTheBatchAndTheCrcHolds(String codec) {
        BatchValidationBenchmark benchmark = new BatchValidationBenchmark();
        benchmark.codec = codec;
        benchmark.uncompressedBytes = 16384;
        benchmark.setUp();
        try {
            assertNull(benchmark.validateProduced());
            assertTrue(benchmark.headerAndCrc());
            assertEquals(CodecBenchmark.type(codec).id(), benchmark.view.compressionId());
            assertEquals(benchmark.recordCount, benchmark.view.recordCount());
            assertEquals(EventBatch.TARGET_RECORD_BYTES, (16384 - RecordBatchView.RECORD_BATCH_OVERHEAD) / benchmark.recordCount, 15);
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip"})
    void theUncompressedBatchIsAtMostItsSize(String codec) {
        EventBatch events = EventBatch.fitting(16384, 0);
        int size = events.batch(CompressionType.NONE).remaining();
        assertTrue(size <= 16384 && size > 16384 - 200, "" + size);
        assertTrue(events.batch(CodecBenchmark.type(codec)).remaining() <= size);
    }
}
