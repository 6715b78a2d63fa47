package io.brook.bench.result;

import io.brook.bench.measure.LatencySummary;
import io.brook.bench.measure.Throughput;

/**
 * What one workload measured against one broker in one run.
 *
 * @param broker which broker ("brook" or "kafka", or the name given to {@code bin/bench run})
 * @param run 1-based run number
 * @param throughput records and bytes moved in the measured part, and its length
 * @param latency latency percentiles, null for workloads that measure none (consume)
 * @param brokerCpuSeconds the broker process's CPU time (user + system) during the measured part;
 *     NaN when the broker's process is not known
 * @param brokerPeakRssBytes the broker process's largest resident set seen during the workload;
 *     -1 when not known
 * @param targetRecordsPerSecond the fixed send rate of a rate-limited workload (e2e-latency); 0 for
 *     as fast as possible
 */
public record WorkloadResult(
        String broker,
        int run,
        String workload,
        Throughput throughput,
        LatencySummary latency,
        double brokerCpuSeconds,
        long brokerPeakRssBytes,
        double targetRecordsPerSecond) {

    private static final double BYTES_PER_GB = 1e9;

    /** Broker CPU seconds per gigabyte (10^9 bytes) of record data moved; NaN when unknown or nothing moved. */
    public double brokerCpuSecondsPerGb() {
        if (Double.isNaN(brokerCpuSeconds) || throughput.bytes() <= 0) {
            return Double.NaN;
        }
        return brokerCpuSeconds / (throughput.bytes() / BYTES_PER_GB);
    }
}
