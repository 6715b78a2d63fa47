package io.brook.broker.group;

import io.brook.protocol.ErrorCode;

/** A SyncGroup answer: the member's assignment, and the group's protocol to echo (SyncGroup v5). */
public record SyncOutcome(ErrorCode error, String protocolType, String protocolName, byte[] assignment) {
    static SyncOutcome error(ErrorCode error) {
        return new SyncOutcome(error, null, null, GroupMember.EMPTY);
    }
}
