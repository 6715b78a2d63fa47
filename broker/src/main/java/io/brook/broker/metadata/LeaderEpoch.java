package io.brook.broker.metadata;

import io.brook.protocol.ErrorCode;

/**
 * The leader epoch of every partition. A single node leads every partition from its creation on,
 * so the epoch never changes: 0, stamped into every batch and reported in metadata, which is
 * monotonic as clients require (KAFKA-COMPAT 1.6).
 */
public final class LeaderEpoch {
    public static final int CURRENT = 0;
    /** What a request sends when it does not know the epoch. */
    public static final int UNKNOWN = -1;

    private LeaderEpoch() {
    }

    /**
     * Kafka's check of a request's current leader epoch: unknown passes; newer than ours is
     * UNKNOWN_LEADER_EPOCH (the client is ahead of this broker), older is FENCED_LEADER_EPOCH.
     */
    public static ErrorCode check(int requestedEpoch) {
        if (requestedEpoch == UNKNOWN || requestedEpoch == CURRENT) {
            return ErrorCode.NONE;
        }
        return requestedEpoch > CURRENT ? ErrorCode.UNKNOWN_LEADER_EPOCH : ErrorCode.FENCED_LEADER_EPOCH;
    }
}
