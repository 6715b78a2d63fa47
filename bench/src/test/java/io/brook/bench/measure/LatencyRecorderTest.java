package io.brook.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    private static final long MS = 1_000_000L;

    @Test
    void percentilesOfAKnownDistribution() {
        LatencyRecorder recorder = new LatencyRecorder();
        // 1..1000 ms, one sample each: p50 = 500 ms, p99 = 990 ms, p99.9 = 999 ms, max = 1000 ms.
        for (long ms = 1; ms <= 1_000; ms++) {
            recorder.record(0, ms * MS);
        }
        LatencySummary summary = recorder.summarize();
        assertEquals(1_000, summary.count());
        assertEquals(500, summary.p50Ms(), 500 * 0.001);
        assertEquals(900, summary.p90Ms(), 900 * 0.001);
        assertEquals(990, summary.p99Ms(), 990 * 0.001);
        assertEquals(999, summary.p999Ms(), 999 * 0.001);
        assertEquals(1_000, summary.maxMs(), 1_000 * 0.001);
    }

    @Test
    void subMillisecondLatenciesKeepMicrosecondResolution() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(1_000, 1_000 + 250_000);
        assertEquals(0.25, recorder.summarize().p50Ms(), 0.001);
    }

    @Test
    void nothingRecordedHasNoSummary() {
        assertNull(new LatencyRecorder().summarize());
    }

    @Test
    void aClockThatGoesBackwardsCountsAsZeroNotAsAHugeValue() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(5 * MS, 4 * MS);
        assertEquals(0, recorder.summarize().maxMs());
    }
}
