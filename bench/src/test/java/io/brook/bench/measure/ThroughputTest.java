package io.brook.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void ratesAreRecordsAndMebibytesPerSecond() {
        Throughput throughput = new Throughput(500_000, 512L * 1024 * 1024, 2_000_000_000L);
        assertEquals(250_000, throughput.recordsPerSecond(), 1e-9);
        assertEquals(256, throughput.megabytesPerSecond(), 1e-9);
    }

    @Test
    void nothingMeasuredGivesZeroNotInfinity() {
        assertEquals(0, new Throughput(10, 10, 0).recordsPerSecond());
        assertEquals(0, new Throughput(10, 10, 0).megabytesPerSecond());
    }
}
