package io.brook.bench.measure;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the broker's process during one workload: CPU time at the start and end of the measured
 * part, and the largest resident set seen, sampled every {@value #RSS_SAMPLE_INTERVAL_MS} ms.
 * Without a process (pid below 0) every figure is unknown.
 */
public final class BrokerProcessSampler implements AutoCloseable {
    private static final long RSS_SAMPLE_INTERVAL_MS = 200;
    private static final long END_MARK_WAIT_SECONDS = 10;

    private final ProcFs procFs;
    private final long pid;
    private final ScheduledExecutorService sampler;
    private volatile long peakRssBytes = -1;
    private volatile double cpuSecondsAtStart = Double.NaN;
    private volatile double cpuSecondsAtEnd = Double.NaN;
    /** The scheduled end reading, when {@link #watch} placed one. */
    private ScheduledFuture<?> endMark;

    public BrokerProcessSampler(ProcFs procFs, long pid) {
        this.procFs = procFs;
        this.pid = pid;
        if (pid < 0) {
            sampler = null;
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "broker-rss-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sampleRss, 0, RSS_SAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void sampleRss() {
        try {
            long rss = procFs.residentBytes(pid);
            if (rss > peakRssBytes) {
                peakRssBytes = rss;
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone or unreadable: the peak stays what was seen.
        }
    }

    /**
     * Takes the CPU readings when {@code window}'s measured part starts and ends, on the sampler's
     * own thread, so that a blocked sender does not move them.
     */
    public void watch(MeasurementWindow window, Clock clock) {
        if (sampler == null) {
            return;
        }
        sampler.schedule(this::markMeasureStart, Math.max(0, window.measureStartNs() - clock.nanoTime()), TimeUnit.NANOSECONDS);
        endMark = sampler.schedule(this::markMeasureEnd, Math.max(0, window.measureEndNs() - clock.nanoTime()), TimeUnit.NANOSECONDS);
    }

    public void markMeasureStart() {
        cpuSecondsAtStart = cpuSeconds();
    }

    public void markMeasureEnd() {
        cpuSecondsAtEnd = cpuSeconds();
    }

    private double cpuSeconds() {
        if (pid < 0) {
            return Double.NaN;
        }
        try {
            return procFs.cpuSeconds(pid);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds between the two marks (waiting for a scheduled end reading); NaN when unknown. */
    public double measuredCpuSeconds() {
        if (endMark != null) {
            try {
                endMark.get(END_MARK_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return Double.NaN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }
        return cpuSecondsAtEnd - cpuSecondsAtStart;
    }

    public long peakRssBytes() {
        sampleRss();
        return peakRssBytes;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
