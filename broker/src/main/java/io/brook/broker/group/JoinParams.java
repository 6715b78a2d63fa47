package io.brook.broker.group;

import java.util.List;

/**
 * A JoinGroup request as the coordinator needs it. {@code memberId} is "" on a first join;
 * {@code requireKnownMemberId} is true from JoinGroup v4, where a first join of a dynamic member is
 * answered with MEMBER_ID_REQUIRED and a member id to rejoin with; {@code supportsSkippingAssignment}
 * from JoinGroup v9, where a static leader replaced in a stable group is told it leads but need not
 * assign (KIP-814).
 */
public record JoinParams(String groupId, String memberId, String groupInstanceId, String clientId, String clientHost,
                         int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                         List<MemberProtocol> protocols, boolean requireKnownMemberId, boolean supportsSkippingAssignment) {
}
