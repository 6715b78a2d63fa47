package io.brook.broker.group;

import io.brook.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One classic group: its state (see {@link GroupState}), generation, members and committed
 * offsets. A plain data holder with the group's own invariants; the protocol's rules are in
 * {@link GroupCoordinator}. On the coordinator thread only.
 */
final class ClassicGroup {
    private final String groupId;
    private GroupState state = GroupState.EMPTY;
    private long stateTimestampMs;
    private int generationId;
    /** "consumer" for consumer groups; null for a group that only stores offsets. */
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final Map<String, GroupMember> members = new LinkedHashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, not yet used to join. */
    private final Set<String> pendingMembers = new HashSet<>();
    /** group.instance.id to the member id that holds it. */
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Members of the current generation that have not sent SyncGroup yet. */
    private final Set<String> pendingSync = new HashSet<>();
    private final Map<PartitionKey, GroupRecord.OffsetCommit> offsets = new HashMap<>();
    /**
     * Offset commits being written, by partition (a count: a client may have several in flight).
     * Not visible to OffsetFetch yet, but expiry must not remove the partition under them, and a
     * deletion must write a tombstone behind them.
     */
    private final Map<PartitionKey, Integer> pendingCommits = new HashMap<>();
    /** The timer that ends the current join phase. */
    private CoordinatorExecutor.Scheduled joinTimer;
    /** Set when a member joins during the initial delay, which then waits once more. */
    private boolean newMemberAdded;
    private boolean initialDelayRunning;
    private CoordinatorExecutor.Scheduled syncTimer;

    /** A partition's committed offset is keyed by topic name and index. */
    record PartitionKey(String topic, int partition) {
    }

    ClassicGroup(String groupId, long nowMs) {
        this.groupId = groupId;
        this.stateTimestampMs = nowMs;
    }

    String groupId() {
        return groupId;
    }

    GroupState state() {
        return state;
    }

    boolean is(GroupState candidate) {
        return state == candidate;
    }

    long stateTimestampMs() {
        return stateTimestampMs;
    }

    void transitionTo(GroupState next, long nowMs) {
        assert next.canFollow(state) : "group " + groupId + " cannot go from " + state + " to " + next;
        if (!next.canFollow(state)) {
            throw new IllegalStateException("group " + groupId + " cannot go from " + state + " to " + next);
        }
        state = next;
        stateTimestampMs = nowMs;
    }

    void resetStateTimestamp(long nowMs) {
        stateTimestampMs = nowMs;
    }

    int generationId() {
        return generationId;
    }

    String protocolType() {
        return protocolType;
    }

    String protocolName() {
        return protocolName;
    }

    String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    /** Restores what the group log says about a group with no live members. */
    void restore(String storedProtocolType, int storedGenerationId, String storedProtocolName) {
        protocolType = storedProtocolType == null || storedProtocolType.isEmpty() ? null : storedProtocolType;
        generationId = storedGenerationId;
        protocolName = storedProtocolName == null || storedProtocolName.isEmpty() ? null : storedProtocolName;
    }

    // Members.

    Collection<GroupMember> members() {
        return members.values();
    }

    int size() {
        return members.size();
    }

    boolean hasNoMembers() {
        return members.isEmpty();
    }

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    /** The member holding {@code groupInstanceId}, or null. */
    String staticMemberId(String groupInstanceId) {
        return staticMembers.get(groupInstanceId);
    }

