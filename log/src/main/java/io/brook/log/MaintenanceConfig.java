package io.brook.log;

/**
 * How often the log manager's background work runs (Kafka's broker-level names).
 *
 * @param flushCheckIntervalMs how often logs are checked for data due a flush ({@code log.flush.scheduler.interval.ms})
 * @param retentionCheckIntervalMs how often retention runs ({@code log.retention.check.interval.ms})
 * @param recoveryPointCheckpointIntervalMs how often the recovery points are written
 *     ({@code log.flush.offset.checkpoint.interval.ms})
 * @param logStartOffsetCheckpointIntervalMs how often the log start offsets are written
 *     ({@code log.flush.start.offset.checkpoint.interval.ms})
 */
public record MaintenanceConfig(
        long flushCheckIntervalMs,
        long retentionCheckIntervalMs,
        long recoveryPointCheckpointIntervalMs,
        long logStartOffsetCheckpointIntervalMs) {

    public MaintenanceConfig {
        if (flushCheckIntervalMs <= 0 || retentionCheckIntervalMs <= 0 || recoveryPointCheckpointIntervalMs <= 0
                || logStartOffsetCheckpointIntervalMs <= 0) {
            throw new IllegalArgumentException("maintenance intervals must be positive");
        }
    }

    /** Kafka's retention and checkpoint intervals; flushes are checked every 100 ms so that flush.ms holds closely. */
    public static MaintenanceConfig defaults() {
        return new MaintenanceConfig(100, 300_000, 60_000, 60_000);
    }
}
