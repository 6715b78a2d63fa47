package io.brook.broker.group;

import static io.brook.broker.group.GroupTestKit.CONSUMER;
import static io.brook.broker.group.GroupTestKit.GROUP;
import static io.brook.broker.group.GroupTestKit.INITIAL_DELAY_MS;
import static io.brook.broker.group.GroupTestKit.REBALANCE_MS;
import static io.brook.broker.group.GroupTestKit.SESSION_MS;
import static io.brook.broker.group.GroupTestKit.assignment;
import static io.brook.broker.group.GroupTestKit.byMemberId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.brook.broker.group.GroupTestKit.Join;
import io.brook.broker.group.GroupTestKit.Joining;
import io.brook.broker.group.GroupTestKit.Reply;
import io.brook.broker.group.GroupTestKit.StableGroup;
import io.brook.protocol.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rebalances of a running group: members joining and leaving, the session, rebalance and pending-sync timers. */
class GroupRebalanceTest {
    private static final Join A = Join.consumer().client("a");
    private static final Join B = Join.consumer().client("b");
    private static final Join C = Join.consumer().client("c");

    private final GroupTestKit kit = GroupTestKit.start();

    @Test
    void aSecondMemberJoiningAStableGroupRebalancesItAtOnceWhenTheFirstRejoins() {
        StableGroup group = kit.stableGroup(A);
        Joining b = kit.joinNew(B);
        assertEquals("PreparingRebalance", kit.state(GROUP));
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, kit.heartbeat(group.leader(), 1));
        assertFalse(b.reply().answered());