    /** Adds a member; the first member of an empty group sets the group's protocol type. */
    void add(GroupMember member, String memberProtocolType) {
        if (members.isEmpty()) {
            protocolType = memberProtocolType;
        }
        members.put(member.memberId(), member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        if (leaderId == null) {
            leaderId = member.memberId();
        }
        pendingMembers.remove(member.memberId());
    }

    void remove(String memberId) {
        GroupMember member = members.remove(memberId);
        if (member == null) {
            return;
        }
        member.cancelExpiry();
        if (member.isStatic()) {
            staticMembers.remove(member.groupInstanceId(), memberId);
        }
        pendingSync.remove(memberId);
        if (isLeader(memberId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** Gives a static member's place to the instance that replaced it. */
    void replaceStaticMember(String oldMemberId, String newMemberId) {
        GroupMember member = members.remove(oldMemberId);
        member.renameTo(newMemberId);
        members.put(newMemberId, member);
        staticMembers.put(member.groupInstanceId(), newMemberId);
        if (pendingSync.remove(oldMemberId)) {
            pendingSync.add(newMemberId);
        }
        if (isLeader(oldMemberId)) {
            leaderId = newMemberId;
        }
    }

    /**
     * NONE when {@code memberId} is a member and, for a static member, still holds {@code
     * groupInstanceId}; else Kafka's error: UNKNOWN_MEMBER_ID, or FENCED_INSTANCE_ID for an
     * instance id now held by a newer member.
     */
    ErrorCode validateMember(String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String holder = staticMembers.get(groupInstanceId);
            if (holder == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            return holder.equals(memberId) ? ErrorCode.NONE : ErrorCode.FENCED_INSTANCE_ID;
        }
        return members.containsKey(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
    }

    boolean isPending(String memberId) {
        return pendingMembers.contains(memberId);
    }

    void addPending(String memberId) {
        pendingMembers.add(memberId);
    }

    void removePending(String memberId) {
        pendingMembers.remove(memberId);
    }

    /** Every known member has rejoined and no member id handed out is still unused. */
    boolean allMembersJoined() {
        for (GroupMember member : members.values()) {
            if (!member.isAwaitingJoin()) {
                return false;
            }
        }
        return pendingMembers.isEmpty();
    }

    /** The join phase waits for the slowest member's rebalance timeout. */
    int rebalanceTimeoutMs() {
        int timeoutMs = 0;
        for (GroupMember member : members.values()) {
            timeoutMs = Math.max(timeoutMs, member.rebalanceTimeoutMs());
        }
        return timeoutMs;
    }

    /** If the leader did not rejoin, one that did becomes leader; false when no member rejoined. */
    boolean electJoinedLeader() {
        GroupMember leader = leaderId == null ? null : members.get(leaderId);
        if (leader != null && leader.isAwaitingJoin()) {
            return true;
        }
        for (GroupMember member : members.values()) {
            if (member.isAwaitingJoin()) {
                leaderId = member.memberId();
                return true;
            }
        }
        return false;
    }

    // Protocols.

    /**
     * True when a member declaring these protocols fits the group: any protocols of a named type
     * for an empty group, else the group's type and a protocol every member supports.
     */
    boolean supportsProtocols(String memberProtocolType, List<MemberProtocol> memberProtocols) {
        if (members.isEmpty()) {
            return memberProtocolType != null && !memberProtocolType.isEmpty() && !memberProtocols.isEmpty();
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        for (MemberProtocol protocol : memberProtocols) {
            if (supportedByAll(protocol.name())) {
                return true;
            }
        }
        return false;
    }

    private boolean supportedByAll(String protocol) {
        for (GroupMember member : members.values()) {
            if (!member.supports(protocol)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The protocol for the next generation, by vote: of the protocols every member supports, each
     * member votes for the one it prefers most; most votes wins, ties going to the earlier
     * preference of the first member.
     */
    String selectProtocol() {
        List<String> candidates = new ArrayList<>();
        GroupMember first = members.values().iterator().next();
        for (MemberProtocol protocol : first.protocols()) {
            if (supportedByAll(protocol.name())) {
                candidates.add(protocol.name());
            }
        }
        int[] votes = new int[candidates.size()];
        for (GroupMember member : members.values()) {
            for (MemberProtocol protocol : member.protocols()) {
                int index = candidates.indexOf(protocol.name());
                if (index >= 0) {
                    votes[index]++;
                    break;
                }
            }
        }
        int winner = 0;
        for (int i = 1; i < votes.length; i++) {
            if (votes[i] > votes[winner]) {
                winner = i;
            }
        }
        return candidates.get(winner);
    }

    /**
     * Starts the next generation when a join phase completes: with members, the protocol is voted
     * and the group awaits the leader's assignment; without, the group is empty.
     */
    void initNextGeneration(long nowMs) {
        generationId++;
        if (members.isEmpty()) {
            protocolName = null;
            transitionTo(GroupState.EMPTY, nowMs);
        } else {
            protocolName = selectProtocol();
            transitionTo(GroupState.COMPLETING_REBALANCE, nowMs);
        }
    }

    // Timers of the rebalance.

    void setJoinTimer(CoordinatorExecutor.Scheduled timer) {
        cancelJoinTimer();
        joinTimer = timer;
    }

    void cancelJoinTimer() {
        if (joinTimer != null) {
            joinTimer.cancel();
            joinTimer = null;
        }
    }

    /** True while the join phase of a group that was empty waits group.initial.rebalance.delay.ms. */
    boolean initialDelayRunning() {
        return initialDelayRunning;
    }

    void setInitialDelayRunning(boolean running) {
        initialDelayRunning = running;
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void setNewMemberAdded(boolean added) {
        newMemberAdded = added;
    }

    Set<String> pendingSync() {
        return pendingSync;
    }

    void setSyncTimer(CoordinatorExecutor.Scheduled timer) {
        cancelSyncTimer();
        syncTimer = timer;
    }

    void cancelSyncTimer() {
        if (syncTimer != null) {
            syncTimer.cancel();
            syncTimer = null;
        }
    }

    // Offsets.

    Map<PartitionKey, GroupRecord.OffsetCommit> offsets() {
        return offsets;
    }

    GroupRecord.OffsetCommit offset(String topic, int partition) {
        return offsets.get(new PartitionKey(topic, partition));
    }

    void putOffset(GroupRecord.OffsetCommit commit) {
        offsets.put(new PartitionKey(commit.topic(), commit.partition()), commit);
    }

    void removeOffset(String topic, int partition) {
        offsets.remove(new PartitionKey(topic, partition));
    }

    void addPendingCommit(String topic, int partition) {
        pendingCommits.merge(new PartitionKey(topic, partition), 1, Integer::sum);
    }

    void removePendingCommit(String topic, int partition) {
        pendingCommits.computeIfPresent(new PartitionKey(topic, partition), (key, count) -> count == 1 ? null : count - 1);
    }

    boolean hasPendingCommit(String topic, int partition) {
        return pendingCommits.containsKey(new PartitionKey(topic, partition));
    }

    boolean hasPendingCommits() {
        return !pendingCommits.isEmpty();
    }

    /** The partitions with a commit in flight. */
    Set<PartitionKey> pendingCommitPartitions() {
        return pendingCommits.keySet();
    }

    /** The group's state for the group log. */
    GroupRecord.GroupMetadata metadataRecord() {
        return new GroupRecord.GroupMetadata(groupId, protocolType == null ? "" : protocolType, generationId,
                protocolName == null ? "" : protocolName, stateTimestampMs);
    }
}
