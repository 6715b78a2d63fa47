package io.brook.bench.report;

import io.brook.bench.measure.LatencySummary;
import io.brook.bench.result.WorkloadResult;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One figure a comparison reports for a workload: how to read it from a run's result (NaN when the
 * run could not measure it), its label with its unit, and which direction is better.
 */
public enum Figure {
    RECORDS_PER_SECOND("records/s", Direction.HIGHER_IS_BETTER, result -> result.throughput().recordsPerSecond()),
    MEGABYTES_PER_SECOND("MB/s", Direction.HIGHER_IS_BETTER, result -> result.throughput().megabytesPerSecond()),
    LATENCY_P50_MS("latency p50 ms", Direction.LOWER_IS_BETTER, result -> latency(result, LatencySummary::p50Ms)),
    LATENCY_P99_MS("latency p99 ms", Direction.LOWER_IS_BETTER, result -> latency(result, LatencySummary::p99Ms)),
    LATENCY_P999_MS("latency p99.9 ms", Direction.LOWER_IS_BETTER, result -> latency(result, LatencySummary::p999Ms)),
    LATENCY_MAX_MS("latency max ms", Direction.LOWER_IS_BETTER, result -> latency(result, LatencySummary::maxMs)),
    BROKER_CPU_SECONDS_PER_GB("broker CPU s/GB", Direction.LOWER_IS_BETTER, WorkloadResult::brokerCpuSecondsPerGb),
    BROKER_PEAK_RSS_MIB("broker peak RSS MiB", Direction.LOWER_IS_BETTER, Figure::peakRssMib),
    /**
     * The send rate of a rate-limited workload. It is a setting of the run (half of the broker's own
     * produce-1k maximum), shown so the latency rows can be read against it, not a result to win.
     */
    TARGET_RECORDS_PER_SECOND("target records/s", Direction.NEITHER, Figure::targetRate);

    /** Which of two values of a figure is the better one. */
    public enum Direction {
        HIGHER_IS_BETTER,
        LOWER_IS_BETTER,
        /** An input to the run, not an outcome: neither broker wins it. */
        NEITHER
    }

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private final String label;
    private final Direction direction;
    private final ToDoubleFunction<WorkloadResult> extractor;

    Figure(String label, Direction direction, ToDoubleFunction<WorkloadResult> extractor) {
        this.label = label;
        this.direction = direction;
        this.extractor = extractor;
    }

    /** The row label, with its unit: "records/s", "latency p99 ms". */
    public String label() {
        return label;
    }

    public Direction direction() {
        return direction;
    }

    /** This figure in one run's result; NaN when that run did not measure it. */
    public double of(WorkloadResult result) {
        return extractor.applyAsDouble(result);
    }

    /**
     * Whether a workload has this figure at all. Latency belongs to workloads that measure it (not
     * consume) and the target rate to rate-limited ones; a workload that has a figure but whose runs
     * could not measure it (CPU of an unknown process) still gets a row, shown as missing.
     */
    boolean appliesTo(List<WorkloadResult> resultsOfOneWorkload) {
        return switch (this) {
            case LATENCY_P50_MS, LATENCY_P99_MS, LATENCY_P999_MS, LATENCY_MAX_MS ->
                    resultsOfOneWorkload.stream().anyMatch(result -> result.latency() != null);
            case TARGET_RECORDS_PER_SECOND -> resultsOfOneWorkload.stream().anyMatch(result -> result.targetRecordsPerSecond() > 0);
            default -> true;
        };
    }

    private static double latency(WorkloadResult result, ToDoubleFunction<LatencySummary> percentile) {
        return result.latency() == null ? Double.NaN : percentile.applyAsDouble(result.latency());
    }

    private static double peakRssMib(WorkloadResult result) {
        return result.brokerPeakRssBytes() < 0 ? Double.NaN : result.brokerPeakRssBytes() / BYTES_PER_MIB;
    }

    /** A target of 0 means "as fast as possible": there is no target to show. */
    private static double targetRate(WorkloadResult result) {
        return result.targetRecordsPerSecond() > 0 ? result.targetRecordsPerSecond() : Double.NaN;
    }
}
