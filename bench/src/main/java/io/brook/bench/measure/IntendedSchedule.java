package io.brook.bench.measure;

/**
 * When each record of a fixed-rate stream is meant to be sent: record {@code i} at
 * {@code startNs + i * 1e9 / ratePerSecond}. The sender sleeps until a record's intended time but
 * never skips one, so a stall does not change what latencies are measured against.
 */
public final class IntendedSchedule {
    private final long startNs;
    private final double intervalNs;

    public IntendedSchedule(long startNs, double ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, not " + ratePerSecond);
        }
        this.startNs = startNs;
        this.intervalNs = 1e9 / ratePerSecond;
    }

    public long intendedNs(long index) {
        return startNs + Math.round(index * intervalNs);
    }
}
