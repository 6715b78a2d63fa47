package io.brook.bench.measure;

import org.HdrHistogram.Histogram;

/**
 * Latencies in an HdrHistogram (microsecond resolution, three significant digits, auto-resizing).
 * End-to-end latency is recorded against each record's intended send time, so a stall delays the
 * records that should have gone out during it and shows in the tail instead of hiding
 * (coordinated omission, as the OpenMessaging Benchmark measures it).
 *
 * <p>Not thread-safe: one recording thread.
 */
public final class LatencyRecorder {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double MICROS_PER_MS = 1000.0;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);

    /** Records the time from {@code fromNs} (a send, or its intended time) to {@code toNs}. */
    public void record(long fromNs, long toNs) {
        histogram.recordValue(Math.max(0, (toNs - fromNs) / 1_000));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Null when nothing was recorded. */
    public LatencySummary summarize() {
        if (histogram.getTotalCount() == 0) {
            return null;
        }
        return new LatencySummary(histogram.getTotalCount(),
                percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(99.9), percentileMs(99.99),
                histogram.getMaxValue() / MICROS_PER_MS);
    }

    private double percentileMs(double percentile) {
        return histogram.getValueAtPercentile(percentile) / MICROS_PER_MS;
    }
}
