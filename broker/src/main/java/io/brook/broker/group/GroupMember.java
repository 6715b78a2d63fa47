package io.brook.broker.group;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A member of a classic group, as the coordinator tracks it between requests: what it declared in
 * its last JoinGroup, its assignment, and the responses it is waiting for. On the coordinator
 * thread only.
 */
final class GroupMember {
    private String memberId;
    private final String groupInstanceId;
    private final String clientId;
    private final String clientHost;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    /** In the member's order of preference. */
    private List<MemberProtocol> protocols;
    private byte[] assignment = EMPTY;
    private Consumer<JoinOutcome> awaitingJoin;
    private Consumer<SyncOutcome> awaitingSync;
    /** True until the member's first join phase completes: it gets a longer expiry meanwhile. */
    private boolean isNew = true;
    private CoordinatorExecutor.Scheduled expiry;

    static final byte[] EMPTY = new byte[0];

    GroupMember(String memberId, String groupInstanceId, String clientId, String clientHost, int rebalanceTimeoutMs,
                int sessionTimeoutMs, List<MemberProtocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = protocols;
    }

    String memberId() {
        return memberId;
    }

    /** A static member replaced by a new instance keeps its place under a new id. */
    void renameTo(String newMemberId) {
        memberId = newMemberId;
    }

    String groupInstanceId() {
        return groupInstanceId;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    List<MemberProtocol> protocols() {
        return protocols;
    }

    /** Takes what a rejoin declares. */
    void update(int newRebalanceTimeoutMs, int newSessionTimeoutMs, List<MemberProtocol> newProtocols) {
        rebalanceTimeoutMs = newRebalanceTimeoutMs;
        sessionTimeoutMs = newSessionTimeoutMs;
        protocols = newProtocols;
    }

    boolean supports(String protocolName) {
        return metadataFor(protocolName) != null;
    }

    /** The metadata this member sent for {@code protocolName}, or null if it does not support it. */
    byte[] metadataFor(String protocolName) {
        for (MemberProtocol protocol : protocols) {
            if (protocol.name().equals(protocolName)) {
                return protocol.metadata();
            }
        }
        return null;
    }

    /** True when {@code other} names the same protocols with the same metadata in the same order. */
    boolean sameProtocols(List<MemberProtocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            MemberProtocol mine = protocols.get(i);
            MemberProtocol theirs = other.get(i);
            if (!mine.name().equals(theirs.name()) || !Arrays.equals(mine.metadata(), theirs.metadata())) {
                return false;
            }
        }
        return true;
    }

    byte[] assignment() {
        return assignment;
    }

    void assign(byte[] newAssignment) {
        assignment = newAssignment;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    void awaitJoin(Consumer<JoinOutcome> callback) {
        awaitingJoin = callback;
    }

    /** Answers the JoinGroup this member waits on, if any. */
    void completeJoin(JoinOutcome outcome) {
        Consumer<JoinOutcome> callback = awaitingJoin;
        awaitingJoin = null;
        if (callback != null) {
            callback.accept(outcome);
        }
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    void awaitSync(Consumer<SyncOutcome> callback) {
        awaitingSync = callback;
    }

    /** Answers the SyncGroup this member waits on, if any. */
    void completeSync(SyncOutcome outcome) {
        Consumer<SyncOutcome> callback = awaitingSync;
        awaitingSync = null;
        if (callback != null) {
            callback.accept(outcome);
        }
    }

    boolean isNew() {
        return isNew;
    }

    void joined() {
        isNew = false;
    }

    /** Replaces the member's expiry timer. */
    void expireWith(CoordinatorExecutor.Scheduled next) {
        cancelExpiry();
        expiry = next;
    }

    void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel();
            expiry = null;
        }
    }
}
