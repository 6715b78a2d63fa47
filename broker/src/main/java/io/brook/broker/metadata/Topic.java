package io.brook.broker.metadata;

import io.brook.log.PartitionLog;
import java.util.UUID;

/** A topic and the logs of its partitions, index = partition number. Immutable. */
public record Topic(String name, UUID id, PartitionLog[] partitions) {

    public int partitionCount() {
        return partitions.length;
    }

    /** The log of {@code partition}, or null when the topic has no such partition. */
    public PartitionLog partition(int partition) {
        return partition >= 0 && partition < partitions.length ? partitions[partition] : null;
    }
}
