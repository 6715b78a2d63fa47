package io.brook.broker.group;

import io.brook.protocol.ErrorCode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The classic group membership protocol: JoinGroup, SyncGroup, Heartbeat, LeaveGroup and the
 * timers that expire members and end rebalances, following Kafka's classic coordinator. The states
 * and their transitions are described on {@link GroupState}. On the coordinator thread only.
 */
final class GroupMembership {
    private static final System.Logger LOG = System.getLogger(GroupMembership.class.getName());
    /**
     * How long a new member may wait in its first join phase without heartbeats before it is
     * dropped: Kafka's fixed 5 minutes (KIP-394), longer than a session so that a slow first
     * rebalance does not expire the member it waits for.
     */
    static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 300_000;

    private final Groups groups;

    GroupMembership(Groups groups) {
        this.groups = groups;
    }

    // JoinGroup.

    void join(JoinParams request, Consumer<JoinOutcome> respond) {
        GroupCoordinatorConfig config = groups.config();
        if (isEmpty(request.groupId())) {
            respond.accept(JoinOutcome.error(ErrorCode.INVALID_GROUP_ID, request.memberId()));
            return;
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs() || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            respond.accept(JoinOutcome.error(ErrorCode.INVALID_SESSION_TIMEOUT, request.memberId()));
            return;
        }
        boolean unknownMember = request.memberId().isEmpty();
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            if (!unknownMember) {
                respond.accept(JoinOutcome.error(ErrorCode.UNKNOWN_MEMBER_ID, request.memberId()));
                return;
            }
            group = groups.getOrCreate(request.groupId());
        }
        if (!group.supportsProtocols(request.protocolType(), request.protocols())) {
            respond.accept(JoinOutcome.error(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, request.memberId()));
            return;
        }
        if (unknownMember) {
            joinUnknownMember(group, request, respond);
        } else {
            joinKnownMember(group, request, respond);
        }
    }

    private void joinUnknownMember(ClassicGroup group, JoinParams request, Consumer<JoinOutcome> respond) {
        String newMemberId = newMemberId(request.clientId(), request.groupInstanceId());
        if (request.groupInstanceId() != null) {
            String existing = group.staticMemberId(request.groupInstanceId());
            if (existing != null) {
                replaceStaticMember(group, existing, newMemberId, request, respond);
                return;
            }
        } else if (request.requireKnownMemberId()) {
            // The member id comes back with MEMBER_ID_REQUIRED; the client joins again with it.
            // Until then it counts as pending, and the join phase waits for it.
            group.addPending(newMemberId);
            scheduleExpiry(group, newMemberId, null, request.sessionTimeoutMs());
            respond.accept(JoinOutcome.error(ErrorCode.MEMBER_ID_REQUIRED, newMemberId));
            return;
        }
        if (group.size() >= groups.config().maxSize()) {
            respond.accept(JoinOutcome.error(ErrorCode.GROUP_MAX_SIZE_REACHED, ""));
            return;
        }
        addMemberAndRebalance(group, newMemberId, request, respond);
    }

    private void joinKnownMember(ClassicGroup group, JoinParams request, Consumer<JoinOutcome> respond) {
        String memberId = request.memberId();
        if (group.isPending(memberId)) {
            if (group.size() >= groups.config().maxSize()) {
                group.removePending(memberId);
                respond.accept(JoinOutcome.error(ErrorCode.GROUP_MAX_SIZE_REACHED, memberId));
                return;
            }
            addMemberAndRebalance(group, memberId, request, respond);
            return;
        }
        ErrorCode memberError = group.validateMember(memberId, request.groupInstanceId());
        if (memberError != ErrorCode.NONE) {
            respond.accept(JoinOutcome.error(memberError, memberId));
            return;
        }
        GroupMember member = group.member(memberId);
        switch (group.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, request, respond);
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(request.protocols())) {
                    // A retried join of this generation (its response was lost): answer it again.
                    respond.accept(joinResponse(group, member, false));
                } else {
                    updateMemberAndRebalance(group, member, request, respond);
                }
            }
            case STABLE -> {
                if (group.isLeader(memberId) || !member.sameProtocols(request.protocols())) {
                    // The leader rejoins to have the assignment recomputed (metadata changed).
                    updateMemberAndRebalance(group, member, request, respond);
                } else {
                    respond.accept(joinResponse(group, member, false));
                }
            }
            default -> respond.accept(JoinOutcome.error(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    private void addMemberAndRebalance(ClassicGroup group, String memberId, JoinParams request, Consumer<JoinOutcome> respond) {
        GroupMember member = new GroupMember(memberId, request.groupInstanceId(), request.clientId(), request.clientHost(),
                request.rebalanceTimeoutMs(), request.sessionTimeoutMs(), request.protocols());
        member.awaitJoin(respond);
        group.add(member, request.protocolType());
        if (group.initialDelayRunning()) {
            group.setNewMemberAdded(true);
        }
        scheduleExpiry(group, memberId, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
        maybePrepareRebalance(group, "member " + memberId + " joined");
    }

    private void updateMemberAndRebalance(ClassicGroup group, GroupMember member, JoinParams request, Consumer<JoinOutcome> respond) {
        member.update(request.rebalanceTimeoutMs(), request.sessionTimeoutMs(), request.protocols());
        // A second join while one is waiting supersedes it; the first connection is gone or retried.
        member.completeJoin(JoinOutcome.error(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId()));
        member.awaitJoin(respond);
        maybePrepareRebalance(group, "member " + member.memberId() + " rejoined");
    }

    /**
     * A new instance of a static member takes the old one's place under a new member id, with the
     * old one's assignment; the old instance's waiting requests are fenced. In a stable group
     * whose protocol the new instance's protocols do not change, it gets the current generation
     * without a rebalance, as in Kafka's updateStaticMemberThenRebalanceOrCompleteJoin; otherwise
     * the group rebalances.
     */
    private void replaceStaticMember(ClassicGroup group, String oldMemberId, String newMemberId, JoinParams request,
                                     Consumer<JoinOutcome> respond) {
        GroupMember member = group.member(oldMemberId);
        String leaderBefore = group.leaderId();
        member.completeJoin(JoinOutcome.error(ErrorCode.FENCED_INSTANCE_ID, oldMemberId));
        member.completeSync(SyncOutcome.error(ErrorCode.FENCED_INSTANCE_ID));
        group.replaceStaticMember(oldMemberId, newMemberId);
        scheduleExpiry(group, newMemberId, member, request.sessionTimeoutMs());
        if (!group.is(GroupState.STABLE)) {
            updateMemberAndRebalance(group, member, request, respond);
            return;
        }
        member.update(request.rebalanceTimeoutMs(), request.sessionTimeoutMs(), request.protocols());
        if (!group.selectProtocol().equals(group.protocolName())) {
            updateMemberAndRebalance(group, member, request, respond);
            return;
        }
        // Nothing to store: the group log keeps no members, and the group's own record is unchanged.
        if (request.supportsSkippingAssignment()) {
            // JoinGroup v9: a leader learns the members but keeps the assignment it computed.
            respond.accept(joinResponse(group, member, group.isLeader(newMemberId)));
        } else {
            // Before v9 Kafka names the leader as it was before the replacement and lists no
            // members, so that a replaced leader does not compute an assignment a stable group
            // would not hand out.
            respond.accept(new JoinOutcome(ErrorCode.NONE, group.generationId(), group.protocolType(), group.protocolName(),
                    leaderBefore, newMemberId, List.of(), false));
        }
    }

    private static String newMemberId(String clientId, String groupInstanceId) {
        String prefix = groupInstanceId != null ? groupInstanceId : clientId;
        return prefix + "-" + UUID.randomUUID();
    }

    // The join phase.

    private void maybePrepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.STABLE) || group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.EMPTY)) {
            prepareRebalance(group, reason);
        } else if (group.is(GroupState.PREPARING_REBALANCE)) {
            maybeCompleteJoin(group);
        }
    }

    private void prepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // The assignment being computed is for members that are changing: drop it.
            for (GroupMember member : group.members()) {
                member.assign(GroupMember.EMPTY);
                completeSync(group, member, SyncOutcome.error(ErrorCode.REBALANCE_IN_PROGRESS));
            }
        }
        group.cancelSyncTimer();
        group.pendingSync().clear();
        boolean fromEmpty = group.is(GroupState.EMPTY);
        group.transitionTo(GroupState.PREPARING_REBALANCE, groups.nowMs());
        LOG.log(Level.INFO, "Group {0}: preparing to rebalance generation {1} ({2}).", group.groupId(), group.generationId(), reason);
        int rebalanceTimeoutMs = group.rebalanceTimeoutMs();
        if (fromEmpty) {
            // KIP-134: the first rebalance of an empty group waits for more members, so that a
            // group starting many consumers does not rebalance once per consumer. The first wait
            // is the whole delay, as in Kafka; only its extensions are bounded by the rebalance timeout.
            int delayMs = groups.config().initialRebalanceDelayMs();
            group.setNewMemberAdded(false);
            group.setInitialDelayRunning(true);
            scheduleInitialJoin(group, delayMs, Math.max(rebalanceTimeoutMs - delayMs, 0));
        } else {
            scheduleJoinTimeout(group);
            maybeCompleteJoin(group);
        }
    }

    /** The join phase ends after the largest rebalance timeout, with the members that rejoined by then. */
    private void scheduleJoinTimeout(ClassicGroup group) {
        int generation = group.generationId();
        group.setJoinTimer(groups.executor().schedule(group.rebalanceTimeoutMs(), () -> {
            if (group.is(GroupState.PREPARING_REBALANCE) && group.generationId() == generation) {
                completeJoin(group);
            }
        }));
    }

    private void scheduleInitialJoin(ClassicGroup group, int delayMs, int remainingMs) {
        int generation = group.generationId();
        group.setJoinTimer(groups.executor().schedule(delayMs, () -> {
            if (!group.is(GroupState.PREPARING_REBALANCE) || group.generationId() != generation) {
                return;
            }
            if (group.newMemberAdded() && remainingMs > 0) {
                group.setNewMemberAdded(false);
                int nextDelayMs = Math.min(groups.config().initialRebalanceDelayMs(), remainingMs);
                scheduleInitialJoin(group, nextDelayMs, Math.max(remainingMs - nextDelayMs, 0));
            } else {
                completeJoin(group);
            }
        }));
    }

    /** Ends the join phase early once every member has rejoined, unless the initial delay runs. */
    private void maybeCompleteJoin(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && group.allMembersJoined() && !group.initialDelayRunning()) {
            completeJoin(group);
        }
    }

    /**
     * Ends the join phase: dynamic members that did not rejoin are dropped, the next generation
     * starts, and every waiting member gets its JoinGroup response (the leader with all members'
     * metadata). Members then have a rebalance timeout to send SyncGroup.
     */
    private void completeJoin(ClassicGroup group) {
        group.cancelJoinTimer();
        group.setInitialDelayRunning(false);
        for (GroupMember member : new ArrayList<>(group.members())) {
            if (!member.isAwaitingJoin() && !member.isStatic()) {
                LOG.log(Level.INFO, "Group {0}: removing member {1}, which did not rejoin in time.", group.groupId(), member.memberId());
                group.remove(member.memberId());
            }
        }
        if (!group.hasNoMembers() && !group.electJoinedLeader()) {
            // Only static members that did not rejoin are left: wait for them (or for their
            // sessions to expire) through another join timeout.
            scheduleJoinTimeout(group);
            return;
        }
        group.initNextGeneration(groups.nowMs());
        if (group.is(GroupState.EMPTY)) {
            LOG.log(Level.INFO, "Group {0} is empty at generation {1}.", group.groupId(), group.generationId());
            groups.persist(List.of(group.metadataRecord()), failure -> logStoreFailure(group, failure));
            return;
        }
        LOG.log(Level.INFO, "Group {0}: generation {1} with {2} member(s), protocol {3}, leader {4}.", group.groupId(),
                group.generationId(), group.size(), group.protocolName(), group.leaderId());
        for (GroupMember member : group.members()) {
            group.pendingSync().add(member.memberId());
            if (member.isAwaitingJoin()) {
                member.completeJoin(joinResponse(group, member, false));
                member.joined();
            }
            // Every member's session starts afresh with the generation, a static member that
            // did not rejoin included, as in Kafka.
            scheduleExpiry(group, member.memberId(), member, member.sessionTimeoutMs());
        }
        int generation = group.generationId();
        group.setSyncTimer(groups.executor().schedule(group.rebalanceTimeoutMs(), () -> expirePendingSync(group, generation)));
    }

    private static JoinOutcome joinResponse(ClassicGroup group, GroupMember member, boolean skipAssignment) {
        List<JoinOutcome.MemberMetadata> members = List.of();
        if (group.isLeader(member.memberId())) {
            members = new ArrayList<>();
            for (GroupMember each : group.members()) {
                members.add(new JoinOutcome.MemberMetadata(each.memberId(), each.groupInstanceId(), each.metadataFor(group.protocolName())));
            }
        }
        return new JoinOutcome(ErrorCode.NONE, group.generationId(), group.protocolType(), group.protocolName(), group.leaderId(),
                member.memberId(), members, skipAssignment);
    }

    /** Members that got their JoinGroup response but sent no SyncGroup within the rebalance timeout leave. */
    private void expirePendingSync(ClassicGroup group, int generation) {
        if (group.generationId() != generation || group.pendingSync().isEmpty()
                || !(group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.STABLE))) {
            return;
        }
        for (String memberId : new ArrayList<>(group.pendingSync())) {
            LOG.log(Level.INFO, "Group {0}: removing member {1}, which did not sync in time.", group.groupId(), memberId);
            removeMember(group, memberId, "member " + memberId + " did not sync");
        }
    }

    // SyncGroup.

    void sync(SyncParams request, Consumer<SyncOutcome> respond) {
        if (isEmpty(request.groupId())) {
            respond.accept(SyncOutcome.error(ErrorCode.INVALID_GROUP_ID));
            return;
        }
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            respond.accept(SyncOutcome.error(ErrorCode.UNKNOWN_MEMBER_ID));
            return;
        }
        ErrorCode memberError = group.validateMember(request.memberId(), request.groupInstanceId());
        if (memberError != ErrorCode.NONE) {
            respond.accept(SyncOutcome.error(memberError));
            return;
        }
        if (request.generationId() != group.generationId()) {
            respond.accept(SyncOutcome.error(ErrorCode.ILLEGAL_GENERATION));
            return;
        }
        if (request.protocolType() != null && !request.protocolType().equals(group.protocolType())
                || request.protocolName() != null && !request.protocolName().equals(group.protocolName())) {
            respond.accept(SyncOutcome.error(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
            return;
        }
        GroupMember member = group.member(request.memberId());
        switch (group.state()) {
            case PREPARING_REBALANCE -> respond.accept(SyncOutcome.error(ErrorCode.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                group.pendingSync().remove(member.memberId());
                // A repeated SyncGroup supersedes the one waiting, which is answered rather than
                // dropped: its connection answers in order and would stall behind it.
                member.completeSync(SyncOutcome.error(ErrorCode.REBALANCE_IN_PROGRESS));
                member.awaitSync(respond);
                if (group.isLeader(member.memberId())) {
                    storeAssignment(group, request);
                }
            }
            case STABLE -> {
                group.pendingSync().remove(member.memberId());
                scheduleExpiry(group, member.memberId(), member, member.sessionTimeoutMs());
                respond.accept(new SyncOutcome(ErrorCode.NONE, group.protocolType(), group.protocolName(), member.assignment()));
            }
            default -> respond.accept(SyncOutcome.error(ErrorCode.UNKNOWN_MEMBER_ID));
        }
    }

    /**
     * The leader's assignment: stored with the group's metadata, then handed to every member
     * waiting in SyncGroup, and the group is stable. If the group moved on while the write was in
     * flight, the assignment is dropped (the waiting members were answered when it moved).
     */
    private void storeAssignment(ClassicGroup group, SyncParams leaderSync) {
        int generation = group.generationId();
        groups.persist(List.of(group.metadataRecord()), failure -> {
            if (!group.is(GroupState.COMPLETING_REBALANCE) || group.generationId() != generation) {
                return;
            }
            if (failure != null) {
                logStoreFailure(group, failure);
                // As Kafka: the waiting members hear the store's error (COORDINATOR_NOT_AVAILABLE,
                // as for a failed commit), then the group rebalances.
                for (GroupMember member : group.members()) {
                    member.assign(GroupMember.EMPTY);
                    completeSync(group, member, SyncOutcome.error(ErrorCode.COORDINATOR_NOT_AVAILABLE));
                }
                prepareRebalance(group, "the assignment could not be stored");
                return;
            }
            for (GroupMember member : group.members()) {
                byte[] assignment = leaderSync.assignments().get(member.memberId());
                member.assign(assignment == null ? GroupMember.EMPTY : assignment);
            }
            group.transitionTo(GroupState.STABLE, groups.nowMs());
            for (GroupMember member : group.members()) {
                completeSync(group, member, new SyncOutcome(ErrorCode.NONE, group.protocolType(), group.protocolName(), member.assignment()));
            }
            LOG.log(Level.INFO, "Group {0} is stable at generation {1}.", group.groupId(), generation);
        });
    }

    /**
     * Answers the SyncGroup {@code member} waits on, if any, and restarts its session. While it
     * waited its expiry was only postponed one session at a time, so without the restart it could
     * be dropped moments after its answer, before it could heartbeat (Kafka's propagateAssignment
     * restarts it for the same reason).
     */
    private void completeSync(ClassicGroup group, GroupMember member, SyncOutcome outcome) {
        if (member.isAwaitingSync()) {
            member.completeSync(outcome);
            scheduleExpiry(group, member.memberId(), member, member.sessionTimeoutMs());
        }
    }

    // Heartbeat.

    void heartbeat(String groupId, int generationId, String memberId, String groupInstanceId, Consumer<ErrorCode> respond) {
        if (isEmpty(groupId)) {
            respond.accept(ErrorCode.INVALID_GROUP_ID);
            return;
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            respond.accept(ErrorCode.UNKNOWN_MEMBER_ID);
            return;
        }
        ErrorCode memberError = group.validateMember(memberId, groupInstanceId);
        if (memberError != ErrorCode.NONE) {
            respond.accept(memberError);
            return;
        }
        if (generationId != group.generationId()) {
            respond.accept(ErrorCode.ILLEGAL_GENERATION);
            return;
        }
        GroupMember member = group.member(memberId);
        switch (group.state()) {
            case PREPARING_REBALANCE -> {
                scheduleExpiry(group, memberId, member, member.sessionTimeoutMs());
                respond.accept(ErrorCode.REBALANCE_IN_PROGRESS);
            }
            case COMPLETING_REBALANCE, STABLE -> {
                scheduleExpiry(group, memberId, member, member.sessionTimeoutMs());
                respond.accept(ErrorCode.NONE);
            }
            default -> respond.accept(ErrorCode.UNKNOWN_MEMBER_ID);
        }
    }

    // LeaveGroup.

    void leave(String groupId, List<GroupCoordinator.LeavingMember> leaving, Consumer<GroupCoordinator.LeaveOutcome> respond) {
        List<ErrorCode> errors = new ArrayList<>();
        if (isEmpty(groupId)) {
            respond.accept(new GroupCoordinator.LeaveOutcome(ErrorCode.INVALID_GROUP_ID, errors));
            return;
        }
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            leaving.forEach(member -> errors.add(ErrorCode.UNKNOWN_MEMBER_ID));
            respond.accept(new GroupCoordinator.LeaveOutcome(ErrorCode.NONE, errors));
            return;
        }
        for (GroupCoordinator.LeavingMember member : leaving) {
            errors.add(leave(group, member));
        }
        respond.accept(new GroupCoordinator.LeaveOutcome(ErrorCode.NONE, errors));
    }

    private ErrorCode leave(ClassicGroup group, GroupCoordinator.LeavingMember leaving) {
        if (leaving.groupInstanceId() != null) {
            String holder = group.staticMemberId(leaving.groupInstanceId());
            if (holder == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            if (!leaving.memberId().isEmpty() && !leaving.memberId().equals(holder)) {
                return ErrorCode.FENCED_INSTANCE_ID;
            }
            removeMember(group, holder, "static member " + leaving.groupInstanceId() + " left");
            return ErrorCode.NONE;
        }
        if (group.isPending(leaving.memberId())) {
            // A member id handed out with MEMBER_ID_REQUIRED and never used to join. Kafka counts
            // its leave like any other: a stable group rebalances.
            group.removePending(leaving.memberId());
            switch (group.state()) {
                case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, "pending member " + leaving.memberId() + " left");
                case PREPARING_REBALANCE -> maybeCompleteJoin(group);
                default -> {
                }
            }
            return ErrorCode.NONE;
        }
        if (!group.hasMember(leaving.memberId())) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        removeMember(group, leaving.memberId(), "member " + leaving.memberId() + " left");
        return ErrorCode.NONE;
    }

    /** Removes a member (it left, or its session expired) and rebalances the others. */
    private void removeMember(ClassicGroup group, String memberId, String reason) {
        GroupMember member = group.member(memberId);
        if (member == null) {
            return;
        }
        member.completeJoin(JoinOutcome.error(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
        member.completeSync(SyncOutcome.error(ErrorCode.UNKNOWN_MEMBER_ID));
        group.remove(memberId);
        switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
            case PREPARING_REBALANCE -> maybeCompleteJoin(group);
            default -> {
            }
        }
    }

    // Session expiry.

    /**
     * (Re)starts the timer that removes {@code memberId} if nothing is heard of it for {@code
     * timeoutMs}. A member waiting in JoinGroup or SyncGroup is kept alive: the rebalance's own
     * timeouts bound that wait. {@code member} is null for a pending member id.
     */
    private void scheduleExpiry(ClassicGroup group, String memberId, GroupMember member, int timeoutMs) {
        CoordinatorExecutor.Scheduled timer = groups.executor().schedule(timeoutMs, () -> expire(group, memberId, member));
        if (member != null) {
            member.expireWith(timer);
        }
    }

    private void expire(ClassicGroup group, String memberId, GroupMember member) {
        if (member == null) {
            if (group.isPending(memberId)) {
                LOG.log(Level.INFO, "Group {0}: member id {1} was handed out but never used; forgetting it.", group.groupId(), memberId);
                group.removePending(memberId);
                maybeCompleteJoin(group);
            }
            return;
        }
        if (group.member(member.memberId()) != member) {
            return;
        }
        if (member.isAwaitingJoin() && !member.isNew() || member.isAwaitingSync()) {
            scheduleExpiry(group, member.memberId(), member, member.sessionTimeoutMs());
            return;
        }
        LOG.log(Level.INFO, "Group {0}: member {1} expired (no heartbeat within {2} ms).", group.groupId(), member.memberId(),
                member.isNew() ? NEW_MEMBER_JOIN_TIMEOUT_MS : member.sessionTimeoutMs());
        removeMember(group, member.memberId(), "member " + member.memberId() + " expired");
    }

    /**
     * The membership APIs refuse the empty group id with INVALID_GROUP_ID, as Kafka does (only
     * OffsetCommit, OffsetFetch, DescribeGroups and DeleteGroups keep it, for old clients).
     */
    private static boolean isEmpty(String groupId) {
        return groupId == null || groupId.isEmpty();
    }

    private static void logStoreFailure(ClassicGroup group, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.ERROR, "Group " + group.groupId() + ": could not write to the group log.", failure);
        }
    }
}
