package io.brook.ringbuffer;

import io.brook.log.TopicPartition;

/** The stable mapping of a partition to the shard (ring and thread) that is its single writer. */
final class PartitionShard {
    private PartitionShard() {
    }

    static int of(TopicPartition partition, int shardCount) {
        return Math.floorMod(31 * partition.topic().hashCode() + partition.partition(), shardCount);
    }
}
