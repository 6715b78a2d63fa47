package io.brook.broker.group;

/**
 * A durable change to the coordinator's state, as written to the group log and handed back at
 * start. Each record has a key (the group, or the group and a partition); the latest record per
 * key is the state, and a tombstone removes the key.
 */
public sealed interface GroupRecord {
    String groupId();

    /**
     * A committed offset. {@code expireTimestampMs} is -1 unless an OffsetCommit v2-4 gave a
     * retention time; {@code leaderEpoch} is -1 when the client sent none.
     */
    record OffsetCommit(String groupId, String topic, int partition, long offset, int leaderEpoch, String metadata,
                        long commitTimestampMs, long expireTimestampMs) implements GroupRecord {
    }

    /** Removes a committed offset (OffsetDelete, expiry, topic deletion). */
    record OffsetTombstone(String groupId, String topic, int partition) implements GroupRecord {
    }

    /**
     * What a group is when it has no live members: its protocol type ("consumer", or "" for a
     * group that only stores offsets), the last generation and protocol, and when it last changed
     * state (for offset expiry of empty groups).
     */
    record GroupMetadata(String groupId, String protocolType, int generationId, String protocolName,
                         long stateTimestampMs) implements GroupRecord {
    }

    /** Removes a group and, by the coordinator's rules, comes after tombstones for its offsets. */
    record GroupTombstone(String groupId) implements GroupRecord {
    }
}
