package io.brook.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One operation of the pipeline benchmark does what it says: a MiB through the ring, every append completed and in the log. */
class AppendPipelineBenchmarkTest {

    @Test
    void oneOperationAppendsAMiBThroughTheRing() throws Exception {
        AppendPipelineBenchmark benchmark = new AppendPipelineBenchmark();
        benchmark.batchBytes = 16384;
        benchmark.start();
        try {
            int batchesPerMiB = OneMiBOfBatches.MIB_BYTES / benchmark.batchBytes;
            assertEquals(batchesPerMiB, benchmark.append1MiBThroughTheRing());
            assertEquals(2L * batchesPerMiB, benchmark.append1MiBThroughTheRing());
            long recordsPerMiB = (long) batchesPerMiB * OneMiBOfBatches.recordsPerBatch(benchmark.batchBytes);
            assertEquals(2 * recordsPerMiB, benchmark.logEndOffset());
        } finally {
            benchmark.stop();
        }
    }
}
