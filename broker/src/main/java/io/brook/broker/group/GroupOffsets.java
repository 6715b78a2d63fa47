package io.brook.broker.group;

import io.brook.protocol.ErrorCode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Committed offsets: OffsetCommit, OffsetFetch, OffsetDelete and expiry after
 * offsets.retention.minutes, with Kafka's validation rules. A commit is answered once it is in the
 * group log, and only then becomes visible to OffsetFetch. On the coordinator thread only.
 */
final class GroupOffsets {
    private static final System.Logger LOG = System.getLogger(GroupOffsets.class.getName());
    /** OffsetCommit v9 answers an unknown group with GROUP_ID_NOT_FOUND; earlier versions with ILLEGAL_GENERATION. */
    static final short FIRST_VERSION_WITH_GROUP_ID_NOT_FOUND = 9;
    private static final long NO_EXPIRY = -1;

    private final Groups groups;

    GroupOffsets(Groups groups) {
        this.groups = groups;
    }

    // OffsetCommit.

    /**
     * Answers one error per partition, in request order. The partitions exist: the handler
     * answers the others itself, before the group is consulted, as Kafka does.
     */
    void commit(OffsetCommitParams request, short apiVersion, Consumer<List<ErrorCode>> respond) {
        ErrorCode groupError = validateCommit(request, apiVersion);
        if (groupError != ErrorCode.NONE) {
            respond.accept(Collections.nCopies(request.partitions().size(), groupError));
            return;
        }
        ClassicGroup group = groups.getOrCreate(request.groupId());
        long nowMs = groups.nowMs();
        long expireTimestampMs = request.retentionTimeMs() >= 0 ? nowMs + request.retentionTimeMs() : NO_EXPIRY;
        List<ErrorCode> errors = new ArrayList<>(request.partitions().size());
        List<GroupRecord> records = new ArrayList<>();
        for (OffsetCommitParams.PartitionOffset partition : request.partitions()) {
            String metadata = partition.metadata() == null ? "" : partition.metadata();
            if (metadata.length() > groups.config().offsetMetadataMaxBytes()) {
                errors.add(ErrorCode.OFFSET_METADATA_TOO_LARGE);
            } else {
                errors.add(ErrorCode.NONE);
                records.add(new GroupRecord.OffsetCommit(request.groupId(), partition.topic(), partition.partition(), partition.offset(),
                        partition.leaderEpoch(), metadata, nowMs, expireTimestampMs));
            }
        }
        if (records.isEmpty()) {
            respond.accept(errors);
            return;
        }
        for (GroupRecord record : records) {
            GroupRecord.OffsetCommit commit = (GroupRecord.OffsetCommit) record;
            group.addPendingCommit(commit.topic(), commit.partition());
        }
        groups.persist(records, failure -> {
            for (GroupRecord record : records) {
                GroupRecord.OffsetCommit commit = (GroupRecord.OffsetCommit) record;
                group.removePendingCommit(commit.topic(), commit.partition());
            }
            if (failure != null) {
                LOG.log(Level.ERROR, "Group " + request.groupId() + ": could not store committed offsets.", failure);
                errors.replaceAll(error -> error == ErrorCode.NONE ? ErrorCode.COORDINATOR_NOT_AVAILABLE : error);
            } else if (!group.is(GroupState.DEAD)) {
                for (GroupRecord record : records) {
                    group.putOffset((GroupRecord.OffsetCommit) record);
                }
            }
            respond.accept(errors);
        });
    }

