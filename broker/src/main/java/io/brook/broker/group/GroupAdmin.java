package io.brook.broker.group;

import io.brook.protocol.ErrorCode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** DescribeGroups, ListGroups and DeleteGroups. On the coordinator thread only. */
final class GroupAdmin {
    private static final System.Logger LOG = System.getLogger(GroupAdmin.class.getName());

    private final Groups groups;

    GroupAdmin(Groups groups) {
        this.groups = groups;
    }

    GroupSummary describe(String groupId) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return GroupSummary.unknown(groupId);
        }
        boolean stable = group.is(GroupState.STABLE);
        List<GroupSummary.Member> members = new ArrayList<>();
        for (GroupMember member : group.members()) {
            // Outside Stable there is no chosen protocol to pick the metadata by, but Kafka still
            // shows the assignment each member last got (ClassicGroupMember.describeNoMetadata).
            byte[] metadata = stable ? member.metadataFor(group.protocolName()) : GroupMember.EMPTY;
            members.add(new GroupSummary.Member(member.memberId(), member.groupInstanceId(), member.clientId(), member.clientHost(),
                    metadata, member.assignment()));
        }
        String protocolType = group.protocolType() == null ? "" : group.protocolType();
        String protocolName = stable ? group.protocolName() : "";
        return new GroupSummary(groupId, true, group.state().kafkaName(), protocolType, protocolName, members);
    }

    /**
     * The groups, filtered by state and type names as ListGroups v4/v5 give them (case
     * insensitively; an empty filter lets all through).
     */
    List<GroupListing> list(Set<String> stateFilter, Set<String> typeFilter) {
        List<GroupListing> listings = new ArrayList<>();
        if (!typeFilter.isEmpty() && typeFilter.stream().noneMatch(GroupListing.CLASSIC_TYPE::equalsIgnoreCase)) {
            return listings;
        }
        for (ClassicGroup group : groups.all()) {
            String state = group.state().kafkaName();
            if (!stateFilter.isEmpty() && stateFilter.stream().noneMatch(state::equalsIgnoreCase)) {
                continue;
            }
            listings.add(new GroupListing(group.groupId(), group.protocolType() == null ? "" : group.protocolType(), state));
        }
        return listings;
    }

    /**
     * Deletes an empty group with its offsets: GROUP_ID_NOT_FOUND for an unknown group,
     * NON_EMPTY_GROUP while it has members.
     */
    void delete(String groupId, Consumer<ErrorCode> respond) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            respond.accept(ErrorCode.GROUP_ID_NOT_FOUND);
            return;
        }
        if (!group.is(GroupState.EMPTY)) {
            respond.accept(ErrorCode.NON_EMPTY_GROUP);
            return;
        }
        List<GroupRecord> tombstones = new ArrayList<>();
        for (GroupRecord.OffsetCommit commit : group.offsets().values()) {
            tombstones.add(new GroupRecord.OffsetTombstone(groupId, commit.topic(), commit.partition()));
        }
        // A commit in flight is in the log before these tombstones: without its own tombstone it
        // would bring the group back at the next load.
        for (ClassicGroup.PartitionKey pending : group.pendingCommitPartitions()) {
            if (group.offset(pending.topic(), pending.partition()) == null) {
                tombstones.add(new GroupRecord.OffsetTombstone(groupId, pending.topic(), pending.partition()));
            }
        }
        tombstones.add(new GroupRecord.GroupTombstone(groupId));
        // Dead at once, so that nothing joins or commits while the tombstones are written.
        group.transitionTo(GroupState.DEAD, groups.nowMs());
        groups.remove(group);
        groups.persist(tombstones, failure -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "Group " + groupId + ": could not write its deletion.", failure);
                reinstate(group);
                respond.accept(ErrorCode.COORDINATOR_NOT_AVAILABLE);
                return;
            }
            LOG.log(Level.INFO, "Group {0} deleted.", groupId);
            respond.accept(ErrorCode.NONE);
        });
    }

    /**
     * Puts back a group whose deletion was not stored, so that the log and memory agree and the
     * client's retry can delete it. A group that took its id meanwhile keeps its own state and
     * gains the offsets it does not have.
     */
    private void reinstate(ClassicGroup deleted) {
        ClassicGroup group = groups.getOrCreate(deleted.groupId());
        if (group.is(GroupState.EMPTY) && group.protocolType() == null) {
            group.restore(deleted.protocolType(), deleted.generationId(), deleted.protocolName());
        }
        for (GroupRecord.OffsetCommit commit : deleted.offsets().values()) {
            if (group.offset(commit.topic(), commit.partition()) == null) {
                group.putOffset(commit);
            }
        }
    }
}
