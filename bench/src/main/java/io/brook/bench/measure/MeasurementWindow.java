package io.brook.bench.measure;

/**
 * The part of a workload that counts: it starts {@code warmupNs} after {@link #start}, so that
 * JIT compilation, connection set-up and page-cache warming stay out of the figures, and lasts
 * {@code measureNs}. Thread-safe once started.
 */
public final class MeasurementWindow {
    private final Clock clock;
    private final long warmupNs;
    private final long measureNs;
    private volatile long startNs;

    public MeasurementWindow(Clock clock, long warmupNs, long measureNs) {
        if (warmupNs < 0 || measureNs <= 0) {
            throw new IllegalArgumentException("warm-up must be >= 0 and measurement > 0, not " + warmupNs + " and " + measureNs);
        }
        this.clock = clock;
        this.warmupNs = warmupNs;
        this.measureNs = measureNs;
    }

    public void start() {
        startNs = clock.nanoTime();
    }

    public long measureStartNs() {
        return startNs + warmupNs;
    }

    public long measureEndNs() {
        return startNs + warmupNs + measureNs;
    }

    public long measureNs() {
        return measureNs;
    }

    /** True when {@code timeNs} falls inside the measured part. */
    public boolean contains(long timeNs) {
        return timeNs - measureStartNs() >= 0 && measureEndNs() - timeNs > 0;
    }

    public boolean isWarmingUp() {
        return clock.nanoTime() - measureStartNs() < 0;
    }

    public boolean isOver() {
        return clock.nanoTime() - measureEndNs() >= 0;
    }

    /** Nanoseconds elapsed since the measured part began (0 during warm-up). */
    public long measuredSoFarNs() {
        return Math.max(0, Math.min(clock.nanoTime(), measureEndNs()) - measureStartNs());
    }
}
