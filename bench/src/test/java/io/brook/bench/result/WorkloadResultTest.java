package io.brook.bench.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.bench.measure.Throughput;
import org.junit.jupiter.api.Test;

class WorkloadResultTest {

    @Test
    void cpuPerGigabyteDividesCpuSecondsByBytesMoved() {
        WorkloadResult result = new WorkloadResult("brook", 1, "produce-1k", new Throughput(1_000_000, 2_000_000_000L, 10_000_000_000L),
                null, 3.0, 1 << 30, 0);
        assertEquals(1.5, result.brokerCpuSecondsPerGb(), 1e-12);
    }

    @Test
    void unknownCpuOrNothingMovedGivesNaN() {
        Throughput moved = new Throughput(1, 1_000, 1);
        assertTrue(Double.isNaN(new WorkloadResult("b", 1, "w", moved, null, Double.NaN, -1, 0).brokerCpuSecondsPerGb()));
        assertTrue(Double.isNaN(new WorkloadResult("b", 1, "w", new Throughput(0, 0, 1), null, 2.0, -1, 0).brokerCpuSecondsPerGb()));
    }
}
