package io.brook.broker.group;

import io.brook.protocol.ErrorCode;
import java.util.List;

/**
 * A JoinGroup answer. {@code members} is filled for the leader only: every member with its metadata
 * for the chosen protocol. {@code skipAssignment} tells a static leader that rejoined a stable group
 * to keep the current assignment (JoinGroup v9).
 */
public record JoinOutcome(ErrorCode error, int generationId, String protocolType, String protocolName, String leaderId,
                          String memberId, List<MemberMetadata> members, boolean skipAssignment) {
    /** No generation: Kafka's -1. */
    public static final int NO_GENERATION = -1;

    /** A member as the leader sees it in its JoinGroup response. */
    public record MemberMetadata(String memberId, String groupInstanceId, byte[] metadata) {
    }

    static JoinOutcome error(ErrorCode error, String memberId) {
        return new JoinOutcome(error, NO_GENERATION, null, null, "", memberId, List.of(), false);
    }
}