    private ErrorCode validateCommit(OffsetCommitParams request, short apiVersion) {
        if (request.groupId() == null) {
            // Only a null id is refused: Kafka keeps commits to the empty group id for old clients.
            return ErrorCode.INVALID_GROUP_ID;
        }
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            if (request.generationId() < 0) {
                // A consumer outside group management, or the admin client: the commit creates a
                // group that only holds offsets.
                return ErrorCode.NONE;
            }
            return apiVersion >= FIRST_VERSION_WITH_GROUP_ID_NOT_FOUND ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION;
        }
        if (request.generationId() < 0 && group.is(GroupState.EMPTY)) {
            return ErrorCode.NONE;
        }
        if (request.generationId() >= 0 || !request.memberId().isEmpty() || request.groupInstanceId() != null) {
            ErrorCode memberError = group.validateMember(request.memberId(), request.groupInstanceId());
            if (memberError != ErrorCode.NONE) {
                return memberError;
            }
            if (request.generationId() != group.generationId()) {
                return ErrorCode.ILLEGAL_GENERATION;
            }
        } else if (!group.is(GroupState.EMPTY)) {
            // No member and no generation: only an empty group takes such commits.
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // The member has its new generation but not its assignment yet.
            return ErrorCode.REBALANCE_IN_PROGRESS;
        }
        return ErrorCode.NONE;
    }

    // OffsetFetch.

    /** The committed offsets of {@code requested} partitions, or every committed offset when it is null. */
    List<GroupCoordinator.FetchedOffset> fetch(String groupId, List<GroupCoordinator.TopicPartitions> requested) {
        ClassicGroup group = groups.get(groupId);
        List<GroupCoordinator.FetchedOffset> fetched = new ArrayList<>();
        if (requested == null) {
            if (group != null) {
                for (GroupRecord.OffsetCommit commit : group.offsets().values()) {
                    fetched.add(fetched(commit));
                }
                fetched.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                        : a.topic().compareTo(b.topic()));
            }
            return fetched;
        }
        for (GroupCoordinator.TopicPartitions topic : requested) {
            for (int partition : topic.partitions()) {
                GroupRecord.OffsetCommit commit = group == null ? null : group.offset(topic.topic(), partition);
                fetched.add(commit == null ? new GroupCoordinator.FetchedOffset(topic.topic(), partition, -1, -1, "") : fetched(commit));
            }
        }
        return fetched;
    }

    private static GroupCoordinator.FetchedOffset fetched(GroupRecord.OffsetCommit commit) {
        return new GroupCoordinator.FetchedOffset(commit.topic(), commit.partition(), commit.offset(), commit.leaderEpoch(), commit.metadata());
    }

    // OffsetDelete.

    void delete(String groupId, List<GroupCoordinator.TopicPartitions> requested, Consumer<GroupCoordinator.OffsetDeleteOutcome> respond) {
        if (groupId == null || groupId.isEmpty()) {
            // Unlike OffsetCommit and OffsetFetch, Kafka keeps no exception for the empty group id here.
            respond.accept(new GroupCoordinator.OffsetDeleteOutcome(ErrorCode.INVALID_GROUP_ID, List.of()));
            return;
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            respond.accept(new GroupCoordinator.OffsetDeleteOutcome(ErrorCode.GROUP_ID_NOT_FOUND, List.of()));
            return;
        }
        Set<String> subscribed = Set.of();
        if (!group.is(GroupState.EMPTY)) {
            if (!"consumer".equals(group.protocolType())) {
                respond.accept(new GroupCoordinator.OffsetDeleteOutcome(ErrorCode.NON_EMPTY_GROUP, List.of()));
                return;
            }
            subscribed = subscribedTopics(group);
        }
        List<ErrorCode> errors = new ArrayList<>();
        List<GroupRecord> tombstones = new ArrayList<>();
        for (GroupCoordinator.TopicPartitions topic : requested) {
            boolean inUse = subscribed == null || subscribed.contains(topic.topic());
            for (int partition : topic.partitions()) {
                if (inUse) {
                    errors.add(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);
                } else {
                    errors.add(ErrorCode.NONE);
                    // A commit in flight lands before this tombstone, which must then remove it.
                    if (group.offset(topic.topic(), partition) != null || group.hasPendingCommit(topic.topic(), partition)) {
                        tombstones.add(new GroupRecord.OffsetTombstone(groupId, topic.topic(), partition));
                    }
                }
            }
        }
        if (tombstones.isEmpty()) {
            respond.accept(new GroupCoordinator.OffsetDeleteOutcome(ErrorCode.NONE, errors));
            return;
        }
        groups.persist(tombstones, failure -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "Group " + groupId + ": could not delete committed offsets.", failure);
                respond.accept(new GroupCoordinator.OffsetDeleteOutcome(ErrorCode.COORDINATOR_NOT_AVAILABLE, List.of()));
                return;
            }
            for (GroupRecord tombstone : tombstones) {
                GroupRecord.OffsetTombstone deleted = (GroupRecord.OffsetTombstone) tombstone;
                group.removeOffset(deleted.topic(), deleted.partition());
            }
            respond.accept(new GroupCoordinator.OffsetDeleteOutcome(ErrorCode.NONE, errors));
        });
    }

    /** The topics the members subscribe to; null when a member's metadata cannot be read (then all count as in use). */
    static Set<String> subscribedTopics(ClassicGroup group) {
        Set<String> topics = new HashSet<>();
        for (GroupMember member : group.members()) {
            byte[] metadata = group.protocolName() != null ? member.metadataFor(group.protocolName())
                    : member.protocols().isEmpty() ? null : member.protocols().get(0).metadata();
            Set<String> memberTopics = ConsumerSubscription.topics(metadata);
            if (memberTopics == null) {
                return null;
            }
            topics.addAll(memberTopics);
        }
        return topics;
    }

    // Topic deletion.

    /**
     * Drops every group's offsets of a deleted topic, so a topic created again under the name
     * starts without them; an empty group left without offsets goes too, as in Kafka.
     */
    void topicDeleted(String topic) {
        for (ClassicGroup group : new ArrayList<>(groups.all())) {
            List<GroupRecord> tombstones = new ArrayList<>();
            for (GroupRecord.OffsetCommit commit : group.offsets().values()) {
                if (commit.topic().equals(topic)) {
                    tombstones.add(new GroupRecord.OffsetTombstone(group.groupId(), topic, commit.partition()));
                }
            }
            int committed = tombstones.size();
            // A first commit in flight lands in the log before these tombstones and needs one too.
            for (ClassicGroup.PartitionKey pending : group.pendingCommitPartitions()) {
                if (pending.topic().equals(topic) && group.offset(topic, pending.partition()) == null) {
                    tombstones.add(new GroupRecord.OffsetTombstone(group.groupId(), topic, pending.partition()));
                }
            }
            if (tombstones.isEmpty()) {
                continue;
            }
            boolean groupGone = group.is(GroupState.EMPTY) && !group.hasPendingCommits() && committed == group.offsets().size();
            if (groupGone) {
                tombstones.add(new GroupRecord.GroupTombstone(group.groupId()));
            }
            removeOffsets(group, tombstones, groupGone, "of deleted topic " + topic);
        }
    }

    /**
     * Drops the offsets of topics that no longer exist: a topic deletion that the coordinator did
     * not hear of (the broker stopped in between) must not leave offsets for a topic created
     * again under the name.
     */
    void dropOffsetsOfMissingTopics(Predicate<String> topicExists) {
        Set<String> missing = new TreeSet<>();
        for (ClassicGroup group : groups.all()) {
            for (GroupRecord.OffsetCommit commit : group.offsets().values()) {
                if (!topicExists.test(commit.topic())) {
                    missing.add(commit.topic());
                }
            }
        }
        missing.forEach(this::topicDeleted);
    }

    // Expiry.

    /**
     * Removes offsets past offsets.retention.minutes, by Kafka's rules: an empty consumer group's
     * offsets expire together, counted from when it became empty; a stable consumer group's
     * offsets of topics no member subscribes to, and a group's that only stores offsets, count
     * from their commit; an OffsetCommit v2-4 retention time overrides both. A group left empty
     * without offsets is deleted.
     */
    void expire() {
        long nowMs = groups.nowMs();
        long retentionMs = groups.config().offsetsRetentionMs();
        for (ClassicGroup group : new ArrayList<>(groups.all())) {
            boolean emptyConsumerGroup = group.protocolType() != null && group.is(GroupState.EMPTY);
            Set<String> subscribed = null;
            if (group.protocolType() != null && !group.is(GroupState.EMPTY)) {
                if (!group.is(GroupState.STABLE) || !"consumer".equals(group.protocolType())) {
                    continue;
                }
                subscribed = subscribedTopics(group);
                if (subscribed == null) {
                    continue;
                }
            }
            List<GroupRecord> tombstones = new ArrayList<>();
            for (Map.Entry<ClassicGroup.PartitionKey, GroupRecord.OffsetCommit> entry : group.offsets().entrySet()) {
                GroupRecord.OffsetCommit commit = entry.getValue();
                if (subscribed != null && subscribed.contains(commit.topic())) {
                    continue;
                }
                if (group.hasPendingCommit(commit.topic(), commit.partition())) {
                    // Its tombstone would land after the new commit and delete it (Kafka skips
                    // partitions with pending commits too).
                    continue;
                }
                boolean expired = commit.expireTimestampMs() != NO_EXPIRY
                        ? nowMs >= commit.expireTimestampMs()
                        : nowMs >= (emptyConsumerGroup ? group.stateTimestampMs() : commit.commitTimestampMs()) + retentionMs;
                if (expired) {
                    tombstones.add(new GroupRecord.OffsetTombstone(group.groupId(), commit.topic(), commit.partition()));
                }
            }
            boolean groupGone = group.is(GroupState.EMPTY) && !group.hasPendingCommits() && tombstones.size() == group.offsets().size();
            if (groupGone) {
                tombstones.add(new GroupRecord.GroupTombstone(group.groupId()));
            }
            if (!tombstones.isEmpty()) {
                removeOffsets(group, tombstones, groupGone, "expired");
            }
        }
    }

    /** Writes {@code tombstones}, then forgets the offsets and, when {@code groupGone} still holds, the group. */
    private void removeOffsets(ClassicGroup group, List<GroupRecord> tombstones, boolean groupGone, String why) {
        groups.persist(tombstones, failure -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "Group " + group.groupId() + ": could not remove offsets " + why + ".", failure);
                return;
            }
            for (GroupRecord record : tombstones) {
                if (record instanceof GroupRecord.OffsetTombstone tombstone) {
                    group.removeOffset(tombstone.topic(), tombstone.partition());
                }
            }
            LOG.log(Level.INFO, "Group {0}: removed {1} committed offset(s) {2}.", group.groupId(), tombstones.size() - (groupGone ? 1 : 0), why);
            // A commit queued behind these tombstones (the group was found again meanwhile) keeps it.
            if (groupGone && group.is(GroupState.EMPTY) && group.offsets().isEmpty() && !group.hasPendingCommits()) {
                group.transitionTo(GroupState.DEAD, groups.nowMs());
                groups.remove(group);
                LOG.log(Level.INFO, "Group {0} is gone: it was empty and had no offsets left.", group.groupId());
            }
        });
    }
}
