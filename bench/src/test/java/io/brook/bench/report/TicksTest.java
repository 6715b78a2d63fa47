package io.brook.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void linearTicksStepByOneTwoOrFiveTimesAPowerOfTenAndReachTheMaximum() {
        assertEquals(List.of(0.0, 100.0, 200.0, 300.0, 400.0, 500.0), Ticks.linear(450));
        assertEquals(List.of(0.0, 200_000.0, 400_000.0, 600_000.0, 800_000.0, 1_000_000.0), Ticks.linear(905_000));
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5), Ticks.linear(2.3));
        assertEquals(List.of(0.0, 1.0), Ticks.linear(0));
        assertEquals(List.of(0.0, 1.0), Ticks.linear(Double.NaN));
    }

    @Test
    void logarithmicTicksCoverWholeDecadesWithTwosAndFivesWhenTheRangeIsShort() {
        assertEquals(List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0), Ticks.logarithmic(1.3, 95));
        assertEquals(List.of(0.1, 1.0, 10.0, 100.0, 1000.0), Ticks.logarithmic(0.4, 400));
        assertEquals(List.of(1.0, 2.0, 5.0, 10.0), Ticks.logarithmic(3, 3), "a single value still gets one decade");
    }

    @Test
    void labelsAreShortAndRound() {
        assertEquals("0.6", Ticks.label(3 * 0.2));
        assertEquals("0.001", Ticks.label(0.001));
        assertEquals("5000", Ticks.label(5_000));
        assertEquals("200,000", Ticks.label(200_000));
    }
}
