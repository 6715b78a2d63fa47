package io.brook.bench.measure;

/** Latency percentiles of one run, in milliseconds, and how many samples they summarise. */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double p9999Ms, double maxMs) {
}
