package io.brook.broker.group;

/**
 * The coordinator's settings, read from BrokerConfig under Kafka's names, with Kafka's defaults:
 * {@code group.initial.rebalance.delay.ms} (3000), {@code group.min.session.timeout.ms} (6000),
 * {@code group.max.session.timeout.ms} (1800000), {@code group.max.size} (unbounded),
 * {@code offsets.retention.minutes} (7 days), {@code offsets.retention.check.interval.ms} (600000)
 * and {@code offset.metadata.max.bytes} (4096).
 */
public record GroupCoordinatorConfig(int initialRebalanceDelayMs, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                                     int maxSize, long offsetsRetentionMs, long offsetsRetentionCheckIntervalMs,
                                     int offsetMetadataMaxBytes) {
}
