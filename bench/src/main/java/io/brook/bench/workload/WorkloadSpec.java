package io.brook.bench.workload;

/**
 * One workload, fully specified.
 *
 * @param recordSizeBytes the size of each record's value (keys are null)
 * @param acks the producer's {@code acks}: "1" or "all"
 * @param compression the producer's {@code compression.type}
 * @param targetRecordsPerSecond the fixed send rate of an end-to-end workload; 0 means half of the
 *     produce-1k maximum measured on the same broker in the same run
 * @param prefillBytes how much a consume workload writes before draining it
 */
public record WorkloadSpec(
        String name,
        Kind kind,
        int recordSizeBytes,
        int partitions,
        String acks,
        String compression,
        double targetRecordsPerSecond,
        long warmupMs,
        long measureMs,
        long prefillBytes) {

    public enum Kind { PRODUCE, CONSUME, END_TO_END }

    public WorkloadSpec {
        if (recordSizeBytes < Long.BYTES && kind == Kind.END_TO_END) {
            throw new IllegalArgumentException(name + ": end-to-end records carry an 8-byte send time, so they need at least 8 bytes");
        }
        if (recordSizeBytes <= 0 || partitions <= 0 || warmupMs < 0 || measureMs <= 0 || targetRecordsPerSecond < 0) {
            throw new IllegalArgumentException(name + ": sizes, partitions and durations must be positive");
        }
    }

    public WorkloadSpec withRecordSizeBytes(int value) {
        return new WorkloadSpec(name, kind, value, partitions, acks, compression, targetRecordsPerSecond, warmupMs, measureMs, prefillBytes);
    }

    public WorkloadSpec withPartitions(int value) {
        return new WorkloadSpec(name, kind, recordSizeBytes, value, acks, compression, targetRecordsPerSecond, warmupMs, measureMs, prefillBytes);
    }

    public WorkloadSpec withAcks(String value) {
        return new WorkloadSpec(name, kind, recordSizeBytes, partitions, value, compression, targetRecordsPerSecond, warmupMs, measureMs, prefillBytes);
    }

    public WorkloadSpec withCompression(String value) {
        return new WorkloadSpec(name, kind, recordSizeBytes, partitions, acks, value, targetRecordsPerSecond, warmupMs, measureMs, prefillBytes);
    }

    public WorkloadSpec withTargetRecordsPerSecond(double value) {
        return new WorkloadSpec(name, kind, recordSizeBytes, partitions, acks, compression, value, warmupMs, measureMs, prefillBytes);
    }

    public WorkloadSpec withDurations(long warmup, long measure) {
        return new WorkloadSpec(name, kind, recordSizeBytes, partitions, acks, compression, targetRecordsPerSecond, warmup, measure, prefillBytes);
    }

    public WorkloadSpec withPrefillBytes(long value) {
        return new WorkloadSpec(name, kind, recordSizeBytes, partitions, acks, compression, targetRecordsPerSecond, warmupMs, measureMs, value);
    }
}
