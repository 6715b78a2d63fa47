package io.brook.broker.group;

import java.util.List;

/**
 * An OffsetCommit request. A consumer outside group management (or the admin client) commits with
 * generation -1 and an empty member id. {@code retentionTimeMs} is -1 except from OffsetCommit v2-4.
 */
public record OffsetCommitParams(String groupId, int generationId, String memberId, String groupInstanceId,
                                 long retentionTimeMs, List<PartitionOffset> partitions) {
    /** One partition's offset to commit; {@code leaderEpoch} -1 when unknown, {@code metadata} possibly null. */
    public record PartitionOffset(String topic, int partition, long offset, int leaderEpoch, String metadata) {
    }
}
