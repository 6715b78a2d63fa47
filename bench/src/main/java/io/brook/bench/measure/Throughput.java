package io.brook.bench.measure;

/** Records and bytes moved in a span of time, as rates. MB is 2^20 bytes, as in Kafka's perf tools. */
public record Throughput(long records, long bytes, long elapsedNs) {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    public double recordsPerSecond() {
        return elapsedNs <= 0 ? 0 : records * NANOS_PER_SECOND / elapsedNs;
    }

    public double megabytesPerSecond() {
        return elapsedNs <= 0 ? 0 : bytes / BYTES_PER_MB * NANOS_PER_SECOND / elapsedNs;
    }
}
