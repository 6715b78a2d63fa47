package io.brook.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntendedScheduleTest {
    private static final long MS = 1_000_000L;

    @Test
    void recordsAreSpacedEvenlyFromTheStart() {
        IntendedSchedule schedule = new IntendedSchedule(100 * MS, 1_000);
        assertEquals(100 * MS, schedule.intendedNs(0));
        assertEquals(101 * MS, schedule.intendedNs(1));
        assertEquals(1_100 * MS, schedule.intendedNs(1_000));
        assertEquals(100 * MS + 333_333, new IntendedSchedule(100 * MS, 3_000).intendedNs(1), "fractional intervals round to the nearest ns");
    }

    @Test
    void aStallShowsInLatencyMeasuredFromIntendedTimesButHidesInLatencyFromActualSends() {
        // 1,000 records/s for one second; the pipeline stalls for 500 ms at 200 ms in, then
        // catches up. Each record arrives 1 ms after it is actually sent.
        ManualClock clock = new ManualClock(0);
        IntendedSchedule schedule = new IntendedSchedule(0, 1_000);
        LatencyRecorder fromIntended = new LatencyRecorder();
        LatencyRecorder fromActualSend = new LatencyRecorder();
        long stallStartNs = 200 * MS;
        long stallEndNs = 700 * MS;
        for (long index = 0; index < 1_000; index++) {
            long intendedNs = schedule.intendedNs(index);
            long sentNs = Math.max(intendedNs, clock.nanoTime());
            if (sentNs >= stallStartNs && sentNs < stallEndNs) {
                sentNs = stallEndNs;
            }
            clock.advanceNs(Math.max(0, sentNs - clock.nanoTime()));
            long receivedNs = sentNs + MS;
            fromIntended.record(intendedNs, receivedNs);
            fromActualSend.record(sentNs, receivedNs);
        }
        // Half of the records were meant to go out during or behind the stall: p50 barely sees it,
        // p99 sees most of it. Latency from the actual send time sees none of it.
        assertEquals(1.0, fromActualSend.summarize().p99Ms(), 0.01);
        assertTrue(fromIntended.summarize().p99Ms() > 450, "p99 from intended times is " + fromIntended.summarize().p99Ms());
        assertEquals(501, fromIntended.summarize().maxMs(), 1.0);
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IntendedSchedule(0, 0));
    }
}
