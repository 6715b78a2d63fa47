package io.brook.broker.group;

/** Whether a partition exists, so commits to unknown partitions are refused as Kafka refuses them. */
@FunctionalInterface
public interface PartitionLookup {
    boolean exists(String topic, int partition);
}
