package io.brook.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FigureFormatTest {

    @Test
    void recordRatesHaveSeparatorsAndNoDecimals() {
        assertEquals("1,234,568", FigureFormat.value(Figure.RECORDS_PER_SECOND, 1_234_567.5));
        assertEquals("950", FigureFormat.value(Figure.TARGET_RECORDS_PER_SECOND, 950.2));
    }

    @Test
    void otherFiguresKeepAboutThreeSignificantDigits() {
        assertEquals("1,234.5", FigureFormat.value(Figure.MEGABYTES_PER_SECOND, 1_234.54));
        assertEquals("12.35", FigureFormat.value(Figure.LATENCY_P99_MS, 12.345_1));
        assertEquals("0.412", FigureFormat.value(Figure.LATENCY_P50_MS, 0.412_4));
    }

    @Test
    void missingValuesAndRatiosAreADash() {
        assertEquals("-", FigureFormat.value(Figure.MEGABYTES_PER_SECOND, Double.NaN));
        assertEquals("-", FigureFormat.ratio(Double.NaN));
        assertEquals("1.25", FigureFormat.ratio(1.25));
        assertEquals("0.050", FigureFormat.ratio(0.05));
    }

    @Test
    void durationsAndMemoryReadNaturally() {
        assertEquals("30 s", FigureFormat.duration(30_000));
        assertEquals("500 ms", FigureFormat.duration(500));
        assertEquals("1.5 s", FigureFormat.duration(1_500));
        assertEquals("8.0 GiB", FigureFormat.gibibytes(8L << 30));
        assertEquals("unknown", FigureFormat.gibibytes(-1));
    }
}