        Reply<JoinOutcome> a = kit.join(A.member(group.leader()));
        // No initial delay: the group was not Empty, and every member has rejoined.
        JoinOutcome leader = a.get();
        JoinOutcome follower = b.reply().get();
        assertEquals(2, leader.generationId());
        assertEquals(2, follower.generationId());
        assertEquals(group.leader(), leader.leaderId());
        assertEquals(group.leader(), follower.leaderId());
        assertEquals(Set.of(group.leader(), b.memberId()), memberIds(leader));
        assertEquals(List.of(), follower.members());
        assertEquals("CompletingRebalance", kit.state(GROUP));
    }

    @Test
    void aMemberThatDoesNotRejoinWithinTheRebalanceTimeoutIsDroppedAndTheOthersGoOn() {
        StableGroup group = kit.stableGroup(A, B);
        Joining c = kit.joinNew(C);
        Reply<JoinOutcome> a = kit.join(A.member(group.leader()));
        // B keeps heartbeating, so its session holds, but it never rejoins.
        for (int elapsedMs = 5_000; elapsedMs < REBALANCE_MS; elapsedMs += 5_000) {
            kit.executor.advance(5_000);
            assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, kit.heartbeat(group.member(1), 1));
        }
        kit.executor.advance(4_999);
        assertFalse(a.answered());
        assertFalse(c.reply().answered());

        kit.executor.advance(1);
        assertEquals(2, a.get().generationId());
        assertEquals(2, c.reply().get().generationId());
        assertEquals(Set.of(group.leader(), c.memberId()), memberIds(a.get()));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.heartbeat(group.member(1), 1));
    }

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedAfterItsSessionTimeoutAndTheGroupRebalances() {
        StableGroup group = kit.stableGroup(A, B);
        // Both sessions restarted when the leader's assignment reached them.
        kit.executor.advance(SESSION_MS - 1_000);
        assertEquals(ErrorCode.NONE, kit.heartbeat(group.leader(), 1));
        kit.executor.advance(999);
        assertEquals(2, kit.describe(GROUP).members().size());
        assertEquals("Stable", kit.state(GROUP));

        kit.executor.advance(1);
        assertEquals(List.of(group.leader()), memberIds(kit.describe(GROUP)));
        assertEquals("PreparingRebalance", kit.state(GROUP));
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, kit.heartbeat(group.leader(), 1));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.heartbeat(group.member(1), 1));

        JoinOutcome rejoined = kit.join(A.member(group.leader())).get();
        assertEquals(2, rejoined.generationId());
        assertEquals(Set.of(group.leader()), memberIds(rejoined));
    }

    @Test
    void heartbeatsKeepAMemberAliveForMuchLongerThanItsSession() {
        StableGroup group = kit.stableGroup(A);
        for (int i = 0; i < 10; i++) {
            kit.executor.advance(SESSION_MS - 1);
            assertEquals(ErrorCode.NONE, kit.heartbeat(group.leader(), 1));
        }
        assertEquals("Stable", kit.state(GROUP));
        kit.executor.advance(SESSION_MS);
        assertEquals("Empty", kit.state(GROUP));
    }

    @Test
    void aMemberWaitingInJoinGroupIsNotExpiredBySessionTimeout() {
        StableGroup group = kit.stableGroup(A, B);
        Joining c = kit.joinNew(C);
        Reply<JoinOutcome> a = kit.join(A.member(group.leader()));
        // A sends nothing more for three sessions while B, heartbeating, holds the join phase open.
        for (int elapsedMs = 5_000; elapsedMs < REBALANCE_MS; elapsedMs += 5_000) {
            kit.executor.advance(5_000);
            kit.heartbeat(group.member(1), 1);
        }
        kit.executor.advance(5_000);
        assertEquals(ErrorCode.NONE, a.get().error());
        assertEquals(2, a.get().generationId());
        assertEquals(ErrorCode.NONE, c.reply().get().error());
    }

    @Test
    void aFollowerWaitingInSyncGroupIsNotExpiredAndGetsAFullSessionOnceItHasItsAssignment() {
        Joining a = kit.joinNew(A);
        Joining b = kit.joinNew(B);
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        assertEquals(1, b.reply().get().generationId());
        Reply<SyncOutcome> followerSync = kit.sync(b.memberId(), 1);
        // The leader takes 2.5 sessions to assign, heartbeating meanwhile; the follower waits silently.
        for (int i = 0; i < 5; i++) {
            kit.executor.advance(5_000);
            assertEquals(ErrorCode.NONE, kit.heartbeat(a.memberId(), 1));
        }
        kit.sync(a.memberId(), 1, Map.of(a.memberId(), assignment(0), b.memberId(), assignment(1)));
        assertEquals(ErrorCode.NONE, followerSync.get().error());

        kit.executor.advance(5_000);
        assertEquals(ErrorCode.NONE, kit.heartbeat(a.memberId(), 1));
        kit.executor.advance(SESSION_MS - 5_000 - 1);
        assertEquals(Set.of(a.memberId(), b.memberId()), new HashSet<>(memberIds(kit.describe(GROUP))),
                "the follower has a whole session to heartbeat after its SyncGroup is answered");
        kit.executor.advance(1);
        assertEquals(List.of(a.memberId()), memberIds(kit.describe(GROUP)));
    }

    @Test
    void aFollowerWhoseWaitingSyncGroupIsAnsweredRebalanceInProgressHasAWholeSessionToRejoin() {
        Joining a = kit.joinNew(A);
        Joining b = kit.joinNew(B);
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        Reply<SyncOutcome> followerSync = kit.sync(b.memberId(), 1);
        for (int i = 0; i < 5; i++) {
            kit.executor.advance(5_000);
            assertEquals(ErrorCode.NONE, kit.heartbeat(a.memberId(), 1));
        }
        Joining c = kit.joinNew(C);
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, followerSync.get().error());

        kit.executor.advance(SESSION_MS - 1);
        Reply<JoinOutcome> bRejoin = kit.join(B.member(b.memberId()));
        Reply<JoinOutcome> aRejoin = kit.join(A.member(a.memberId()));
        assertEquals(ErrorCode.NONE, bRejoin.get().error());
        assertEquals(2, aRejoin.get().generationId());
        assertEquals(Set.of(a.memberId(), b.memberId(), c.memberId()), memberIds(aRejoin.get()));
    }

    @Test
    void aMemberThatGetsItsJoinResponseButNeverSyncsIsRemovedAfterTheRebalanceTimeout() {
        Joining a = kit.joinNew(A);
        Joining b = kit.joinNew(B);
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        assertEquals(ErrorCode.NONE, kit.sync(a.memberId(), 1, Map.of(a.memberId(), assignment(0))).get().error());
        assertEquals("Stable", kit.state(GROUP));
        // B heartbeats, which keeps its session, but heartbeats do not stand in for its SyncGroup.
        for (int elapsedMs = 5_000; elapsedMs < REBALANCE_MS; elapsedMs += 5_000) {
            kit.executor.advance(5_000);
            assertEquals(ErrorCode.NONE, kit.heartbeat(b.memberId(), 1));
            assertEquals(ErrorCode.NONE, kit.heartbeat(a.memberId(), 1));
        }
        kit.executor.advance(4_999);
        assertEquals("Stable", kit.state(GROUP));

        kit.executor.advance(1);
        assertEquals("PreparingRebalance", kit.state(GROUP));
        assertEquals(List.of(a.memberId()), memberIds(kit.describe(GROUP)));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, kit.heartbeat(b.memberId(), 1));
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, kit.heartbeat(a.memberId(), 1));
    }

    @Test
    void whenNoMemberSyncsTheGroupEndsEmptyInTheNextGeneration() {
        Joining a = kit.joinNew(A);
        Joining b = kit.joinNew(B);
        kit.executor.advance(2L * INITIAL_DELAY_MS);
        long joinCompletedMs = kit.executor.nowMs();
        for (int elapsedMs = 5_000; elapsedMs <= REBALANCE_MS; elapsedMs += 5_000) {
            kit.executor.advance(5_000);
            kit.heartbeat(a.memberId(), 1);
            kit.heartbeat(b.memberId(), 1);
        }
        assertEquals("Empty", kit.state(GROUP));
        assertEquals(new GroupRecord.GroupMetadata(GROUP, CONSUMER, 2, "", joinCompletedMs + REBALANCE_MS), lastRecord());
    }

    @Test
    void leaveGroupRemovesSeveralMembersAtOnceAndAnswersEachUnknownOneOnItsOwn() {
        StableGroup group = kit.stableGroup(A, B, C);
        GroupCoordinator.LeaveOutcome outcome = kit.leave(GROUP, byMemberId(group.member(1)), byMemberId("ghost"), byMemberId(group.member(2)));
        assertEquals(ErrorCode.NONE, outcome.error());
        assertEquals(List.of(ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.NONE), outcome.memberErrors());
        assertEquals("PreparingRebalance", kit.state(GROUP));
        assertEquals(List.of(group.leader()), memberIds(kit.describe(GROUP)));
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, kit.heartbeat(group.leader(), 1));

        JoinOutcome rejoined = kit.join(A.member(group.leader())).get();
        assertEquals(2, rejoined.generationId());
        assertEquals(Set.of(group.leader()), memberIds(rejoined));
    }

    @Test
    void theLastMemberLeavingLeavesTheGroupEmptyInTheNextGeneration() {
        StableGroup group = kit.stableGroup(A);
        GroupCoordinator.LeaveOutcome outcome = kit.leave(GROUP, byMemberId(group.leader()));
        assertEquals(List.of(ErrorCode.NONE), outcome.memberErrors());
        assertEquals("Empty", kit.state(GROUP));
        assertEquals(new GroupRecord.GroupMetadata(GROUP, CONSUMER, 2, "", kit.executor.nowMs()), lastRecord());

        // Empty again, so the next first member waits out the initial delay, and gets generation 3.
        Joining next = kit.joinNew(B);
        kit.executor.advance(INITIAL_DELAY_MS - 1);
        assertFalse(next.reply().answered());
        kit.executor.advance(1);
        assertEquals(3, next.reply().get().generationId());
    }

    @Test
    void leaveGroupOfAnUnknownGroupAnswersEveryMemberUnknown() {
        GroupCoordinator.LeaveOutcome outcome = kit.leave("nope", byMemberId("x"), byMemberId("y"));
        assertEquals(ErrorCode.NONE, outcome.error());
        assertEquals(List.of(ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.UNKNOWN_MEMBER_ID), outcome.memberErrors());
    }

    @Test
    void aMemberLeavingWhileItWaitsInJoinGroupGetsUnknownMemberIdAndTheOthersComplete() {
        StableGroup group = kit.stableGroup(A, B);
        Reply<JoinOutcome> a = kit.join(A.member(group.leader()));
        Reply<JoinOutcome> b = kit.join(B.member(group.member(1)));
        assertEquals(2, a.get().generationId(), "both rejoined: the join phase ended at once");

        Reply<JoinOutcome> aAgain = kit.join(A.withProtocols(GroupTestKit.protocol("range", "payments")).member(group.leader()));
        assertFalse(aAgain.answered());
        assertEquals(List.of(ErrorCode.NONE), kit.leave(GROUP, byMemberId(group.leader())).memberErrors());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, aAgain.get().error());
        assertEquals(ErrorCode.NONE, b.get().error());
    }

    @Test
    void anIdHandedOutWithMemberIdRequiredHoldsUpTheJoinPhaseUntilItsSessionEnds() {
        StableGroup group = kit.stableGroup(A);
        kit.executor.advance(1_000);
        long handedOutMs = kit.executor.nowMs();
        kit.memberIdRequired(B);
        assertEquals("Stable", kit.state(GROUP), "a member id handed out does not start a rebalance by itself");

        Reply<JoinOutcome> a = kit.join(A.member(group.leader()));
        kit.executor.advanceTo(handedOutMs + SESSION_MS - 1);
        assertFalse(a.answered(), "the join phase waits for the member the id was handed to");
        kit.executor.advance(1);
        assertEquals(2, a.get().generationId());
        assertEquals(Set.of(group.leader()), memberIds(a.get()));
    }

    @Test
    void anIdHandedOutWithMemberIdRequiredCanLeaveAndNoLongerHoldsUpTheJoinPhase() {
        StableGroup group = kit.stableGroup(A);
        String pending = kit.memberIdRequired(B);
        Reply<JoinOutcome> a = kit.join(A.member(group.leader()));
        assertFalse(a.answered());
        assertEquals(List.of(ErrorCode.NONE), kit.leave(GROUP, byMemberId(pending)).memberErrors());
        assertEquals(2, a.get().generationId());
    }

    @Test
    void noTimerIsLeftBehindOnceEveryMemberHasLeft() {
        StableGroup group = kit.stableGroup(A, B);
        // Past the sessions of the ids handed out with MEMBER_ID_REQUIRED, whose timers just lapse.
        kit.executor.advance(SESSION_MS - 1_000);
        kit.heartbeat(group.leader(), 1);
        kit.heartbeat(group.member(1), 1);
        kit.executor.advance(2_000);
        assertEquals(List.of(ErrorCode.NONE, ErrorCode.NONE),
                kit.leave(GROUP, byMemberId(group.leader()), byMemberId(group.member(1))).memberErrors());
        assertEquals("Empty", kit.state(GROUP));
        assertEquals(1, kit.executor.pendingTimerCount(), "only the periodic offset expiry check is left");
    }

    private GroupRecord lastRecord() {
        List<GroupRecord> log = kit.store.log();
        return log.get(log.size() - 1);
    }

    private static Set<String> memberIds(JoinOutcome leaderOutcome) {
        Set<String> ids = new HashSet<>();
        for (JoinOutcome.MemberMetadata member : leaderOutcome.members()) {
            ids.add(member.memberId());
        }
        return ids;
    }

    private static List<String> memberIds(GroupSummary summary) {
        return summary.members().stream().map(GroupSummary.Member::memberId).toList();
    }
}
