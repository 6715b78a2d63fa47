package io.brook.broker.group;

import java.util.List;

/**
 * A group as DescribeGroups shows it. Member metadata is filled only in the Stable state, as Kafka
 * fills it, and {@code protocolName} is "" otherwise; assignments are the members' last ones in
 * every state. An unknown group is described as Dead with {@link #found} false.
 */
public record GroupSummary(String groupId, boolean found, String state, String protocolType, String protocolName,
                           List<Member> members) {
    /** A member as described. */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost, byte[] metadata,
                         byte[] assignment) {
    }

    static GroupSummary unknown(String groupId) {
        return new GroupSummary(groupId, false, GroupState.DEAD.kafkaName(), "", "", List.of());
    }
}
