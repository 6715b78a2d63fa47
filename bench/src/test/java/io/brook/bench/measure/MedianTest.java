package io.brook.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void oddAndEvenCounts() {
        assertEquals(3.0, Median.of(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, Median.of(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(7.0, Median.of(List.of(7.0)));
    }

    @Test
    void unknownFiguresAreLeftOut() {
        assertEquals(2.0, Median.of(Arrays.asList(Double.NaN, 1.0, 3.0, null)));
        assertTrue(Double.isNaN(Median.of(List.of(Double.NaN))));
        assertTrue(Double.isNaN(Median.of(List.of())));
    }
}
