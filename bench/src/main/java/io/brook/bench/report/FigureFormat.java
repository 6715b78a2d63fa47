package io.brook.bench.report;

import java.util.Locale;

/**
 * Numbers as people read them in a table. Rates of records get thousands separators and no
 * decimals (a record is indivisible); other figures get 1 to 3 decimals depending on size, so
 * each shows about three significant digits: 1,234.5 MB/s, 12.35 ms, 0.412 ms. Missing values
 * (NaN) are "-". Always the ROOT locale, so the docs do not change with the machine's language.
 */
final class FigureFormat {
    static final String MISSING = "-";
    private static final long MS_PER_SECOND = 1000;
    private static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;

    private FigureFormat() {
    }

    static String value(Figure figure, double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        return switch (figure) {
            case RECORDS_PER_SECOND, TARGET_RECORDS_PER_SECOND -> String.format(Locale.ROOT, "%,.0f", value);
            default -> number(value);
        };
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Two decimals, which resolve the 2% tie band; three below 0.1 so small ratios keep a digit. */
    static String ratio(double ratio) {
        if (!Double.isFinite(ratio)) {
            return MISSING;
        }
        return String.format(Locale.ROOT, Math.abs(ratio) >= 0.1 ? "%.2f" : "%.3f", ratio);
    }

    /** A setting's length of time: "30 s", "1.5 s", "500 ms". */
    static String duration(long durationMs) {
        if (durationMs % MS_PER_SECOND == 0) {
            return durationMs / MS_PER_SECOND + " s";
        }
        if (durationMs < MS_PER_SECOND) {
            return durationMs + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", durationMs / (double) MS_PER_SECOND);
    }

    /** Memory in GiB (2^30 bytes), as operating systems report it; "unknown" when not positive. */
    static String gibibytes(long bytes) {
        if (bytes <= 0) {
            return "unknown";
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / BYTES_PER_GIB);
    }
}
