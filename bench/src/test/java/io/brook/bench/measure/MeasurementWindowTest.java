package io.brook.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeasurementWindowTest {
    private static final long MS = 1_000_000L;

    @Test
    void warmUpIsExcludedAndTheWindowHasAnEnd() {
        ManualClock clock = new ManualClock(7 * MS);
        MeasurementWindow window = new MeasurementWindow(clock, 1_000 * MS, 3_000 * MS);
        window.start();
        assertTrue(window.isWarmingUp());
        assertFalse(window.contains(clock.nanoTime() + 999 * MS), "an event during warm-up does not count");
        assertTrue(window.contains(clock.nanoTime() + 1_000 * MS), "the measured part starts right after warm-up");
        assertTrue(window.contains(clock.nanoTime() + 3_999 * MS));
        assertFalse(window.contains(clock.nanoTime() + 4_000 * MS), "the end is exclusive");
        assertEquals(0, window.measuredSoFarNs());

        clock.advanceMs(2_500);
        assertFalse(window.isWarmingUp());
        assertFalse(window.isOver());
        assertEquals(1_500 * MS, window.measuredSoFarNs());

        clock.advanceMs(10_000);
        assertTrue(window.isOver());
        assertEquals(3_000 * MS, window.measuredSoFarNs(), "measured time stops at the window's end");
    }

    @Test
    void aWindowNeedsAPositiveLength() {
        ManualClock clock = new ManualClock(0);
        assertThrows(IllegalArgumentException.class, () -> new MeasurementWindow(clock, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MeasurementWindow(clock, -1, 1));
    }
}
